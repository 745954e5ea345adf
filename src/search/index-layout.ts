/**
 * How the search index addresses what it holds. Each indexed text is one row of `search_text`
 * (SQLite: an FTS5 table; PostgreSQL: a table with a trigram index), whose rowid encodes what it
 * is: rowid = refId * 64 + kind * 8 + field. The search code reads the index by this layout, and
 * the migrations tests hold the triggers the migrations built, on each engine, to the ones it
 * describes. A table added to INDEXED, or a change to what an indexed table indexes, needs a
 * migration per engine with the statements reindexTableSql gives for it, written out
 * (`npm run search-index-sql -- [--postgres] TABLE` prints them): a migration never imports this file.
 */
export const KIND = { Person: 1, Organisation: 2, Honour: 3, Proposal: 4, Position: 5, Statistic: 6 } as const;
export type IndexKind = keyof typeof KIND;

/** Three bits: 0 to 7, all taken (label took the 0 no other field had). */
export const FIELD = { label: 0, name: 1, namePinyin: 2, biography: 3, nameEn: 4, title: 5, summary: 6, topic: 7 } as const;
export type IndexField = keyof typeof FIELD;

export function docId(kind: IndexKind, refId: number, field: IndexField): number {
  return refId * 64 + KIND[kind] * 8 + FIELD[field];
}

const KIND_OF_CODE: (IndexKind | undefined)[] = [];
for (const kind of Object.keys(KIND) as IndexKind[]) KIND_OF_CODE[KIND[kind]] = kind;
const FIELD_OF_CODE: (IndexField | undefined)[] = [];
for (const field of Object.keys(FIELD) as IndexField[]) FIELD_OF_CODE[FIELD[field]] = field;

export function decodeDoc(doc: number): { kind: IndexKind; refId: number; field: IndexField } {
  const kind = KIND_OF_CODE[Math.floor(doc / 8) % 8];
  const field = FIELD_OF_CODE[doc % 8];
  if (!kind || !field) throw new Error(`search index row ${doc} has an unknown kind or field`);
  return { kind, refId: Math.floor(doc / 64), field };
}

/** What a row id says of its text without its id (rowid % 64 in SQL): the codes of `fields`. */
export function docCodes(fields: [IndexKind, IndexField][]): number[] {
  return fields.map(([kind, field]) => docId(kind, 0, field));
}

export interface IndexedColumn {
  field: IndexField;
  /** SQL for the text, given the row's alias (NEW, OLD or a table alias). */
  sql: (row: string) => string;
  /** Also index its one- and two-character substrings (short fields: names and titles), each with its place: 0 the whole text, 1 its start, 2 elsewhere. */
  grams: boolean;
}

export interface IndexedTable {
  table: string;
  kind: IndexKind;
  columns: IndexedColumn[];
}

const col = (column: string) => (row: string) => `${row}."${column}"`;
/** Pinyin of organisation and honour names is stored "qing yuan shi"; the index holds it unspaced. */
const unspaced = (column: string) => (row: string) => `replace(${row}."${column}", ' ', '')`;

export const INDEXED: IndexedTable[] = [
  {
    table: "person",
    kind: "Person",
    columns: [
      { field: "name", sql: col("name"), grams: true },
      { field: "namePinyin", sql: col("namePinyinKey"), grams: false },
      { field: "biography", sql: col("biography"), grams: false },
    ],
  },
  {
    table: "organisation",
    kind: "Organisation",
    columns: [
      { field: "name", sql: col("name"), grams: true },
      { field: "namePinyin", sql: unspaced("namePinyin"), grams: false },
    ],
  },
  {
    table: "honour",
    kind: "Honour",
    columns: [
      { field: "name", sql: col("name"), grams: true },
      { field: "namePinyin", sql: unspaced("namePinyin"), grams: false },
      { field: "nameEn", sql: col("nameEn"), grams: false },
    ],
  },
  {
    table: "proposal",
    kind: "Proposal",
    columns: [
      { field: "title", sql: col("title"), grams: true },
      { field: "summary", sql: col("summary"), grams: false },
      { field: "topic", sql: col("topic"), grams: true },
    ],
  },
  { table: "position", kind: "Position", columns: [{ field: "title", sql: col("title"), grams: true }] },
  { table: "statistic", kind: "Statistic", columns: [{ field: "label", sql: col("label"), grams: true }] },
];

/** What the index holds of one table. */
export function indexedTable(table: string): IndexedTable {
  const spec = INDEXED.find((s) => s.table === table);
  if (!spec) throw new Error(`search index: ${table} is not indexed`);
  return spec;
}

/** Longest text whose grams are indexed; longer names are searched by trigram only. */
export const MAX_GRAM_TEXT = 300;
