import type { Pool } from "pg";
import { openPool } from "../src/db/postgres/connection";
import { PgReader, PREPARED_PER_CONNECTION } from "../src/db/postgres/reader";
import { freshDatabase } from "./helpers/database";

/*
 * PostgreSQL: the main thread's reads are prepared once per connection (planning a profile page's
 * statement took longer than running it), pattern matches and worker threads' reads are planned
 * with their values every time, and a connection never holds more than PREPARED_PER_CONNECTION.
 */

const silent = { logQuery: () => undefined, logQueryError: () => undefined };
let pool: Pool;

beforeEach(async () => {
  const db = await freshDatabase();
  if (db.kind !== "postgres") throw new Error("a PostgreSQL test");
  // One connection: the pool's own queries below see the reader's session.
  pool = openPool(db.url, 1);
});
afterEach(() => pool.end());

const prepared = async () =>
  (
    await pool.query<{ statement: string; runs: number }>(
      `SELECT statement, generic_plans + custom_plans AS runs FROM pg_prepared_statements ORDER BY statement`,
    )
  ).rows;
const backend = async () => (await pool.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`)).rows[0].pid;

test("a statement of the main thread's reader is prepared once on its connection and run again from there", async () => {
  const reader = new PgReader(pool, silent);
  expect(await reader.rows(`SELECT ?::int + 1 AS n`, [1])).toEqual([{ n: 2 }]);
  expect(await reader.rows(`SELECT ?::int + 1 AS n`, [41])).toEqual([{ n: 42 }]);
  expect(await prepared()).toEqual([{ statement: "SELECT $1::int + 1 AS n", runs: 2 }]);
});

test("a pattern match, and every read of a worker thread's reader, is planned with its values each time: nothing prepared", async () => {
  const main = new PgReader(pool, silent);
  expect(await main.rows(`SELECT ?::text ILIKE ? AS m`, ["王宝刚", "%宝%"])).toEqual([{ m: true }]);
  const worker = new PgReader(pool, silent, true);
  expect(await worker.rows(`SELECT ?::int * 2 AS n`, [21])).toEqual([{ n: 42 }]);
  expect(await prepared()).toEqual([]);
});

test(`a connection that has prepared more than ${PREPARED_PER_CONNECTION} statements is replaced, and reads go on`, async () => {
  const reader = new PgReader(pool, silent);
  const first = await backend();
  for (let i = 0; i < PREPARED_PER_CONNECTION; i++) await reader.rows(`SELECT ?::int + ${i} AS n`, [1]);
  expect(await backend()).toBe(first);
  expect(await prepared()).toHaveLength(PREPARED_PER_CONNECTION);
  // A statement it has already prepared keeps it.
  await reader.rows(`SELECT ?::int + 0 AS n`, [1]);
  expect(await backend()).toBe(first);
  // One more shape: the connection is closed on release and the pool opens another, with nothing prepared.
  expect(await reader.rows(`SELECT ?::int + ${PREPARED_PER_CONNECTION} AS n`, [1])).toEqual([{ n: 1 + PREPARED_PER_CONNECTION }]);
  expect(await backend()).not.toBe(first);
  expect(await prepared()).toEqual([]);
  expect(await reader.rows(`SELECT ?::int + 0 AS n`, [2])).toEqual([{ n: 2 }]);
});
