import type { IndexEngine } from "../../search/index-sql";
import { MAX_GRAM_TEXT } from "../../search/index-layout";

/**
 * PostgreSQL's: a trigger runs a function, here one per trigger and of the same name, written as
 * pg_get_functiondef prints it so that a test compares the database's with this text as it is.
 */
export const postgresIndex: IndexEngine = {
  insertIgnore: (into, select) => `INSERT INTO ${into} ${select} ON CONFLICT DO NOTHING`,
  numbers: `generate_series(1, ${MAX_GRAM_TEXT}) AS s("n")`,
  trigger: (name, event, table, statements) => [
    `CREATE OR REPLACE FUNCTION public.${name}()\n RETURNS trigger\n LANGUAGE plpgsql\nAS $function$\nBEGIN\n` +
      `${statements.map((s) => `  ${s};`).join("\n")}\n  RETURN NULL;\nEND\n$function$\n`,
    `CREATE TRIGGER "${name}" AFTER ${event} ON "${table}" FOR EACH ROW EXECUTE FUNCTION public.${name}()`,
  ],
  dropTrigger: (name, table) => [`DROP TRIGGER IF EXISTS "${name}" ON "${table}"`, `DROP FUNCTION IF EXISTS public.${name}()`],
};

/**
 * search_syllable_aligned(spaced, key): pinyin `key` occurs in the syllables `spaced` ("Wan Ya Li",
 * any case, ü or v) starting at a syllable, as src/search/pinyin.ts syllableAligned answers (SQLite
 * calls that one). False, not null, when either is null, as there.
 */
export const SYLLABLE_ALIGNED_FUNCTION =
  `CREATE OR REPLACE FUNCTION public.search_syllable_aligned(spaced text, key text)\n RETURNS boolean\n LANGUAGE sql\n IMMUTABLE PARALLEL SAFE\n` +
  `AS $function$\n` +
  `SELECT EXISTS (SELECT 1 FROM (SELECT string_to_array(replace(lower(spaced), 'ü', 'v'), ' ') AS a) x, generate_subscripts(x.a, 1) AS i ` +
  `WHERE x.a[i] <> '' AND starts_with(array_to_string(x.a[i:], ''), key))\n` +
  `$function$\n`;
