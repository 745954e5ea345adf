import type { DataSource, EntityManager } from "typeorm";
import { postgresEngine, postgresFault } from "./postgres/write-lock";
import { sqliteFault } from "./sqlite/faults";
import { sqliteEngine } from "./sqlite/write-lock";

/** How an engine serialises writes and runs migrations: what the writer (src/db/writer.ts) and start-up (src/boot.ts) need of it. */
export interface Engine {
  /**
   * Takes the database's write lock for the rest of the transaction `m` is in, waiting up to
   * `waitMs` for another connection (of this process or another); past that the engine's "busy"
   * error is thrown. Called first in every write transaction.
   */
  takeWriteLock(m: EntityManager, waitMs: number): Promise<void>;
  /** A write that changes nothing: whether a commit gets through again after a fault. Called with the lock held. */
  probeWrite(m: EntityManager): Promise<void>;
  /** Runs the pending migrations so that processes starting together on one empty database do it once. */
  runMigrationsLocked(ds: DataSource, waitMs: number): Promise<void>;
  /** Ends whatever transaction the connection is in, if any (after a fault its state is unknown). */
  abandonTransaction(ds: DataSource): Promise<void>;
}

/** The engine behind a TypeORM connection. */
export function engineOf(ds: DataSource): Engine {
  return ds.options.type === "postgres" ? postgresEngine : sqliteEngine;
}

/**
 * What kind of database fault `error` is, whichever engine raised it: "busy" when another connection
 * held the write lock past the wait, "failing" when the database refuses or cannot be reached, and
 * null for anything else (a bug, a constraint). Each engine's errors carry codes of their own.
 */
export function databaseFault(error: unknown): "busy" | "failing" | null {
  return sqliteFault(error) ?? postgresFault(error);
}
