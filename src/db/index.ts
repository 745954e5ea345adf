import type { Database } from "better-sqlite3";
import type { Pool } from "pg";
import type { DataSource } from "typeorm";
import type { DatabaseConfig } from "../config";
import type { Dialect } from "./dialect";
import type { ReadTarget, SqlReader } from "./reader";
import { SqlLogger } from "./sql-logger";
import { openPool, urlOf } from "./postgres/connection";
import { PgReader } from "./postgres/reader";
import { openReadOnly } from "./sqlite/connection";
import { SqliteReader } from "./sqlite/statements";

export type { ReadTarget, SqlReader } from "./reader";
export type { Dialect, SearchDialect } from "./dialect";

/** The SQL that differs by engine, for a TypeORM connection's. */
export function dialectOf(ds: DataSource): Dialect {
  return readerOf(ds).dialect;
}

const readers = new WeakMap<DataSource, SqlReader>();

/** The app's own SQL on a TypeORM connection (ormconfig.ts): one reader per connection, its statements prepared once. */
export function readerOf(ds: DataSource): SqlReader {
  let reader = readers.get(ds);
  if (!reader) {
    if (ds.options.type === "postgres") {
      // The pool TypeORM opened for the connection (the primary's).
      const pool = (ds.driver as unknown as { master: Pool }).master;
      reader = new PgReader(pool, ds.logger);
    } else {
      const connection = (ds.driver as unknown as { databaseConnection: Database }).databaseConnection;
      reader = new SqliteReader(connection, ds.logger);
    }
    readers.set(ds, reader);
  }
  return reader;
}

/**
 * A read-only connection outside TypeORM, for a worker thread (src/read-worker.ts): light to open,
 * nothing but SQL. On PostgreSQL it reads from `target`: the replica (when there is one) or the primary.
 */
export function openWorkerReader(db: DatabaseConfig, logger: SqlLogger, target: ReadTarget = "replica"): { reader: SqlReader; close: () => Promise<void> } {
  if (db.kind === "postgres") {
    const pool = openPool(urlOf(db, target), 1);
    return { reader: new PgReader(pool, logger, true), close: () => pool.end() };
  }
  const connection = openReadOnly(db);
  return { reader: new SqliteReader(connection, logger, true), close: async () => void connection.close() };
}
