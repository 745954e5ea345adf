import fs from "fs";
import type { DatabaseConfig } from "../src/config";
import { Cluster, clusterRoot } from "./helpers/pg-clusters";
import { ok, startTestServer, TestServer } from "./helpers/server";

// DATABASE_READ_URL on a real streaming replica: a primary and a replica (pg_basebackup -R) of the
// test's own, on ports of their own, never the shared cluster. Pausing the replica's WAL replay
// shows which server answered: what a query reads while it is paused is the replica's.

jest.setTimeout(60_000);

const ORGANISER = { authorization: "Bearer test-organiser" };
const NAME = "复制测试";

let root: string;
let primary: Cluster | undefined;
let replica: Cluster | undefined;
let server: TestServer;
let organisation: string;
let employees: number;
let employed: number;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `done` is true, for at most `tries` tenths of a second. */
async function until(what: string, done: () => Promise<boolean>, tries = 200): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await done()) return;
    await sleep(100);
  }
  throw new Error(`${what}: not after ${tries / 10} s`);
}

/** Until the replica has replayed everything the primary has written so far. */
async function caughtUp(): Promise<void> {
  const [{ lsn }] = await primary!.query<{ lsn: string }>(`SELECT pg_current_wal_lsn()::text AS "lsn"`);
  await until("the replica catches up", async () => {
    const [{ behind }] = await replica!.query<{ behind: boolean }>(`SELECT pg_wal_lsn_diff('${lsn}', pg_last_wal_replay_lsn()) > 0 AS "behind"`);
    return !behind;
  });
}

/**
 * Stops the replica's WAL replay: it keeps answering, from what it had replayed. Once asked
 * ("pause requested"), the replica applies no further record; it says "paused" when it reaches one.
 */
async function pauseReplay(): Promise<void> {
  const [{ state }] = await replica!.query<{ state: string }>(`SELECT pg_wal_replay_pause(), pg_get_wal_replay_pause_state() AS "state"`);
  expect(state).not.toBe("not paused");
}

const PEOPLE_OF = `query ($id: ID!) { node(id: $id) { ... on Organisation { people(first: 100) { totalCount nodes { name } } } } }`;
const FACET = `{ personFacets { byEmployer { key count } } }`;

async function peopleOf(id: string): Promise<{ totalCount: number; nodes: { name: string }[] }> {
  return ok(await server.gql(PEOPLE_OF, { id })).node.people;
}
/** How many people the employer facet counts for the organisation: counted on a worker thread. */
async function employedFacet(): Promise<number> {
  const buckets: { key: string; count: number }[] = ok(await server.gql(FACET)).personFacets.byEmployer;
  return buckets.find((b) => b.key === organisation)?.count ?? 0;
}
async function health(): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${server.url}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  root = clusterRoot();
  primary = await Cluster.primary(root);
  await primary.query(`CREATE DATABASE "directory" ENCODING 'UTF8' LOCALE 'C.UTF-8' TEMPLATE template0`);
  replica = await Cluster.replicaOf(primary, root);
  const database: DatabaseConfig = { kind: "postgres", url: primary.url("directory"), readUrl: replica.url("directory"), poolSize: 4, logging: false };
  server = await startTestServer({ database });
  await caughtUp();
  const org = ok(await server.gql(`{ organisations(first: 1) { nodes { id people(first: 100) { totalCount } } } }`)).organisations.nodes[0];
  organisation = org.id;
  employees = org.people.totalCount;
  employed = await employedFacet();
});

afterAll(async () => {
  await server?.close();
  for (const cluster of [replica, primary]) cluster?.stopIfRunning();
  fs.rmSync(root, { recursive: true, force: true });
});

test("/healthz reports the replica", async () => {
  expect(await health()).toEqual({ status: 200, body: { status: "ok", replica: "ok" } });
});

test("a query reads from the replica; a mutation's answer, and what the request reads after its write, from the primary", async () => {
  await pauseReplay();

  const created = ok(
    await server.gql(
      `mutation ($name: String!, $employer: ID!) { createPerson(input: { name: $name, employer: $employer }) { id name employer { people(first: 100) { totalCount nodes { name } } } } }`,
      { name: NAME, employer: organisation },
      ORGANISER,
    ),
  ).createPerson;
  // The mutation's own answer, and a list it reads after the write, show the new person.
  expect(created.name).toBe(NAME);
  expect(created.employer.people.totalCount).toBe(employees + 1);
  expect(created.employer.people.nodes.map((n: { name: string }) => n.name)).toContain(NAME);

  // A query, on the paused replica, does not see it yet: not by id, not in a list, not in a facet (a worker thread's read).
  expect(ok(await server.gql(`query ($id: ID!) { node(id: $id) { id } }`, { id: created.id })).node).toBeNull();
  expect((await peopleOf(organisation)).totalCount).toBe(employees);
  expect(await employedFacet()).toBe(employed);

  await replica!.query(`SELECT pg_wal_replay_resume()`);
  await caughtUp();
  expect(ok(await server.gql(`query ($id: ID!) { node(id: $id) { id } }`, { id: created.id })).node).toEqual({ id: created.id });
  expect((await peopleOf(organisation)).nodes.map((n) => n.name)).toContain(NAME);
  expect(await employedFacet()).toBe(employed + 1);
});

test("a replica that goes away: /healthz says so (200), reads go to the primary, and back to the replica once it answers", async () => {
  const second = ok(
    await server.gql(
      `mutation ($employer: ID!) { createPerson(input: { name: "复制测试二", employer: $employer }) { id } }`,
      { employer: organisation },
      ORGANISER,
    ),
  ).createPerson;
  replica!.stop();

  expect(await health()).toEqual({ status: 200, body: { status: "ok", replica: "unavailable" } });
  // From the primary, reads on the main thread and on worker threads alike.
  expect(ok(await server.gql(`query ($id: ID!) { node(id: $id) { id } }`, { id: second.id })).node).toEqual({ id: second.id });
  expect(await employedFacet()).toBe(employed + 2);

  replica!.start();
  await until("the replica answers again", async () => (await health()).body.replica === "ok");
  await caughtUp();
  // Queries read from the replica again: while its replay is paused, they do not see a new write.
  await pauseReplay();
  const third = ok(await server.gql(`mutation { createPerson(input: { name: "复制测试三" }) { id } }`, {}, ORGANISER)).createPerson;
  expect(ok(await server.gql(`query ($id: ID!) { node(id: $id) { id } }`, { id: third.id })).node).toBeNull();
  await replica!.query(`SELECT pg_wal_replay_resume()`);
});
