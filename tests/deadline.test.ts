import { generate } from "../scripts/bench-data";
import { exited, startCompiledServer } from "./helpers/processes";
import { ok, startTestServer, TestServer } from "./helpers/server";

/**
 * EXECUTION_TIMEOUT_MS holds for the SQL a request starts, not only for the fields it resolves:
 * twenty aliased searches for a common character each ask for a ranked page of a hundred as soon
 * as the query starts, on the worker threads (src/db/slow-reads.ts), and together they take far
 * longer than the timeout (facets, counted in memory now, no longer do).
 * tests/slow-reads.test.ts shows that what waits past the deadline never starts.
 */
const TIMEOUT_MS = 400;
const SMALL = `{ personFacets(filter: { honour: { level: NATIONAL } }) { byCongress { key count } } }`;
const TWENTY = `{ ${Array.from({ length: 20 }, (_, i) => `s${i}: search(query: "工", first: 100) { totalCount edges { node { __typename } } }`).join(" ")} }`;

let server: TestServer;

/**
 * The data of `query`, asked again while it answers TIMEOUT only: a read thread starts on first
 * need (or after one was ended at a deadline), and a request may time out waiting for it.
 */
async function answered(query: string) {
  for (let attempt = 1; ; attempt++) {
    const res = await server.gql(query);
    if (!res.errors) return res.data;
    expect(res.errors.map((e) => e.extensions?.code)).toEqual(["TIMEOUT"]);
    if (attempt === 50) throw new Error("no answer in time after 50 attempts");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
beforeAll(async () => {
  // MAX_COST off the way: this is about time, the cost of slow reads is tested in hardening.test.ts.
  server = await startTestServer({
    env: { EXECUTION_TIMEOUT_MS: String(TIMEOUT_MS), MAX_COST: "100000000" },
    seed: (ds) => generate(ds, { people: 12_000, seed: 5 }).then(() => undefined),
  });
  await answered(SMALL); // compiled, and a read thread started: what follows measures the deadline, not a cold start
}, 120_000);
afterAll(() => server.close());

test("a request whose slow reads run past its deadline answers TIMEOUT; nothing of it runs after, and the next request gets its data", async () => {
  const searchStatements = (statements: string[]) => statements.filter((sql) => sql.includes("search_gram") || sql.includes("search_text"));
  const res = await server.gql(TWENTY);
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

test("slow reads hold up neither profile pages nor lists: they are answered while twenty searches run", async () => {
  const events: string[] = [];
  const slow = startTestServer({ dbFile: server.dbFile, env: { READ_THREADS: "1", MAX_COST: "100000000" } });
  const other = await slow;
  try {
    const searches = other.gql(TWENTY).then((res) => {
      expect(ok(res).s19.totalCount).toBeGreaterThan(0);
      events.push("searches");
    });
    const [someone] = ok(await other.gql(`{ people(first: 1) { nodes { id } } }`)).people.nodes;
    events.push("list");
    const profile = ok(await other.gql(`query ($id: ID!) { person(id: $id) { name employer { name } awards { honour { name level } } seats { congress { name } } } }`, { id: someone.id }));
    expect(profile.person.name).toBeTruthy();
    events.push("profile");
    await searches;
    expect(events).toEqual(["list", "profile", "searches"]);
  } finally {
    await other.close();
  }
});

test("twenty slow reads of one request log no leak warning: each stops listening to the request when it ends", async () => {
  // The compiled server, because Node writes its warnings to the process's own stderr.
  const started = await startCompiledServer({ DATABASE_URL: `sqlite:${server.dbFile}`, EXECUTION_TIMEOUT_MS: String(TIMEOUT_MS), MAX_COST: "100000000" });
  try {
    const res = await fetch(`${started.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: TWENTY }) });
    expect(res.status).toBe(200);
    expect((await res.json()).errors?.length).toBeGreaterThan(0); // TIMEOUT: the reads ran
  } finally {
    started.child.kill("SIGTERM");
    await exited(started.child);
  }
  expect(started.output()).not.toMatch(/MaxListenersExceededWarning/);
});
