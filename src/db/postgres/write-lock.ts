import { DataSource, EntityManager } from "typeorm";
import type { Engine } from "../engine";

// The database's write lock, as PostgreSQL has it: an advisory lock every writer of every server
// takes first in its transaction, so that writes go one at a time as they do on SQLite, and what
// a write reads before it writes (is this name taken?) is still true when it commits.

/** The advisory lock keys: writes, and migrations at start-up. */
const WRITE_LOCK = 7_357_001;
const MIGRATION_LOCK = 7_357_002;

/** lock_timeout for `waitMs` (0 would mean "wait for ever"). */
const timeout = (waitMs: number) => `${Math.max(1, Math.floor(waitMs))}ms`;

export const postgresEngine: Engine = {
  async takeWriteLock(m: EntityManager, waitMs: number): Promise<void> {
    await m.query(`SET LOCAL lock_timeout = '${timeout(waitMs)}'`);
    await m.query(`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`);
    await m.query(`SET LOCAL lock_timeout = DEFAULT`);
  },

  // Whether a transaction gets through: after a fault, the next one that does shows the database is back.
  async probeWrite(m: EntityManager): Promise<void> {
    await m.query(`SELECT 1`);
  },

  /**
   * Runs the pending migrations, each in its transaction, holding a session advisory lock for all of
   * them, so that servers starting together on an empty database do not both create the same tables:
   * the others wait (up to `waitMs`), then find nothing pending.
   */
  async runMigrationsLocked(ds: DataSource, waitMs: number): Promise<void> {
    const runner = ds.createQueryRunner();
    try {
      await runner.query(`SET lock_timeout = '${timeout(waitMs)}'`);
      await runner.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
      try {
        await ds.runMigrations({ transaction: "each" });
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`);
      }
    } finally {
      // The wait was start-up's: the connection goes back to the pool with the server's lock_timeout.
      await runner.query(`RESET lock_timeout`).finally(() => runner.release());
    }
  },

  // TypeORM rolls back and releases a failed transaction's connection; a broken one the pool drops.
  async abandonTransaction(): Promise<void> {},
};

/** What kind of database fault a PostgreSQL or pg driver error is (src/db/engine.ts databaseFault). */
export function postgresFault(error: unknown): "busy" | "failing" | null {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === "string") {
    if (BUSY.has(code)) return "busy";
    if (FAILING.has(code) || code.startsWith("08") || /^E[A-Z]+$/.test(code)) return "failing";
  }
  // The driver's own errors, when the server went away or never answered.
  if (
    typeof message === "string" &&
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connect ECONNREFUSED|Cannot use a pool after calling end/.test(
      message,
    )
  )
    return "failing";
  return null;
}

/** SQLSTATEs: a lock not had in time, a serialisation failure, a deadlock, no connection slot free. */
const BUSY = new Set(["55P03", "40001", "40P01", "53300"]);
/**
 * The server shutting down or starting, out of disk or memory, an I/O error, a read-only standby
 * (a replica asked to write), damaged data. Connection errors (class 08, Node's ECONN…) too.
 */
const FAILING = new Set(["57P01", "57P02", "57P03", "53100", "53200", "58030", "25006", "XX001", "XX002"]);
