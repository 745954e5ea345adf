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

/** Lines logged and not yet written (flushLog). */
let pending = "";
let flushScheduled = false;
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
  pending += JSON.stringify(entry) + "\n";
  // An error is written at once, with what came before it: the process may be about to die of it.
  if (level === "error") flushLog();
  else if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flushSoon);
  }
}

/**
 * Writes the lines logged so far. A loaded server logs a line per request; written one by one, each
 * was a system call and a wake-up of whatever reads stdout (bench/README.md, "Log lines written
 * together"). They are written together once the event loop has run what was ready, at an error,
 * and at exit; a process killed outright loses at most the lines of the turn it was in.
 */
export function flushLog(): void {
  if (pending === "") return;
  const text = pending;
  pending = "";
  process.stdout.write(text);
}

process.on("exit", flushLog);
