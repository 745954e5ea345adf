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

/**
 * Runs `reads` as one statement and settles every one of them, whatever fails. The statement's
 * text is the reads' answers side by side, so a read that answered no JSON value, or more than
 * one, would shift the others': that is an error for the whole statement.
 */
async function run(reader: SqlReader, reads: Pending[]): Promise<void> {
  try {
    const values = await reader.json(
      combinedSql(reads),
      reads.flatMap((read) => read.params),
    );
    if (!Array.isArray(values) || values.length !== reads.length)
      throw new Error(`read-batch: ${reads.length} reads answered ${Array.isArray(values) ? values.length : "no"} values`);
    reads.forEach((read, i) => read.resolve(values[i]));
  } catch (error) {
    for (const read of reads) read.reject(error);
  }
}

/**
 * One statement per wave of one request's reads. DataLoader turns one tick's loads into one batch
 * per loader; a profile page still loads seats, awards, positions, proposals and the employer in
 * the same tick, one statement each. Here the reads queued before the event loop turns run as one
 * statement, side by side as scalar subqueries (combinedSql): over a network database, one round
 * trip instead of five.
 *
 * The flush waits for setImmediate: until every process.nextTick and microtask of the wave has
 * run. DataLoader dispatches batches in nextTick callbacks and answers even a cache hit only at
 * its next dispatch, so loads answered from rows read with another loader's batch (includes,
 * src/loaders) queue their own reads a tick or two later; flushing on nextTick split such a wave
 * in two statements. A read queued after the flush starts the next wave, never a lost one.
 */
export function readInBatches(reader: SqlReader): ReadJson {
  let queue: Pending[] = [];

  const flush = () => {
    const wave = queue;
    queue = [];
    for (let i = 0; i < wave.length; i += MAX_READS) void run(reader, wave.slice(i, i + MAX_READS));
  };

  return (sql, params) =>
    new Promise<unknown>((resolve, reject) => {
      // Parameters are bound by position across the whole statement: one too few or too many would shift the next read's.
      const expected = textOf(sql).params;
      if (params.length !== expected) return reject(new Error(`read-batch: ${expected} parameters expected, ${params.length} given`));
      if (queue.push({ sql, params, resolve, reject }) === 1) setImmediate(flush);
    });
}
