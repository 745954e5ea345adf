import { DataSource, EntityManager, QueryRunner } from "typeorm";
import { log } from "../log";
import type { Dialect } from "./dialect";
import { databaseFault, engineOf } from "./engine";
import { dialectOf } from "./index";

/**
 * Gives the event loop a turn in the middle of a long write. The driver is synchronous, and
 * TypeORM's awaits never leave the microtask queue, so a write of thousands of statements (an
 * import) would otherwise hold every other request, and every timer, until it commits. Other
 * requests' reads meanwhile see what was committed before it (their own connection); their writes wait.
 */
export function letOthersRun(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A write that did not go through for want of the database: the caller answers 503 and nothing was written. */
export class WriteUnavailable extends Error {
  constructor(
    /** "busy": the write lock was not had in time; "failing": storage refused the write. */
    readonly reason: "busy" | "failing",
    readonly cause: unknown,
  ) {
    super(reason === "busy" ? "the database is busy with other writes" : "the database cannot take writes");
  }
}

/**
 * The one connection writes go through. One write at a time in this process, each in a transaction
 * that holds the database's write lock from its first statement; a write waits at most
 * `lockTimeoutMs` in all for its turn and the lock. After a database fault the connection is closed
 * and the next write opens a fresh one: TypeORM's idea of whether a transaction is open can be
 * wrong after a failed COMMIT or ROLLBACK, and every later write would then have gone into a
 * savepoint of a transaction never committed.
 */
export class Writer {
  private connection: Promise<DataSource> | null;
  /** Settles when the write ahead of the next one has. */
  private tail: Promise<void> = Promise.resolve();
  /** The storage fault of the last write, until a write commits again. */
  private fault: unknown = null;
  /** Set by close() once the writes asked before it have run: any later one (a request still running while the server stops) is refused, and opens no connection. */
  private closed = false;

  constructor(
    private readonly open: () => Promise<DataSource>,
    private readonly lockTimeoutMs: number,
  ) {
    this.connection = null;
  }

  /**
   * Runs `fn` in a write transaction: all of it commits or none. Throws WriteUnavailable when the
   * turn or the lock did not come within the bound, or when the database failed; anything `fn`
   * throws is passed on as it is (after the rollback).
   */
  transaction<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.lockTimeoutMs;
    return new Promise<T>((resolve, reject) => {
      let queued = true;
      const timer = setTimeout(() => {
        queued = false;
        reject(new WriteUnavailable("busy", new Error("waited for the other writes of this process")));
      }, this.lockTimeoutMs);
      this.tail = this.tail.then(async () => {
        if (!queued) return; // refused while it waited: never reaches the database
        queued = false;
        clearTimeout(timer);
        await this.attempt(deadline, fn).then(resolve, reject);
      });
    });
  }

  private async attempt<T>(deadline: number, fn: (m: EntityManager) => Promise<T>): Promise<T> {
    let ds: DataSource | undefined;
    let runner: QueryRunner | undefined;
    try {
      ds = await this.dataSource();
      const result = await ds.transaction(async (m) => {
        runner = m.queryRunner;
        await engineOf(m.connection).takeWriteLock(m, deadline - Date.now());
        return fn(m);
      });
      if (this.fault !== null) log("info", "writes commit again");
      this.fault = null;
      return result;
    } catch (error) {
      const fault = databaseFault(error);
      if (ds && (fault === "failing" || runner?.isTransactionActive)) await this.replace(ds, error);
      if (fault === "failing") {
        if (this.fault === null) log("error", "writes are failing", { error });
        this.fault = error;
      }
      throw fault ? new WriteUnavailable(fault, error) : error;
    }
  }

  /** The SQL that differs by engine, for the writer's connection's (opened if it is not). */
  async dialect(): Promise<Dialect> {
    return dialectOf(await this.dataSource());
  }

  private dataSource(): Promise<DataSource> {
    // Whatever asks for the connection once the writer is closed (a write, the search index's upkeep
    // asking the dialect) is refused, as a write the database could not take: nothing written, 503.
    if (this.closed) return Promise.reject(new WriteUnavailable("busy", new Error("the writer is closed: the server is stopping")));
    if (!this.connection) {
      const opening = this.open();
      this.connection = opening;
      opening.catch(() => {
        if (this.connection === opening) this.connection = null;
      });
    }
    return this.connection;
  }

  /** Rolls back whatever the connection still has open and closes it; the next write opens another. */
  private async replace(ds: DataSource, cause: unknown): Promise<void> {
    this.connection = null;
    log("warn", "closing the writer connection after a fault; the next write opens a fresh one", { error: cause });
    await engineOf(ds).abandonTransaction(ds);
    await ds.destroy().catch((error) => log("warn", "the old writer connection did not close cleanly", { error }));
  }

  /**
   * Whether writes go through. After a storage fault, until a write commits, each call tries a
   * write that changes nothing, so that the answer turns by itself once the fault is gone.
   */
  async healthy(): Promise<boolean> {
    if (this.fault === null) return true;
    try {
      await this.transaction((m) => engineOf(m.connection).probeWrite(m));
      return true;
    } catch {
      return false;
    }
  }

  /** Waits for the writes under way (those already asked), then closes the connection; later writes are refused. */
  async close(): Promise<void> {
    await this.tail;
    this.closed = true;
    const ds = await this.connection?.catch(() => null);
    this.connection = null;
    if (ds?.isInitialized) await ds.destroy();
  }
}
