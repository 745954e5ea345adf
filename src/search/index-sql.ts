import { FIELD, IndexedTable, KIND } from "./index-layout";

/**
 * How an engine writes the index's statements: the few places where SQLite's SQL and
 * PostgreSQL's differ (src/db/sqlite/search-index.ts, src/db/postgres/search-index.ts).
 * Everything else below is the same SQL on both.
 */
export interface IndexEngine {
  /** An INSERT of `select`'s rows into `into` (a table and its columns) that skips the rows already there. */
  insertIgnore(into: string, select: string): string;
  /** A FROM item "s" numbering the characters of a text, column "n": 1 to MAX_GRAM_TEXT. */
  readonly numbers: string;
  /**
   * Statements creating trigger `name` on `table`, run for each row after `event` ("INSERT",
   * "UPDATE OF …", "DELETE"), that runs `statements` (NEW and OLD are the row).
   */
  trigger(name: string, event: string, table: string, statements: string[]): string[];
  /** Statements removing trigger `name` of `table` (and whatever else trigger made), if it is there. */
  dropTrigger(name: string, table: string): string[];
}

/** The rowid of a column's index row, as SQL over `row`. */
function doc(spec: IndexedTable, field: keyof typeof FIELD, row: string): string {
  // docId(kind, id, field), written out in SQL.
  return `(${row}."id" * 64 + ${KIND[spec.kind] * 8 + FIELD[field]})`;
}

/**
 * Statements that index the rows of `source` (a SELECT whose rows are aliased `row`):
 * one search_text row per non-null column, and the grams of short columns.
 */
export function indexRows(engine: IndexEngine, spec: IndexedTable, row: string, source: string): string[] {
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
          engine.insertIgnore(
            `"search_gram" ("gram", "doc", "place")`,
            `SELECT ${gram}, ${doc(spec, c.field, row)}, ${place} ${from}, ${engine.numbers} WHERE ${text} IS NOT NULL AND s."n" + ${len - 1} <= length(${text})`,
          ),
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

/** The triggers of `spec`'s table: each one's name and the statements that create it. */
export function tableTriggers(engine: IndexEngine, spec: IndexedTable): { name: string; statements: string[] }[] {
  // Inside a trigger the row is NEW/OLD, not a subquery: select it from the table by id.
  const fresh = (alias: string) => indexRows(engine, spec, alias, `SELECT * FROM "${spec.table}" WHERE "id" = NEW."id"`);
  const columns = spec.columns.map((c) => c.sql("x").match(/"([^"]+)"/)![1]);
  const [insert, update, remove] = triggerNames(spec);
  return [
    { name: insert, statements: engine.trigger(insert, "INSERT", spec.table, fresh("r")) },
    {
      name: update,
      statements: engine.trigger(update, `UPDATE OF ${columns.map((c) => `"${c}"`).join(", ")}`, spec.table, [...unindexRow(spec, "OLD"), ...fresh("r")]),
    },
    { name: remove, statements: engine.trigger(remove, "DELETE", spec.table, unindexRow(spec, "OLD")) },
  ];
}

export function searchTriggers(engine: IndexEngine, spec: IndexedTable): string[] {
  return tableTriggers(engine, spec).flatMap((t) => t.statements);
}

/** Statements that take `spec`'s table out of the index: its triggers, and what the index holds of its rows. */
export function unindexTableSql(engine: IndexEngine, spec: IndexedTable): string[] {
  const ofTable = (doc: string) => `(${doc} / 8) % 8 = ${KIND[spec.kind]}`;
  return [
    ...triggerNames(spec).flatMap((name) => engine.dropTrigger(name, spec.table)),
    `DELETE FROM "search_text" WHERE ${ofTable(`"rowid"`)}`,
    `DELETE FROM "search_gram" WHERE ${ofTable(`"doc"`)}`,
  ];
}

/** Statements that give `spec`'s table its triggers again and index its rows anew (what it holds of them first removed). */
export function reindexTableSql(engine: IndexEngine, spec: IndexedTable): string[] {
  return [...unindexTableSql(engine, spec), ...searchTriggers(engine, spec), ...indexRows(engine, spec, `"${spec.table}"`, `SELECT * FROM "${spec.table}"`)];
}
