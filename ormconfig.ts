import "reflect-metadata";
import fs from "fs";
import path from "path";
import sqlite3 from "sqlite3";
import { DataSource } from "typeorm";
import { DatabaseConfig } from "./src/config";
import { SqlLogger } from "./src/db/sql-logger";
import { entities } from "./src/entities";
import { migrations } from "./src/db/migrations";
import { finalizePrepared } from "./src/db/prepared";

/** A DataSource that finalizes the statements src/db/prepared.ts keeps before it closes. */
class DirectoryDataSource extends DataSource {
  async destroy(): Promise<void> {
    await finalizePrepared(this);
    return super.destroy();
  }
}

/** How long a statement waits for a lock another connection holds (writes set their own bound: src/db/write-lock.ts). */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * The one DataSource factory: the server, the seed loader, the tests and the TypeORM CLI
 * all open the database through it, so they share driver settings and migrations.
 */
export function createDataSource(db: DatabaseConfig): DataSource {
  return new DirectoryDataSource({
    type: "sqlite",
    // TypeORM calls driver.verbose(), which makes sqlite3 capture a stack trace on every call
    // (about half the cost of a key lookup); this driver's verbose() leaves tracing off.
    driver: { ...sqlite3, verbose: () => sqlite3 },
    database: db.file,
    entities,
    migrations,
    migrationsRun: false,
    synchronize: false,
    // WAL lets readers go on while a write commits; the busy timeout waits out a lock instead of failing.
    enableWAL: db.file !== ":memory:",
    busyTimeout: BUSY_TIMEOUT_MS,
    logging: ["query", "error", "warn", "migration"],
    logger: new SqlLogger(db.logging),
  });
}

/**
 * Pages SQLite keeps in memory per connection, in KiB. SQLite's default, 2 MiB, is smaller than
 * what one delegates page touches at 100,000 people, so every page read went back to the kernel
 * (a fifth of the SQL thread's time); with 32 MiB a page took about 15% less time end to end.
 * 16 MiB keeps most of that and leaves room under the 300 MB RSS target (for each of the server's three connections: reader,
 * writer and reports).
 */
export const PAGE_CACHE_KIB = 16 * 1024;

/**
 * Opens the database, creating the folder of a new SQLite file first. Durability settings:
 * WAL (set by the driver), synchronous=FULL so a commit is on disk before it is acknowledged
 * (survives power loss, not just a crash), foreign keys enforced, 5 s busy timeout.
 */
export async function openDataSource(db: DatabaseConfig): Promise<DataSource> {
  if (db.file !== ":memory:") fs.mkdirSync(path.dirname(db.file), { recursive: true });
  const ds = await createDataSource(db).initialize();
  await ds.query("PRAGMA synchronous = FULL");
  await ds.query("PRAGMA foreign_keys = ON");
  await ds.query(`PRAGMA cache_size = -${PAGE_CACHE_KIB}`);
  return ds;
}

export function sqlLogger(ds: DataSource): SqlLogger {
  return ds.logger as SqlLogger;
}
