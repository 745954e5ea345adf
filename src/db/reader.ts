/**
 * The reads the app writes its own SQL for (loaders, list pages, counts, facets, search),
 * whatever the engine and wherever the connection lives (the main thread's reader, a worker
 * thread's). Statements are prepared once per connection and logged like TypeORM's own. Answers
 * are promises whatever the driver, so callers need not know whether it is synchronous.
 */
import type { Dialect } from "./dialect";

/**
 * Which server a read goes to on PostgreSQL: the primary (DATABASE_URL), or the replica
 * (DATABASE_READ_URL), which is the primary when there is none. SQLite has one file for both.
 */
export type ReadTarget = "primary" | "replica";

export interface SqlReader {
  /** The SQL that differs by engine, for the connection's. */
  readonly dialect: Dialect;
  /** The rows `sql` answers, as objects named by column. */
  rows<T = Record<string, unknown>>(sql: string, params: readonly unknown[]): Promise<T[]>;
  /** A query of one row and one column of JSON text, answered parsed. */
  json(sql: string, params: readonly unknown[]): Promise<unknown>;
  /**
   * Whether the connection is the reader's alone and never writes (a worker thread's): only then do
   * its reads in `snapshot` see one state of the database, and does Dialect.dataVersion change
   * with every write (a connection's own commits leave it as it was).
   */
  readonly isolated: boolean;
  /**
   * Whether the driver runs each statement on the calling thread, to its end (SQLite's): a deadline
   * is then checked only before a statement starts, so the reads of several requests may share one
   * statement without holding any of them past its deadline (src/db/read-batch.ts). PostgreSQL's
   * statements run elsewhere and are ended at their request's deadline: each request's its own.
   */
  readonly synchronous: boolean;
  /** `read`'s statements in one snapshot of the database when the reader is isolated; as they come otherwise. */
  snapshot<T>(read: () => Promise<T>): Promise<T>;
  /**
   * This reader with each statement held to `deadline` (epoch ms, a request's, read as the statement
   * is about to start: src/db/deadline.ts): past it no statement starts and the caller gets TIMEOUT.
   * A statement already started is ended at the deadline where the engine can (PostgreSQL:
   * src/db/postgres/reader.ts); SQLite's driver is synchronous, so a statement it has started runs
   * to its end. A worker thread's reader (isolated) answers itself: its statement is ended with its
   * thread (src/db/slow-reads.ts). The one deadline check of a request's main-thread SQL: callers
   * read through this view.
   */
  until(deadline: () => number): SqlReader;
}
