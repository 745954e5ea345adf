import { generate } from "../bench/generator/generate";
import { exited, startCompiledServer } from "./helpers/processes";
import { ok, startTestServer, TestServer } from "./helpers/server";
import { databaseUrl } from "./helpers/database";
import { MANY, MANY_LIMITS, MANY_SEARCHES, SMALL } from "./helpers/slow-queries";
import { openWorkerReader } from "../src/db";
import { SqlLogger } from "../src/db/sql-logger";
import { readIndex } from "../src/services/facet-index";

/**
 * EXECUTION_TIMEOUT_MS holds for the SQL a request starts, not only for the fields it resolves:
 * sixty aliased searches for a common character each ask for the last ranked page of a hundred (every match sorted) as soon
 * as the query starts, on the worker threads (src/db/slow-reads.ts), and together they take far
 * longer than the timeout (facets, counted in memory now, no longer do).
 * tests/slow-reads.test.ts shows that what waits past the deadline never starts.
 */
const TIMEOUT_MS = 400;
const LIMITS = MANY_LIMITS;

let server: TestServer;

/**
 * The data of `query`, asked again while it answers TIMEOUT only: a read thread starts on first
 * need (or after one was ended at a deadline), and a request may time out waiting for it.
 */
async function answered(query: string, from: TestServer = server) {
  for (let attempt = 1; ; attempt++) {
    const res = await from.gql(query);
    if (!res.errors) return res.data;
    expect(res.errors.map((e) => e.extensions?.code)).toEqual(["TIMEOUT"]);
    if (attempt === 50) throw new Error("no answer in time after 50 attempts");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
beforeAll(async () => {
  // MAX_COST off the way: this is about time, the cost of slow reads is tested in hardening.test.ts.
  server = await startTestServer({
    env: { EXECUTION_TIMEOUT_MS: String(TIMEOUT_MS), ...LIMITS },
    seed: (ds) => generate(ds, { people: 12_000, seed: 5 }).then(() => undefined),
  });
  await answered(SMALL); // compiled, and a read thread started: what follows measures the deadline, not a cold start
}, 120_000);
afterAll(() => server.close());

test("a request whose slow reads run past its deadline answers TIMEOUT; nothing of it runs after, and the next request gets its data", async () => {
  const searchStatements = (statements: string[]) => statements.filter((sql) => sql.includes("search_gram") || sql.includes("search_text"));
  const res = await server.gql(MANY_SEARCHES);
  expect(res.status).toBe(200);
  const codes = new Set(res.errors?.map((e) => e.extensions?.code));
  expect([...codes]).toEqual(["TIMEOUT"]);

  // The thread that ran past the deadline was ended; a new one takes a moment to start, so the
  // next request may itself answer TIMEOUT while it waits for it. The server recovers by itself.
  const after = await server.countStatements(async () => {
    expect((await answered(SMALL)).personFacets.byCongress.length).toBeGreaterThan(0);
  });
  expect(after.filter((sql) => sql.includes("data_version"))).toHaveLength(1); // the statements of the next request are seen …
  expect(searchStatements(after)).toEqual([]); // … and none of the searches that timed out
});

test("a read thread reads its facet index before it takes a read, so no deadline ends that read: with the read longer than the deadline, facets answer once the thread is ready", async () => {
  // How long a thread takes to read the index of these 12,000 people; the deadline half of that
  // (a facet count with the index read takes a few milliseconds: retried, see answered()).
  const { reader, close } = openWorkerReader(server.database, new SqlLogger(false));
  const t0 = performance.now();
  await readIndex(reader).finally(close);
  const timeout = String(Math.max(10, Math.floor((performance.now() - t0) / 2)));

  // A pool that starts its thread on first need (tests, scripts): the first facet reads time out
  // while the thread reads its index, and a later one is answered.
  const lazy = await startTestServer({ database: server.database, env: { EXECUTION_TIMEOUT_MS: timeout, READ_THREADS: "1", ...LIMITS } });
  try {
    expect((await answered(SMALL, lazy)).personFacets.byCongress.length).toBeGreaterThan(0);
  } finally {
    await lazy.close();
  }

  // A server's pool: the thread that replaces one ended at a deadline reads the index too before it
  // takes a read, and the facets are answered again.
  const eager = await startTestServer({ database: server.database, env: { EXECUTION_TIMEOUT_MS: timeout, READ_THREADS: "1", ...LIMITS }, eagerThreads: true });
  try {
    await eager.server.slow.warmed;
    expect((await answered(SMALL, eager)).personFacets.byCongress.length).toBeGreaterThan(0);
    // Twice: the first may spend its deadline compiling the query; the second's searches reach the thread, which is ended.
    for (const _ of [1, 2]) expect(new Set((await eager.gql(MANY_SEARCHES)).errors?.map((e) => e.extensions?.code))).toEqual(new Set(["TIMEOUT"]));
    expect((await answered(SMALL, eager)).personFacets.byCongress.length).toBeGreaterThan(0);
  } finally {
    await eager.close();
  }
}, 120_000);

test("slow reads hold up neither profile pages nor lists: they are answered while sixty searches run", async () => {
  const events: string[] = [];
  const slow = startTestServer({ database: server.database, env: { READ_THREADS: "1", ...LIMITS } });
  const other = await slow;
  try {
    const searches = other.gql(MANY_SEARCHES).then((res) => {
      expect(ok(res)[`s${MANY - 1}`].totalCount).toBeGreaterThan(0);
      events.push("searches");
    });
    const [someone] = ok(await other.gql(`{ people(first: 1) { nodes { id } } }`)).people.nodes;
    events.push("list");
    const profile = ok(
      await other.gql(`query ($id: ID!) { person(id: $id) { name employer { name } awards { honour { name level } } seats { congress { name } } } }`, {
        id: someone.id,
      }),
    );
    expect(profile.person.name).toBeTruthy();
    events.push("profile");
    await searches;
    expect(events).toEqual(["list", "profile", "searches"]);
  } finally {
    await other.close();
  }
});

test("sixty slow reads of one request log no leak warning: each stops listening to the request when it ends", async () => {
  // The compiled server, because Node writes its warnings to the process's own stderr.
  const started = await startCompiledServer({ DATABASE_URL: databaseUrl(server.database), EXECUTION_TIMEOUT_MS: String(TIMEOUT_MS), ...LIMITS });
  try {
    const res = await fetch(`${started.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: MANY_SEARCHES }),
    });
    expect(res.status).toBe(200);
    expect((await res.json()).errors?.length).toBeGreaterThan(0); // TIMEOUT: the reads ran
  } finally {
    started.child.kill("SIGTERM");
    await exited(started.child);
  }
  expect(started.output()).not.toMatch(/MaxListenersExceededWarning/);
});
