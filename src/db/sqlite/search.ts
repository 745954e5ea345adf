import type { Database } from "better-sqlite3";
import type { SearchDialect } from "../dialect";
import { sql } from "../sql";
import { syllableAligned } from "../../search/pinyin";

/** Pages of the search index one step of a merge writes at most (about 400 KB): a step's time holds the event loop (bench/README.md). */
const MERGE_STEP_PAGES = 100;

/** An FTS5 phrase: the query as literal text, whatever operators or quotes it holds. */
function phrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * SQLite's search index: FTS5 with the trigram tokenizer from three characters, the gram table
 * below that, and two functions of the connection (registerSearchFunctions) where SQLite's own
 * fall short: its lower() folds ASCII only, and it has no loop over a text's syllables.
 */
export const sqliteSearch: SearchDialect = {
  // FTS5 reads a text from its content table only when asked: `body` reads the few that rank a hit.
  textDocs: (text) => sql(`SELECT t."rowid" AS "doc", NULL AS "body" FROM "search_text" t WHERE t."search_text" MATCH ?`, phrase(text)),
  gramDocs: (gram) => sql(`SELECT g."doc" AS "doc", g."place" AS "place" FROM "search_gram" g WHERE g."gram" = ?`, gram),
  body: (doc) => `(SELECT b."body" FROM "search_text" b WHERE b."rowid" = ${doc})`,
  lower: (text) => `search_lower(${text})`,
  syllableAligned: (spaced, key) => `search_syllable_aligned(${spaced}, ${key})`,
  // SQLite compares text byte by byte (BINARY) unless told otherwise.
  inRange: (column) => `${column} >= ? AND ${column} < ?`,
  merge: {
    // FTS5's own record of its segments is binary; its %_idx shadow table has rows for each one.
    segments: `SELECT COUNT(DISTINCT "segid") AS "n" FROM "search_text_idx"`,
    all: `INSERT INTO "search_text"("search_text") VALUES ('optimize')`,
    // A negative page count starts merging every segment into one (as 'optimize' does); a positive one goes on.
    start: `INSERT INTO "search_text"("search_text", "rank") VALUES ('merge', -${MERGE_STEP_PAGES})`,
    step: `INSERT INTO "search_text"("search_text", "rank") VALUES ('merge', ${MERGE_STEP_PAGES})`,
    changes: `SELECT total_changes() AS "n"`,
  },
  // FTS5 writes its entries into segments of the index as they come.
  cleanPending: null,
};

/** The functions sqliteSearch's SQL calls, on `connection` (every connection the app reads through). */
export function registerSearchFunctions(connection: Database): void {
  // SQLite hands a function only text, numbers, blobs or NULL.
  type SqlValue = string | number | bigint | Buffer | null | undefined;
  const text = (value: SqlValue) => (value === null || value === undefined ? null : String(value));
  connection.function("search_lower", { deterministic: true }, (value: SqlValue) => text(value)?.toLowerCase() ?? null);
  connection.function("search_syllable_aligned", { deterministic: true }, (spaced: SqlValue, key: SqlValue) => {
    const s = text(spaced);
    const k = text(key);
    return s !== null && k !== null && syllableAligned(s.toLowerCase().replace(/ü/g, "v"), k) ? 1 : 0;
  });
}
