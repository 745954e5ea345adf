import fs from "fs";
import { DataSource } from "typeorm";
import { openDataSource } from "../ormconfig";
import { seedIfEmpty, SeedStats } from "../seeds/loader";
import { DatabaseConfig } from "./config";
import { dialectOf } from "./db";
import { mergeSearchIndexNow } from "./db/search-merge";
import { engineOf } from "./db/engine";
import { checkServer, migrationsRun as postgresMigrationsRun } from "./db/postgres/server-check";
import { postgresMigrations } from "./db/postgres/migrations";
import { migrations as sqliteMigrations } from "./db/sqlite/migrations";
import { migrationsRun as sqliteMigrationsRun } from "./db/sqlite/connection";
import { Writer } from "./db/writer";
import { fillCongressPinyin } from "./services/pinyin-refresh";

/**
 * How long start-up waits for the write lock: longer than a request does, since the process
 * holding it may be another server migrating and seeding the same new database, or a long import.
 */
export const STARTUP_LOCK_WAIT_MS = 60_000;

/**
 * Opens the database, runs pending migrations and seeds it if it is empty: what every start does.
 * Each step holds the database's write lock, so processes starting together on one database do it once.
 * Start-up changes the schema only through migrations.
 */
export async function openDirectory(db: DatabaseConfig): Promise<{ ds: DataSource; seeded: SeedStats | null }> {
  const ds = await openDataSource(db);
  try {
    if (db.kind === "postgres") await checkServer(ds);
    const engine = engineOf(ds);
    await engine.runMigrationsLocked(ds, STARTUP_LOCK_WAIT_MS);
    const seeded = await ds.transaction(async (m) => {
      await engine.takeWriteLock(m, STARTUP_LOCK_WAIT_MS);
      const stats = await seedIfEmpty(m);
      await fillCongressPinyin(m);
      for (const statement of dialectOf(ds).optimize) await m.query(statement);
      await mergeSearchIndexNow(m);
      return stats;
    });
    return { ds, seeded };
  } catch (error) {
    await ds.destroy();
    throw error;
  }
}

/**
 * The writer of a command run beside servers (npm run seed, import, pinyin:refresh): the directory
 * migrated (and seeded if new) as a start would, then a Writer that waits up to `lockWaitMs` for
 * the write lock, as a server's write does.
 */
export async function commandWriter(db: DatabaseConfig, lockWaitMs: number): Promise<Writer> {
  await (await openDirectory(db)).ds.destroy();
  return new Writer(() => openDataSource(db, "writer"), lockWaitMs);
}

/**
 * Refuses a database that holds no directory (none of this project's migrations has run in it),
 * for a command that works on one already there (npm run import, pinyin:refresh): a mistyped path
 * or database name stops it, rather than have commandWriter make and seed a new directory there,
 * or migrate another application's database. It only reads: a SQLite file is opened read-only.
 */
export async function requireDirectory(db: DatabaseConfig): Promise<void> {
  let where: string;
  let run: string[];
  if (db.kind === "sqlite") {
    if (!fs.existsSync(db.file)) throw new Error(`no database at ${db.file}`);
    where = db.file;
    run = sqliteMigrationsRun(db);
  } else {
    const ds = await openDataSource(db);
    try {
      const found = await postgresMigrationsRun(ds);
      where = `database ${found.database}`;
      run = found.names;
    } finally {
      await ds.destroy();
    }
  }
  const ours = (db.kind === "sqlite" ? sqliteMigrations : postgresMigrations).map((migration) => new migration().name);
  if (!run.some((name) => ours.includes(name))) throw new Error(`no directory in ${where}: start a server on it or run npm run seed first`);
}
