import { exited, logLines, startCompiledServer } from "./helpers/processes";
import { healthStatus, HttpAnswer, outcome, postGraphQL } from "./helpers/http";
import fs from "fs";
import { Cluster, clusterRoot } from "./helpers/pg-clusters";

// PostgreSQL goes away under a running server and comes back: the server answers 503 meanwhile,
// never an internal error, and serves again by itself. The cluster is the test's own (the shared
// one serves other tests), crashed with `pg_ctl stop -m immediate` and started again.

const TOKEN = "database-outage-organiser";
const CREATE = `mutation ($name: String!) { createPerson(input: { name: $name }) { id name } }`;
const READ = `query ($id: ID!) { node(id: $id) { ... on Person { name } } }`;
/** Facets are counted on a slow-read worker thread, over that thread's own pool; so is the count of everyone. */
const FACETS = `{ personFacets { byHonourLevel { key count } } }`;
const COUNT = `{ people { totalCount } }`;

let root: string;
let cluster: Cluster;
let server: Awaited<ReturnType<typeof startCompiledServer>> | undefined;

beforeAll(async () => {
  root = clusterRoot();
  cluster = await Cluster.standalone(root);
});

afterAll(async () => {
  if (server) {
    server.child.kill("SIGKILL");
    await exited(server.child);
  }
  cluster?.stopIfRunning();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

/** The codes of an answer's errors. */
const codes = (answer: HttpAnswer) => (answer.body.errors ?? []).map((e) => e.extensions?.code);

/** Polls /healthz until it answers 200, for at most `ms`. */
async function healthyWithin(url: string, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) {
    if ((await healthStatus(url)) === 200) return true;
  }
  return false;
}

test("with PostgreSQL down the server answers 503 SERVICE_UNAVAILABLE to reads, slow reads, writes and /healthz; when it is back the same process serves again", async () => {
  server = await startCompiledServer({ DATABASE_URL: cluster.url(), AUTH_TOKENS: `organiser:${TOKEN}`, LOG_LEVEL: "warn", READ_THREADS: "1" });
  const { url } = server;
  const before = await postGraphQL(url, CREATE, { name: "断库前" }, TOKEN);
  expect(outcome(before)).toBe("written");
  const id = before.body.data.createPerson.id;
  const people = (await postGraphQL(url, COUNT)).body.data.people.totalCount;
  const facets = (await postGraphQL(url, FACETS)).body;
  expect(facets.data.personFacets.byHonourLevel.length).toBeGreaterThan(0);

  cluster.crash();

  expect(await healthStatus(url)).toBe(503);
  const answers = {
    read: await postGraphQL(url, READ, { id }),
    slowRead: await postGraphQL(url, FACETS),
    write: await postGraphQL(url, CREATE, { name: "断库中" }, TOKEN),
  };
  for (const [kind, answer] of Object.entries(answers)) {
    // Each is the contract's refusal: HTTP 503, Retry-After, SERVICE_UNAVAILABLE only, no internals.
    expect({ kind, outcome: outcome(answer) }).toEqual({ kind, outcome: "refused" });
    expect(JSON.stringify(answer.body)).not.toMatch(/ECONNREFUSED|at .*\.js|stack|terminat/i);
  }
  expect(answers.read.body.errors![0].message).toBe("the database is unavailable; try again in 30 s");
  expect(answers.read.retryAfter).toBe("30");
  // Again, now that the pools hold no connection: a new one is refused rather than waited for.
  expect(codes(await postGraphQL(url, READ, { id }))).toEqual(["SERVICE_UNAVAILABLE"]);
  expect(await healthStatus(url)).toBe(503);

  cluster.start();

  expect(await healthyWithin(url, 20_000)).toBe(true);
  expect(server.child.exitCode).toBeNull();
  expect((await postGraphQL(url, READ, { id })).body).toEqual({ data: { node: { name: "断库前" } } });
  expect(outcome(await postGraphQL(url, CREATE, { name: "断库后" }, TOKEN))).toBe("written");
  // The first read of the worker thread since the restart (its pool had a connection from before the crash).
  expect((await postGraphQL(url, FACETS)).body).toEqual(facets);
  // The refused write wrote nothing.
  expect((await postGraphQL(url, COUNT)).body).toEqual({ data: { people: { totalCount: people + 1 } } });

  // What the server said meanwhile is JSON log lines a log collector can read, TypeORM's warnings
  // too ("Postgres pool raised an error", when an idle connection of its pool sees the crash).
  const entries = logLines(server, true);
  expect(entries.filter((e) => e.msg === "the database did not answer").length).toBeGreaterThan(0);
  for (const entry of entries) expect(["warn", "error"]).toContain(entry.level); // LOG_LEVEL=warn: the refused requests are errors
}, 60_000);
