import { indexedTable, reindexTableSql } from "../src/search/index-layout";

/**
 * `npm run search-index-sql -- TABLE`: the statements that give TABLE its search triggers and index
 * its rows, as they stand today, to write out in a new migration (migrations never import live code).
 */
const table = process.argv[2];
if (!table) {
  console.error("usage: npm run search-index-sql -- TABLE");
  process.exit(1);
}
for (const statement of reindexTableSql(indexedTable(table))) console.log(`\`${statement.replace(/[`\\]/g, "\\$&").replace(/\$\{/g, "\\${")}\`,`);
