import { DataSource } from "typeorm";
import { preparedAll } from "./prepared";

/**
 * A read that answers one JSON text: a query of one row and one column (json_group_array …).
 * The loaders' reads are all of this shape (src/db/json-rows.ts), which is what lets a wave's
 * reads share one statement.
 */
export type ReadJson = (sql: string, params: unknown[]) => Promise<string>;

interface Pending {
  sql: string;
  params: unknown[];
  resolve: (json: string) => void;
  reject: (error: unknown) => void;
}

/** One statement per read: what a server without batching does (the benchmark's naive server). */
export function readEach(ds: DataSource): ReadJson {
  return async (sql, params) => {
    const [row] = await preparedAll<Record<string, string>>(ds, sql, params);
    return Object.values(row)[0];
  };
}

/** A number for each read's text, so that a combination has a short key. */
const readNumbers = new Map<string, number>();
/** Combined texts by their reads' numbers: built once per combination, not per statement. */
const combinations = new Map<string, string>();
const MAX_COMBINATIONS = 256;
/** Reads per statement at most (each is a result column; SQLite allows 2,000). */
export const MAX_READS = 100;

/** SELECT (q0) AS "r0", (q1) AS "r1", …: every read a named column, one read alone too. */
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
    sql = `SELECT ${reads.map((read, i) => `(${read.sql}) AS "r${i}"`).join(", ")}`;
    combinations.set(key, sql);
  }
  return sql;
}

/** Runs `reads` as one statement and settles every one of them, whatever fails. */
async function run(ds: DataSource, reads: Pending[]): Promise<void> {
  try {
    const [row] = await preparedAll<Record<string, string>>(ds, combinedSql(reads), reads.flatMap((read) => read.params));
    reads.forEach((read, i) => read.resolve(row[`r${i}`]));
  } catch (error) {
    for (const read of reads) read.reject(error);
  }
}

/**
 * One statement per wave of reads. DataLoader turns one tick's loads into one batch per loader;
 * a profile page still loads seats, awards, positions, proposals and the employer in the same
 * tick, one statement each, and every statement is a trip to the connection's thread and back
 * (over a network database, a network round trip). Here the reads queued before the event loop
 * turns run as one statement, side by side as scalar subqueries: SELECT (q1) AS "r0", (q2) AS "r1", …
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
    new Promise<string>((resolve, reject) => {
      if (queue.push({ sql, params, resolve, reject }) === 1) setImmediate(flush);
    });
}
