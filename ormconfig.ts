import "reflect-metadata";
import { DataSource } from "typeorm";
import { DatabaseConfig } from "./src/config";
import { SqlLogger } from "./src/db/sql-logger";
import { BUSY_TIMEOUT_MS, configure, prepareFile } from "./src/db/sqlite/connection";
import { entities } from "./src/entities";
import { migrations } from "./src/db/sqlite/migrations";
import { postgresMigrations } from "./src/db/postgres/migrations";
import { poolOptions, urlOf } from "./src/db/postgres/connection";

/**
 * What a connection is for:
 * - "reader": the main thread's reads (and start-up's migrations and seed, under the write lock);
 * - "writer": writes, one transaction at a time (src/db/writer.ts); it never waits for a lock
 *   inside the driver, where a synchronous driver's wait would stop the event loop: the write
 *   lock is waited for between attempts instead (src/db/sqlite/write-lock.ts);
 * - "replica": on PostgreSQL with DATABASE_READ_URL, the main thread's reads outside a mutation
 *   (src/db/replica.ts); it never writes, and installs no extension (a standby refuses).
 * Worker threads open read-only connections of their own, outside TypeORM (src/db/index.ts).
 */
export type ConnectionRole = "reader" | "writer" | "replica";

/**
 * The one DataSource factory: the server, the seed loader, the tests and the TypeORM CLI all open
 * the database through it, so they share driver settings and migrations. Durability: WAL (readers
 * go on while a write commits), synchronous=FULL (src/db/sqlite/connection.ts), foreign keys enforced.
 */
export function createDataSource(db: DatabaseConfig, role: ConnectionRole = "reader", logger = new SqlLogger(db.logging)): DataSource {
  const common = {
    entities,
    migrationsRun: false,
    synchronize: false,
    logging: ["query", "error", "warn", "migration"] as ("query" | "error" | "warn" | "migration")[],
    logger,
  };
  if (db.kind === "postgres") {
    // Writes and a mutation's reads go to DATABASE_URL; a query's reads to the replica when there is one (src/context.ts).
    const { connectionString, ...extra } = poolOptions(urlOf(db, role === "replica" ? "replica" : "primary"), db.poolSize, { writes: role === "writer" });
    const replica = role === "replica" ? { installExtensions: false, migrations: [] } : { migrations: postgresMigrations };
    return new DataSource({ ...common, type: "postgres", url: connectionString, poolSize: db.poolSize, extra, ...replica });
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

/**
 * Opens a connection (creating a new SQLite file, its folder and WAL mode first: src/db/sqlite/connection.ts;
 * a PostgreSQL database must exist). `logger`: another connection's, to see its statements with theirs.
 */
export async function openDataSource(db: DatabaseConfig, role: ConnectionRole = "reader", logger?: SqlLogger): Promise<DataSource> {
  if (db.kind === "sqlite") await prepareFile(db.file);
  return createDataSource(db, role, logger).initialize();
}

export function sqlLogger(ds: DataSource): SqlLogger {
  return ds.logger as SqlLogger;
}
