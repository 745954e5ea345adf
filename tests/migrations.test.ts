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

test("a table rebuilt without its triggers: start-up creates them again and indexes what was written meanwhile", async () => {
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
  // written while nothing indexes it, and a name changed
  await ds.query(`INSERT INTO "person" ("name", "namePinyin", "namePinyinKey", "nameSortKey", "nameInitials") VALUES ('欧阳测试', 'Ouyang Ceshi', 'ouyangceshi', 'ouyang ce shi', 'oycs')`);
  await ds.query(`UPDATE "person" SET "name" = '王宝钢' WHERE "name" = '王宝刚'`);
  // and a trigger of another table that no longer says what the search code writes
  await ds.query(`DROP TRIGGER "honour_search_delete"`);
  await ds.query(`CREATE TRIGGER "honour_search_delete" AFTER DELETE ON "honour" BEGIN SELECT 1; END`);
  await ds.destroy();

  ({ ds } = await openDirectory(database(file)));
  try {
    expect(await triggers(ds)).toEqual(byName(allSearchTriggers()));
    const count = async (text: string) => Number((await ds.query(`SELECT COUNT(*) AS n FROM "search_text" WHERE "search_text" MATCH ?`, [`"${text}"`]))[0].n);
    expect(await count("欧阳测")).toBe(1);
    expect(await count("王宝钢")).toBe(1);
    expect(await count("王宝刚")).toBe(0);
    // the other tables' rows are still indexed, once each
    const [{ n }] = await ds.query(`SELECT COUNT(*) AS n FROM "search_text" WHERE "search_text" MATCH '"清远市总工会"'`);
    expect(Number(n)).toBeGreaterThan(0);
    // triggers work again: a person written now is indexed
    await ds.query(`INSERT INTO "person" ("name", "namePinyin", "namePinyinKey", "nameSortKey", "nameInitials") VALUES ('司马新人', 'Sima Xinren', 'simaxinren', 'si ma xin ren', 'smxr')`);
    expect(await count("司马新")).toBe(1);
    expect(await restoreSearchTriggers(ds)).toEqual([]);
  } finally {
    await ds.destroy();
  }
});

test("start-up re-indexes exactly the tables whose triggers were lost, and says which", async () => {
  const { ds } = await openDirectory(database(tempDbFile()));
  try {
    const before = await ds.query(`SELECT "rowid", "body" FROM "search_text" ORDER BY "rowid"`);
    const grams = await ds.query(`SELECT "gram", "doc" FROM "search_gram" ORDER BY "gram", "doc"`);
    await ds.query(`DROP TRIGGER "proposal_search_update"`);
    expect(await restoreSearchTriggers(ds)).toEqual(["proposal"]);
    // the same index, row for row
    expect(await ds.query(`SELECT "rowid", "body" FROM "search_text" ORDER BY "rowid"`)).toEqual(before);
    expect(await ds.query(`SELECT "gram", "doc" FROM "search_gram" ORDER BY "gram", "doc"`)).toEqual(grams);
  } finally {
    await ds.destroy();
  }
});
