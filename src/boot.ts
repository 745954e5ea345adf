import { DataSource } from "typeorm";
import { openDataSource } from "../ormconfig";
import { seedIfEmpty, SeedStats } from "../seeds/loader";
import { DatabaseConfig } from "./config";
import { log } from "./log";
import { allSearchTriggers } from "./search/index-layout";

/** Opens the database, runs pending migrations and seeds it if it is empty: what every start does. */
export async function openDirectory(db: DatabaseConfig): Promise<{ ds: DataSource; seeded: SeedStats | null }> {
  const ds = await openDataSource(db);
  try {
    await ds.runMigrations({ transaction: "each" });
    await restoreSearchTriggers(ds);
    const seeded = await seedIfEmpty(ds);
    // Table statistics for the query planner (which index to drive an IN subquery from); quick when fresh.
    await ds.query("PRAGMA optimize=0x10002");
    return { ds, seeded };
  } catch (error) {
    await ds.destroy();
    throw error;
  }
}

/**
 * Creates the search index's triggers that are missing. SQLite drops a table's triggers with the
 * table, and TypeORM rebuilds a table (create a copy, drop the original, rename) to alter its
 * columns: after a migration that forgot to re-create them, every later write would leave the
 * index behind without an error. The rows a rebuild copies keep their ids, so the index still
 * holds them; only the triggers are missing. Returns the names of those created.
 */
export async function restoreSearchTriggers(ds: DataSource): Promise<string[]> {
  const present = new Set((await ds.query(`SELECT "name" FROM "sqlite_master" WHERE "type" = 'trigger'`)).map((r: { name: string }) => r.name));
  const missing = allSearchTriggers().filter((t) => !present.has(t.name));
  if (missing.length === 0) return [];
  await ds.transaction(async (m) => {
    for (const trigger of missing) await m.query(trigger.sql);
  });
  const names = missing.map((t) => t.name);
  log("warn", "search index triggers were missing (a table rebuilt by a migration drops them); created again", { triggers: names });
  return names;
}
