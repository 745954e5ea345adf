import fs from "fs";
import Database, { type Statement } from "better-sqlite3";
import type { BenchReader, Sql } from "../reader";
import type { DataSource } from "typeorm";
import type { BulkWriter } from "./writer";
import { sqliteSearch } from "../../src/db/sqlite/search";

/** SQLite has no boolean: better-sqlite3 refuses one (TypeORM binds 1 and 0, as here). */
const bindable = (values: unknown[]) => values.map((v) => (typeof v === "boolean" ? (v ? 1 : 0) : v));

/** Bound parameters per statement: well under SQLite's default limit (32766). */
const PARAMS_PER_STATEMENT = 30000;

/**
 * Raw, prepared, multi-row INSERTs on the better-sqlite3 connection TypeORM opened, in large
 * transactions; the search-index triggers fire as for real data.
 */
export async function sqliteWriter(ds: DataSource): Promise<BulkWriter> {
  const db = (ds.driver as unknown as { databaseConnection?: Database.Database }).databaseConnection;
  if (!db) throw new Error("bench data needs a SQLite DataSource on the better-sqlite3 driver");
  const all = async <T>(sql: string, params: unknown[] = []) => db.prepare(sql).all(...params) as T[];
  const [{ cache_size: oldCache }] = await all<{ cache_size: number }>("PRAGMA cache_size");
  db.exec("PRAGMA cache_size = -262144"); // 256 MiB while loading: the indexes stay in memory

  return {
    all,
    async transaction(fn) {
      db.exec("BEGIN");
      try {
        await fn();
        db.exec("COMMIT");
      } catch (error) {
        try {
          db.exec("ROLLBACK");
        } catch {
          // the failure that got us here is the one to report
        }
        throw error;
      }
    },
    /** One prepared multi-row INSERT reused per full chunk. */
    async insert(table, columns, rows) {
      if (!rows.length) return;
      const perStatement = Math.max(1, Math.min(500, Math.floor(PARAMS_PER_STATEMENT / columns.length)));
      const tuple = `(${columns.map(() => "?").join(", ")})`;
      const sql = (n: number) => `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${Array(n).fill(tuple).join(", ")}`;
      const full = Math.floor(rows.length / perStatement);
      if (full > 0) {
        const st: Statement = db.prepare(sql(perStatement));
        for (let i = 0; i < full; i++) {
          const params: unknown[] = [];
          for (const row of rows.slice(i * perStatement, (i + 1) * perStatement)) params.push(...row);
          st.run(...bindable(params));
        }
      }
      const rest = rows.slice(full * perStatement);
      if (rest.length) db.prepare(sql(rest.length)).run(...bindable(rest.flat()));
    },
    async finish(phase) {
      // Statistics for every connection's planner, as postgres.ts's VACUUM ANALYZE: the server's
      // PRAGMA optimize at start-up refreshes them, but a connection opened before it (the data
      // floor's, a peer's) would otherwise plan by the few rows the seeds left, or none.
      db.exec("ANALYZE");
      phase("analyze");
      // The search index merged into one segment, not one a chunk, as a start-up would merge it
      // (src/db/search-merge.ts): the bench's start-up figure is a server's on a directory it has opened before.
      db.exec(sqliteSearch.merge!.all);
      phase("search index merged");
      db.exec(`PRAGMA cache_size = ${oldCache}`);
      db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
      phase("checkpoint");
    },
    async release() {
      // TypeORM's connection: the DataSource closes it.
    },
  };
}

/** A read-only connection to the bench file, for the harness's own reads (`?` placeholders). */
export function openSqliteReader(file: string): BenchReader {
  const db = new Database(file, { readonly: true });
  const sql: Sql = async <T>(text: string, params: unknown[] = []) => db.prepare(text).all(...params) as T[];
  return { sql, version: async () => `SQLite ${(db.prepare("SELECT sqlite_version() AS v").get() as { v: string }).v}`, close: async () => void db.close() };
}

/** What the file holds: nothing yet, or tables (the caller reads the bench marker). */
export function sqliteState(file: string): "missing" | "exists" {
  return fs.existsSync(file) ? "exists" : "missing";
}

/** Deletes the file and its WAL. */
export function removeSqlite(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
}
