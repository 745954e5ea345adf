/**
 * How the search index addresses what it holds. Each indexed text is one row of the FTS5 table
 * `search_text`, whose rowid encodes what it is: rowid = refId * 64 + kind * 8 + field.
 * The search code reads the index by this layout, and tests/migrations.test.ts holds the triggers
 * the migrations built to the ones it describes. A table added to INDEXED, or a change to what an
 * indexed table indexes, needs a migration with the statements reindexTableSql gives for it,
 * written out (`npm run search-index-sql -- TABLE` prints them): a migration never imports this file.
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

/** The rowid of a column's index row, as SQL over `row`. */
function doc(spec: IndexedTable, field: keyof typeof FIELD, row: string): string {
  // docId(kind, id, field), written out in SQL.
  return `(${row}."id" * 64 + ${KIND[spec.kind] * 8 + FIELD[field]})`;
}

/**
 * Statements that index the rows of `source` (a SELECT whose rows are aliased `row`):
 * one search_text row per non-null column, and the grams of short columns.
 */
export function indexRows(spec: IndexedTable, row: string, source: string): string[] {
  const from = `FROM (${source}) AS ${row}`;
  return spec.columns.flatMap((c) => {
    const text = c.sql(row);
    const statements = [`INSERT INTO "search_text" ("rowid", "body") SELECT ${doc(spec, c.field, row)}, ${text} ${from} WHERE ${text} IS NOT NULL`];
    if (c.grams) {
      for (const len of [1, 2]) {
        const gram = `lower(substr(${text}, s."n", ${len}))`;
        // Where the gram stands is worked out from the text, not from s."n", so that the row a repeated gram keeps says the same.
        const place = `CASE WHEN lower(${text}) = ${gram} THEN 0 WHEN lower(substr(${text}, 1, ${len})) = ${gram} THEN 1 ELSE 2 END`;
        statements.push(
          `INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT ${gram}, ${doc(spec, c.field, row)}, ${place} ${from}, "search_seq" s ` +
            `WHERE ${text} IS NOT NULL AND s."n" + ${len - 1} <= length(${text})`,
        );
      }
    }
    return statements;
  });
}

/** Statements removing the index rows of `row` (OLD in a trigger). */
function unindexRow(spec: IndexedTable, row: string): string[] {
  const docs = spec.columns.map((c) => doc(spec, c.field, row)).join(", ");
  return [`DELETE FROM "search_text" WHERE "rowid" IN (${docs})`, `DELETE FROM "search_gram" WHERE "doc" IN (${docs})`];
}

/** The names of the triggers that keep `spec`'s rows indexed, in the order searchTriggers gives them. */
function triggerNames(spec: IndexedTable): string[] {
  return ["insert", "update", "delete"].map((event) => `${spec.table}_search_${event}`);
}

export function searchTriggers(spec: IndexedTable): string[] {
  // Inside a trigger the row is NEW/OLD, not a subquery: select it from the table by id.
  const fresh = (alias: string) => indexRows(spec, alias, `SELECT * FROM "${spec.table}" WHERE "id" = NEW."id"`);
  const body = (statements: string[]) => statements.map((s) => `  ${s};`).join("\n");
  const columns = spec.columns.map((c) => c.sql("x").match(/"([^"]+)"/)![1]);
  const [insert, update, remove] = triggerNames(spec);
  return [
    `CREATE TRIGGER "${insert}" AFTER INSERT ON "${spec.table}" BEGIN\n${body(fresh("r"))}\nEND`,
    `CREATE TRIGGER "${update}" AFTER UPDATE OF ${columns.map((c) => `"${c}"`).join(", ")} ON "${spec.table}" BEGIN\n` +
      `${body([...unindexRow(spec, "OLD"), ...fresh("r")])}\nEND`,
    `CREATE TRIGGER "${remove}" AFTER DELETE ON "${spec.table}" BEGIN\n${body(unindexRow(spec, "OLD"))}\nEND`,
  ];
}

/** The triggers of `spec`'s table: each one's name and the statement that creates it (as sqlite_master keeps it). */
export function tableTriggers(spec: IndexedTable): { name: string; sql: string }[] {
  const names = triggerNames(spec);
  return searchTriggers(spec).map((sql, i) => ({ name: names[i], sql }));
}

/** Every trigger of the index. */
export function allSearchTriggers(): { name: string; sql: string }[] {
  return INDEXED.flatMap(tableTriggers);
}

/** Statements that take `spec`'s table out of the index: its triggers, and what the index holds of its rows. */
export function unindexTableSql(spec: IndexedTable): string[] {
  const ofTable = (doc: string) => `(${doc} / 8) % 8 = ${KIND[spec.kind]}`;
  return [
    ...triggerNames(spec).map((name) => `DROP TRIGGER IF EXISTS "${name}"`),
    `DELETE FROM "search_text" WHERE ${ofTable(`"rowid"`)}`,
    `DELETE FROM "search_gram" WHERE ${ofTable(`"doc"`)}`,
  ];
}

/** Statements that give `spec`'s table its triggers again and index its rows anew (what it holds of them first removed). */
export function reindexTableSql(spec: IndexedTable): string[] {
  return [...unindexTableSql(spec), ...searchTriggers(spec), ...indexRows(spec, `"${spec.table}"`, `SELECT * FROM "${spec.table}"`)];
}
