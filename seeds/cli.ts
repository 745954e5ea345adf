import "reflect-metadata";
import { commandWriter, STARTUP_LOCK_WAIT_MS } from "../src/boot";
import { databaseLabel, loadConfig } from "../src/config";
import { setLogLevel } from "../src/log";
import { loadSeeds, SeedValidationError } from "./loader";

/** `npm run seed`: migrate, then load (or update) every seed file. Safe to run again, and beside a running server. */
async function main() {
  const config = loadConfig();
  setLogLevel(config.logLevel);
  // Waits for the write lock as a start-up does: a server on the same database may be writing.
  const writer = await commandWriter(config.database, STARTUP_LOCK_WAIT_MS);
  try {
    const stats = await writer.transaction((m) => loadSeeds(m));
    console.log(
      `seeded ${databaseLabel(config.database)}: ${stats.created} created, ${stats.updated} updated, ${stats.unchanged} unchanged, ${stats.removed} removed, ${stats.kept} kept for organisers`,
    );
  } finally {
    await writer.close();
  }
}

main().catch((error) => {
  console.error(error instanceof SeedValidationError ? error.message : error);
  process.exit(1);
});
