import { timeoutError } from "../errors";

/**
 * Runs `work` unless the request's `deadline` (epoch ms) has passed: past it, no further statement
 * starts, and the caller gets TIMEOUT. A statement on the main thread runs to its end once started
 * (the driver is synchronous): what may run long goes to the worker threads (src/db/slow-reads.ts),
 * where it is ended at the deadline.
 */
export function withinDeadline<T>(deadline: number, work: () => Promise<T>): Promise<T> {
  if (Date.now() > deadline) return Promise.reject(timeoutError());
  return work();
}
