import os from "os";
import path from "path";
import fs from "fs";

/** Directory that holds package.json: the same whether running from src/ (ts-jest) or dist/ (compiled). */
export function projectRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "package.json"))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error("package.json not found above " + __dirname);
    dir = up;
  }
  return dir;
}

/**
 * Node options the server runs with (`npm start`, the benchmark, the tests' compiled server).
 * V8 otherwise lets the old generation fill with mostly dead request data, several times the live
 * heap, before collecting, which took the server to its memory budget under load. The cap keeps the
 * old generation a few times the live heap; a request needing more would stop the process, so every
 * export streams. A deployment with more memory can start `node dist/src/index.js` with its own value.
 *
 * Under that cap V8 keeps the young generation small, so the data of the requests in flight at each
 * scavenge was promoted and filled the old generation, forcing frequent full collections. Larger
 * semi-spaces let that data die young; each doubling adds its size several times over to the peak
 * memory, and 16 MB is the size that keeps a server under its budget (bench/README.md).
 */
export const SERVER_NODE_FLAGS: readonly string[] = ["--max-old-space-size=192", "--max-semi-space-size=16"];

export type Role = "organiser" | "admin";

/** Where the directory is kept: one of the two engines behind src/db/. */
export type DatabaseConfig = SqliteConfig | PostgresConfig;

export interface SqliteConfig {
  kind: "sqlite";
  /** Absolute path of the SQLite file. */
  file: string;
  logging: boolean;
}

export interface PostgresConfig {
  kind: "postgres";
  /** The primary's connection URL (DATABASE_URL): every write, and every read without a replica. */
  url: string;
  /** A streaming replica's URL (DATABASE_READ_URL), for reads outside a mutation; null without one. */
  readUrl: string | null;
  /** Connections per pool (DATABASE_POOL_SIZE): the process's pool to the primary, and to the replica. */
  poolSize: number;
  logging: boolean;
}

/** Connections per PostgreSQL pool when DATABASE_POOL_SIZE is unset. */
export const DEFAULT_POOL_SIZE = 10;

/** Where `db` is, for logs: a file, or a URL without its password. */
export function databaseLabel(db: DatabaseConfig): string {
  if (db.kind === "sqlite") return db.file;
  const url = new URL(db.url);
  if (url.password) url.password = "***";
  return url.toString();
}

/** Query limits and time bounds; each has an environment variable and a default (README: Security). */
export interface Limits {
  /** MAX_DEPTH: nesting of fields (introspection exempt). */
  depth: number;
  /** MAX_COST: estimated nodes, page sizes multiplying down the tree as GitHub counts them. */
  cost: number;
  /** MAX_ALIASES per operation. */
  aliases: number;
  /** MAX_TOKENS per document (lexical tokens). */
  tokens: number;
  /** MAX_DIRECTIVES per operation. */
  directives: number;
  /** EXECUTION_TIMEOUT_MS: a request still resolving after this gets no further fields. */
  timeoutMs: number;
  /** COST_BUDGET_PER_MINUTE: cost each client (token label, else IP) may spend per minute; 0 = off. */
  budgetPerMinute: number;
  /** MAX_EXPORTS: exports (/export/…) running at once; one more answers 503. */
  exports: number;
  /** EXPORT_IDLE_TIMEOUT_MS: an export whose client takes nothing for this long is cut off, and its place freed. */
  exportIdleMs: number;
}

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

export interface Config {
  port: number;
  database: DatabaseConfig;
  /** token secret → role; writes arrive in a later issue, the context already carries the viewer. */
  tokens: Map<string, Role>;
  production: boolean;
  /** DATALOADERS=false: every relation field queries on its own (the benchmark's "naive server"). */
  dataloaders: boolean;
  limits: Limits;
  /** INTROSPECTION: on by default, off in production unless INTROSPECTION=true. */
  introspection: boolean;
  /** IDE: the GraphiQL page; on by default, off in production unless IDE=true. */
  ide: boolean;
  /** LOG_LEVEL: JSON log lines on stdout at this level and above. */
  logLevel: LogLevel;
  /**
   * WRITE_LOCK_TIMEOUT_MS: how long a write waits for its turn (behind this process's other writes,
   * then for the database's write lock, which other processes may hold) before it is refused with 503.
   */
  writeLockTimeoutMs: number;
  /** CORS_ORIGINS: "*" any origin (the default), "none" no CORS headers, or the exact origins allowed. */
  corsOrigins: CorsOrigins;
  /** READ_THREADS: worker threads for slow reads (facets, broad counts, search, exports). */
  readThreads: number;
  /** READ_QUEUE: slow reads waiting for a thread at most; one more answers 503. */
  readQueue: number;
  /** WORKERS: server processes on the one port (src/cluster.ts); 1 serves from this process alone. */
  workers: number;
}

/** The most read threads a server process runs (READ_THREADS, or the default on a machine with many cores). */
export const MAX_READ_THREADS = 64;

/**
 * Read threads per server process when READ_THREADS is not set. On SQLite a read thread runs its
 * statements itself: the process's share of the cores less one, so that its event loop keeps a
 * core while slow reads run. On PostgreSQL a read thread spends most of a read waiting for the
 * database server, which runs the statement: the process's share of the cores, so that the server
 * runs as many at once (on 2 cores one thread left a core idle while a search or a facet count
 * waited behind another). At least one.
 */
export function defaultReadThreads(workers: number, engine: DatabaseConfig["kind"]): number {
  const share = Math.floor(os.availableParallelism() / workers);
  return Math.min(MAX_READ_THREADS, Math.max(1, engine === "postgres" ? share : share - 1));
}

export type CorsOrigins = "*" | "none" | string[];

export const DEFAULT_WRITE_LOCK_TIMEOUT_MS = 5_000;

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return value;
}

export const DEFAULT_LIMITS: Limits = {
  depth: 10,
  cost: 50_000,
  aliases: 20,
  tokens: 3_000,
  directives: 10,
  timeoutMs: 10_000,
  budgetPerMinute: 0,
  exports: 4,
  exportIdleMs: 60_000,
};

export function loadLimits(env: NodeJS.ProcessEnv): Limits {
  return {
    depth: int(env, "MAX_DEPTH", DEFAULT_LIMITS.depth, 1, 100),
    cost: int(env, "MAX_COST", DEFAULT_LIMITS.cost, 1, 100_000_000),
    aliases: int(env, "MAX_ALIASES", DEFAULT_LIMITS.aliases, 0, 10_000),
    tokens: int(env, "MAX_TOKENS", DEFAULT_LIMITS.tokens, 10, 1_000_000),
    directives: int(env, "MAX_DIRECTIVES", DEFAULT_LIMITS.directives, 0, 10_000),
    timeoutMs: int(env, "EXECUTION_TIMEOUT_MS", DEFAULT_LIMITS.timeoutMs, 1, 600_000),
    budgetPerMinute: int(env, "COST_BUDGET_PER_MINUTE", DEFAULT_LIMITS.budgetPerMinute, 0, 1_000_000_000),
    exports: int(env, "MAX_EXPORTS", DEFAULT_LIMITS.exports, 1, 1_000),
    exportIdleMs: int(env, "EXPORT_IDLE_TIMEOUT_MS", DEFAULT_LIMITS.exportIdleMs, 100, 3_600_000),
  };
}

export class ConfigError extends Error {}

function bool(name: string, value: string | undefined): boolean {
  if (value === undefined || value === "") return false;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new ConfigError(`${name} must be true or false, got "${value}"`);
}

export function parseDatabaseUrl(url: string | undefined, logging: boolean, env: NodeJS.ProcessEnv = {}): DatabaseConfig {
  if (env.DATABASE_READ_URL && !/^postgres(ql)?:\/\//.test(url ?? ""))
    throw new ConfigError("DATABASE_READ_URL needs DATABASE_URL=postgres://…: a read replica is PostgreSQL's");
  if (!url) return { kind: "sqlite", file: path.join(projectRoot(), "data", "directory.sqlite"), logging };
  if (url.startsWith("sqlite:")) {
    const file = url.slice("sqlite:".length).replace(/^\/\/(?=\/)/, "");
    if (!file) throw new ConfigError("DATABASE_URL sqlite:<path> needs a path");
    // Each connection to ":memory:" is a database of its own: the writer, the reader and every worker thread would see different ones.
    if (file === ":memory:" || /^file:.*mode=memory/.test(file))
      throw new ConfigError(
        "DATABASE_URL: an in-memory SQLite database is not supported (the server opens several connections, and each would get an empty database of its own); give a file, e.g. sqlite:/tmp/directory.sqlite",
      );
    return { kind: "sqlite", file: path.resolve(file), logging };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const readUrl = env.DATABASE_READ_URL?.trim() || null;
    if (readUrl !== null && !/^postgres(ql)?:\/\//.test(readUrl)) throw new ConfigError(`DATABASE_READ_URL must be a postgres:// URL, got "${readUrl}"`);
    return {
      kind: "postgres",
      url: postgresUrl("DATABASE_URL", url),
      readUrl: readUrl && postgresUrl("DATABASE_READ_URL", readUrl),
      poolSize: int(env, "DATABASE_POOL_SIZE", DEFAULT_POOL_SIZE, 1, 1000),
      logging,
    };
  }
  throw new ConfigError(`DATABASE_URL must be sqlite:<path> or postgres://…, got "${url}"`);
}

/** A postgres:// URL that names a database, checked here so that a typo is a clear message at start, not a driver's error. */
function postgresUrl(name: string, value: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(`${name} is not a valid URL: "${value}"`);
  }
  if (!parsed.hostname || parsed.pathname.length <= 1)
    throw new ConfigError(`${name} must name a host and a database (postgres://user@host:5432/name), got "${value}"`);
  return value;
}

export function parseTokens(value: string | undefined): Map<string, Role> {
  const tokens = new Map<string, Role>();
  if (!value) return tokens;
  for (const entry of value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const i = entry.indexOf(":");
    const role = entry.slice(0, i);
    const secret = entry.slice(i + 1);
    if (i < 0 || !secret || (role !== "organiser" && role !== "admin")) {
      throw new ConfigError(`AUTH_TOKENS entries must be organiser:SECRET or admin:SECRET, got "${entry}"`);
    }
    tokens.set(secret, role);
  }
  return tokens;
}

/**
 * CORS_ORIGINS: unset (or `*`) lets any origin read the API, `none` sends no CORS headers, and a
 * comma list of exact origins (`https://a.example,http://localhost:5173`) allows only those. An
 * origin is compared as the browser sends it (scheme, host, port, no path), so anything else is
 * refused here rather than silently matching nothing.
 */
export function parseCorsOrigins(value: string | undefined): CorsOrigins {
  const trimmed = value?.trim() ?? "";
  if (trimmed === "" || trimmed === "*") return "*";
  if (trimmed === "none") return "none";
  return trimmed.split(",").map((entry) => {
    const origin = entry.trim();
    let parsed: URL | null = null;
    try {
      parsed = new URL(origin);
    } catch {
      // not a URL: refused below
    }
    // No wildcards: the list is exact (a URL takes "*.example" as a host name).
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin || origin.includes("*")) {
      throw new ConfigError(
        `CORS_ORIGINS must be none, * or a comma list of origins written as browsers send them (https://a.example, http://localhost:5173: no path, no trailing slash, lower case), got "${origin}"`,
      );
    }
    return origin;
  });
}

/** Most WORKERS accepted: each process holds its own connections, page caches and heap. */
export const MAX_WORKERS = 64;

/** WORKERS: unset or 1 (one process), a whole number up to MAX_WORKERS, or `auto` (one per core). */
export function parseWorkers(value: string | undefined): number {
  const trimmed = value?.trim() ?? "";
  const workers = trimmed === "" ? 1 : trimmed === "auto" ? Math.min(os.availableParallelism(), MAX_WORKERS) : Number(trimmed);
  if (!Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS) {
    throw new ConfigError(`WORKERS must be auto or a whole number from 1 to ${MAX_WORKERS}, got "${value}"`);
  }
  return workers;
}

/** Every environment variable the service reads, read and validated here and nowhere else. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = env.PORT === undefined || env.PORT === "" ? 4000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be 0-65535, got "${env.PORT}"`);
  const production = env.NODE_ENV === "production";
  const onUnlessProduction = (name: string) => (env[name] === undefined || env[name] === "" ? !production : bool(name, env[name]));
  const logLevel = (env.LOG_LEVEL || "info") as LogLevel;
  if (!["debug", "info", "warn", "error", "silent"].includes(logLevel))
    throw new ConfigError(`LOG_LEVEL must be debug, info, warn, error or silent, got "${env.LOG_LEVEL}"`);
  const database = parseDatabaseUrl(env.DATABASE_URL, bool("DB_LOGGING", env.DB_LOGGING), env);
  const workers = parseWorkers(env.WORKERS);
  return {
    port,
    database,
    tokens: parseTokens(env.AUTH_TOKENS),
    production,
    dataloaders: env.DATALOADERS === undefined || env.DATALOADERS === "" ? true : bool("DATALOADERS", env.DATALOADERS),
    limits: loadLimits(env),
    introspection: onUnlessProduction("INTROSPECTION"),
    ide: onUnlessProduction("IDE"),
    logLevel,
    writeLockTimeoutMs: int(env, "WRITE_LOCK_TIMEOUT_MS", DEFAULT_WRITE_LOCK_TIMEOUT_MS, 0, 600_000),
    corsOrigins: parseCorsOrigins(env.CORS_ORIGINS),
    readThreads: int(env, "READ_THREADS", defaultReadThreads(workers, database.kind), 1, MAX_READ_THREADS),
    readQueue: int(env, "READ_QUEUE", 64, 1, 100_000),
    workers,
  };
}
