import { isMainThread } from "worker_threads";
import type { LogLevel } from "./config";

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
let threshold = ORDER.info;

export function setLogLevel(level: LogLevel): void {
  threshold = ORDER[level];
}

let processFields: Record<string, unknown> = {};

/** Fields every later line carries: which process of WORKERS=N wrote it (pid, worker id). */
export function setProcessLogFields(fields: Record<string, unknown>): void {
  processFields = fields;
}

/** Lines logged and not yet written (flushLog), each with its newline. */
let pending: string[] = [];
let flushScheduled = false;
/**
 * Writes to a pipe of at most this many bytes go through whole (POSIX's PIPE_BUF on Linux): the
 * processes of WORKERS=N share one stdout, and a longer write could take another's line inside one of its own.
 */
const WHOLE_WRITE_BYTES = 4096;
const flushSoon = () => {
  flushScheduled = false;
  flushLog();
};

/** One JSON object per line on stdout: time, level, msg and any fields (requestId, status, ms …). */
export function log(level: Exclude<LogLevel, "silent">, msg: string, fields: Record<string, unknown> = {}): void {
  if (ORDER[level] < threshold) return;
  const entry: Record<string, unknown> = { time: new Date().toISOString(), level, msg, ...processFields, ...fields };
  if (fields.error instanceof Error) {
    // The driver's code (SQLITE_FULL, PostgreSQL's 57P01 …) says which fault it was; an Error keeps it as an own property.
    const { code } = fields.error as { code?: unknown };
    entry.error = { message: fields.error.message, ...(typeof code === "string" || typeof code === "number" ? { code } : {}), stack: fields.error.stack };
  }
  pending.push(JSON.stringify(entry) + "\n");
  // An error is written at once, with what came before it: the process may be about to die of it. A
  // worker thread's lines go through the main thread's stdout anyway, and a thread ended by
  // terminate() (a read past its deadline) has no exit to write them at.
  if (level === "error" || !isMainThread) flushLog();
  else if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flushSoon);
  }
}

/**
 * Writes the lines logged so far. A loaded server logs a line per request; written one by one, each
 * was a system call and a wake-up of whatever reads stdout (bench/README.md, "Log lines written
 * together"). They are written together once the event loop has run what was ready, at an error,
 * and at exit, in writes of whole lines of at most WHOLE_WRITE_BYTES (a longer line alone). A process
 * killed outright loses the lines of the turn it was in, and a line can come out after what
 * console.log printed later in that turn.
 */
export function flushLog(): void {
  const lines = pending;
  pending = [];
  let chunk = "";
  let bytes = 0;
  for (const line of lines) {
    const size = Buffer.byteLength(line);
    if (bytes > 0 && bytes + size > WHOLE_WRITE_BYTES) {
      process.stdout.write(chunk);
      chunk = "";
      bytes = 0;
    }
    chunk += line;
    bytes += size;
  }
  if (chunk !== "") process.stdout.write(chunk);
}

process.on("exit", flushLog);
