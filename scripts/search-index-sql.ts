import { postgresIndex } from "../src/db/postgres/search-index";
import { sqliteIndex } from "../src/db/sqlite/search-index";
import { indexedTable } from "../src/search/index-layout";
import { reindexTableSql } from "../src/search/index-sql";

/**
 * `npm run search-index-sql -- [--postgres] TABLE`: the statements that give TABLE its search
 * triggers and index its rows, as they stand today, on SQLite (or with --postgres, on PostgreSQL),
 * to write out in a new migration (migrations never import live code).
 */
const args = process.argv.slice(2);
const postgres = args[0] === "--postgres";
const table = postgres ? args[1] : args[0];
if (!table) {
  console.error("usage: npm run search-index-sql -- [--postgres] TABLE");
  process.exit(1);
}
for (const statement of reindexTableSql(postgres ? postgresIndex : sqliteIndex, indexedTable(table))) {
  console.log(`\`${statement.replace(/[`\\]/g, "\\$&").replace(/\$\{/g, "\\${")}\`,`);
}
