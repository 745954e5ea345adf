import type { SearchDialect } from "../dialect";
import { sql } from "../sql";

import { containsPattern } from "../like";

/**
 * PostgreSQL's search index (the SearchIndex migration): search_text with a pg_trgm GIN index for
 * three characters and more, the gram table below that, and search_syllable_aligned, a function
 * of the database, for pinyin.
 */
export const postgresSearch: SearchDialect = {
  textDocs: (text) => sql(`SELECT t."rowid" AS "doc" FROM "search_text" t WHERE t."body" ILIKE ?`, containsPattern(text)),
  gramDocs: (gram) => sql(`SELECT g."doc" AS "doc", g."place" AS "place" FROM "search_gram" g WHERE g."gram" = ?`, gram),
  body: (doc) => `(SELECT b."body" FROM "search_text" b WHERE b."rowid" = ${doc})`,
  lower: (text) => `lower(${text})`,
  syllableAligned: (spaced, key) => `search_syllable_aligned(${spaced}, ${key})`,
};
