import type { Database, Statement } from "sqlite3";
import { DataSource } from "typeorm";

/**
 * The reads every request makes (the loaders' batch queries): a few fixed SQL texts, each
 * prepared once per connection and reused. Preparing a statement for every call, as
 * DataSource.query does, cost about 45 µs of a 100 µs key lookup. Statements are logged
 * like any other (DB_LOGGING, the tests' statement counts) and finalized before the
 * connection closes (DirectoryDataSource.destroy).
 *
 * The loaders' reads of one tick run as one statement (src/db/read-batch.ts), so the texts are
 * combinations of the few loader queries: one per shape of query a client sends. The most
 * recently used MAX_PREPARED stay prepared; the least recently used is finalized to make room
 * (sqlite3 runs a finalize after the statement's pending runs).
 */
const MAX_PREPARED = 256;
const statements = new WeakMap<DataSource, Map<string, Statement>>();

export function preparedAll<T = Record<string, unknown>>(ds: DataSource, sql: string, params: unknown[]): Promise<T[]> {
  let prepared = statements.get(ds);
  if (!prepared) {
    prepared = new Map();
    statements.set(ds, prepared);
  }
  let statement = prepared.get(sql);
  if (statement) prepared.delete(sql);
  else {
    statement = (ds.driver as unknown as { databaseConnection: Database }).databaseConnection.prepare(sql);
    if (prepared.size >= MAX_PREPARED) {
      const [oldest, evicted] = prepared.entries().next().value!;
      prepared.delete(oldest);
      evicted.finalize();
    }
  }
  prepared.set(sql, statement);
  ds.logger.logQuery(sql, params);
  const run = statement;
  return new Promise((resolve, reject) => {
    run.all(params, (error: Error | null, rows: T[]) => {
      if (error) {
        ds.logger.logQueryError(error, sql, params);
        reject(error);
      } else resolve(rows);
    });
  });
}

/** Finalizes the connection's prepared statements (SQLite refuses to close with any left open). */
export async function finalizePrepared(ds: DataSource): Promise<void> {
  const prepared = statements.get(ds);
  if (!prepared) return;
  statements.delete(ds);
  await Promise.all([...prepared.values()].map((statement) => new Promise<void>((resolve) => statement.finalize(() => resolve()))));
}
