import type { Database } from "better-sqlite3";
import type { DataSource } from "typeorm";
import type { DatabaseConfig } from "../config";
import type { Dialect } from "./dialect";
import type { SqlReader } from "./reader";
import { SqlLogger } from "./sql-logger";
import { openReadOnly } from "./sqlite/connection";
import { SqliteReader } from "./sqlite/statements";

export type { SqlReader } from "./reader";
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
    const connection = (ds.driver as unknown as { databaseConnection: Database }).databaseConnection;
    readers.set(ds, (reader = new SqliteReader(connection, ds.logger)));
  }
  return reader;
}

/** A read-only connection outside TypeORM, for a worker thread (src/read-worker.ts): light to open, nothing but SQL. */
export function openWorkerReader(db: DatabaseConfig, logger: SqlLogger): { reader: SqlReader; close(): void } {
  const connection = openReadOnly(db);
  return { reader: new SqliteReader(connection, logger, true), close: () => connection.close() };
}
