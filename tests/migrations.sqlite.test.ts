import fs from "fs";
import path from "path";
import { DataSource } from "typeorm";
import { openDataSource } from "../ormconfig";
import { sqliteIndex } from "../src/db/sqlite/search-index";
import { INDEXED } from "../src/search/index-layout";
import { tableTriggers } from "../src/search/index-sql";
import { tempDbFile } from "./helpers/server";

const database = (file: string) => ({ kind: "sqlite" as const, file, logging: false });
const triggers = async (ds: DataSource) =>
  ds.query<{ name: string; sql: string }[]>(`SELECT "name", "sql" FROM "sqlite_master" WHERE "type" = 'trigger' AND "name" LIKE '%_search_%' ORDER BY "name"`);
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
  // Start-up changes the schema through migrations only: a later migration that rebuilds an
  // indexed table and forgets its triggers, or indexes differently from the search code, fails here.
  const ds = await openDataSource(database(tempDbFile()));
  try {
    await ds.runMigrations({ transaction: "each" });
    const expected = INDEXED.flatMap((spec) => tableTriggers(sqliteIndex, spec)).map(({ name, statements: [sql] }) => ({ name, sql }));
    expect(await triggers(ds)).toEqual(byName(expected));
  } finally {
    await ds.destroy();
  }
});

test("migrations are history: each imports nothing but TypeORM, so a later change to live code cannot change what an old one builds", () => {
  const dirs = ["sqlite", "postgres"].map((engine) => path.join(__dirname, "..", "src", "db", engine, "migrations"));
  const files = dirs.flatMap((dir) =>
    fs
      .readdirSync(dir)
      .filter((f) => /^\d+-.*\.ts$/.test(f))
      .map((f) => path.join(dir, f)),
  );
  expect(files.length).toBeGreaterThan(5);
  for (const file of files) {
    const imports = [...fs.readFileSync(file, "utf8").matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
    expect({ file, imports }).toEqual({ file, imports: ["typeorm"] });
  }
});
