import { openDataSource } from "../ormconfig";
import { openDirectory } from "../src/boot";
import { Writer } from "../src/db/writer";
import { importDelegates, type ImportReport } from "../src/services/delegate-csv";
import { writeAs } from "../src/services/write";
import { freshDatabase } from "./helpers/database";
import { syntheticDelegateList } from "./helpers/fixtures";

/** The tables an import of new delegates grows, one or more rows a line. */
const GROWN = ["person", "position", "seat", "citation", "organisation"];

/**
 * Imports `rows` new delegates into a fresh directory's congress (as an organiser's first import
 * is) through the writer connection, and answers its report and the rows its transaction read by
 * sequential scans of the tables it grows (PostgreSQL's counts of the transaction under way).
 */
async function importFresh(rows: number): Promise<{ report: ImportReport; scanned: number }> {
  const db = await freshDatabase();
  await (await openDirectory(db)).ds.destroy();
  const writer = new Writer(() => openDataSource(db, "writer"), 10_000);
  try {
    let scanned = NaN;
    const report = await writeAs(writer, { label: "test", role: "admin" }, "importDelegates", async (w) => {
      const [{ id }] = await w.m.query(`SELECT MIN("id") AS id FROM "congress"`);
      const imported = await importDelegates(w, syntheticDelegateList(rows), id, false);
      [{ n: scanned }] = await w.m.query(`SELECT COALESCE(SUM(seq_tup_read), 0) AS n FROM pg_stat_xact_user_tables WHERE relname = ANY($1)`, [GROWN]);
      return imported;
    });
    return { report, scanned };
  } finally {
    await writer.close();
  }
}

// Every row of an import looks rows up by key (the foreign keys' checks, the search index's and the
// seat's sort key's triggers). Planned for the few rows a fresh directory holds and kept, such a
// lookup read the whole table, which the import itself was growing: each row cost more than the one
// before (1,000 rows 2.5-3.2 s, 4,000 rows 9.8-12.5 s, 10,000 rows 37-42 s; bench/README.md, "An
// import's lookups planned for the tables as they grow"). The scans while the tables are a few
// pages long stay, whatever the file's length.
test("an import reads the tables it grows by key: twice the rows, hardly more rows read by sequential scans", async () => {
  const once = await importFresh(1_000);
  const twice = await importFresh(2_000);
  expect(once.report).toMatchObject({ created: 1_000, errors: [] });
  expect(twice.report).toMatchObject({ created: 2_000, errors: [] });
  console.log(`rows read by sequential scans of ${GROWN.join(", ")}: 1,000 rows imported ${once.scanned}, 2,000 rows ${twice.scanned}`);
  expect(twice.scanned).toBeLessThanOrEqual(1.5 * once.scanned);
}, 120_000);
