/**
 * Dialect.jsonObject as both engines write it: JSON text put together from its values' text, which
 * nothing parses again. Not SQLite's json_object and json_group_array (they build their values
 * through its JSON parser: a list's JSONB made from the text of its objects, then written as text
 * again) nor PostgreSQL's json_build_object (it writes `{"id" : 1}`, spaces a page of people carries
 * into the answer, a tenth of its bytes; jsonb has none but orders the keys by length, where an
 * answer's keys keep the query's order). concat and string_agg are SQLite's (3.44) and PostgreSQL's;
 * PostgreSQL's concat takes 100 arguments (Dialect.jsonObject's 50 keys), so the brace is added after.
 */
export const jsonTextObject = (entries: readonly (readonly [string, string])[]): string =>
  `(concat(${entries.map(([key, value], i) => `'${i === 0 ? "{" : ","}"${key}":', COALESCE(${value}, 'null')`).join(", ")}) || '}')`;

/** Dialect.jsonList as both engines write it, of jsonTextObject's text. */
export const jsonTextList = (value: string, from: string, where: string, orderBy: string): string =>
  `(SELECT COALESCE('[' || string_agg(${value}, ',' ORDER BY ${orderBy}) || ']', '[]') FROM ${from} WHERE ${where})`;
