import { databaseLabel, DatabaseConfig } from "../../src/config";
import { openDirectory } from "../../src/boot";
import type { BenchReader } from "../reader";
import { benchMeta, BenchMeta, generate, GenerateStats } from "./generate";
import { openPostgresReader, postgresState, recreatePostgres } from "./postgres";
import { openSqliteReader, removeSqlite, sqliteState } from "./sqlite";

/** What the database the bench is pointed at holds. */
export type BenchState = { kind: "missing" } | { kind: "foreign" } | { kind: "bench"; meta: BenchMeta };

/** A connection of the harness's own to the bench database. */
export function openBenchReader(db: DatabaseConfig): Promise<BenchReader> {
  return db.kind === "sqlite" ? Promise.resolve(openSqliteReader(db.file)) : openPostgresReader(db.url);
}

/** Whether `db` is missing (or empty), holds bench data, or holds something else. */
export async function benchState(db: DatabaseConfig): Promise<BenchState> {
  const state = db.kind === "sqlite" ? sqliteState(db.file) : await postgresState(db.url);
  if (state !== "exists") return { kind: "missing" };
  const reader = await openBenchReader(db);
  try {
    const meta = await benchMeta(reader.sql).catch(() => null);
    return meta && meta.people > 0 ? { kind: "bench", meta } : { kind: "foreign" };
  } finally {
    await reader.close();
  }
}

/** Removes the database (a file, or a PostgreSQL database dropped and created empty). */
export async function removeBenchDatabase(db: DatabaseConfig): Promise<void> {
  if (db.kind === "sqlite") removeSqlite(db.file);
  else await recreatePostgres(db.url);
}

/** Creates the PostgreSQL database when it does not exist yet; a SQLite file is created by opening it. */
async function ensureExists(db: DatabaseConfig): Promise<void> {
  if (db.kind === "postgres" && (await postgresState(db.url)) === "missing") await recreatePostgres(db.url);
}

/** Migrates and seeds the database as `npm start` does, then fills it; it must not hold bench data yet. */
export async function buildBenchDatabase(db: DatabaseConfig, people: number, seed: number, log: (line: string) => void): Promise<GenerateStats> {
  const t0 = Date.now();
  await ensureExists(db);
  const { ds } = await openDirectory(db);
  try {
    log(`migrated and seeded ${databaseLabel(db)} in ${((Date.now() - t0) / 1000).toFixed(2)} s`);
    return await generate(ds, { people, seed, log });
  } finally {
    await ds.destroy();
  }
}
