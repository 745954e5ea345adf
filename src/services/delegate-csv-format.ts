/**
 * The delegate spreadsheet: one row per delegate of one congress. `name` is required; the rest are
 * optional. Export writes the same columns, so an exported file imports back unchanged.
 */
export const CSV_COLUMNS = ["name", "delegation", "employer", "title", "honours", "gender", "photo_url", "id"] as const;
export type Column = (typeof CSV_COLUMNS)[number];

/** Separates several titles or honours in one cell. */
export const LIST_SEPARATOR = /[;；]/;
export const EXPORT_SEPARATOR = "；";

/**
 * CSV injection (OWASP): a spreadsheet runs a cell that starts with = + - @, tab or carriage
 * return as a formula, unless a ' marks it as text; the ' is not part of the value it shows or
 * saves. The export puts a ' before such cells, and before cells that start with ' themselves, so
 * that the import can take away exactly that one ' and nothing else.
 */
const NEEDS_QUOTE_MARK = /^[=+\-@\t\r']/;
const QUOTE_MARKED = /^'[=+\-@\t\r']/;
export const escapeCell = (text: string) => (NEEDS_QUOTE_MARK.test(text) ? `'${text}` : text);
export const unescapeCell = (text: string) => (QUOTE_MARKED.test(text) ? text.slice(1) : text);

/** An honour as the `honours` column writes it: "广东省五一劳动奖章(2019)", "评委(2022-2024)". */
export function formatHonour(name: string, yearFrom: number | null, yearTo: number | null): string {
  if (yearFrom === null) return name;
  return yearTo !== null && yearTo !== yearFrom ? `${name}(${yearFrom}-${yearTo})` : `${name}(${yearFrom})`;
}

/** `items` by `key`, each list in the order given (the import's and the export's lookups). */
export const group = <T, K>(items: T[], key: (t: T) => K) => {
  const map = new Map<K, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
};
