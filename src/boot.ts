import { DataSource } from "typeorm";
import { openDataSource } from "../ormconfig";
import { seedIfEmpty, SeedStats } from "../seeds/loader";
import { DatabaseConfig } from "./config";

/** Opens the database, runs pending migrations and seeds it if it is empty: what every start does. */
export async function openDirectory(db: DatabaseConfig): Promise<{ ds: DataSource; seeded: SeedStats | null }> {
  const ds = await openDataSource(db);
  try {
    await ds.runMigrations({ transaction: "each" });
    const seeded = await seedIfEmpty(ds);
    // Table statistics for the query planner (which index to drive an IN subquery from); quick when fresh.
    await ds.query("PRAGMA optimize=0x10002");
    return { ds, seeded };
  } catch (error) {
    await ds.destroy();
    throw error;
  }
}
