import type { Database, Statement } from "better-sqlite3";
import type { Logger } from "typeorm";
import type { SqlReader } from "../reader";
import { heldToDeadline } from "../deadline";
import { sqliteDialect } from "./dialect";
import { registerSearchFunctions } from "./search";

/**
 * SQL the app writes itself, on one better-sqlite3 connection: each text prepared once through the
 * driver's public API and reused, at most MAX_PREPARED texts per connection (the least recently used
 * goes; better-sqlite3 finalizes what is no longer referenced, and everything when the connection
 * closes). Every statement is logged as TypeORM logs its own (DB_LOGGING, the tests' counts).
 */
const MAX_PREPARED = 256;

export class SqliteReader implements SqlReader {
  readonly dialect = sqliteDialect;
  readonly synchronous = true;
  /** By text, least recently used first: the statement answering rows, the one answering its first column, as asked. */
  private readonly prepared = new Map<string, { rows?: Statement; plucked?: Statement }>();

  constructor(
    private readonly connection: Database,
    private readonly logger: Pick<Logger, "logQuery" | "logQueryError">,
    readonly isolated = false,
  ) {
    registerSearchFunctions(connection);
  }

  async snapshot<T>(read: () => Promise<T>): Promise<T> {
    // A worker runs one task at a time, so no other read shares the transaction; a nested snapshot joins it.
    if (!this.isolated || this.connection.inTransaction) return read();
    this.logger.logQuery("BEGIN");
    this.connection.exec("BEGIN");
    try {
      return await read();
    } finally {
      if (this.connection.inTransaction) {
        this.logger.logQuery("COMMIT");
        this.connection.exec("COMMIT");
      }
    }
  }

  /** A statement the driver has started runs to its end (it is synchronous); past the deadline none starts. */
  until(deadline: () => number): SqlReader {
    return heldToDeadline(this, deadline);
  }

  async rows<T>(sql: string, params: readonly unknown[]): Promise<T[]> {
    return this.run(sql, params, false, (st, values) => st.all(...values) as T[]);
  }

  async json(sql: string, params: readonly unknown[]): Promise<unknown> {
    const text = this.run(sql, params, true, (st, values) => st.get(...values));
    if (typeof text !== "string") throw new Error(`json: the query answered ${text === undefined ? "no row" : typeof text}, not JSON text`);
    return JSON.parse(text);
  }

  private run<T>(sql: string, params: readonly unknown[], pluck: boolean, read: (st: Statement, values: unknown[]) => T): T {
    this.logger.logQuery(sql, params as unknown[]);
    try {
      // SQLite has no boolean: better-sqlite3 refuses one, TypeORM binds 1 and 0.
      return read(
        this.statement(sql, pluck),
        params.map((p) => (typeof p === "boolean" ? (p ? 1 : 0) : p)),
      );
    } catch (error) {
      this.logger.logQueryError(error as Error, sql, params as unknown[]);
      throw error;
    }
  }

  private statement(sql: string, pluck: boolean): Statement {
    // Keyed by the text itself: the combined reads' texts are built once (src/db/read-batch.ts), so
    // their hash is V8's cached one; a key made per call ("1" + sql) was a few kilobytes to copy and hash.
    let entry = this.prepared.get(sql);
    if (entry) this.prepared.delete(sql);
    else {
      if (this.prepared.size >= MAX_PREPARED) this.prepared.delete(this.prepared.keys().next().value!);
      entry = {};
    }
    this.prepared.set(sql, entry);
    if (pluck) return (entry.plucked ??= this.connection.prepare(sql).pluck());
    return (entry.rows ??= this.connection.prepare(sql));
  }
}
