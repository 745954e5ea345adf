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

/** A number for each read's text, so that a combination has a short key. */
const readNumbers = new Map<string, number>();
/** Combined texts by their reads' numbers: built once per combination, not per statement. */
const combinations = new Map<string, string>();
const MAX_COMBINATIONS = 256;
/** Reads per statement at most (each is a result column; SQLite allows 2,000). */
export const MAX_READS = 100;

/**
 * SELECT '[' || (q0) || ',' || (q1) || … || ']': the reads' JSON texts as one JSON array, one
 * read alone too. One column, not one per read: sqlite3 makes every column a property of a new
 * object (its name internalised) and a string of its own, and each string was parsed apart; one
 * text is one string and one JSON.parse.
 */
function combinedSql(reads: Pending[]): string {
  const key = reads
    .map(({ sql }) => {
      let n = readNumbers.get(sql);
      if (n === undefined) readNumbers.set(sql, (n = readNumbers.size));
      return n;
    })
    .join(" ");
  let sql = combinations.get(key);
  if (sql === undefined) {
    if (combinations.size >= MAX_COMBINATIONS) combinations.clear();
    sql = `SELECT '[' || ${reads.map((read) => `COALESCE((${read.sql}), 'null')`).join(" || ',' || ")} || ']' AS "reads"`;
    combinations.set(key, sql);
  }
  return sql;
}

/** Runs `reads` as one statement and settles every one of them, whatever fails. */
async function run(ds: DataSource, reads: Pending[]): Promise<void> {
  try {
    const [row] = await preparedAll<{ reads: string }>(ds, combinedSql(reads), reads.flatMap((read) => read.params));
    const values = JSON.parse(row.reads) as unknown[];
    reads.forEach((read, i) => read.resolve(values[i]));
  } catch (error) {
    for (const read of reads) read.reject(error);
  }
}

/**
 * One statement per wave of reads. DataLoader turns one tick's loads into one batch per loader;
 * a profile page still loads seats, awards, positions, proposals and the employer in the same
 * tick, one statement each, and every statement is a trip to the connection's thread and back
 * (over a network database, a network round trip). Here the reads queued before the event loop
 * turns run as one statement, side by side as scalar subqueries (combinedSql).
 *
 * The flush waits for setImmediate: until every process.nextTick and microtask of the wave has
 * run. DataLoader dispatches batches in nextTick callbacks and answers even a cache hit only at
 * its next dispatch, so loads answered from rows read with another loader's batch (includes,
 * src/loaders) queue their own reads a tick or two later; flushing on nextTick split such a wave
 * in two statements. A read queued after the flush starts the next statement, never a lost one.
 * One batch per request (the loaders' lifetime), so one request's failure never fails another's;
 * within a request, a failing statement fails every read in it.
 */
export function readInBatches(ds: DataSource): ReadJson {
  let queue: Pending[] = [];

  const flush = () => {
    const reads = queue;
    queue = [];
    for (let i = 0; i < reads.length; i += MAX_READS) void run(ds, reads.slice(i, i + MAX_READS));
  };

  return (sql, params) =>
    new Promise<unknown>((resolve, reject) => {
      if (queue.push({ sql, params, resolve, reject }) === 1) setImmediate(flush);
    });
}
