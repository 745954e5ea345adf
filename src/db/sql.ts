/**
 * SQL text with its parameters bound by position (`?`), in order. Built from fixed fragments, so
 * the text depends only on which conditions a query has, never on their values: each shape of
 * query is one prepared statement (src/db/sqlite/statements.ts).
 */
export interface Sql {
  text: string;
  params: unknown[];
}

/** SQL of `text` and its parameters. */
export const sql = (text: string, ...params: unknown[]): Sql => ({ text, params });

/** `parts` joined by `separator`, their parameters in the same order (parts with no text left out). */
export function joinSql(parts: readonly Sql[], separator: string): Sql {
  const kept = parts.filter((p) => p.text !== "");
  return { text: kept.map((p) => p.text).join(separator), params: kept.flatMap((p) => p.params) };
}
