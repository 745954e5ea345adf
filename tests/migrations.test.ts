import { DataSource } from "typeorm";
import { openDataSource } from "../ormconfig";
import { openDirectory, restoreSearchTriggers } from "../src/boot";
import { allSearchTriggers } from "../src/search/index-layout";
import { tempDbFile } from "./helpers/server";

const database = (file: string) => ({ kind: "sqlite" as const, file, logging: false });
const triggers = async (ds: DataSource) =>
  (await ds.query(`SELECT "name", "sql" FROM "sqlite_master" WHERE "type" = 'trigger' AND "name" LIKE '%_search_%' ORDER BY "name"`)) as { name: string; sql: string }[];
const byName = (list: { name: string; sql: string }[]) => [...list].sort((a, b) => a.name.localeCompare(b.name));

test("the migrations build the schema the entities describe: nothing left to generate", async () => {
  const ds = await openDataSource(database(tempDbFile()));
  try {
    await ds.runMigrations({ transaction: "each" });
    const { upQueries } = await ds.driver.createSchemaBuilder().log();
    expect(upQueries.map((q) => q.query)).toEqual([]);
  } finally {
    await ds.destroy();
  }
});

test("the migrations leave every search trigger in place, as the search code writes it", async () => {
  // The migrations alone (no start-up repair): a later migration that rebuilds an indexed table
  // and forgets its triggers fails here.
  const ds = await openDataSource(database(tempDbFile()));
  try {
    await ds.runMigrations({ transaction: "each" });
    expect(await triggers(ds)).toEqual(byName(allSearchTriggers()));
    expect(await restoreSearchTriggers(ds)).toEqual([]);
  } finally {
    await ds.destroy();
  }
});

test("a table rebuilt without its triggers: start-up creates them again, and search follows writes", async () => {
  const file = tempDbFile();
  let { ds } = await openDirectory(database(file));
  // What TypeORM does to alter a SQLite table's columns: copy, drop, rename. The drop takes the triggers.
  await ds.transaction(async (m) => {
    const [{ sql }] = await m.query(`SELECT "sql" FROM "sqlite_master" WHERE "type" = 'table' AND "name" = 'person'`);
    await m.query(sql.replace(`CREATE TABLE "person"`, `CREATE TABLE "temporary_person"`));
    await m.query(`INSERT INTO "temporary_person" SELECT * FROM "person"`);
    await m.query(`PRAGMA defer_foreign_keys = ON`);
    await m.query(`DROP TABLE "person"`);
    await m.query(`ALTER TABLE "temporary_person" RENAME TO "person"`);
  });
  expect((await triggers(ds)).map((t) => t.name)).not.toContain("person_search_insert");
  await ds.destroy();

  ({ ds } = await openDirectory(database(file)));
  try {
    expect(await triggers(ds)).toEqual(byName(allSearchTriggers()));
    await ds.query(`INSERT INTO "person" ("name", "namePinyin", "namePinyinKey", "nameSortKey", "nameInitials") VALUES ('欧阳测试', 'Ouyang Ceshi', 'ouyangceshi', 'ouyang ceshi', 'oyc')`);
    const [{ n }] = await ds.query(`SELECT COUNT(*) AS n FROM "search_text" WHERE "search_text" MATCH '"欧阳测"'`);
    expect(n).toBe(1);
    // rows the rebuild copied are still indexed
    const [{ m }] = await ds.query(`SELECT COUNT(*) AS m FROM "search_text" WHERE "search_text" MATCH '"王宝刚"'`);
    expect(m).toBeGreaterThan(0);
  } finally {
    await ds.destroy();
  }
});
