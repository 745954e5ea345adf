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

export type Role = "organiser" | "admin";

export interface DatabaseConfig {
  kind: "sqlite";
  /** Absolute path of the SQLite file, or ":memory:". */
  file: string;
  logging: boolean;
}

export interface Config {
  port: number;
  database: DatabaseConfig;
  /** token secret → role; writes arrive in a later issue, the context already carries the viewer. */
  tokens: Map<string, Role>;
  production: boolean;
  /** DATALOADERS=false: every relation field queries on its own (the benchmark's "naive server"). */
  dataloaders: boolean;
}

export class ConfigError extends Error {}

function bool(name: string, value: string | undefined): boolean {
  if (value === undefined || value === "") return false;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new ConfigError(`${name} must be true or false, got "${value}"`);
}

export function parseDatabaseUrl(url: string | undefined, logging: boolean): DatabaseConfig {
  if (!url) return { kind: "sqlite", file: path.join(projectRoot(), "data", "directory.sqlite"), logging };
  if (url.startsWith("sqlite:")) {
    const file = url.slice("sqlite:".length).replace(/^\/\/(?=\/)/, "");
    if (!file) throw new ConfigError("DATABASE_URL sqlite:<path> needs a path");
    return { kind: "sqlite", file: file === ":memory:" ? file : path.resolve(file), logging };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    throw new ConfigError("DATABASE_URL: PostgreSQL is not supported yet; use sqlite:<path> or leave it unset");
  }
  throw new ConfigError(`DATABASE_URL must be sqlite:<path> or postgres://…, got "${url}"`);
}

export function parseTokens(value: string | undefined): Map<string, Role> {
  const tokens = new Map<string, Role>();
  if (!value) return tokens;
  for (const entry of value.split(",").map((s) => s.trim()).filter(Boolean)) {
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

/** Every environment variable the service reads, read and validated here and nowhere else. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = env.PORT === undefined || env.PORT === "" ? 4000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be 0-65535, got "${env.PORT}"`);
  return {
    port,
    database: parseDatabaseUrl(env.DATABASE_URL, bool("DB_LOGGING", env.DB_LOGGING)),
    tokens: parseTokens(env.AUTH_TOKENS),
    production: env.NODE_ENV === "production",
    dataloaders: env.DATALOADERS === undefined || env.DATALOADERS === "" ? true : bool("DATALOADERS", env.DATALOADERS),
  };
}
