import Database from "better-sqlite3";
import type { SqliteConfig } from "../../config";

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
