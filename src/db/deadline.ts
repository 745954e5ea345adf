import { timeoutError } from "../errors";
import type { SqlReader } from "./reader";

/** How an engine's reader runs one statement, given the deadline it was checked against (Infinity: none). */
export interface StatementRunner {
  rows<T>(sql: string, params: readonly unknown[], deadline: number): Promise<T[]>;
  json(sql: string, params: readonly unknown[], deadline: number): Promise<unknown>;
}

/**
 * SqlReader.until for every engine: `reader` with each statement held to `deadline`, read as the
 * statement is about to start (a read batched with others, as its statement starts). Past it the
 * statement is neither started nor logged, and the caller gets TIMEOUT; before it, the reader runs
 * the statement with that deadline, which an engine that can end a statement ends it at
 * (PostgreSQL). What may run long on SQLite goes to the worker threads (src/db/slow-reads.ts).
 * A worker thread's reader (isolated) answers itself: its statement is ended with its thread.
 */
export function heldToDeadline(reader: SqlReader & StatementRunner, deadline: () => number): SqlReader {
  if (reader.isolated) return reader;
  const held = <T>(read: (at: number) => Promise<T>): Promise<T> => {
    const at = deadline();
    return Date.now() > at ? Promise.reject(timeoutError()) : read(at);
  };
  return {
    dialect: reader.dialect,
    isolated: false,
    synchronous: reader.synchronous,
    rows: <T>(sql: string, params: readonly unknown[]) => held((at) => reader.rows<T>(sql, params, at)),
    json: (sql: string, params: readonly unknown[]) => held((at) => reader.json(sql, params, at)),
    snapshot: (read) => reader.snapshot(read),
    until: (other) => reader.until(other),
  };
}
