/**
 * The SQL that differs by engine, for the SQL the app writes itself (loaders, list pages, counts,
 * facets). Everything else it writes is standard SQL with `?` placeholders, which every engine's
 * reader binds in the order of the text (jsonArrays' `values` before its `from`). One
 * implementation per engine (src/db/sqlite/dialect.ts).
 */
export interface Dialect {
  /** A FROM item of several keys bound as one parameter (keysParam): table "keys", column "key". */
  keyTable(): string;
  /** The same for one key, bound as itself. */
  oneKeyTable(): string;
  /** The one parameter that binds `keys` for keyTable, oneKeyTable and inKeys. */
  keysParam(keys: readonly number[]): unknown;
  /** `column` is one of the keys bound as one parameter. */
  inKeys(column: string): string;
  /**
   * A query answering one row of one column, "rows": the JSON text of an array with one array of
   * `values` per row of `from` (a table with its conditions, or a subquery), in `orderBy` order
   * (null: any order); `[]` when there is none.
   */
  jsonArrays(values: readonly string[], from: string, orderBy: string | null): string;
  /**
   * A scalar subquery answering JSON text (a jsonArrays query), as one of another jsonArrays'
   * `values`: embedded as the JSON value it holds, not as a string.
   */
  jsonValue(query: string): string;
  /**
   * A query answering one row, column "version": a value that differs once any other connection
   * has committed a change, checked by what a reader holds in memory (the facet index). Within a
   * snapshot (SqlReader.snapshot) it is the snapshot's.
   */
  readonly dataVersion: string;
  /** Statements that refresh the planner's statistics (run at start, after migrations). */
  readonly optimize: readonly string[];
}
