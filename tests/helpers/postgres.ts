import { DataSource } from "typeorm";
import { openDataSource } from "../../ormconfig";
import { parseDatabaseUrl } from "../../src/config";
import { postgresIndex } from "../../src/db/postgres/search-index";
import { INDEXED } from "../../src/search/index-layout";
import { reindexTableSql } from "../../src/search/index-sql";
import { databaseUrl, freshDatabase } from "./database";
import { startTestServer, TestServer } from "./server";

/**
 * startTestServer on a fresh PostgreSQL database (migrated and seeded by start-up, as `npm start`
 * does, unless `before`, given its URL first, filled it).
 */
export async function startPostgresTestServer(
  options: Omit<Parameters<typeof startTestServer>[0] & object, "database" | "dbFile"> & { before?: (url: string) => Promise<void> } = {},
): Promise<TestServer> {
  const database = await freshDatabase();
  await options.before?.(databaseUrl(database));
  return startTestServer({ ...options, database });
}

/**
 * Migrates the PostgreSQL database at `url` and copies into it every row of the SQLite directory
 * `from` (a generated one: the same data on both engines), with the ids it has, then indexes the
 * rows for search as the SearchIndex migration indexes the rows a database already holds.
 */
export async function copyDirectory(from: DataSource, url: string): Promise<void> {
  const to = await openDataSource(parseDatabaseUrl(url, false));
  const runner = to.createQueryRunner();
  try {
    await to.runMigrations({ transaction: "each" });
    const tables: { name: string }[] = await from.query(
      `SELECT "name" FROM "sqlite_master" WHERE "type" = 'table' AND "name" NOT LIKE 'sqlite%' AND "name" NOT LIKE 'search%' AND "name" <> 'migrations'`,
    );
    // Rows go in table by table, whatever order their foreign keys would need: as a replica, PostgreSQL checks none and fires no trigger.
    await runner.query(`SET session_replication_role = replica`);
    const sequences = new Map((await from.query<{ name: string; seq: number }[]>(`SELECT "name", "seq" FROM "sqlite_sequence"`)).map((s) => [s.name, s.seq]));
    for (const { name } of tables) {
      const columns: { column_name: string; data_type: string }[] = await runner.query(
        `SELECT "column_name", "data_type" FROM information_schema.columns WHERE "table_schema" = 'public' AND "table_name" = $1`,
        [name],
      );
      if (columns.length === 0) continue;
      const rows: Record<string, unknown>[] = await from.query(`SELECT * FROM "${name}"`);
      const list = columns.map((c) => `"${c.column_name}"`).join(", ");
      for (let at = 0; at < rows.length; at += 500) {
        const chunk = rows.slice(at, at + 500);
        const params: unknown[] = [];
        const tuples = chunk.map((row) => {
          const values = columns.map((c) => {
            const value = row[c.column_name] ?? null;
            params.push(c.data_type === "boolean" && value !== null ? Boolean(value) : value);
            return `$${params.length}`;
          });
          return `(${values.join(", ")})`;
        });
        await runner.query(`INSERT INTO "${name}" (${list}) VALUES ${tuples.join(", ")}`, params);
      }
      if (columns.some((c) => c.column_name === "id")) {
        const next = rows.reduce((max, r) => Math.max(max, Number(r.id)), sequences.get(name) ?? 0);
        if (next > 0) await runner.query(`SELECT setval(pg_get_serial_sequence($1, 'id'), $2)`, [`"${name}"`, next]);
      }
    }
    await runner.query(`SET session_replication_role = DEFAULT`);
    for (const statement of INDEXED.flatMap((spec) => reindexTableSql(postgresIndex, spec))) await runner.query(statement);
    await runner.query(`ANALYZE`);
  } finally {
    await runner.release();
    await to.destroy();
  }
}
