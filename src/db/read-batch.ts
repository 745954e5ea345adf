import { timeoutError } from "../errors";
import { databaseFault } from "./engine";
import type { SqlReader } from "./reader";

/**
 * A read of one JSON value: a query of one row and one column answering JSON text
 * (json_group_array …), answered parsed. The loaders' reads are all of this shape
 * (src/db/json-rows.ts), which is what lets a request's reads of one tick share one statement.
 */
export type ReadJson = (sql: string, params: unknown[]) => Promise<unknown>;

interface Pending {
  sql: string;
  params: unknown[];
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  /** The request that asked: its deadline, and the reads that fail with its own. */
  owner: Owner;
}

/** One statement per read: what a server without batching does (the benchmark's naive server). */
export function readEach(reader: SqlReader): ReadJson {
  return (sql, params) => reader.json(sql, params);
}

/** Each read's text: a number (so that a combination has a short key) and how many parameters it takes. */
const readTexts = new Map<string, { n: number; params: number }>();
/** Combined texts by their reads' numbers: built once per combination, not per statement. */
const combinations = new Map<string, string>();
const MAX_COMBINATIONS = 256;
/** Reads per statement at most (each is a term of the statement's one column). */
export const MAX_READS = 100;

function textOf(sql: string): { n: number; params: number } {
  let text = readTexts.get(sql);
  if (!text) readTexts.set(sql, (text = { n: readTexts.size, params: placeholders(sql) }));
  return text;
}

/** The `?` parameters of `sql`, outside its string literals and quoted names. */
function placeholders(sql: string): number {
  let count = 0;
  let quote: string | null = null;
  for (const c of sql) {
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "?") count++;
  }
  return count;
}

/**
 * SELECT '[' || (q0) || ',' || (q1) || … || ']': the reads' JSON texts as one JSON array, one
 * read alone too, so that a tick's reads are one statement and one JSON.parse. A prefetch
 * (src/loaders/row-loader.ts) asks its reads as one read of this text.
 */
export function combinedSql(reads: readonly { sql: string }[]): string {
  const key = reads.map(({ sql }) => textOf(sql).n).join(" ");
  let sql = combinations.get(key);
  if (sql === undefined) {
    if (combinations.size >= MAX_COMBINATIONS) combinations.clear();
    sql = `SELECT '[' || ${reads.map((read) => `COALESCE((${read.sql}), 'null')`).join(" || ',' || ")} || ']' AS "reads"`;
    combinations.set(key, sql);
  }
  return sql;
}

/** The request a read is for (one per request's ReadJson): a failing read fails its own request's reads alone. */
interface Owner {
  /** The request's deadline (epoch ms), read as its statement is about to start. */
  deadline: () => number;
}

/**
 * Runs `reads` as one statement (on `reader`, held to `deadline`) and answers each its own value.
 * The statement's text is the reads' answers side by side, so a read that answered no JSON value,
 * or more than one, would shift the others': that is an error for the whole statement.
 */
async function readAll(reader: SqlReader, reads: readonly Pending[], deadline: number): Promise<unknown[]> {
  const held = deadline === Infinity ? reader : reader.until(() => deadline);
  const values = await held.json(
    combinedSql(reads),
    reads.flatMap((read) => read.params),
  );
  if (!Array.isArray(values) || values.length !== reads.length)
    throw new Error(`read-batch: ${reads.length} reads answered ${Array.isArray(values) ? values.length : "no"} values`);
  return values as unknown[];
}

/** One request's reads as one statement: each read gets its value, or all of them the statement's error. */
async function run(reader: SqlReader, reads: readonly Pending[], deadline: number): Promise<void> {
  try {
    const values = await readAll(reader, reads, deadline);
    reads.forEach((read, i) => read.resolve(values[i]));
  } catch (error) {
    for (const read of reads) read.reject(error);
  }
}

/**
 * The reads of several requests as one statement (each request's reads together, in the order
 * asked). One request's failing read must not fail another's: when the shared statement fails with
 * an error one read can cause (not a database fault, which every request would meet again), each
 * request's reads run again as a statement of their own, and only those of the request whose read
 * fails get its error.
 */
async function runShared(reader: SqlReader, requests: readonly (readonly Pending[])[]): Promise<void> {
  if (requests.length === 1) return run(reader, requests[0], Infinity);
  const reads = requests.flat();
  let values: unknown[];
  try {
    values = await readAll(reader, reads, Infinity);
  } catch (error) {
    if (databaseFault(error) !== null) for (const read of reads) read.reject(error);
    else await Promise.all(requests.map((own) => run(reader, own, Infinity)));
    return;
  }
  reads.forEach((read, i) => read.resolve(values[i]));
}

/**
 * The waves of reads on one connection (a SqlReader: the main thread's, or a replica's), shared by
 * every request. DataLoader turns one tick's loads into one batch per loader; a profile page still
 * loads seats, awards, positions, proposals and the employer in the same tick, one statement each.
 * Here a request's reads queued before the event loop turns run as one statement, side by side as
 * scalar subqueries (combinedSql): over a network database, one round trip instead of five.
 *
 * On a synchronous driver (SQLite) the requests answered in the same turn (requests that arrived
 * together) whose reads have the same shape (the same texts in the same order: the same kind of
 * page at the same step) share that statement too: under load, one statement for several
 * requests, which bought the profile page about a fifth more requests a second (bench/README.md,
 * "The cross-request Reader, measured on the new driver"). Only requests of one shape share, so
 * the statement texts stay a few per kind of page, not one per mix of traffic. Each request is
 * held to its own deadline, read as the statement is about to start: past it its reads answer
 * TIMEOUT and are not in the statement (SqlReader.until); the statement, once started, runs to its
 * end either way. On PostgreSQL, where a statement is ended at its request's deadline, each
 * request's reads are a statement of their own.
 *
 * The flush waits for setImmediate: until every process.nextTick and microtask of the wave has
 * run. DataLoader dispatches batches in nextTick callbacks and answers even a cache hit only at
 * its next dispatch, so loads answered from rows read with another loader's batch (includes,
 * src/loaders) queue their own reads a tick or two later; flushing on nextTick split such a wave
 * in two statements. A read queued after the flush starts the next wave, never a lost one.
 */
class Waves {
  private queue: Pending[] = [];

  constructor(private readonly reader: SqlReader) {}

  submit(read: Pending): void {
    if (this.queue.push(read) === 1) setImmediate(this.flush);
  }

  private readonly flush = () => {
    const wave = this.queue;
    this.queue = [];
    const byOwner = new Map<Owner, Pending[]>();
    for (const read of wave) {
      const own = byOwner.get(read.owner);
      if (own) own.push(read);
      else byOwner.set(read.owner, [read]);
    }
    // Requests of one shape, to share statements; each request's deadline read once, as its statement is about to start.
    const shapes = new Map<string, Pending[][]>();
    const now = Date.now();
    for (const [owner, reads] of byOwner) {
      const deadline = owner.deadline();
      if (now > deadline) {
        for (const read of reads) read.reject(timeoutError());
      } else if (!this.reader.synchronous || reads.length > MAX_READS) {
        for (let i = 0; i < reads.length; i += MAX_READS) void run(this.reader, reads.slice(i, i + MAX_READS), deadline);
      } else {
        const shape = reads.map(({ sql }) => textOf(sql).n).join(" ");
        const same = shapes.get(shape);
        if (same) same.push(reads);
        else shapes.set(shape, [reads]);
      }
    }
    for (const requests of shapes.values()) {
      const perStatement = Math.floor(MAX_READS / requests[0].length);
      for (let i = 0; i < requests.length; i += perStatement) void runShared(this.reader, requests.slice(i, i + perStatement));
    }
  };
}

const wavesOf = new WeakMap<SqlReader, Waves>();

/**
 * A request's reads, batched in waves with every other request's on `reader` (the connection's own
 * reader, readerOf(ds): not a view held to a deadline, which is made per request), each held to
 * `deadline` (epoch ms; none when not given).
 */
export function readInBatches(reader: SqlReader, deadline: () => number = () => Infinity): ReadJson {
  let waves = wavesOf.get(reader);
  if (!waves) wavesOf.set(reader, (waves = new Waves(reader)));
  const shared = waves;
  const owner: Owner = { deadline };
  return (sql, params) =>
    new Promise<unknown>((resolve, reject) => {
      // Parameters are bound by position across the whole statement: one too few or too many would shift the next read's.
      const expected = textOf(sql).params;
      if (params.length !== expected) return reject(new Error(`read-batch: ${expected} parameters expected, ${params.length} given`));
      shared.submit({ sql, params, resolve, reject, owner });
    });
}
