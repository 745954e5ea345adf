import Database from "better-sqlite3";
import fs from "fs";
import path from "path";
import type { SqliteConfig } from "../../config";
import { whileBusy } from "./faults";

/** How long a reader's statement waits for a lock another connection holds (WAL readers rarely meet one). */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Pages SQLite keeps in memory per connection, in KiB. SQLite's default, 2 MiB, is smaller than
 * what one delegates page touches in a large directory, so every page read went back to the kernel.
 */
export const PAGE_CACHE_KIB = 16 * 1024;

/**
 * Settings of every connection: synchronous=FULL (a commit is on disk before it is acknowledged: it
 * survives power loss, not just a crash) and the page cache. WAL and foreign keys are set by
 * TypeORM's driver for its connections (ormconfig.ts).
 */
export function configure(connection: Database.Database): void {
  connection.pragma("synchronous = FULL");
  connection.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
}

/** A read-only connection of a worker thread's own (src/db/slow-reads.ts), outside TypeORM. */
export function openReadOnly(db: SqliteConfig): Database.Database {
  const connection = new Database(db.file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  configure(connection);
  return connection;
}

/**
 * Creates the file (and its folder) if it is new and turns it to WAL, before TypeORM's driver opens
 * it. Two connections turning one new, empty file to WAL at once (two servers started together, a
 * server and `npm run seed`): SQLite refuses one of them at once with SQLITE_BUSY, a lock upgrade
 * it will not wait for, and the driver, which sets WAL as it connects, would fail the whole open.
 * Here a refused attempt closes its connection and tries again with a new one, which finds the file
 * in WAL mode already and has nothing to change. Past `waitMs` the busy error is thrown.
 */
export async function prepareFile(file: string, waitMs = BUSY_TIMEOUT_MS): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await whileBusy(() => {
    // No wait inside the driver (the writer reopens through here after a fault, while serving).
    const connection = new Database(file, { timeout: 0 });
    try {
      connection.pragma("journal_mode = WAL");
    } finally {
      connection.close();
    }
  }, waitMs);
}

/**
 * The names of the migrations run in the SQLite file `db` (none: no migrations table), read
 * without writing to it (a file a command was pointed at by mistake is left as it was).
 */
export function migrationsRun(db: SqliteConfig): string[] {
  const connection = new Database(db.file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  try {
    const table = connection.prepare(`SELECT 1 FROM "sqlite_master" WHERE "type" = 'table' AND "name" = 'migrations'`).get();
    return table ? connection.prepare(`SELECT "name" FROM "migrations"`).pluck().all().map(String) : [];
  } finally {
    connection.close();
  }
}
