import { compileQuery } from "graphql-jit";
import { DELEGATES, HONOUR_FILTER, PROFILE, SEARCH } from "../bench/queries";
import { graphqlJsAnswer } from "./helpers/graphql-js";
import { startTestServer, TestServer } from "./helpers/server";

// The server runs in this process: count what it compiles, to tell which queries graphql-jit runs.
jest.mock("graphql-jit", () => {
  const actual = jest.requireActual<typeof import("graphql-jit")>("graphql-jit");
  return { ...actual, compileQuery: jest.fn(actual.compileQuery) };
});
const compiled = jest.mocked(compileQuery);

// Queries run on graphql-jit (src/http/jit.ts); graphql-js answers whatever that does not take.
// These tests hold the two to the same answers, and keep writes and errors on graphql-js.

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const ORGANISER = { authorization: "Bearer test-organiser" };

const graphqlJs = (query: string, variables: Record<string, unknown>, operationName?: string) => graphqlJsAnswer(t, query, variables, operationName);

test("the pages the benchmark asks for answer as graphql-js answers them", async () => {
  const wan = (await t.gql(`{ search(query: "万雅丽", first: 1) { edges { node { ... on Person { id } } } } }`)).data.search.edges[0].node.id;
  const congress = (await t.gql(`{ congresses(first: 1) { nodes { id } } }`)).data.congresses.nodes[0].id;
  const cases: [string, Record<string, unknown>][] = [
    [PROFILE, { id: wan }],
    [DELEGATES, { congress, first: 50 }],
    [HONOUR_FILTER, { level: "PROVINCIAL" }],
    [SEARCH, { q: "工会" }],
    [SEARCH, { q: "wyl" }],
  ];
  compiled.mockClear();
  for (const [query, variables] of cases) {
    const answer = await t.gql(query, variables);
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual((await graphqlJs(query, variables)).data);
  }
  // graphql-jit ran them: each document compiled once, on its first request.
  expect(compiled).toHaveBeenCalledTimes(4);
});

test("a fragment spread under a condition, and a fragment shared by two operations, answer as graphql-js answers them", async () => {
  const id = (await t.gql(`{ people(first: 1) { nodes { id } } }`)).data.people.nodes[0].id;
  // graphql-jit would answer `plain` without its fields: the condition of `cond` leaks into the fragment.
  const spread = `query S($id: ID!, $full: Boolean!) {
    cond: person(id: $id) { ...who @include(if: $full) }
    plain: person(id: $id) { ...who }
  }
  fragment who on Person { name namePinyin }`;
  compiled.mockClear();
  for (const full of [false, true]) {
    const answer = await t.gql(spread, { id, full });
    expect(answer.data).toEqual((await graphqlJs(spread, { id, full })).data);
    expect(answer.data.plain.name).toEqual(expect.any(String));
  }
  expect(compiled).not.toHaveBeenCalled();

  // Two operations of one document: the second compiled must not inherit the first one's condition.
  const two = `query A($id: ID!, $hide: Boolean!) { person(id: $id) { ...named @skip(if: $hide) } }
  query B($id: ID!) { person(id: $id) { ...named } }
  fragment named on Person { name }`;
  for (const [operationName, variables] of [
    ["A", { id, hide: true }],
    ["B", { id }],
  ] as const) {
    const res = await fetch(`${t.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: two, operationName, variables }),
    });
    const answer = (await res.json()) as { data: unknown };
    expect(answer.data).toEqual((await graphqlJs(two, variables, operationName)).data);
  }
});

test("a variable inside an input literal, left out or null where the field is non-null, answers as graphql-js answers it", async () => {
  const query = `query O($d: OrderDirection) { people(first: 3, orderBy: { field: NAME_PINYIN, direction: $d }) { nodes { namePinyin } } }`;
  for (const variables of [{}, { d: null }, { d: "DESC" }]) {
    const answer = await t.gql(query, variables);
    const expected = await graphqlJs(query, variables);
    expect(answer.data).toEqual(expected.data);
    expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(expected.errors?.map(() => "BAD_USER_INPUT"));
  }
});

test("aliases, fragments, directives, interfaces and input-object variables answer as graphql-js answers them", async () => {
  const query = `query Q($filter: PersonFilter, $order: PersonOrder, $withAwards: Boolean!, $skipSeats: Boolean!) {
    everyone: people(first: 5, orderBy: $order) { totalCount nodes { ...who } }
    filtered: people(filter: $filter, first: 5) { nodes { __typename id ...who } pageInfo { hasNextPage endCursor } }
    nodes: search(query: "王", first: 3) { edges { matchedField node { __typename ... on Node { id } } } }
    facets: personFacets(filter: $filter) { byHonourLevel { key label count } byCongress(first: 1) { key count } }
  }
  fragment who on Person {
    name namePinyin
    awards @include(if: $withAwards) { honour { name level } year }
    seats @skip(if: $skipSeats) { delegation congress { name } }
  }`;
  for (const variables of [
    { filter: { honour: { level: "PROVINCIAL" } }, order: { field: "NAME_PINYIN" }, withAwards: true, skipSeats: false },
    {
      filter: { honours: [{ nameContains: "劳动" }], hasProposals: false },
      order: { field: "NAME_PINYIN", direction: "DESC" },
      withAwards: false,
      skipSeats: true,
    },
    // An input field left out takes its default (PersonOrder.direction: ASC), which graphql-jit alone would not fill in.
    { filter: null, order: { field: "NAME_PINYIN" }, withAwards: true, skipSeats: true },
  ]) {
    const answer = await t.gql(query, variables);
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual((await graphqlJs(query, variables)).data);
  }
});

test("a non-null variable left out takes its default", async () => {
  const answer = await t.gql(`query Few($n: Int! = 2) { people(first: $n) { nodes { id } } }`);
  expect(answer.errors).toBeUndefined();
  expect(answer.data.people.nodes).toHaveLength(2);
});

test("a query that fails is answered with Apollo's formatted errors, as without graphql-jit", async () => {
  const query = `query Bad($id: ID!) { ok: people(first: 1) { totalCount } person(id: $id) { name } }`;
  const variables = { id: "not-an-id" };
  const answer = await t.gql(query, variables);
  expect(answer.errors).toHaveLength(1);
  expect(answer.errors![0]).toMatchObject({ path: ["person"], extensions: { code: "BAD_USER_INPUT", field: "id" } });
  expect(answer.errors![0].extensions?.stacktrace).toBeUndefined();
  expect(answer.data.ok.totalCount).toBeGreaterThan(0);
  expect(answer.data).toEqual((await graphqlJs(query, variables)).data);
});

test("a mutation whose second field fails wrote its first field once", async () => {
  const name = "测试一次";
  const answer = await t.gql(
    `mutation { a: createPerson(input: { name: "${name}" }) { id } b: createPerson(input: { name: "" }) { id } }`,
    undefined,
    ORGANISER,
  );
  // createPerson is non-null: b's error takes the whole answer's data with it, a's write stays.
  expect(answer.data).toBeNull();
  expect(answer.errors?.[0]).toMatchObject({ path: ["b"], extensions: { code: "BAD_USER_INPUT", field: "input.name" } });
  const found = await t.gql(`query ($q: String!) { people(filter: { nameContains: $q }) { totalCount } }`, { q: name });
  expect(found.data.people.totalCount).toBe(1);
});

test("an internal fault in a query is masked, with the request id, as without graphql-jit", async () => {
  const broken = await startTestServer();
  try {
    const id = (await broken.gql(`{ people(first: 1) { nodes { id } } }`)).data.people.nodes[0].id;
    // A table gone from under the server: every read of it fails inside a resolver.
    await broken.ds.query(`ALTER TABLE proposal RENAME TO proposal_gone`);
    const answer = await broken.gql(`query P($id: ID!) { ok: people(first: 1) { totalCount } person(id: $id) { name proposals { title } } }`, { id });
    expect(answer.errors?.length).toBeGreaterThan(0);
    for (const error of answer.errors!) {
      expect(error).toMatchObject({ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR", requestId: expect.any(String) } });
    }
    expect(JSON.stringify(answer)).not.toMatch(/proposal"|no such table|does not exist/);
    expect(answer.data).toEqual({ ok: { totalCount: expect.any(Number) }, person: null });
  } finally {
    await broken.close();
  }
});
