import type { Sql } from "./sql";

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
  keysParam: (keys: readonly number[]) => unknown;
  /** `column` is one of the keys bound as one parameter. */
  inKeys(column: string): string;
  /**
   * Boolean SQL: `column` is one of the values `subquery` answers, the subquery run once and its
   * values looked up in `column`'s index (PeopleSelection's "in" form: few matches, sorted after).
   */
  inSubquery(column: string, subquery: string): string;
  /**
   * Boolean SQL: `subquery`, correlated with the outer row, answers a row; run for each outer row
   * as it is read (PeopleSelection's "exists" form: walk the sort index and probe each person until
   * the page is full), never turned into a join that reads every match first.
   */
  existsProbe(subquery: string): string;
  /**
   * Boolean SQL: `column` holds the text a containsPattern (src/db/like.ts) bound as `param` (`?`
   * or a TypeORM `:name`) asks for, in any case of Latin letters.
   */
  contains(column: string, param: string): string;
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
   * A JSON object of `entries` ([key, SQL of a JSON value: jsonScalar, jsonBoolean, jsonList, another
   * jsonObject, or SQL NULL for null]), its keys in the order given (at most 50: PostgreSQL's
   * functions take 100 arguments). Keys are GraphQL names or "$", written as they are. No space
   * between its tokens, as JSON.stringify writes an answer. Selected as a column, the driver answers its text.
   */
  jsonObject(entries: readonly (readonly [string, string])[]): string;
  /**
   * A JSON value, for a jsonObject's entry: the array of `value` (a jsonObject) for each row of
   * `from` (tables and joins) that meets `where`, in `orderBy` order; `[]` when there is none.
   */
  jsonList(value: string, from: string, where: string, orderBy: string): string;
  /** A text or number (a column, a typed expression: not a bare literal) as a JSON value; SQL NULL is null. */
  jsonScalar(sql: string): string;
  /** A boolean column as a JSON value: true, false or null. */
  jsonBoolean(column: string): string;
  /**
   * A query answering the number of seats of the congress whose id `key` (SQL) names, read from a
   * count kept as seats are written; null where the engine counts the seats' index instead. SQLite
   * keeps the count by triggers (the CongressSeatCount migration): counting a congress of 5,000
   * seats took as long as the rest of a delegates page's statements. PostgreSQL counts: there a
   * count kept by a row trigger is one row that every seat of a transaction updates again, each
   * update a new version of it for the next to step over, and a 10,000-row import took 7% longer.
   */
  congressSeats(key: string): string | null;
  /**
   * A query answering one row, column "version": a value that differs once any other connection
   * has committed a change, checked by what a reader holds in memory (the facet index). Within a
   * snapshot (SqlReader.snapshot) it is the snapshot's.
   */
  readonly dataVersion: string;
  /** Statements that refresh the planner's statistics (run at start, after migrations). */
  readonly optimize: readonly string[];
  /** The search index's reads. */
  readonly search: SearchDialect;
}

/**
 * The search index's engine-specific reads (SQLite: FTS5 trigram and a gram table; PostgreSQL:
 * pg_trgm and a gram table). src/search builds its matching, ranking and paging on them in
 * standard SQL, so one statement answers a page and the engine holds the ranked list, not the app.
 */
export interface SearchDialect {
  /**
   * A SELECT of the index rows ("doc") whose text contains `text` (three characters or more), and
   * ("body") their text where the engine read it to match them (null otherwise: it is read by `body`).
   */
  textDocs(text: string): Sql;
  /**
   * A SELECT of the index rows ("doc") of short fields holding the one- or two-character `gram`
   * (lower case), with where it stands in the text ("place": 0 it is the whole text, 1 it starts
   * it, 2 elsewhere), so ranking a short query reads no text.
   */
  gramDocs(gram: string): Sql;
  /** SQL for the text of the index row whose id `doc` names (SQL). */
  body(doc: string): string;
  /** SQL for `text` in lower case as JavaScript's toLowerCase writes it (ranks compare it with the query lowered so). */
  lower(text: string): string;
  /**
   * Boolean SQL: pinyin `key` occurs in the syllables `spaced` ("Wan Ya Li", any case, ü or v)
   * starting at a syllable (src/search/pinyin.ts syllableAligned).
   */
  syllableAligned(spaced: string, key: string): string;
  /**
   * Boolean SQL: text `column` lies in the range bound by the two parameters it holds (`?`, from
   * and before), compared code point by code point whatever the database's collation, so that a
   * prefix and the prefix followed by U+FFFF bound the texts that start with it. An index serves it.
   */
  inRange(column: string): string;
  /**
   * How the index is merged back into one piece after bulk writes (src/db/search-merge.ts); null
   * where the engine keeps its index in one piece (PostgreSQL's GIN index). SQLite's FTS5 keeps
   * each write transaction's entries as a segment of their own and merges them only a few at a
   * time, and every search reads every segment. Each statement answers nothing:
   * - `segments`: one row, "n", the segments the index is in;
   * - `all`: merges them all at once (FTS5's 'optimize': returns at once when there is one);
   * - `start`, then `step` until a step changes fewer than 2 rows (`changes`, one row "n", counted
   *   before and after): the same merge in steps of bounded work, other writes going between them.
   */
  readonly merge: { segments: string; all: string; start: string; step: string; changes: string } | null;
  /**
   * After bulk writes (src/db/search-merge.ts): the statements, run in order in a write transaction,
   * that move what the index keeps aside into it; null where nothing is kept aside (SQLite). A
   * PostgreSQL GIN index takes new entries into a pending list, which every search reads through
   * from end to end, until a vacuum or analyze, or 4 MB of them (gin_pending_list_limit), moves them
   * into its tree (bench/README.md: a 3-character search 0.26 → 1.81 ms after an import of 6,000 people).
   */
  readonly cleanPending: readonly string[] | null;
}
