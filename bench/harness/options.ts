import fs from "fs";
import os from "os";
import path from "path";
import { DatabaseConfig, parseDatabaseUrl, projectRoot } from "../../src/config";
import { parseArgs, positiveInt } from "../args";

export interface Options {
  quick: boolean;
  duration: number;
  warmup: number;
  people: number;
  seed: number;
  /** The bench database: a SQLite file (`--db`, or DATABASE_URL=sqlite:…) or PostgreSQL (DATABASE_URL=postgres://…). */
  database: DatabaseConfig;
  /** A SQLite file in a temporary directory, removed at the end. */
  temporary: boolean;
  connections: number;
  /** Times every load run is repeated (interleaved); each row reports its median round. */
  rounds: number;
  out: string;
}

export function options(argv: string[], env: NodeJS.ProcessEnv = process.env): Options {
  const args = parseArgs(argv);
  const known = new Set(["quick", "duration", "people", "db", "connections", "seed", "out", "warmup", "rounds"]);
  for (const key of Object.keys(args)) if (!known.has(key)) throw new Error(`unknown option --${key}`);
  const quick = args.quick === true;
  const duration = args.duration === undefined ? (quick ? 1 : 10) : Number(args.duration);
  if (!(duration > 0 && duration <= 600)) throw new Error("--duration must be a number of seconds, 0 < d ≤ 600");
  const warmup = args.warmup === undefined ? Math.min(2, Math.max(0.3, duration / 4)) : Number(args.warmup);
  if (!(warmup >= 0 && warmup <= 60)) throw new Error("--warmup must be 0-60 seconds");
  const people = positiveInt(args.people, "people", quick ? 2000 : 100000);
  const seed = positiveInt(args.seed, "seed", 1);
  const connections = positiveInt(args.connections, "connections", 4);
  const rounds = positiveInt(args.rounds, "rounds", quick ? 1 : 3);
  const sqlite = (file: string): DatabaseConfig => ({ kind: "sqlite", file: path.resolve(file), logging: false });
  let database: DatabaseConfig;
  let temporary = false;
  const url = env.DATABASE_URL;
  if (typeof args.db === "string") database = sqlite(args.db);
  else if (url?.startsWith("postgres")) database = { ...parseDatabaseUrl(url, false, { ...env, DATABASE_READ_URL: undefined }), logging: false };
  else if (quick) {
    database = sqlite(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bench-quick-")), "bench.sqlite"));
    temporary = true;
  } else if (url?.startsWith("sqlite:")) database = sqlite(url.slice("sqlite:".length).replace(/^\/\/(?=\/)/, ""));
  else database = sqlite(path.join(projectRoot(), "data", "bench.sqlite"));
  const out =
    typeof args.out === "string"
      ? path.resolve(args.out)
      : quick
        ? path.join(os.tmpdir(), "delegate-directory-bench-quick.json")
        : path.join(projectRoot(), "bench", database.kind === "postgres" ? "results-postgres.json" : "results.json");
  return { quick, duration, warmup, people, seed, database, temporary, connections, rounds, out };
}
