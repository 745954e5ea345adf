import type { DataSource } from "typeorm";

/** The oldest PostgreSQL served: the one the search index and the tests were built on. */
export const MIN_SERVER_VERSION = 150000;

/** A database the directory cannot run on: start-up stops with this message. */
export class UnsuitableDatabase extends Error {}

/**
 * Refuses, with a message that says what to do, a server older than PostgreSQL 15 and a database
 * whose encoding or character type cannot handle Chinese: under LOCALE 'C' (or SQL_ASCII) no
 * Chinese character is a letter, so pg_trgm extracts no trigram from a name and lower() leaves
 * accented pinyin as it is, and search would silently find nothing.
 */
export async function checkServer(ds: DataSource): Promise<void> {
  const [row] = await ds.query<{ version: number; encoding: string; ctype: string; chinese: boolean }[]>(
    `SELECT current_setting('server_version_num')::int AS "version", pg_encoding_to_char(encoding) AS "encoding", datctype AS "ctype", ` +
      `('王' ~ '^[[:alpha:]]$' AND lower('Ü') = 'ü') AS "chinese" FROM pg_database WHERE datname = current_database()`,
  );
  const name = ds.options.database ?? "the database";
  if (row.version < MIN_SERVER_VERSION)
    throw new UnsuitableDatabase(`PostgreSQL ${MIN_SERVER_VERSION / 10000} or later is needed; this server is version ${row.version}`);
  if (row.encoding !== "UTF8" || !row.chinese) {
    throw new UnsuitableDatabase(
      `${String(name)} cannot hold Chinese search (encoding ${row.encoding}, character type ${row.ctype}): create it with ` +
        `CREATE DATABASE … ENCODING 'UTF8' LOCALE 'C.UTF-8' TEMPLATE template0 (or another UTF-8 locale)`,
    );
  }
}

/** The database `ds` is connected to, by name, and the migrations run in it (none: no migrations table). */
export async function migrationsRun(ds: DataSource): Promise<{ database: string; names: string[] }> {
  const [row] = await ds.query<{ database: string; present: boolean }[]>(
    `SELECT current_database() AS "database", to_regclass('migrations') IS NOT NULL AS "present"`,
  );
  const names = row.present ? (await ds.query<{ name: string }[]>(`SELECT "name" FROM "migrations"`)).map((m) => m.name) : [];
  return { database: row.database, names };
}
