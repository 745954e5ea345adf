import "reflect-metadata";
import { DataSource } from "typeorm";
import { DatabaseConfig } from "./src/config";
import { SqlLogger } from "./src/db/sql-logger";
import { BUSY_TIMEOUT_MS, configure } from "./src/db/sqlite/connection";
import { entities } from "./src/entities";
import { migrations } from "./src/db/sqlite/migrations";
import { postgresMigrations } from "./src/db/postgres/migrations";
import { poolOptions } from "./src/db/postgres/connection";

/**
 * What a connection is for:
 * - "reader": the main thread's reads (and start-up's migrations and seed, under the write lock);
 * - "writer": writes, one transaction at a time (src/db/writer.ts); it never waits for a lock
 *   inside the driver, where a synchronous driver's wait would stop the event loop: the write
 *   lock is waited for between attempts instead (src/db/sqlite/write-lock.ts).
 * Worker threads open read-only connections of their own, outside TypeORM (src/db/index.ts).
 */
export type ConnectionRole = "reader" | "writer";

/**
 * The one DataSource factory: the server, the seed loader, the tests and the TypeORM CLI all open
 * the database through it, so they share driver settings and migrations. Durability: WAL (readers
 * go on while a write commits), synchronous=FULL (src/db/sqlite/connection.ts), foreign keys enforced.
 */
export function createDataSource(db: DatabaseConfig, role: ConnectionRole = "reader"): DataSource {
  const common = {
    entities,
    migrationsRun: false,
    synchronize: false,
    logging: ["query", "error", "warn", "migration"] as ("query" | "error" | "warn" | "migration")[],
    logger: new SqlLogger(db.logging),
  };
  if (db.kind === "postgres") {
    // Reads that need the primary (a mutation's answer) and writes go to DATABASE_URL; src/db/index.ts sends other reads to the replica.
    const { connectionString, ...extra } = poolOptions(db.url, db.poolSize);
    return new DataSource({ ...common, type: "postgres", url: connectionString, poolSize: db.poolSize, extra, migrations: postgresMigrations });
  }
  return new DataSource({
    ...common,
    type: "better-sqlite3",
    database: db.file,
    timeout: role === "writer" ? 0 : BUSY_TIMEOUT_MS,
    enableWAL: true,
    prepareDatabase: configure,
    statementCacheSize: 256,
    migrations,
  });
}

/** Opens a connection (creating the folder of a new SQLite file first: the driver does; a PostgreSQL database must exist). */
export async function openDataSource(db: DatabaseConfig, role: ConnectionRole = "reader"): Promise<DataSource> {
  return createDataSource(db, role).initialize();
}

export function sqlLogger(ds: DataSource): SqlLogger {
  return ds.logger as SqlLogger;
}
