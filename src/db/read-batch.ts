import { DataSource } from "typeorm";
import { preparedAll } from "./prepared";

/**
 * A read of one JSON value: a query of one row and one column answering JSON text
 * (json_group_array …), answered parsed. The loaders' reads are all of this shape
 * (src/db/json-rows.ts), which is what lets a wave's reads share one statement.
 */
export type ReadJson = (sql: string, params: unknown[]) => Promise<unknown>;

interface Pending {
  sql: string;
  params: unknown[];
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** One statement per read: what a server without batching does (the benchmark's naive server). */
export function readEach(ds: DataSource): ReadJson {
  return async (sql, params) => {
    const [row] = await preparedAll<Record<string, string>>(ds, sql, params);
    return JSON.parse(Object.values(row)[0]);
  };
}

/** Each read's text: a number (so that a combination has a short key) and how many parameters it takes. */
const readTexts = new Map<string, { n: number; params: number }>();
/** Combined texts by their reads' numbers: built once per combination, not per statement. */
const combinations = new Map<string, string>();
const MAX_COMBINATIONS = 256;
/** Reads per statement at most (each is a result column; SQLite allows 2,000). */
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

/** The reads' texts as numbers, e.g. "0 3 3 7": equal for two waves that read alike. */
function shapeOf(reads: readonly { sql: string }[]): string {
  return reads.map(({ sql }) => textOf(sql).n).join(" ");
}

/**
 * SELECT '[' || (q0) || ',' || (q1) || … || ']': the reads' JSON texts as one JSON array, one
 * read alone too. One column, not one per read: sqlite3 makes every column a property of a new
 * object (its name internalised) and a string of its own, and each string was parsed apart; one
 * text is one string and one JSON.parse. A prefetch (src/loaders/row-loader.ts) asks its reads
 * as one read of this text.
 */
export function combinedSql(reads: readonly { sql: string }[]): string {
  const key = shapeOf(reads);
  let sql = combinations.get(key);
  if (sql === undefined) {
    if (combinations.size >= MAX_COMBINATIONS) combinations.clear();
    sql = `SELECT '[' || ${reads.map((read) => `COALESCE((${read.sql}), 'null')`).join(" || ',' || ")} || ']' AS "reads"`;
    combinations.set(key, sql);
  }
  return sql;
}

/**
 * The values of `reads`, in order, from one statement. The statement's text is the reads' answers
 * side by side, so a read that answered no JSON value, or more than one, would shift the others'
 * (another request's, once waves share a statement): that is an error for the whole statement.
 */
async function readAll(ds: DataSource, reads: Pending[]): Promise<unknown[]> {
  const [row] = await preparedAll<{ reads: string }>(ds, combinedSql(reads), reads.flatMap((read) => read.params));
  const values: unknown = JSON.parse(row.reads);
  if (!Array.isArray(values) || values.length !== reads.length) throw new Error(`read-batch: ${reads.length} reads answered ${Array.isArray(values) ? values.length : "no"} values`);
  return values;
}

/** Runs `reads` as one statement and settles every one of them, whatever fails. */
async function run(ds: DataSource, reads: Pending[]): Promise<void> {
  try {
    const values = await readAll(ds, reads);
    reads.forEach((read, i) => read.resolve(values[i]));
  } catch (error) {
    for (const read of reads) read.reject(error);
  }
}

/** Runs waves of reads (each one request's) as one statement and settles every read, whatever fails. */
async function runWaves(ds: DataSource, waves: Pending[][]): Promise<void> {
  if (waves.length === 1) return run(ds, waves[0]);
  const reads = waves.flat();
  let values: unknown[];
  try {
    values = await readAll(ds, reads);
  } catch {
    // One request's failing read must not fail another's: each wave again, on its own.
    await Promise.all(waves.map((wave) => run(ds, wave)));
    return;
  }
  reads.forEach((read, i) => read.resolve(values[i]));
}

/**
 * The loaders' statements on one connection, and the waves waiting for them. A connection runs
 * one statement at a time, so a wave that arrives while one is out waits for it either way;
 * here it waits in JS, beside the other waves of its shape (the same reads: requests for pages
 * of one kind), and they all go as one statement when the connection is free. Under load that
 * is one trip to the connection's thread for several requests: each trip costs the event loop
 * a thread wake-up (a futex, an inter-processor interrupt on a virtual machine), the result's
 * conversion and a callback. Shapes are not mixed, so the statements prepared stay one per shape
 * and number of waves, whatever the traffic.
 */
class Reader {
  private busy = false;
  /** Waves waiting for the connection, by shape. */
  private waiting = new Map<string, Pending[][]>();

  constructor(private readonly ds: DataSource) {}

  submit(wave: Pending[]): void {
    if (!this.busy) {
      this.send([[wave]]);
      return;
    }
    const shape = shapeOf(wave);
    const same = this.waiting.get(shape);
    if (same) same.push(wave);
    else this.waiting.set(shape, [wave]);
  }

  /** Sends groups of waves of one shape, each group as few statements as MAX_READS allows; then what waited meanwhile. */
  private send(groups: Pending[][][]): void {
    this.busy = true;
    const statements: Promise<void>[] = [];
    for (const group of groups) {
      let batch: Pending[][] = [];
      let reads = 0;
      for (const wave of group) {
        if (wave.length > MAX_READS) {
          for (let i = 0; i < wave.length; i += MAX_READS) statements.push(run(this.ds, wave.slice(i, i + MAX_READS)));
          continue;
        }
        if (reads + wave.length > MAX_READS) {
          statements.push(runWaves(this.ds, batch));
          batch = [];
          reads = 0;
        }
        batch.push(wave);
        reads += wave.length;
      }
      if (batch.length) statements.push(runWaves(this.ds, batch));
    }
    void Promise.all(statements).then(() => {
      const next = [...this.waiting.values()];
      this.waiting = new Map();
      if (next.length) this.send(next);
      else this.busy = false;
    });
  }
}

const readers = new WeakMap<DataSource, Reader>();

/**
 * One statement per wave of reads. DataLoader turns one tick's loads into one batch per loader;
 * a profile page still loads seats, awards, positions, proposals and the employer in the same
 * tick, one statement each, and every statement is a trip to the connection's thread and back
 * (over a network database, a network round trip). Here the reads queued before the event loop
 * turns run as one statement, side by side as scalar subqueries (combinedSql); while the
 * connection is busy, waves of other requests that read alike join it (Reader).
 *
 * The flush waits for setImmediate: until every process.nextTick and microtask of the wave has
 * run. DataLoader dispatches batches in nextTick callbacks and answers even a cache hit only at
 * its next dispatch, so loads answered from rows read with another loader's batch (includes,
 * src/loaders) queue their own reads a tick or two later; flushing on nextTick split such a wave
 * in two statements. A read queued after the flush starts the next wave, never a lost one. A
 * failing statement fails every read of its request's wave, and no other request's.
 */
export function readInBatches(ds: DataSource): ReadJson {
  let reader = readers.get(ds);
  if (!reader) readers.set(ds, (reader = new Reader(ds)));
  const connection = reader;
  let queue: Pending[] = [];

  const flush = () => {
    const wave = queue;
    queue = [];
    connection.submit(wave);
  };

  return (sql, params) =>
    new Promise<unknown>((resolve, reject) => {
      // Parameters are bound by position across the whole statement: one too few or too many would shift the next read's.
      const expected = textOf(sql).params;
      if (params.length !== expected) return reject(new Error(`read-batch: ${expected} parameters expected, ${params.length} given`));
      if (queue.push({ sql, params, resolve, reject }) === 1) setImmediate(flush);
    });
}
