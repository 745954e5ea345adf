import type { IndexEngine } from "../../search/index-sql";

/** SQLite's triggers hold their statements themselves; the numbers 1..300 are a table (search_seq), since a trigger has no CTE. */
export const sqliteIndex: IndexEngine = {
  insertIgnore: (into, select) => `INSERT OR IGNORE INTO ${into} ${select}`,
  numbers: `"search_seq" s`,
  trigger: (name, event, table, statements) => [
    `CREATE TRIGGER "${name}" AFTER ${event} ON "${table}" BEGIN\n${statements.map((s) => `  ${s};`).join("\n")}\nEND`,
  ],
  dropTrigger: (name) => [`DROP TRIGGER IF EXISTS "${name}"`],
};
