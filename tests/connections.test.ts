import { ok, startTestServer, TestServer } from "./helpers/server";

/**
 * The server reads on two connections: the loaders' (profile pages, lists, search) and one for
 * the reads that walk thousands of rows (facets, exports). A connection runs one statement at a
 * time, so a slow statement on it holds up every request behind it; on one connection, one
 * client asking for facets held up every profile page.
 */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(() => server.close());

/** A statement that keeps the reports connection busy for about half a second and reads nothing. */
const LONG = `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 4000000) SELECT COUNT(*) AS n FROM c`;

test("a slow read on the reports connection holds up neither profile pages nor lists; facets queue behind it", async () => {
  const events: string[] = [];
  const blocker = server.reports.query(LONG).then(() => events.push("slow read"));
  const facets = server.gql(`{ personFacets { byHonourLevel { key count } byEmployer(first: 3) { label count } } }`).then((res) => {
    expect(ok(res).personFacets.byHonourLevel.length).toBeGreaterThan(0);
    events.push("facets");
  });
  const [someone] = ok(await server.gql(`{ people(first: 1) { nodes { id } } }`)).people.nodes;
  const profile = ok(
    await server.gql(`query ($id: ID!) { person(id: $id) { name employer { name } awards { honour { name level } } seats { congress { name } } } }`, { id: someone.id }),
  );
  expect(profile.person.name).toBeTruthy();
  events.push("profile");
  await Promise.all([blocker, facets]);
  expect(events).toEqual(["profile", "slow read", "facets"]);
});

test("the CSV and Popolo exports read on the reports connection", async () => {
  const events: string[] = [];
  const blocker = server.reports.query(LONG).then(() => events.push("slow read"));
  const exported = fetch(`${server.url}/export/popolo.json`).then(async (res) => {
    expect(res.status).toBe(200);
    expect(JSON.parse(await res.text()).persons.length).toBeGreaterThan(0);
    events.push("export");
  });
  ok(await server.gql(`{ people(first: 3) { nodes { name } } }`));
  events.push("list");
  await Promise.all([blocker, exported]);
  expect(events).toEqual(["list", "slow read", "export"]);
});
