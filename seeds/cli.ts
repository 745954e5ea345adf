import "reflect-metadata";
import { openDataSource } from "../ormconfig";
import { openDirectory, STARTUP_LOCK_WAIT_MS } from "../src/boot";
import { databaseLabel, loadConfig } from "../src/config";
import { Writer } from "../src/db/writer";
import { setLogLevel } from "../src/log";
import { loadSeeds, SeedValidationError } from "./loader";

/** `npm run seed`: migrate, then load (or update) every seed file. Safe to run again, and beside a running server. */
async function main() {
  const config = loadConfig();
  setLogLevel(config.logLevel);
  // Migrated (and seeded if new) as a server's start would, under the write lock.
  await (await openDirectory(config.database)).ds.destroy();
  // Takes the write lock up front, as a server's write does: a server on the same file may be writing.
  const writer = new Writer(() => openDataSource(config.database, "writer"), STARTUP_LOCK_WAIT_MS);
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
