import { DELEGATES, HONOUR_FILTER, PROFILE } from "../bench/queries";
import { toGlobalId } from "../src/relay/global-id";
import { addSyntheticDelegates } from "./helpers/fixtures";
import { captureLog } from "./helpers/log";
import { firstError, ok, startTestServer, TestServer } from "./helpers/server";

async function post(server: TestServer, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

const nest = (depth: number) => {
  // organisation → people → nodes → employer → people → … alternating, depth levels deep
  let q = "name";
  for (let i = 0; i < depth; i++) q = (depth - 1 - i) % 2 ? `employer { ${q} }` : `people(first: 1) { nodes { ${q} } }`;
  return `{ employers(first: 1) { nodes { ${q} } } }`;
};

describe("query limits: HTTP 400, QUERY_TOO_COMPLEX, naming the limit, before any resolver runs", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { MAX_DEPTH: "8", MAX_COST: "5000", MAX_ALIASES: "5", MAX_TOKENS: "400", MAX_DIRECTIVES: "3" } });
  });
  afterAll(() => server.close());

  test.each([
    ["depth", nest(12)],
    ["cost", `{ people(first: 100) { nodes { employer { people(first: 100) { nodes { name } } } } } }`],
    [
      "aliases",
      `{ a: congresses { totalCount } b: congresses { totalCount } c: congresses { totalCount } d: congresses { totalCount } e: congresses { totalCount } f: congresses { totalCount } }`,
    ],
    ["directives", `{ __typename @include(if: true) @include(if: true) @skip(if: false) @skip(if: false) }`],
    ["tokens", `{ ${Array.from({ length: 150 }, (_, i) => `f${i}: __typename`).join(" ")} }`],
  ])("%s", async (limit, query) => {
    const statements = await server.countStatements(async () => {
      const { status, body } = await post(server, { query });
      expect(status).toBe(400);
      expect(body.data).toBeUndefined();
      expect(body.errors[0].extensions).toEqual({ code: "QUERY_TOO_COMPLEX", limit });
      expect(body.errors[0].message).toMatch(new RegExp(`^${limit}: `));
    });
    expect(statements).toEqual([]); // refused before any resolver touched the database
  });

  test("queries within the limits run, and so does the IDE's introspection", async () => {
    expect(ok(await server.gql(nest(2))).employers.nodes.length).toBeGreaterThan(0); // depth 6
    expect(ok(await server.gql(`{ people(first: 20) { nodes { name awards { honour { name } } } } }`)).people.nodes.length).toBe(5);
    const introspection = ok(
      await server.gql(`{ __schema { types { name fields { name args { name type { name ofType { name ofType { name ofType { name } } } } } } } } }`),
    );
    expect(introspection.__schema.types.length).toBeGreaterThan(50);
  });

  test("variables count: a page size given as a variable is costed as given", async () => {
    const q = `query ($n: Int) { people(first: $n) { nodes { employer { people(first: $n) { nodes { name } } } } } }`;
    expect(ok(await server.gql(q, { n: 5 })).people.nodes.length).toBe(5);
    expect(firstError(await server.gql(q, { n: 100 })).extensions).toEqual({ code: "QUERY_TOO_COMPLEX", limit: "cost" });
    // Costs are remembered per document and cost variables; a directive's variable is one of them.
    const skip = `query ($deep: Boolean!, $after: String) { people(first: 100, after: $after) { nodes { employer @include(if: $deep) { people(first: 100) { nodes { name } } } } } }`;
    expect(ok(await server.gql(skip, { deep: false })).people.nodes.length).toBeGreaterThan(0);
    expect(firstError(await server.gql(skip, { deep: true })).extensions).toEqual({ code: "QUERY_TOO_COMPLEX", limit: "cost" });
    expect(ok(await server.gql(skip, { deep: false })).people.nodes.length).toBeGreaterThan(0);
    expect(ok(await server.gql(q, { n: 5 })).people.nodes.length).toBe(5);
  });

  test.each(["awards", "positions", "children", "statistics"])("Organisation.%s, a plain list capped at 100, is costed at 100 items", async (list) => {
    // 1 + 50 × (nodes 1 + list (1 + 100 × id 1)) = 5,101 > 5,000; with 45 organisations 4,591 runs
    const query = (first: number) => `{ organisations(first: ${first}) { nodes { ${list} { id } } } }`;
    const refused = await post(server, { query: query(50) });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].extensions).toEqual({ code: "QUERY_TOO_COMPLEX", limit: "cost" });
    expect(refused.body.errors[0].message).toMatch(/about 5101 nodes/);
    expect(ok(await server.gql(query(45))).organisations.nodes.length).toBeGreaterThan(0);
  });

  test("batched HTTP requests are refused", async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify([{ query: "{ __typename }" }, { query: "{ __typename }" }]),
    });
    expect(res.status).toBe(400);
  });
});

describe("facets and counts carry their cost, at the default limits", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const twenty = (field: string) => `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: ${field}`).join(" ")} }`;

  test.each([
    ["facets", twenty(`personFacets { byCongress { key count } }`)],
    ["counts", twenty(`people(filter: { hasProposals: false }) { totalCount }`)],
    ["counts asked through a fragment", `${twenty(`honours { ...total }`)} fragment total on HonourConnection { totalCount }`],
    ["filtered lists of people (they count to choose their plan)", twenty(`people(filter: { honour: { level: MUNICIPAL } }, first: 1) { nodes { id } }`)],
  ])("twenty aliased %s are refused before any resolver runs", async (_label, query) => {
    const statements = await server.countStatements(async () => {
      const { status, body } = await post(server, { query });
      expect(status).toBe(400);
      expect(body.data).toBeUndefined();
      expect(body.errors[0].extensions).toEqual({ code: "QUERY_TOO_COMPLEX", limit: "cost" });
    });
    expect(statements).toEqual([]);
  });

  test("ordinary pages stay under the limit: a profile, a page of 100 delegates, a filter with its total and all six facets", async () => {
    const { delegates } = ok(await server.gql(`{ delegates(first: 1) { nodes { id } } }`));
    ok(await server.gql(PROFILE, { id: delegates.nodes[0].id }));
    const { congresses } = ok(await server.gql(`{ congresses(first: 1) { nodes { id } } }`));
    ok(await server.gql(DELEGATES, { congress: congresses.nodes[0].id, first: 100 }));
    ok(await server.gql(HONOUR_FILTER, { level: "PROVINCIAL" }));
  });
});

describe("HTTP input", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  test("a wrong content type is refused (CSRF prevention), never executed", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const res = await fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: { "content-type": type },
        body: JSON.stringify({ query: "{ __typename }" }),
      });
      expect([400, 415]).toContain(res.status);
      expect(await res.text()).not.toContain('"__typename"');
    }
  });

  test("a null from a variable in a non-null field of an input literal is BAD_USER_INPUT naming the argument, not an internal error", async () => {
    // graphql-js refuses such an argument only as it executes, with an error that carries no code.
    const query = `query O($d: OrderDirection) { people(first: 3, orderBy: { field: NAME_PINYIN, direction: $d }) { nodes { namePinyin } } }`;
    const answer = await server.gql(query, { d: null });
    expect(answer.status).toBe(200);
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors![0]).toMatchObject({ path: ["people"], extensions: { code: "BAD_USER_INPUT", field: "orderBy" } });
    expect(answer.errors![0].message).toMatch(/^Argument "orderBy" has invalid value/);
    // Left out, the field takes its default.
    expect(ok(await server.gql(query, {})).people.nodes).toHaveLength(3);
  });

  test("GET never runs a mutation", async () => {
    const q = encodeURIComponent(`mutation { createPerson(input: { name: "经由GET" }) { id } }`);
    const res = await fetch(`${server.url}/graphql?query=${q}`, { headers: { "apollo-require-preflight": "true", authorization: "Bearer test-organiser" } });
    expect(res.status).toBe(405);
    expect(ok(await server.gql(`{ people(filter: { nameContains: "经由GET" }) { totalCount } }`)).people.totalCount).toBe(0);
  });

  test("a GET query without a preflight header is refused as possible CSRF", async () => {
    const res = await fetch(`${server.url}/graphql?query=${encodeURIComponent("{ __typename }")}`, { headers: { accept: "application/json" } });
    expect(res.status).toBe(400);
  });

  test("every response carries a request id; a sane one from the client is kept", async () => {
    const res = await fetch(`${server.url}/healthz`, { headers: { "x-request-id": "trace-123" } });
    expect(res.headers.get("x-request-id")).toBe("trace-123");
    const other = await fetch(`${server.url}/healthz`, { headers: { "x-request-id": "bad id with spaces" } });
    expect(other.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("each request is logged as one JSON line with its full path, status and id", async () => {
    const { entries } = await captureLog("info", async () => {
      await fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-request-id": "log-1" },
        body: JSON.stringify({ query: "{ __typename }" }),
      });
      await fetch(`${server.url}/healthz`, { headers: { "x-request-id": "log-2" } });
    });
    const logged = entries.filter((entry) => entry.msg === "request");
    expect(logged).toEqual([
      expect.objectContaining({ level: "info", requestId: "log-1", method: "POST", path: "/graphql", status: 200 }),
      expect.objectContaining({ level: "info", requestId: "log-2", method: "GET", path: "/healthz", status: 200 }),
    ]);
  });
});

/** Variables with a near miss of a name: graphql-js suggests the name it expected. */
const TYPOS: [string, Record<string, unknown>, Record<string, string>][] = [
  [`query ($f: PersonFilter) { people(filter: $f) { totalCount } }`, { f: { nameContain: "李" } }, {}],
  [`query ($l: HonourLevel!) { honours(filter: { level: $l }) { totalCount } }`, { l: "NATIONL" }, {}],
  [`mutation ($i: CreatePersonInput!) { createPerson(input: $i) { id } }`, { i: { name: "李四", biograph: "x" } }, { authorization: "Bearer test-organiser" }],
];

describe("production mode", () => {
  test("no introspection, no IDE, no 'did you mean' hints", async () => {
    const server = await startTestServer({ env: { NODE_ENV: "production" } });
    try {
      const intro = await post(server, { query: "{ __schema { types { name } } }" });
      expect(intro.status).toBe(400);
      expect(intro.body.errors[0].message).toMatch(/introspection/i);
      const typo = await post(server, { query: "{ peple { totalCount } }" });
      expect(typo.body.errors[0].message).not.toMatch(/did you mean/i);
      const ide = await fetch(`${server.url}/graphql`, { headers: { accept: "text/html" } });
      // Apollo's answer to a GET without a query, not the page (nor a 404)
      expect([ide.status, (await ide.json()).errors[0].extensions.code]).toEqual([400, "BAD_REQUEST"]);
      expect(ok(await server.gql("{ delegates { totalCount } }")).delegates.totalCount).toBe(2);
    } finally {
      await server.close();
    }
  });

  test("no 'did you mean' hints from variables either: input fields, enum values, mutation inputs", async () => {
    const server = await startTestServer({ env: { NODE_ENV: "production" } });
    try {
      for (const [query, variables, headers] of TYPOS) {
        const res = await server.gql(query, variables, headers);
        expect(firstError(res).extensions?.code).toBe("BAD_USER_INPUT");
        expect(firstError(res).message).not.toMatch(/did you mean/i);
      }
    } finally {
      await server.close();
    }
  });

  test("INTROSPECTION=true and IDE=true turn them back on", async () => {
    const server = await startTestServer({ env: { NODE_ENV: "production", INTROSPECTION: "true", IDE: "true" } });
    try {
      expect(ok(await server.gql("{ __schema { queryType { name } } }")).__schema.queryType.name).toBe("Query");
      expect(await (await fetch(`${server.url}/graphql`, { headers: { accept: "text/html" } })).text()).toContain("graphiql");
    } finally {
      await server.close();
    }
  });

  test("development keeps the hints", async () => {
    const server = await startTestServer();
    try {
      expect(firstError(await server.gql("{ peple { totalCount } }")).message).toMatch(/Did you mean "people"/);
      for (const [query, variables, headers] of TYPOS) expect(firstError(await server.gql(query, variables, headers)).message).toMatch(/Did you mean/);
    } finally {
      await server.close();
    }
  });
});

describe("time and budget", () => {
  test("a query past EXECUTION_TIMEOUT_MS stops resolving fields and says TIMEOUT", async () => {
    const server = await startTestServer({ env: { EXECUTION_TIMEOUT_MS: "1" }, seed: (ds) => addSyntheticDelegates(ds, 100).then(() => undefined) });
    try {
      const res = await server.gql(`{ a: delegates(first: 100) { nodes { name awards { honour { name } } seats { congress { name } } proposals { title } } }
        b: delegates(first: 100, orderBy: { field: NAME }) { nodes { name employer { name } } } }`);
      expect(res.errors?.some((e) => e.extensions?.code === "TIMEOUT")).toBe(true);
    } finally {
      await server.close();
    }
  });

  test("a mutation past EXECUTION_TIMEOUT_MS answers whole: once a write has landed, its answer reaches the client", async () => {
    const server = await startTestServer({ env: { EXECUTION_TIMEOUT_MS: "1" }, seed: (ds) => addSyntheticDelegates(ds, 100).then(() => undefined) });
    try {
      // An employer from the report, not one of the synthetic ones: its people fit on one page.
      const [{ id }] = await server.ds.query(`SELECT id FROM organisation WHERE id IN (SELECT "employerId" FROM person) ORDER BY id LIMIT 1`);
      // The write alone takes longer than 1 ms; the answer then reads the employer and a page of its people.
      const res = await server.gql(
        `mutation ($input: CreatePersonInput!) { createPerson(input: $input) { name employer { name people(first: 100) { totalCount nodes { name employer { name } } } } } }`,
        { input: { name: "李四", employer: toGlobalId("Organisation", id) } },
        { authorization: "Bearer test-admin" },
      );
      expect(res.errors).toBeUndefined();
      const { employer } = res.data.createPerson;
      expect(employer.people.nodes.map((n: { name: string }) => n.name)).toContain("李四");
      expect(employer.people.totalCount).toBe(employer.people.nodes.length);
      // A query after the same deadline is cut short: one whose loads come in several waves over
      // a hundred delegates, so that it cannot finish inside the millisecond on a fast machine.
      const late = await server.gql(
        `{ delegates(first: 100) { nodes { name awards { honour { name } } seats { congress { name } } proposals { title } employer { people(first: 5) { nodes { name } } } } } }`,
      );
      expect(late.errors?.some((e) => e.extensions?.code === "TIMEOUT")).toBe(true);
    } finally {
      await server.close();
    }
  });

  test("a per-client cost budget, off by default, reported in extensions when on, 429 when spent", async () => {
    const off = await startTestServer();
    try {
      expect((await post(off, { query: "{ delegates { totalCount } }" })).body.extensions).toBeUndefined();
    } finally {
      await off.close();
    }
    const server = await startTestServer({ env: { COST_BUDGET_PER_MINUTE: "60" } });
    try {
      const q = { query: "{ delegates(first: 5) { nodes { name } } }" }; // cost 1 + 5 × (1 + 1) = 11
      const first = await post(server, q);
      expect(first.body.extensions.cost).toMatchObject({ requested: 11, limit: 60, remaining: 49 });
      for (let i = 0; i < 4; i++) await post(server, q);
      const spent = await post(server, q);
      expect(spent.status).toBe(429);
      expect(spent.body.errors[0].extensions).toMatchObject({ code: "RATE_LIMITED", cost: { requested: 11, remaining: 5 } });
      // another client (a token) has its own budget
      expect((await post(server, q, { authorization: "Bearer test-admin" })).body.extensions.cost.remaining).toBe(49);
    } finally {
      await server.close();
    }
  });
});
