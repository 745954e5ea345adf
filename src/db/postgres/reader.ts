import { createHash } from "crypto";
import type { Pool, PoolClient, QueryConfig, QueryResult } from "pg";
import type { Logger } from "typeorm";
import type { SqlReader } from "../reader";
import { timeoutError } from "../../errors";
import { heldToDeadline } from "../deadline";
import { postgresDialect } from "./dialect";
import { numberPlaceholders } from "./placeholders";

/**
 * How many statements one connection keeps prepared. A connection that has prepared more is closed
 * when it is next released and the pool opens a fresh one, so a stream of query shapes never seen
 * before (each projection of each list is its own statement) cannot grow the database server's
 * memory without bound: a prepared statement's plans take a few hundred KB of its connection's.
 */
export const PREPARED_PER_CONNECTION = 50;

/** A pattern match (Dialect.contains, search's text match): its best plan depends on the pattern. */
const PATTERN = /\bI?LIKE\b/;

/** SQL texts whose pg form is remembered (cleared when full: the app's texts are a few dozen shapes). */
const MAX_TEXTS = 512;

/**
 * SQL the app writes itself, on a pg pool. On the main thread's reader a statement is prepared
 * once per connection (a named statement): PostgreSQL then plans it once, where planning a
 * profile page's one statement took twice as long as running it. Two kinds stay unnamed, planned
 * with their values each time: pattern matches, since a named statement switches to a generic
 * plan after five runs and a generic plan of a pattern match scans the whole trigram index; and
 * every read of an isolated reader (a worker thread's slow reads: facets, broad counts, search,
 * exports), whose plans depend on how much their values select and whose planning is a small part
 * of their time. Every statement is logged as TypeORM logs its own (DB_LOGGING, the tests' counts).
 */
export class PgReader implements SqlReader {
  readonly dialect = postgresDialect;
  readonly synchronous = false;
  /** The connection a snapshot's reads go to, while one is open. */
  private pinned: PoolClient | null = null;
  /**
   * The snapshot's last statement sent: reads made together (Promise.all) go to its connection one
   * after another, not queued inside the driver, which pg 8 warns about and pg 9 refuses.
   */
  private pinnedTurn: Promise<unknown> = Promise.resolve();
  /** Set once the snapshot's read has settled: a statement asked after that is refused, not sent after its COMMIT or ROLLBACK. */
  private ending = false;
  /** The statements each connection has prepared (by name). */
  private readonly prepared = new WeakMap<PoolClient, Set<string>>();
  /**
   * Each SQL text's $n form and statement name, made once: renumbering and hashing a batched read's
   * few kilobytes on every call cost the main thread more than the rest of the call.
   */
  private readonly texts = new Map<string, { text: string; name?: string }>();

  constructor(
    private readonly pool: Pool,
    private readonly logger: Pick<Logger, "logQuery" | "logQueryError">,
    readonly isolated = false,
  ) {}

  /**
   * A main-thread reader's statements held to the request's deadline: the caller gets TIMEOUT at
   * the deadline, and the statement is ended in the database (runUntil), whether it waits behind
   * another session's lock or was planned badly, so that it neither runs on unseen nor keeps its
   * connection from the requests behind it. A read thread's reader is not held to it: its statement
   * is ended with its thread (src/db/slow-reads.ts).
   */
  until(deadline: () => number): SqlReader {
    return heldToDeadline(this, deadline);
  }

  async snapshot<T>(read: () => Promise<T>): Promise<T> {
    // A worker runs one task at a time, so no other read shares the connection; a nested snapshot joins it.
    if (!this.isolated || this.pinned !== null) return read();
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await this.control(client, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      this.pinned = client;
      const result = await read().finally(() => (this.ending = true));
      await this.pinnedTurn;
      await this.control(client, "COMMIT");
      return result;
    } catch (error) {
      // after the statements already sent (in an aborted transaction they fail at once)
      await this.pinnedTurn;
      await this.control(client, "ROLLBACK").catch((e: Error) => (broken = e));
      throw error;
    } finally {
      this.pinned = null;
      this.ending = false;
      this.pinnedTurn = Promise.resolve();
      client.release(broken);
    }
  }

  /** A transaction's BEGIN, COMMIT or ROLLBACK, logged as TypeORM logs its own. */
  private async control(client: PoolClient, sql: string): Promise<void> {
    this.logger.logQuery(sql);
    try {
      await client.query(sql);
    } catch (error) {
      this.logger.logQueryError(error as Error, sql);
      throw error;
    }
  }

  async rows<T>(sql: string, params: readonly unknown[], deadline = Infinity): Promise<T[]> {
    return (await this.run(sql, params, deadline)).rows as T[];
  }

  async json(sql: string, params: readonly unknown[], deadline = Infinity): Promise<unknown> {
    const { rows, fields } = await this.run(sql, params, deadline);
    if (rows.length === 0 || fields.length === 0) throw new Error("json: the query answered no row");
    const value = (rows[0] as Record<string, unknown>)[fields[0].name];
    // The driver parses json columns itself; text is parsed here.
    return typeof value === "string" ? JSON.parse(value) : value;
  }

  private async run(sql: string, params: readonly unknown[], deadline: number) {
    this.logger.logQuery(sql, params as unknown[]);
    const query: QueryConfig = { ...this.textOf(sql), values: params as unknown[] };
    try {
      if (this.pinned) {
        if (this.ending) throw new Error("a read of a snapshot asked after the snapshot's own read had ended");
        const client = this.pinned;
        const sent = this.pinnedTurn.then(() => client.query(query));
        this.pinnedTurn = sent.catch(() => undefined);
        return await sent;
      }
      if (deadline !== Infinity) return await this.runUntil(query, deadline);
      const client = await this.pool.connect();
      let release: Error | boolean = false;
      try {
        return await client.query(query);
      } catch (error) {
        // As the pool's own query() does: a connection a statement failed on is not reused.
        release = error as Error;
        throw error;
      } finally {
        client.release(release || this.tooManyPrepared(client, query.name));
      }
    } catch (error) {
      this.logger.logQueryError(error as Error, sql, params as unknown[]);
      throw error;
    }
  }

  /**
   * `query` on a connection of the pool, or TIMEOUT at `deadline`, whether it waits for a connection
   * (one that comes later goes back at once) or for the statement. A statement past the deadline
   * loses its connection, closed at once, and PostgreSQL ends a statement whose client is gone within
   * client_connection_check_interval (src/db/postgres/connection.ts), as it ends a read thread's
   * (src/db/slow-reads.ts); the pool opens another connection when one is next needed.
   */
  private async runUntil(query: QueryConfig, deadline: number): Promise<QueryResult> {
    let late = false;
    const connecting = this.pool.connect();
    void connecting.then(
      (client) => late && client.release(),
      () => undefined,
    );
    const client = await untilDeadline(connecting, deadline, () => (late = true));
    let expired = false;
    try {
      const result = await untilDeadline(client.query(query), deadline, () => {
        expired = true;
        client.release(true);
      });
      client.release(this.tooManyPrepared(client, query.name));
      return result;
    } catch (error) {
      // As the pool's own query() does: a connection a statement failed on is not reused.
      if (!expired) client.release(error as Error);
      throw error;
    }
  }

  private textOf(sql: string): { text: string; name?: string } {
    let known = this.texts.get(sql);
    if (!known) {
      if (this.texts.size >= MAX_TEXTS) this.texts.clear();
      const text = numberPlaceholders(sql);
      known = this.isolated || PATTERN.test(sql) ? { text } : { text, name: createHash("sha1").update(text).digest("base64url") };
      this.texts.set(sql, known);
    }
    return known;
  }

  /** Whether `client`, having run the statement `name`, now holds more than PREPARED_PER_CONNECTION. */
  private tooManyPrepared(client: PoolClient, name: string | undefined): boolean {
    if (name === undefined) return false;
    let names = this.prepared.get(client);
    if (!names) this.prepared.set(client, (names = new Set()));
    names.add(name);
    return names.size > PREPARED_PER_CONNECTION;
  }
}

/** `work`, or TIMEOUT at `deadline` (epoch ms), when `expired` is called first; what `work` answers later is nobody's. */
function untilDeadline<T>(work: Promise<T>, deadline: number, expired: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => {
        expired();
        reject(timeoutError());
      },
      Math.max(0, deadline - Date.now()),
    );
    work.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error as Error)),
    );
  });
}
