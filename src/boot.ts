import { DataSource, EntityManager } from "typeorm";
import { openDataSource } from "../ormconfig";
import { seedIfEmpty, SeedStats } from "../seeds/loader";
import { DatabaseConfig } from "./config";
import { runMigrationsLocked, takeWriteLock } from "./db/write-lock";
import { log } from "./log";
import { INDEXED, reindexTableSql, tableTriggers } from "./search/index-layout";

/**
 * How long start-up waits for the write lock: longer than a request does, since the process
 * holding it may be another server migrating and seeding the same new file, or a long import.
 */
export const STARTUP_LOCK_WAIT_MS = 60_000;

/**
 * Opens the database, runs pending migrations and seeds it if it is empty: what every start does.
 * Each step holds the database's write lock, so processes starting together on one file do it once.
 */
export async function openDirectory(db: DatabaseConfig): Promise<{ ds: DataSource; seeded: SeedStats | null }> {
  const ds = await openDataSource(db);
  try {
    await runMigrationsLocked(ds, STARTUP_LOCK_WAIT_MS);
    const seeded = await ds.transaction(async (m) => {
      await takeWriteLock(m, STARTUP_LOCK_WAIT_MS);
      await restoreSearchTriggers(m);
      const stats = await seedIfEmpty(m);
      // Table statistics for the query planner (which index to drive an IN subquery from); quick when fresh.
      await m.query("PRAGMA optimize=0x10002");
      return stats;
    });
    return { ds, seeded };
  } catch (error) {
    await ds.destroy();
    throw error;
  }
}

/**
 * Gives back the search index's triggers to a table that lost them, and indexes its rows anew.
 * SQLite drops a table's triggers with the table, and TypeORM rebuilds a table (create a copy, drop
 * the original, rename) to alter its columns: after a migration that forgot to re-create them,
 * every later write would have left the index behind without an error, and rows written since are
 * missing from it. A trigger whose statement differs from what the search code writes counts as
 * lost too. Returns the tables re-indexed (none on a sound database: one query).
 */
export async function restoreSearchTriggers(ds: DataSource | EntityManager): Promise<string[]> {
  const present = new Map<string, string>(
    (await ds.query(`SELECT "name", "sql" FROM "sqlite_master" WHERE "type" = 'trigger'`)).map((r: { name: string; sql: string }) => [r.name, r.sql]),
  );
  const lost = INDEXED.filter((spec) => tableTriggers(spec).some((t) => present.get(t.name) !== t.sql));
  if (lost.length === 0) return [];
  const tables = lost.map((spec) => spec.table);
  log("warn", "search index triggers were missing or changed (a table rebuilt by a migration drops them); creating them and re-indexing", { tables });
  await ds.transaction(async (m) => {
    for (const spec of lost) for (const statement of reindexTableSql(spec)) await m.query(statement);
  });
  return tables;
}
