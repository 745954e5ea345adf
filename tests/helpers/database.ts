import fs from "fs";
import os from "os";
import path from "path";
import { Client } from "pg";
import type { DataSource } from "typeorm";
import type { DatabaseConfig } from "../../src/config";
import { numberPlaceholders } from "../../src/db/postgres/placeholders";

/**
 * The engine the suite runs on: SQLite (`npm test`), or PostgreSQL when TEST_DATABASE_URL names a
 * server (`npm run test:postgres`), where each test database is a new database of that server.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || null;
export const ENGINE: DatabaseConfig["kind"] = TEST_DATABASE_URL ? "postgres" : "sqlite";

/** A fresh SQLite file in a temp folder. */
export function tempDbFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "directory-test-"));
  return path.join(dir, "test.sqlite");
}

/** The databases this test file made on the PostgreSQL server, dropped when it ends (tests/helpers/drop-databases.ts). */
export const createdDatabases: string[] = [];

/** The URL of database `name` on the server TEST_DATABASE_URL names. */
export function postgresUrl(name: string): string {
  const url = new URL(TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `sql` on the server's maintenance connection (the database TEST_DATABASE_URL names). */
export async function onServer(sql: string): Promise<void> {
  const client = new Client({ connectionString: TEST_DATABASE_URL! });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let made = 0;

/**
 * A new, empty database on the suite's engine, in the same process's test file: a temp SQLite
 * file, or a new PostgreSQL database (UTF-8 in `locale`, C.UTF-8 as the README asks unless a test
 * wants another) dropped after the file.
 */
export async function freshDatabase(options: { logging?: boolean; locale?: string } = {}): Promise<DatabaseConfig> {
  const logging = options.logging ?? false;
  if (ENGINE === "sqlite") return { kind: "sqlite", file: tempDbFile(), logging };
  const name = `dd_test_${process.pid}_${++made}_${Math.random().toString(36).slice(2, 8)}`;
  await onServer(`CREATE DATABASE "${name}" ENCODING 'UTF8' LOCALE '${options.locale ?? "C.UTF-8"}' TEMPLATE template0`);
  createdDatabases.push(name);
  return { kind: "postgres", url: postgresUrl(name), readUrl: null, poolSize: 10, logging };
}

/** Drops the databases this file made (connections still open to one are ended first). */
export async function dropCreatedDatabases(): Promise<void> {
  await Promise.all(createdDatabases.splice(0).map((name) => onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)));
}

/** DATABASE_URL for a server process on `db`. */
export function databaseUrl(db: DatabaseConfig): string {
  return db.kind === "sqlite" ? `sqlite:${db.file}` : db.url;
}

/** DATABASE_URL of a new, empty database of the suite's engine, for a server process a test spawns. */
export async function freshDatabaseUrl(): Promise<string> {
  return databaseUrl(await freshDatabase());
}

/**
 * `ds.query` with the app's `?` placeholders on either engine (PostgreSQL numbers them: $1, $2 …),
 * for the plain SQL tests check the API against.
 */
export function query<T = any>(ds: DataSource, text: string, params: unknown[] = []): Promise<T> {
  return ds.query<T>(ds.options.type === "postgres" ? numberPlaceholders(text) : text, params);
}
