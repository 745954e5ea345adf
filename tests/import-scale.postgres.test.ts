import { openDataSource } from "../ormconfig";
import { openDirectory } from "../src/boot";
import { Writer } from "../src/db/writer";
import { importDelegates } from "../src/services/delegate-csv";
import { writeAs } from "../src/services/write";
import { freshDatabase } from "./helpers/database";

/** The tables an import of new delegates grows, one or more rows a line. */
const GROWN = ["person", "position", "seat", "citation", "organisation"];

/** A delegate list of `rows` new people, as an organiser's spreadsheet has them (300 employers, 20 delegations). */
function delegateList(rows: number): string {
  const lines = ["name,delegation,employer,title"];
  for (let i = 0; i < rows; i++) lines.push(`代表${i},第${i % 20}代表团,测试企业${i % 300},技师`);
  return lines.join("\n");
}

/**
 * Imports `rows` new delegates into a fresh directory (as an organiser's first import is) through
 * the writer connection, and answers the rows its transaction read by sequential scans of the
 * tables it grows (PostgreSQL's counts of the transaction under way).
 */
async function rowsScanned(rows: number): Promise<number> {
  const db = await freshDatabase();
  await (await openDirectory(db)).ds.destroy();
  const writer = new Writer(() => openDataSource(db, "writer"), 10_000);
  try {
    return await writeAs(writer, { label: "test", role: "admin" }, "importDelegates", async (w) => {
      expect(await importDelegates(w, delegateList(rows), 1, false)).toMatchObject({ created: rows, errors: [] });
      const [{ n }] = await w.m.query(`SELECT COALESCE(SUM(seq_tup_read), 0)::int AS n FROM pg_stat_xact_user_tables WHERE relname = ANY($1)`, [GROWN]);
      return Number(n);
    });
  } finally {
    await writer.close();
  }
}

// Every row of an import looks rows up by key (the foreign keys' checks, the search index's and the
// seat's sort key's triggers). Planned once for the few rows a fresh directory holds, such a lookup
// read the whole table, which the import itself was growing: each row cost more than the one before
// (1,000 rows 2.5 s, 4,000 rows 12.5 s, 10,000 rows 37 s; bench/README.md, "An import's lookups
// planned for the tables as they grow").
test("an import reads the tables it grows by key: twice the rows, no more than twice the rows read by sequential scans", async () => {
  const once = await rowsScanned(1_000);
  const twice = await rowsScanned(2_000);
  console.log(`rows read by sequential scans of ${GROWN.join(", ")}: 1,000 rows imported ${once}, 2,000 rows ${twice}`);
  expect(twice).toBeLessThanOrEqual(2 * once);
}, 120_000);
