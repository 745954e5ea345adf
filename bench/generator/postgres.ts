import { Client, Pool } from "pg";
import type { DataSource } from "typeorm";
import { PG_TYPES } from "../../src/db/postgres/connection";
import type { BenchReader } from "../reader";
import { numberPlaceholders } from "../../src/db/postgres/placeholders";
import type { BulkWriter } from "./writer";

/** Rows per INSERT: each column travels as one array parameter, so a statement's size is what bounds it. */
const ROWS_PER_STATEMENT = 10000;

/**
 * PostgreSQL: one `INSERT … SELECT FROM unnest($1::type[], $2::type[], …)` per chunk of rows,
 * one array per column, on one connection of TypeORM's pool. The statement's text does not
 * grow with the rows, and row triggers (the search index's, when its migration is there) fire
 * for every row as for real data, so the index needs no rebuild afterwards. Ids are the
 * generator's; the serial sequences are moved past them at the end.
 */
export async function postgresWriter(ds: DataSource): Promise<BulkWriter> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  const query = <T>(sql: string, params: unknown[] = []) => runner.query(sql, params) as Promise<T[]>;
  const types = new Map<string, Map<string, string>>();
  const columnTypes = async (table: string) => {
    let known = types.get(table);
    if (!known) {
      const rows = await query<{ name: string; type: string }>(
        `SELECT a.attname AS name, format_type(a.atttypid, NULL) AS type FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped`,
        [`"${table}"`],
      );
      types.set(table, (known = new Map(rows.map((r) => [r.name, r.type]))));
    }
    return known;
  };
  const written = new Set<string>();

  return {
    all: (sql, params) => query(numberPlaceholders(sql), params),
    async transaction(fn) {
      await runner.startTransaction();
      try {
        await fn();
        await runner.commitTransaction();
      } catch (error) {
        await runner.rollbackTransaction().catch(() => undefined);
        throw error;
      }
    },
    async insert(table, columns, rows) {
      if (!rows.length) return;
      const known = await columnTypes(table);
      const casts = columns.map((c, i) => {
        const type = known.get(c);
        if (!type) throw new Error(`bench data: ${table} has no column ${c}`);
        return `$${i + 1}::${type}[]`;
      });
      const sql = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) SELECT * FROM unnest(${casts.join(", ")})`;
      for (let from = 0; from < rows.length; from += ROWS_PER_STATEMENT) {
        const chunk = rows.slice(from, from + ROWS_PER_STATEMENT);
        await query(
          sql,
          columns.map((_, i) => chunk.map((row) => row[i])),
        );
      }
      written.add(table);
    },
    async finish(phase) {
      for (const table of written) {
        if (!(await columnTypes(table)).has("id")) continue;
        await query(`SELECT setval(pg_get_serial_sequence($1, 'id'), (SELECT MAX("id") FROM "${table}"))`, [`"${table}"`]);
      }
      phase("sequences");
      // As a bulk load ends: the planner's statistics, and the visibility map that lets index-only
      // scans skip the table (autovacuum would set it later, and it is off on some servers).
      await query("VACUUM ANALYZE");
      phase("vacuum analyze");
    },
    async release() {
      await runner.release();
    },
  };
}

/** The same server's maintenance database, and the name of the one `url` names. */
function maintenance(url: string): { admin: string; name: string } {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.slice(1));
  parsed.pathname = "/postgres";
  return { admin: parsed.toString(), name };
}

const quoteName = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A few connections to the bench database, for the harness's own reads (`?` placeholders), some at once. */
export async function openPostgresReader(url: string): Promise<BenchReader> {
  const pool = new Pool({ connectionString: url, max: 4, types: PG_TYPES });
  return {
    sql: async <T>(text: string, params: unknown[] = []) => (await pool.query(numberPlaceholders(text), params)).rows as T[],
    version: async () => `PostgreSQL ${(await pool.query<{ server_version: string }>("SHOW server_version")).rows[0].server_version}`,
    close: () => pool.end(),
  };
}

/** Whether the database exists, and whether it holds the directory's tables yet. */
export async function postgresState(url: string): Promise<"missing" | "empty" | "exists"> {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    if ((error as { code?: string }).code === "3D000") return "missing"; // invalid_catalog_name
    throw error;
  }
  try {
    const { rows } = await client.query<{ has: boolean }>(`SELECT to_regclass('"source_document"') IS NOT NULL AS "has"`);
    return rows[0].has ? "exists" : "empty";
  } finally {
    await client.end();
  }
}

/** Drops the database (closing its connections) and creates it empty, with the server's default collation. */
export async function recreatePostgres(url: string): Promise<void> {
  const { admin, name } = maintenance(url);
  const client = new Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quoteName(name)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoteName(name)}`);
  } finally {
    await client.end();
  }
}
