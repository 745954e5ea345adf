/** Runs SQL against the bench database (read only), `?` placeholders, portable SQL. */
export type Sql = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;

/** The harness's own connection to the bench database. */
export interface BenchReader {
  sql: Sql;
  /** The engine and its version, for the report. */
  version: () => Promise<string>;
  close: () => Promise<void>;
}
