import type { DataSource } from "typeorm";
import { postgresWriter } from "./postgres";
import { sqliteWriter } from "./sqlite";

/**
 * How the bench data reaches an engine: the generator builds rows once (arrays in `columns`
 * order) and hands them to one of these, which owns all the engine's SQL for the load.
 */
export interface BulkWriter {
  /** A read with `?` placeholders (portable SQL only). */
  all: <T>(sql: string, params?: unknown[]) => Promise<T[]>;
  /** Runs `fn` in one transaction. */
  transaction(fn: () => Promise<void>): Promise<void>;
  /** Inserts `rows` into `table`; ids are the generator's, so the writer leaves them as given. */
  insert(table: string, columns: string[], rows: unknown[][]): Promise<void>;
  /** After the last insert: what the engine needs before the database serves (named phases, timed by the caller). */
  finish(phase: (name: string) => void): Promise<void>;
  /** Gives back the connection it held. */
  release(): Promise<void>;
}

/** The writer for the engine under `ds` (a migrated TypeORM DataSource). */
export async function bulkWriter(ds: DataSource): Promise<BulkWriter> {
  return ds.options.type === "postgres" ? postgresWriter(ds) : sqliteWriter(ds);
}
