import type { DataSource } from "typeorm";
import { log } from "../log";

/** How often the replica is asked whether it answers, so that reads leave it soon after it goes away and return once it is back. */
export const REPLICA_CHECK_MS = 2_000;

/**
 * A read replica (PostgreSQL's DATABASE_READ_URL): the connection the main thread's reads of a
 * query go to while the replica answers. While it does not (down, unreachable, not started yet),
 * `reads` is null and reads go to the primary: a replica only spreads the load, it is never needed.
 * It is asked `SELECT 1` every REPLICA_CHECK_MS and by /healthz.
 */
export class Replica {
  private ds: DataSource | null = null;
  private answering = false;
  private checking: Promise<boolean> | null = null;
  private closed = false;
  private readonly timer: NodeJS.Timeout;

  private constructor(private readonly open: () => Promise<DataSource>) {
    this.timer = setInterval(() => void this.check(), REPLICA_CHECK_MS);
    // A server that is stopping is not held up by the next check.
    this.timer.unref();
  }

  /** Opens the replica's connection; a replica that does not answer yet is opened by a later check. */
  static async start(open: () => Promise<DataSource>): Promise<Replica> {
    const replica = new Replica(open);
    await replica.check();
    return replica;
  }

  /** The replica's connection while it answers; null while reads go to the primary. */
  get reads(): DataSource | null {
    return this.answering ? this.ds : null;
  }

  /** Whether the replica answers now (one check at a time: callers meanwhile share its answer). */
  check(): Promise<boolean> {
    this.checking ??= this.ask().finally(() => (this.checking = null));
    return this.checking;
  }

  private async ask(): Promise<boolean> {
    if (this.closed) return false;
    let answers = false;
    let error: unknown;
    try {
      this.ds ??= await this.open();
      await this.ds.query("SELECT 1");
      answers = true;
    } catch (e) {
      error = e;
    }
    if (answers !== this.answering) {
      if (answers) log("info", "the read replica answers: query reads go to it");
      else log("warn", "the read replica does not answer: query reads go to the primary", { error });
    }
    this.answering = answers;
    return answers;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.answering = false;
    clearInterval(this.timer);
    await this.checking?.catch(() => undefined);
    await this.ds?.destroy();
    this.ds = null;
  }
}
