import "reflect-metadata";
import { openDataSource } from "../ormconfig";
import { loadConfig } from "../src/config";
import { setLogLevel } from "../src/log";
import { loadSeeds, SeedValidationError } from "./loader";

/** `npm run seed`: migrate, then load (or update) every seed file. Safe to run again. */
async function main() {
  const config = loadConfig();
  setLogLevel(config.logLevel);
  const ds = await openDataSource(config.database);
  try {
    await ds.runMigrations({ transaction: "each" });
    const stats = await loadSeeds(ds);
    console.log(`seeded ${config.database.file}: ${stats.created} created, ${stats.updated} updated, ${stats.unchanged} unchanged, ${stats.removed} removed, ${stats.kept} kept for organisers`);
  } finally {
    await ds.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof SeedValidationError ? error.message : error);
  process.exit(1);
});
