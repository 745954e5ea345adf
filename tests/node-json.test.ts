import { parse, type FieldNode, type OperationDefinitionNode } from "graphql";
import { DELEGATES } from "../bench/queries";
import { readerOf } from "../src/db";
import { buildSchema } from "../src/schema";
import { Award, Citation, Organisation, OrganisationKind, Person, Position, Proposal, Seat } from "../src/entities";
import { toGlobalId } from "../src/relay/global-id";
import { addSyntheticDelegates } from "./helpers/fixtures";
import { graphqlJsAnswer, requestContext } from "./helpers/graphql-js";
import { ok, startTestServer, TestServer } from "./helpers/server";
import * as nodeJson from "../src/services/node-json";

// A page of people whose nodes the database writes as JSON (src/services/node-json.ts,
// src/http/node-splice.ts) answers exactly what graphql-js answers through the resolvers; a
// selection it cannot write is answered by the executor, the same way.

let t: TestServer;
let congress: string;
/** A title that JSON must escape: quotes, a backslash, a newline, a tab, a control character, a character outside the BMP, U+2028, a closing script tag. */
const AWKWARD = '引号"反斜杠\\换行\n制表\t控制\u0001😀\u2028</script>';

beforeAll(async () => {
  t = await startTestServer({
    seed: async (ds) => {
      const synthetic = await addSyntheticDelegates(ds, 30);
      congress = synthetic.congress.globalId;
      // Beside the synthetic rows: a delegate with no employer, positions with and without
      // `current`, an organisation with a parent, two awards (a range, one repeated) and a
      // proposal of no congress whose title JSON has to escape.
      await ds.transaction(async (m) => {
        const citation = await m.findOneByOrFail(Citation, {});
        const group = await m.save(m.create(Organisation, { name: "测试集团", kind: OrganisationKind.COMPANY, citationId: citation.id }));
        const branch = await m.save(
          m.create(Organisation, { name: "测试分公司", kind: OrganisationKind.COMPANY, parentId: group.id, citationId: citation.id }),
        );
        const person = await m.save(m.create(Person, { name: "测试无业", biography: AWKWARD }));
        await m.save(m.create(Seat, { personId: person.id, congressId: synthetic.congress.id, delegation: null, focus: AWKWARD, citationId: null }));
        await m.save(m.create(Position, { personId: person.id, organisationId: branch.id, title: "主任", current: true, citationId: null }));
        await m.save(
          m.create(Position, { personId: person.id, organisationId: group.id, title: "委员", current: null, yearFrom: 2001, yearTo: 2004, citationId: null }),
        );
        for (const [yearFrom, yearTo, repeated] of [
          [2003, 2005, true],
          [2010, null, false],
        ] as const)
          await m.save(
            m.create(Award, { personId: person.id, honourId: synthetic.honour.id, yearFrom, yearTo, repeated, rank: "第一名", citationId: citation.id }),
          );
        const proposal = await m.save(m.create(Proposal, { title: AWKWARD, congressId: null, citationId: citation.id }));
        await m.createQueryBuilder().relation(Proposal, "authors").of(proposal).add(person);
      });
    },
  });
});
afterAll(() => t.close());

/**
 * The answer over HTTP, how many pages' nodes the database wrote (their reads), and graphql-js's
 * answer, which the answer must equal with its keys in the same order.
 */
async function both(query: string, variables: Record<string, unknown> = {}) {
  let answer: any;
  const statements = await t.countStatements(async () => {
    answer = await t.gql(query, variables);
  });
  const expected = await graphqlJsAnswer(t, query, variables);
  expect(answer.errors).toBeUndefined();
  expect(answer.data).toEqual(expected.data);
  expect(JSON.stringify(answer.data)).toBe(JSON.stringify(expected.data));
  // Reads of one tick may share a statement (src/db/read-batch.ts): count the pages' reads in them.
  return { answer, written: statements.join("\n").match(/ AS "json" FROM "person"/g)?.length ?? 0 };
}

const EVERY_FIELD = `query Every($first: Int!, $after: String) {
  people(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      __typename id name namePinyin gender biography yearsOfService photoUrl note
      employer { __typename id name nameAsWritten namePinyin kind region parent { id name kind parent { id } } }
      positions { id title current yearFrom yearTo organisation { id name parent { name } } }
      seats { id delegation focus congress { id name nameEn session level region year } }
      awards { id year yearFrom yearTo times consecutive repeated rank note honour { id name nameEn namePinyin level category } }
      proposals { id title summary topic congress { id name } }
    }
  }
}`;

test("every field the database writes answers as the resolvers answer it, page after page", async () => {
  let after: string | null = null;
  let pages = 0;
  let people = 0;
  do {
    const { answer, written } = await both(EVERY_FIELD, { first: 7, after });
    expect(written).toBe(1);
    people += answer.data.people.nodes.length;
    after = answer.data.people.pageInfo.hasNextPage ? answer.data.people.pageInfo.endCursor : null;
    pages++;
  } while (after);
  // The report's people, the synthetic delegates and the one added here: every page was read.
  expect(people).toBe(ok(await t.gql(`{ people { totalCount } }`)).people.totalCount);
  expect(pages).toBeGreaterThan(4);
  const awkward = ok(
    await t.gql(
      `{ people(filter: { nameContains: "测试无业" }) { nodes { biography employer { name } proposals { title congress { id } } awards { year yearFrom yearTo repeated } positions { current } } } }`,
    ),
  );
  expect(awkward.people.nodes).toEqual([
    {
      biography: AWKWARD,
      employer: null,
      proposals: [{ title: AWKWARD, congress: null }],
      awards: [
        { year: null, yearFrom: 2003, yearTo: 2005, repeated: true },
        { year: 2010, yearFrom: 2010, yearTo: null, repeated: false },
      ],
      positions: [{ current: true }, { current: null }],
    },
  ]);
});

test("the benchmark's delegates page, aliases, fragments and fields asked twice answer as graphql-js answers them", async () => {
  // [query, variables, pages the database writes: `none` has no people to write]
  const cases: [string, Record<string, unknown>, number][] = [
    [DELEGATES, { congress, first: 50 }, 1],
    [
      `query Shapes($congress: ID!) {
        a: delegates(filter: { congress: $congress }, first: 12) {
          list: nodes {
            ...Who ... on Node { id } who: name employer { name } employer { id kind } awards { honour { level } } awards { year }
            ... on SearchItem { ... on Person { gender } } employer { ... on Recipient { ... on Organisation { region } } }
          }
          edges { cursor node { name } }
        }
        b: people(first: 3, orderBy: { field: NAME_PINYIN, direction: DESC }) { nodes { ...Who } totalCount }
        none: people(filter: { nameContains: "没有这个人" }, first: 5) { nodes { id name } totalCount }
      }
      fragment Who on Person { namePinyin awards { honour { name } } seats { congress { name } } }`,
      { congress },
      3,
    ],
  ];
  for (const [query, variables, pages] of cases) expect((await both(query, variables)).written).toBe(pages);
});

test("lists of people under other fields (a congress's delegates, an organisation's people) and edges' nodes answer as graphql-js answers them, one statement a list", async () => {
  const PERSON = `id name namePinyin employer { id name parent { name } } seats { delegation congress { id name } } awards { year honour { name level } } proposals { title }`;
  // [query, variables, pages the database writes: one statement for every connection of one place in the query]
  const cases: [string, Record<string, unknown>, number][] = [
    [
      `query ($congress: ID!) { congress(id: $congress) { name delegates(first: 12) { totalCount pageInfo { hasNextPage endCursor } nodes { ${PERSON} } } } }`,
      { congress },
      1,
    ],
    // every congress's first page
    [`{ congresses(first: 20) { totalCount nodes { id name delegates(first: 4) { totalCount nodes { ${PERSON} } } } } }`, {}, 1],
    // two places: an organisation's people, and the delegates beside them; then their employers' people, under a page of people
    [
      `{ organisations(first: 30) { nodes { name people(first: 3) { nodes { name employer { name } } } } }
         congresses(first: 5) { nodes { delegates(last: 2) { nodes { namePinyin } } } } }`,
      {},
      2,
    ],
    [`{ people(first: 6) { nodes { name sources { quote } employer { name people(first: 2) { nodes { ${PERSON} } } } } } }`, {}, 1],
    // Relay's shape: each edge's node, beside its cursor; at the root and under congresses
    [
      `query ($congress: ID!) { delegates(filter: { congress: $congress }, first: 9) { edges { cursor node { ${PERSON} } } pageInfo { endCursor } } }`,
      { congress },
      1,
    ],
    [`{ congresses(first: 20) { edges { node { name delegates(first: 4) { edges { cursor node { ${PERSON} } } } } } } }`, {}, 1],
  ];
  for (const [query, variables, pages] of cases) expect((await both(query, variables)).written).toBe(pages);
  // The people of every congress's page, written once for all (the statement's ids), are the executor's, in its order.
  const { answer } = await both(`{ congresses(first: 20) { nodes { delegates(first: 30) { nodes { id name } } } } }`);
  expect(answer.data.congresses.nodes.filter((c: any) => c.delegates.nodes.length > 0).length).toBeGreaterThan(1);
});

test("a selection the database does not write is answered by the executor, the same way", async () => {
  const cases = [
    // a field a resolver reads by itself
    `{ people(first: 5) { nodes { name sources { quote } } } }`,
    // a field with arguments
    `{ people(first: 5) { nodes { name employer { people(first: 1) { totalCount } } } } }`,
    // a directive
    `query ($all: Boolean!) { people(first: 5) { nodes { name employer @include(if: $all) { name } } } }`,
    // \`nodes\` twice under one key, through a fragment
    `{ people(first: 5) { nodes { name } ...More } } fragment More on PersonConnection { nodes { namePinyin } }`,
    // more rows joined to each person than one statement may join
    `{ people(first: 5) { nodes { ${Array.from({ length: 9 }, (_, i) => `e${i}: employer { parent { parent { parent { id } } } }`).join(" ")} } } }`,
  ];
  for (const query of cases) expect((await both(query, { all: false })).written).toBe(0);
});

test("when the people's JSON cannot be read (a person deleted since the page was read), the executor answers the page", async () => {
  const read = jest.spyOn(nodeJson, "peopleJson").mockRejectedValueOnce(new Error("person 1 is gone"));
  try {
    const { answer, written } = await both(DELEGATES, { congress, first: 20 });
    expect(read).toHaveBeenCalledTimes(1);
    expect(written).toBe(0);
    expect(answer.data.delegates.nodes).toHaveLength(20);
  } finally {
    read.mockRestore();
  }
});

/** The `nodes` field of `{ people { nodes { … } } }` with `selection` inside. */
function peopleNodes(selection: string): FieldNode {
  const document = parse(`{ people { nodes { ${selection} } } }`);
  return ((document.definitions[0] as OperationDefinitionNode).selectionSet.selections[0] as FieldNode).selectionSet!.selections[0] as FieldNode;
}

test("the people's JSON is refused, not short, when one of them is gone", async () => {
  const sql = new nodeJson.NodeJson(await buildSchema(), t.ds).compile([peopleNodes("id name")], {})!;
  const id = (await t.ds.getRepository(Person).findOneByOrFail({ name: "测试无业" })).id;
  const read = readerOf(t.ds);
  expect((await nodeJson.peopleJson(read, sql, [id])).map((json) => JSON.parse(json))).toEqual([{ id: toGlobalId("Person", id), name: "测试无业" }]);
  await expect(nodeJson.peopleJson(read, sql, [id, 999_999])).rejects.toThrow("person 999999 is gone");
});

test("an object of as many keys as one statement may write is written by the database; one more is left to the executor", async () => {
  // The keys' limit is PostgreSQL's concat's (100 arguments): a statement over it would fail and every such page be answered twice.
  const nodesOf = (keys: number) => peopleNodes(Array.from({ length: keys }, (_, i) => `k${i}: ${i % 2 ? "name" : "id"}`).join(" "));
  const json = new nodeJson.NodeJson(await buildSchema(), t.ds);
  const sql = json.compile([nodesOf(50)], {})!;
  const id = (await t.ds.getRepository(Person).findOneByOrFail({ name: "测试无业" })).id;
  const [person] = (await nodeJson.peopleJson(readerOf(t.ds), sql, [id])).map((text) => JSON.parse(text));
  expect(Object.keys(person)).toHaveLength(50);
  expect(person).toMatchObject({ k0: toGlobalId("Person", id), k1: "测试无业", k48: toGlobalId("Person", id), k49: "测试无业" });
  expect(json.compile([nodesOf(51)], {})).toBeNull();
});

test("a page whose people are written by the database is sent as JSON a client parses, its ids global ids", async () => {
  const res = await fetch(`${t.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: `{ people(filter: { nameContains: "测试无业" }) { nodes { id employer { id } proposals { id title } } } }` }),
  });
  const text = await res.text();
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  const [person] = JSON.parse(text).data.people.nodes;
  const proposal = (await t.ds.getRepository(Proposal).findOneByOrFail({ title: AWKWARD })).id;
  const id = (await t.ds.getRepository(Person).findOneByOrFail({ name: "测试无业" })).id;
  expect(person).toEqual({ id: toGlobalId("Person", id), employer: null, proposals: [{ id: toGlobalId("Proposal", proposal), title: AWKWARD }] });
  expect(text).not.toMatch(/raw-json|"\$"/);
  // As JSON.stringify writes the rest of the answer, on either engine: no space between tokens.
  expect(text).toBe(JSON.stringify(JSON.parse(text)));
});

test("Apollo's executeOperation (an embedder's call, no HTTP) answers plain objects, as graphql-js does", async () => {
  const query = `query ($congress: ID!) { delegates(filter: { congress: $congress }, first: 5) { nodes { id name employer { name } } } }`;
  const contextValue = requestContext(t, "embedder");
  const response = await t.server.apollo.executeOperation({ query, variables: { congress } }, { contextValue });
  if (response.body.kind !== "single") throw new Error("expected a single result");
  expect(response.body.singleResult.errors).toBeUndefined();
  const { data } = response.body.singleResult as { data: { delegates: { nodes: unknown[] } } };
  expect(Array.isArray(data.delegates.nodes)).toBe(true);
  expect(data).toEqual((await graphqlJsAnswer(t, query, { congress })).data);
});
