import { DataSource, EntityManager } from "typeorm";
import { BUSY_TIMEOUT_MS } from "../../ormconfig";
import { AuditEntry } from "../entities";

// The database's write lock, as SQLite has it: what another engine implements in its own way
// (PostgreSQL: SET LOCAL lock_timeout and pg_advisory_xact_lock, pg_advisory_lock around migrations).

/**
 * Takes the database's write lock for the rest of the transaction `m` is in, waiting up to
 * `waitMs` for another connection (of this process or another) to let it go; past that the
 * driver's busy error is thrown. Call it first in the transaction: TypeORM begins a deferred
 * transaction, and one that has read before it writes is refused the lock at once, without
 * waiting, whenever another connection holds it. A write that matches no row takes the lock as
 * BEGIN IMMEDIATE would, and changes nothing.
 */
export async function takeWriteLock(m: EntityManager, waitMs: number): Promise<void> {
  await withLockWait(m, waitMs, () => m.query(`DELETE FROM "${m.connection.getMetadata(AuditEntry).tableName}" WHERE 0`));
}

/** Runs `take` with the connection's busy timeout set to `waitMs`, and sets it back after. */
async function withLockWait(db: EntityManager | DataSource, waitMs: number, take: () => Promise<unknown>): Promise<void> {
  await db.query(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(waitMs))}`);
  try {
    await take();
  } finally {
    await db.query(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}

/**
 * A write that goes to disk and changes nothing (the header's user_version, rewritten with its own
 * value): whether a commit can get through again after a storage fault. Call it with the lock held.
 */
export async function probeWrite(m: EntityManager): Promise<void> {
  const [{ user_version: version }] = await m.query("PRAGMA user_version");
  await m.query(`PRAGMA user_version = ${Number(version)}`);
}

/**
 * Runs the pending migrations holding the write lock for all of them, so that two processes
 * starting together on an empty file do not both create the same tables: the second waits (up to
 * `waitMs`), then finds nothing pending. Foreign keys are off meanwhile, as TypeORM has them for a
 * migration: SQLite ignores that switch inside a transaction, and a migration that rebuilds a table
 * would otherwise delete the rows that refer to it.
 */
export async function runMigrationsLocked(ds: DataSource, waitMs: number): Promise<void> {
  await ds.query("PRAGMA foreign_keys = OFF");
  try {
    await withLockWait(ds, waitMs, () => ds.query("BEGIN IMMEDIATE"));
    try {
      await ds.runMigrations({ transaction: "none" });
      await ds.query("COMMIT");
    } catch (error) {
      await ds.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  } finally {
    await ds.query("PRAGMA foreign_keys = ON");
  }
}

/** Ends whatever transaction the connection is in, if any (after a fault its state is unknown). */
export async function abandonTransaction(ds: DataSource): Promise<void> {
  await ds.query("ROLLBACK").catch(() => undefined);
}

/**
 * What kind of database fault an error is, if it is one: "busy" when another connection held the
 * write lock past the wait, "failing" when storage refuses (disk full, I/O error, a file made
 * read-only, gone or damaged, memory exhausted), and null for anything else (a bug, a constraint).
 */
export function databaseFault(error: unknown): "busy" | "failing" | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return null;
  if (BUSY.has(code)) return "busy";
  if (FAILING.has(code)) return "failing";
  return null;
}

const BUSY = new Set(["SQLITE_BUSY", "SQLITE_LOCKED"]);
const FAILING = new Set([
  "SQLITE_FULL", "SQLITE_IOERR", "SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_CORRUPT", "SQLITE_NOTADB",
  "SQLITE_PROTOCOL", "SQLITE_NOLFS", "SQLITE_PERM", "SQLITE_NOMEM",
]);
