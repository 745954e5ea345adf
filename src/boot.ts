import { DataSource } from "typeorm";
import { openDataSource } from "../ormconfig";
import { seedIfEmpty, SeedStats } from "../seeds/loader";
import { DatabaseConfig } from "./config";

/** Opens the database, runs pending migrations and seeds it if it is empty: what every start does. */
export async function openDirectory(db: DatabaseConfig): Promise<{ ds: DataSource; seeded: SeedStats | null }> {
  const ds = await openDataSource(db);
  try {
    await ds.runMigrations({ transaction: "each" });
    return { ds, seeded: await seedIfEmpty(ds) };
  } catch (error) {
    await ds.destroy();
    throw error;
  }
}
