import type { SearchDialect } from "../dialect";
import { containsPattern } from "../like";
import { sql } from "../sql";

/**
 * PostgreSQL's search index (the SearchIndex migration): search_text with a pg_trgm GIN index for
 * three characters and more, the gram table below that, and search_syllable_aligned, a function
 * of the database, for pinyin. ILIKE, as SQLite's trigram match, ignores case; the trigram index
 * serves it as it does LIKE (pg_trgm folds case when it cuts trigrams).
 */
export const postgresSearch: SearchDialect = {
  // The row ILIKE checked holds the text: answered with it, so ranking does not look each one up again.
  textDocs: (text) => sql(`SELECT t."rowid" AS "doc", t."body" FROM "search_text" t WHERE t."body" ILIKE ?`, containsPattern(text)),
  gramDocs: (gram) => sql(`SELECT g."doc" AS "doc", g."place" AS "place" FROM "search_gram" g WHERE g."gram" = ?`, gram),
  body: (doc) => `(SELECT b."body" FROM "search_text" b WHERE b."rowid" = ${doc})`,
  lower: (text) => `lower(${text})`,
  syllableAligned: (spaced, key) => `search_syllable_aligned(${spaced}, ${key})`,
  // Under COLLATE "C" text compares as bytes, that is by code point in UTF-8; the SearchIndex migration indexes the columns so.
  inRange: (column) => `${column} COLLATE "C" >= ? AND ${column} COLLATE "C" < ?`,
  // A GIN index is one tree.
  merge: null,
  // Its pending list moved into the tree at once, as a vacuum does. Only the index's owner may (the
  // user that ran the SearchIndex migration, or one with its rights); for another user it is left to
  // vacuum, without an error (the statement answers no row; the first time is logged). A vacuum
  // moving it already is waited for, 2 s at most: the statement runs in a write transaction, and
  // other writes wait meanwhile.
  cleanPending: [
    `SET LOCAL lock_timeout = '2s'`,
    `SELECT gin_clean_pending_list(c."oid") FROM pg_class c WHERE c."oid" = '"IDX_search_text_trgm"'::regclass AND pg_has_role(c."relowner", 'USAGE')`,
  ],
};
