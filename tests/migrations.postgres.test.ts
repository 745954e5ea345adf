import { openDataSource } from "../ormconfig";
import { openDirectory } from "../src/boot";
import { textPinyin } from "../src/search/pinyin";
import { freshDatabase } from "./helpers/database";

test("PostgreSQL: its migrations build the schema the entities describe, nothing left to generate, and undo it all", async () => {
  const ds = await openDataSource(await freshDatabase());
  try {
    await ds.runMigrations({ transaction: "each" });
    const { upQueries } = await ds.driver.createSchemaBuilder().log();
    expect(upQueries.map((q) => q.query)).toEqual([]);
    // Every migration's down step runs, back to an empty database.
    for (let i = ds.migrations.length; i > 0; i--) await ds.undoLastMigration({ transaction: "each" });
    const tables = await ds.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`);
    expect(tables).toEqual([]);
  } finally {
    await ds.destroy();
  }
});

test("PostgreSQL: SeatNameSortKey gives the seats already there their person's sort key", async () => {
  const ds = await openDataSource(await freshDatabase());
  try {
    await ds.runMigrations({ transaction: "each" });
    const done = async () => (await ds.query<{ name: string }[]>(`SELECT name FROM migrations`)).map((m) => m.name);
    while ((await done()).includes("SeatNameSortKey1796600000000")) await ds.undoLastMigration({ transaction: "each" });
    const [person] = await ds.query<{ id: number }[]>(
      `INSERT INTO person (name, "namePinyin", "namePinyinKey", "nameSortKey", "nameInitials") VALUES ('万雅丽', 'Wan Yali', 'wanyali', 'wan ya li', 'wyl') RETURNING id`,
    );
    const [congress] = await ds.query<{ id: number }[]>(`INSERT INTO congress (name) VALUES ('广东省总工会第十五次代表大会') RETURNING id`);
    await ds.query(`INSERT INTO seat ("personId", "congressId") VALUES ($1, $2)`, [person.id, congress.id]);
    await ds.runMigrations({ transaction: "each" });
    expect(await ds.query(`SELECT "nameSortKey" FROM seat`)).toEqual([{ nameSortKey: "wan ya li" }]);
  } finally {
    await ds.destroy();
  }
});

test("PostgreSQL: the congresses already there when NamePinyinOrder adds their pinyin get it at the next start", async () => {
  const database = await freshDatabase();
  const ds = await openDataSource(database);
  try {
    await ds.runMigrations({ transaction: "each" });
    const done = async () => (await ds.query<{ name: string }[]>(`SELECT name FROM migrations`)).map((m) => m.name);
    while ((await done()).includes("NamePinyinOrder1796800000000")) await ds.undoLastMigration({ transaction: "each" });
    await ds.query(`INSERT INTO congress (name) VALUES ('清远市工会测试代表大会')`);
  } finally {
    await ds.destroy();
  }
  const started = await openDirectory(database);
  try {
    expect(await started.ds.query(`SELECT name, "namePinyin" FROM congress WHERE name = '清远市工会测试代表大会'`)).toEqual([
      { name: "清远市工会测试代表大会", namePinyin: textPinyin("清远市工会测试代表大会") },
    ]);
  } finally {
    await started.ds.destroy();
  }
});

test("PostgreSQL: start-up's wait for the migration lock stays with start-up, not on the connections the server then reads and writes with", async () => {
  const database = await freshDatabase();
  const { ds } = await openDirectory(database);
  try {
    // As many reads at once as the pool has connections: every connection it kept answers one.
    const size = database.kind === "postgres" ? database.poolSize : 0;
    expect(size).toBeGreaterThan(0);
    const settings = await Promise.all(Array.from({ length: size }, () => ds.query<{ lock_timeout: string }[]>(`SHOW lock_timeout`)));
    expect(new Set(settings.map(([row]) => row.lock_timeout))).toEqual(new Set(["0"]));
  } finally {
    await ds.destroy();
  }
});
