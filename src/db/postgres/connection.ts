import { Pool, PoolConfig, types } from "pg";
import type { PostgresConfig } from "../../config";
import type { ReadTarget } from "../reader";

/**
 * Counts and sums come back as int8 and numeric, which the driver gives as strings by default; the
 * directory's are far below 2^53, and every caller expects a number, as SQLite answers.
 */
const NUMBER_TYPES = new Set<number>([types.builtins.INT8, types.builtins.NUMERIC]);
export const PG_TYPES = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    NUMBER_TYPES.has(oid) && format !== "binary"
      ? (value: string) => Number(value)
      : (types.getTypeParser(oid, format) as unknown)) as typeof types.getTypeParser,
};

/** How long a new connection may take before the request that wanted it is answered 503. */
export const CONNECT_TIMEOUT_MS = 5_000;

/**
 * While a statement runs, the server checks this often (ms) whether its client is still connected,
 * and ends the statement when it is not. A read thread ended at its request's deadline
 * (src/db/slow-reads.ts) closes its connection with it; without the check the server would run the
 * statement to its end, holding a backend and a core that every other request shares.
 */
const CLIENT_CHECK_INTERVAL_MS = 1_000;

/**
 * Driver settings every pool of the app shares (TypeORM's, the worker threads'). JIT compilation is
 * off: it pays for itself on long analytic queries, and the app runs none, but the planner's
 * estimates for search's one statement (a subquery per matching row) pass its threshold on a large
 * directory, and compiling then took far longer than running the statement.
 *
 * `writes`: the writer's connection plans every statement for the tables as they are when it runs
 * (plan_cache_mode). The statements the server runs for a write by itself (the foreign keys'
 * checks, the triggers' lookups) otherwise get a generic plan after their fifth run on a
 * connection, made for the tables as they are then and kept: on a fresh directory, a scan of a
 * table of a few rows, which stays the plan while an import grows that table to thousands in its
 * one transaction (no ANALYZE sees rows not yet committed), so that each row of an import read more
 * than the one before it (bench/README.md, "An import's lookups planned for the tables as they grow").
 */
export function poolOptions(url: string, max: number, { writes = false } = {}): PoolConfig {
  const own = [`-c jit=off`, `-c client_connection_check_interval=${CLIENT_CHECK_INTERVAL_MS}`, ...(writes ? ["-c plan_cache_mode=force_custom_plan"] : [])];
  const { connectionString, options } = withoutOptions(url);
  return {
    connectionString,
    max,
    types: PG_TYPES,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    application_name: "delegate-directory",
    // The driver would take the URL's `options` in place of the pool's, and reads PGOPTIONS only
    // when the pool sets none: all are set, the operator's after ours (the last of a setting wins).
    options: [...own, process.env.PGOPTIONS, options].filter(Boolean).join(" "),
  };
}

/**
 * `url` without its `options` parameter (session settings, `-c name=value …`), and its value: the
 * last one's where there are several, as the driver reads them. The rest of the URL is kept as
 * written: parameters written again would be encoded again (`host=/var/run/postgresql` as
 * `%2F…`), which the driver reads as written when it repairs a URL with a bare `%` in it.
 */
function withoutOptions(url: string): { connectionString: string; options: string | null } {
  const start = url.indexOf("?");
  if (start < 0) return { connectionString: url, options: null };
  const hash = url.indexOf("#", start);
  const end = hash < 0 ? url.length : hash;
  let options: string | null = null;
  const kept: string[] = [];
  for (const part of url.slice(start + 1, end).split("&")) {
    const param = new URLSearchParams(part);
    if (param.has("options")) options = param.get("options");
    else kept.push(part);
  }
  if (options === null) return { connectionString: url, options };
  return { connectionString: url.slice(0, start) + (kept.length ? `?${kept.join("&")}` : ""), options };
}

/** A pool outside TypeORM (a worker thread's reads); a connection that fails is dropped and the next read opens another. */
export function openPool(url: string, max: number): Pool {
  const pool = new Pool(poolOptions(url, max));
  // An idle connection the server closed (a restart): the pool drops it; nothing to do.
  pool.on("error", () => undefined);
  return pool;
}

/** Where a pool of `db` reading from `target` connects: the replica's URL is the primary's when there is no replica. */
export function urlOf(db: PostgresConfig, target: ReadTarget): string {
  return target === "replica" ? (db.readUrl ?? db.url) : db.url;
}
