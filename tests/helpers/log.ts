import type { LogLevel } from "../../src/config";
import { flushLog, setLogLevel } from "../../src/log";

/** A log line as src/log.ts writes it. */
export type LogEntry = Record<string, any>;

/**
 * The log lines `run` writes at `level` and above (the process's own stdout, captured while it runs,
 * and what it left pending written out), parsed; the level goes back to the tests' own after.
 */
export async function captureLog<T>(level: LogLevel, run: () => T | Promise<T>): Promise<{ result: T; entries: LogEntry[] }> {
  flushLog();
  const chunks: string[] = [];
  setLogLevel(level);
  const spy = jest.spyOn(process.stdout, "write").mockImplementation((chunk) => (chunks.push(String(chunk)), true));
  try {
    const result = await run();
    flushLog();
    return { result, entries: parseLines(chunks.join("")) };
  } finally {
    spy.mockRestore();
    setLogLevel((process.env.TEST_LOG_LEVEL || "silent") as LogLevel);
  }
}

/** JSON lines, each whole. */
export const parseLines = (text: string): LogEntry[] =>
  text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line));
