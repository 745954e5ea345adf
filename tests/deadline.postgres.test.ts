import { Client } from "pg";
import { createToken } from "../src/auth/tokens";
import { databaseUrl } from "./helpers/database";
import { startPostgresTestServer } from "./helpers/postgres";
import { ok, TestServer } from "./helpers/server";

/**
 * On PostgreSQL the main thread's statements run in the database server, which can end them: a
 * statement still running at the request's time limit (EXECUTION_TIMEOUT_MS) loses its connection and
 * is ended there, and the request answers TIMEOUT then, as a read thread's statement is
 * (tests/slow-reads.postgres.test.ts). The
 * fault is real: another session holds a lock on the person table (an administrator's LOCK TABLE, a
 * migration), so the statements that read people wait behind it. Without the bound they would wait
 * for as long as the lock is held, each holding one of the pool's connections, and the requests
 * behind them would wait for a connection even to read other tables.
 */
const TIMEOUT_MS = 1_000;
/** How long the test's session holds the lock at most: well past the time limit. */
const HOLD_MS = 12_000;

let server: TestServer;
let holder: Client;

beforeAll(async () => {
  server = await startPostgresTestServer({ env: { EXECUTION_TIMEOUT_MS: String(TIMEOUT_MS) } });
  holder = new Client({ connectionString: databaseUrl(server.database) });
  // The suite drops the test database after the file, ending this connection if it is still open.
  holder.on("error", () => undefined);
  await holder.connect();
}, 60_000);
afterAll(async () => {
  await holder.end();
  await server.close();
});

/** The server's statements waiting on a lock now. */
async function waiting(): Promise<number> {
  const { rows } = await holder.query<{ n: string }>(
    `SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`,
  );
  return Number(rows[0].n);
}

/**
 * Runs `during` while the test's session holds `table` locked (released after HOLD_MS whatever
 * happens, so that a server without the bound answers late rather than hangs); `during` is told
 * whether the lock has been released yet.
 */
async function whileLocked(table: string, during: (released: () => boolean) => Promise<void>): Promise<void> {
  await holder.query("BEGIN");
  await holder.query(`LOCK TABLE "${table}" IN ACCESS EXCLUSIVE MODE`);
  let released = false;
  const release = setTimeout(() => void holder.query("ROLLBACK").then(() => (released = true)), HOLD_MS);
  try {
    await during(() => released);
  } finally {
    clearTimeout(release);
    if (!released) await holder.query("ROLLBACK");
  }
}

/** Until none of the server's statements waits on a lock, for at most 5 s (a database's client check is a second). */
async function noneWaiting(): Promise<number> {
  const goneBy = Date.now() + 5_000;
  while ((await waiting()) > 0 && Date.now() < goneBy) await new Promise((r) => setTimeout(r, 100));
  return waiting();
}

test("a statement still waiting at the request's time limit is ended in the database; the request answers TIMEOUT and the pool serves others", async () => {
  const person = `{ people(first: 1) { nodes { id name } } }`;
  const { id, name } = ok(await server.gql(person)).people.nodes[0];
  const profile = `{ person(id: "${id}") { name seats { delegation } } }`;
  ok(await server.gql(profile));

  await whileLocked("person", async (released) => {
    // More requests than the pool has connections: those behind wait for one, then for the lock.
    const poolSize = server.database.kind === "postgres" ? server.database.poolSize : 0;
    expect(poolSize).toBeGreaterThan(0);
    const answers = await Promise.all(Array.from({ length: poolSize + 2 }, () => server.gql(profile)));
    expect(released()).toBe(false);
    for (const res of answers) expect(res.errors?.map((e) => e.extensions?.code)).toEqual(["TIMEOUT"]);
    // Their statements are ended within the database's client check, not left waiting on the lock.
    expect(await noneWaiting()).toBe(0);
    // The pool's connections are free again: a read of another table answers while the lock is held.
    const congresses = ok(await server.gql(`{ congresses(first: 1) { nodes { name } } }`));
    expect(released()).toBe(false);
    expect(congresses.congresses.nodes).toHaveLength(1);
  });
  expect(ok(await server.gql(profile)).person.name).toBe(name);
}, 60_000);

test("a list read through the query builder (honours) is held to the time limit too", async () => {
  const honours = `{ honours(first: 5) { totalCount nodes { name } } }`;
  const before = ok(await server.gql(honours)).honours;
  expect(before.totalCount).toBeGreaterThan(0);

  await whileLocked("honour", async (released) => {
    const res = await server.gql(honours);
    expect(released()).toBe(false);
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(["TIMEOUT"]);
    expect(await noneWaiting()).toBe(0);
  });
  expect(ok(await server.gql(honours)).honours).toEqual(before);
}, 60_000);

test("a stored token's lookup is held to the time limit: while it waits on a lock the request answers 503 busy, and requests without one are served", async () => {
  const { secret } = await createToken(server.ds, "organiser", "deadline-test");
  const auth = { authorization: `Bearer ${secret}` };
  const congresses = `{ congresses(first: 1) { nodes { name } } }`;
  expect(ok(await server.gql(congresses, undefined, auth)).congresses.nodes).toHaveLength(1);

  await whileLocked("api_token", async (released) => {
    // More than the pool has connections: a lookup left waiting would keep its connection from the others.
    const poolSize = server.database.kind === "postgres" ? server.database.poolSize : 0;
    const answers = await Promise.all(Array.from({ length: poolSize + 2 }, () => server.gql(congresses, undefined, auth)));
    expect(released()).toBe(false);
    for (const res of answers) {
      expect(res.status).toBe(503);
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(["SERVICE_UNAVAILABLE"]);
    }
    expect(await noneWaiting()).toBe(0);
    expect(ok(await server.gql(congresses)).congresses.nodes).toHaveLength(1);
    expect(released()).toBe(false);
  });
  expect(ok(await server.gql(congresses, undefined, auth)).congresses.nodes).toHaveLength(1);
}, 60_000);
