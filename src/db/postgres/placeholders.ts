/**
 * The app's SQL binds parameters by position with `?`, as SQLite does; PostgreSQL numbers them
 * ($1, $2 …). A `?` inside a quoted literal or name is text, not a parameter.
 */
const numbered = new Map<string, string>();
const MAX_CACHED = 1024;

export function numberPlaceholders(sql: string): string {
  let text = numbered.get(sql);
  if (text !== undefined) return text;
  let n = 0;
  let quote: string | null = null;
  text = "";
  for (const ch of sql) {
    if (quote !== null) {
      if (ch === quote) quote = null;
      text += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      text += ch;
    } else text += ch === "?" ? `$${++n}` : ch;
  }
  if (numbered.size >= MAX_CACHED) numbered.delete(numbered.keys().next().value!);
  numbered.set(sql, text);
  return text;
}
