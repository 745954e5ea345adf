import { generate } from "../scripts/bench-data";
import { ok, startTestServer, TestServer } from "./helpers/server";

/**
 * EXECUTION_TIMEOUT_MS holds for the SQL a request starts, not only for the fields it resolves:
 * twenty aliased personFacets each queue a statement over the whole directory as soon as the
 * query starts, and each takes a good part of the timeout or more.
 */
const TIMEOUT_MS = 400;
const SIX = "byHonourLevel { key count } byHonour { key count } byEmployer { key count } byDelegation { key count } byCongress { key count } byAwardYear { key count }";
const SMALL = `{ personFacets(filter: { honour: { level: NATIONAL } }) { byCongress { key count } } }`;
const TWENTY = `{ ${Array.from({ length: 20 }, (_, i) => `f${i}: personFacets { ${SIX} }`).join(" ")} }`;

let server: TestServer;
beforeAll(async () => {
  // MAX_COST off the way: this is about time, the cost of facets is tested in hardening.test.ts.
  server = await startTestServer({
    env: { EXECUTION_TIMEOUT_MS: String(TIMEOUT_MS), MAX_COST: "100000000" },
    seed: (ds) => generate(ds, { people: 12_000, seed: 5 }).then(() => undefined),
  });
  ok(await server.gql(SMALL)); // compiled and prepared: the check after the timeout measures the connection, not a cold start
}, 120_000);
afterAll(() => server.close());

test("statements a request queued past its deadline answer TIMEOUT and never run; the connection is free for the next request", async () => {
  const facetStatements = (statements: string[]) => statements.filter((sql) => sql.includes("json_group_array(json_array(key, label, n)"));
  let res: Awaited<ReturnType<TestServer["gql"]>> | undefined;
  const during = await server.countStatements(async () => {
    res = await server.gql(TWENTY);
  });
  expect(res!.status).toBe(200);
  const codes = new Set(res!.errors?.map((e) => e.extensions?.code));
  expect([...codes]).toEqual(["TIMEOUT"]);
  // Twenty statements were asked for; those still waiting at the deadline never started.
  expect(facetStatements(during).length).toBeLessThan(20);

  // Nothing of that request runs after its answer, and a small facets request gets its data in time.
  const after = await server.countStatements(async () => {
    const small = ok(await server.gql(SMALL));
    expect(small.personFacets.byCongress.length).toBeGreaterThan(0);
  });
  expect(facetStatements(after)).toHaveLength(1);
});
