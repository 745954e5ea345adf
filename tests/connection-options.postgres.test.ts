import type { DataSource } from "typeorm";
import { createDataSource } from "../ormconfig";
import type { PostgresConfig } from "../src/config";
import { openPool } from "../src/db/postgres/connection";
import { freshDatabase } from "./helpers/database";

/*
 * PostgreSQL: the settings every connection of the app needs (src/db/postgres/connection.ts:
 * jit off, the client-connection check, the writer's plan mode) hold whatever session options an
 * operator adds, in DATABASE_URL's `options` parameter or in PGOPTIONS, and those hold too. The
 * driver takes a URL's `options` in place of the pool's own, and reads PGOPTIONS only when the pool
 * sets none (tests/connection-options.test.ts: what each URL becomes).
 */

const SETTINGS = `SELECT current_setting('jit') AS jit, current_setting('client_connection_check_interval') AS "clientCheck",
  current_setting('plan_cache_mode') AS "planMode", current_setting('statement_timeout') AS "statementTimeout",
  current_setting('lock_timeout') AS "lockTimeout"`;

let db: PostgresConfig;
const opened: DataSource[] = [];
const pgOptions = process.env.PGOPTIONS;

beforeEach(async () => {
  const fresh = await freshDatabase();
  if (fresh.kind !== "postgres") throw new Error("a PostgreSQL test");
  db = fresh;
});
afterEach(async () => {
  if (pgOptions === undefined) delete process.env.PGOPTIONS;
  else process.env.PGOPTIONS = pgOptions;
  await Promise.all(opened.splice(0).map((ds) => ds.destroy()));
});

const withUrlOptions = (url: string, options: string) => `${url}${url.includes("?") ? "&" : "?"}options=${encodeURIComponent(options)}`;

async function settingsOf(config: PostgresConfig, role: "reader" | "writer"): Promise<Record<string, string>> {
  const ds = createDataSource(config, role);
  opened.push(await ds.initialize());
  return (await ds.query(SETTINGS))[0];
}

async function workerSettings(url: string): Promise<Record<string, string>> {
  const pool = openPool(url, 1);
  try {
    return (await pool.query(SETTINGS)).rows[0];
  } finally {
    await pool.end();
  }
}

test("a DATABASE_URL's options are set beside the app's own, on the main pool, the writer and a worker thread's pool", async () => {
  const url = withUrlOptions(db.url, "-c statement_timeout=4321");
  const ours = { jit: "off", clientCheck: "1s", statementTimeout: "4321ms" };
  expect(await settingsOf({ ...db, url }, "reader")).toMatchObject({ ...ours, planMode: "auto" });
  expect(await settingsOf({ ...db, url }, "writer")).toMatchObject({ ...ours, planMode: "force_custom_plan" });
  expect(await workerSettings(url)).toMatchObject({ ...ours, planMode: "auto" });
});

test("PGOPTIONS is set beside them too, and an operator's setting of the app's own wins", async () => {
  process.env.PGOPTIONS = "-c lock_timeout=1234";
  const url = withUrlOptions(db.url, "-c jit=on");
  expect(await settingsOf({ ...db, url }, "reader")).toMatchObject({ jit: "on", clientCheck: "1s", lockTimeout: "1234ms" });
  expect(await workerSettings(url)).toMatchObject({ jit: "on", clientCheck: "1s", lockTimeout: "1234ms" });
  // Without a URL's options, PGOPTIONS alone.
  expect(await workerSettings(db.url)).toMatchObject({ jit: "off", clientCheck: "1s", lockTimeout: "1234ms" });
});
