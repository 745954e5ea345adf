/**
 * The reads the app writes its own SQL for (loaders, list pages, counts, facets, search),
 * whatever the engine and wherever the connection lives (the main thread's reader, a worker
 * thread's). Statements are prepared once per connection and logged like TypeORM's own. Answers
 * are promises whatever the driver, so callers need not know whether it is synchronous.
 */
import type { Dialect } from "./dialect";

export interface SqlReader {
  /** The SQL that differs by engine, for the connection's. */
  readonly dialect: Dialect;
  /** The rows `sql` answers, as objects named by column. */
  rows<T = Record<string, unknown>>(sql: string, params: readonly unknown[]): Promise<T[]>;
  /** A query of one row and one column of JSON text, answered parsed. */
  json(sql: string, params: readonly unknown[]): Promise<unknown>;
}
