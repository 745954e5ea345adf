import { DataSource, EntityManager } from "typeorm";
import { BUSY_TIMEOUT_MS } from "./connection";
import { AuditEntry } from "../../entities";
import type { Engine } from "../engine";
import { whileBusy } from "./faults";

// The database's write lock, as SQLite has it; PostgreSQL's is in src/db/postgres/write-lock.ts.

/**
 * Takes the database's write lock for the rest of the transaction `m` is in, waiting up to
 * `waitMs` for another connection (of this process or another) to let it go; past that the
 * driver's busy error is thrown. Call it first in the transaction: TypeORM begins a deferred
 * transaction, and one that has read before it writes is refused the lock whenever another
 * connection has committed since its read. A write that matches no row takes the lock as BEGIN
 * IMMEDIATE would, and changes nothing; refused, it leaves the transaction holding nothing, so
 * it can be tried again. The writer's connection never waits inside the driver (a synchronous
 * driver would stop the event loop meanwhile): the waiting is done here, between attempts.
 */
export async function takeWriteLock(m: EntityManager, waitMs: number): Promise<void> {
  await whileBusy(() => m.query(`DELETE FROM "${m.connection.getMetadata(AuditEntry).tableName}" WHERE 0`), waitMs);
}

/**
 * A write that goes to disk and changes nothing (the header's user_version, rewritten with its own
 * value): whether a commit can get through again after a storage fault. Call it with the lock held.
 */
export async function probeWrite(m: EntityManager): Promise<void> {
  const [{ user_version: version }] = await m.query<{ user_version: number }[]>("PRAGMA user_version");
  await m.query(`PRAGMA user_version = ${Number(version)}`);
}

/**
 * Runs the pending migrations holding the write lock for all of them, so that two processes
 * starting together on an empty file do not both create the same tables: the second waits (up to
 * `waitMs`, inside the driver: nothing else runs at start-up), then finds nothing pending. Foreign
 * keys are off meanwhile, as TypeORM has them for a migration: SQLite ignores that switch inside a
 * transaction, and a migration that rebuilds a table would otherwise delete the rows that refer to it.
 */
export async function runMigrationsLocked(ds: DataSource, waitMs: number): Promise<void> {
  await ds.query("PRAGMA foreign_keys = OFF");
  await ds.query(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(waitMs))}`);
  try {
    await ds.query("BEGIN IMMEDIATE");
    try {
      await ds.runMigrations({ transaction: "none" });
      await ds.query("COMMIT");
    } catch (error) {
      await ds.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  } finally {
    await ds.query(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    await ds.query("PRAGMA foreign_keys = ON");
  }
}

/** Ends whatever transaction the connection is in, if any (after a fault its state is unknown). */
export async function abandonTransaction(ds: DataSource): Promise<void> {
  await ds.query("ROLLBACK").catch(() => undefined);
}

export const sqliteEngine: Engine = { takeWriteLock, probeWrite, runMigrationsLocked, abandonTransaction };
