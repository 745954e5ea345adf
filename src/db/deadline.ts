import { timeoutError } from "../errors";

/**
 * Runs `work` unless the request's `deadline` (epoch ms) has passed: past it, no further statement
 * starts, and the caller gets TIMEOUT. A statement SQLite has started on the main thread runs to its
 * end (the driver is synchronous): what may run long goes to the worker threads (src/db/slow-reads.ts),
 * where it is ended at the deadline. PostgreSQL's main-thread statements are ended at it too
 * (SqlReader.until: src/db/postgres/reader.ts).
 */
export function withinDeadline<T>(deadline: number, work: () => Promise<T>): Promise<T> {
  if (Date.now() > deadline) return Promise.reject(timeoutError());
  return work();
}
