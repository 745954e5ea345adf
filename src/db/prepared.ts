import type { Database, Statement } from "sqlite3";
import { DataSource } from "typeorm";

/**
 * The reads every request makes (the loaders' batch queries), each SQL text prepared once per
 * connection and reused. Preparing a statement for every call, as
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
const statements = new WeakMap<DataSource, Map<string, Promise<Statement>>>();

/**
 * The statement for `sql`, prepared once. Nothing is run on a statement before its prepare has
 * succeeded: sqlite3 silently drops the calls queued on a statement whose prepare fails, which
 * would leave their promises pending for ever. A text SQLite refuses is not kept.
 */
function statementFor(ds: DataSource, sql: string): Promise<Statement> {
  let prepared = statements.get(ds);
  if (!prepared) {
    prepared = new Map();
    statements.set(ds, prepared);
  }
  const cache = prepared;
  let statement = cache.get(sql);
  if (statement) cache.delete(sql);
  else {
    if (cache.size >= MAX_PREPARED) {
      const [oldest, evicted] = cache.entries().next().value!;
      cache.delete(oldest);
      // sqlite3 runs a finalize after the runs already queued on the statement
      evicted.then((st) => st.finalize(), () => undefined);
    }
    const created: Promise<Statement> = new Promise((resolve, reject) => {
      const st = (ds.driver as unknown as { databaseConnection: Database }).databaseConnection.prepare(sql, (error: Error | null) => {
        if (!error) return resolve(st);
        if (cache.get(sql) === created) cache.delete(sql);
        reject(error);
      });
    });
    statement = created;
  }
  cache.set(sql, statement);
  return statement;
}

export async function preparedAll<T = Record<string, unknown>>(ds: DataSource, sql: string, params: unknown[]): Promise<T[]> {
  ds.logger.logQuery(sql, params);
  try {
    const statement = await statementFor(ds, sql);
    return await new Promise<T[]>((resolve, reject) => statement.all(params, (error: Error | null, rows: T[]) => (error ? reject(error) : resolve(rows))));
  } catch (error) {
    ds.logger.logQueryError(error as Error, sql, params);
    throw error;
  }
}

/** Finalizes the connection's prepared statements (SQLite refuses to close with any left open). */
export async function finalizePrepared(ds: DataSource): Promise<void> {
  const prepared = statements.get(ds);
  if (!prepared) return;
  statements.delete(ds);
  const settled = await Promise.allSettled(prepared.values());
  await Promise.all(
    settled.map((s) => (s.status === "fulfilled" ? new Promise<void>((resolve) => s.value.finalize(() => resolve())) : undefined)),
  );
}
