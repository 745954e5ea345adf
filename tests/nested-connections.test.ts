import { query } from "./helpers/database";
import { toGlobalId } from "../src/relay/global-id";
import { generate } from "../bench/generator/generate";
import { firstError, ok, startTestServer, TestServer } from "./helpers/server";

/**
 * Congress.delegates, Organisation.people and Honour.awards under a list (issue 19, item 3): every
 * parent's page is read with the others', in a number of statements that does not grow with the
 * parents, and each parent's page is exactly what the parent asked alone gives, and what its whole
 * list, read in SQL, says it must be.
 */
let server: TestServer;

beforeAll(async () => {
  // the seed's directory and a generated one beside it: parents with no children, a few, hundreds
  server = await startTestServer({ seed: (ds) => generate(ds, { people: 2000, seed: 19 }).then(() => undefined) });
}, 120_000);
afterAll(() => server.close());

interface Kind {
  type: string;
  list: string;
  field: string;
  node: string;
  /** The ids of the parent's whole list in its order, straight from SQL. */
  all(parent: number): Promise<number[]>;
  childType: "Person" | "Award";
}

const PEOPLE_IN_ORDER = `ORDER BY p."nameSortKey", p.id`;
const KINDS: Kind[] = [
  {
    type: "Congress",
    list: "congresses",
    field: "delegates",
    node: "id name employer { name }",
    childType: "Person",
    all: (c) => ids(`SELECT p.id FROM person p WHERE p.id IN (SELECT s."personId" FROM seat s WHERE s."congressId" = ?) ${PEOPLE_IN_ORDER}`, [c]),
  },
  {
    type: "Organisation",
    list: "organisations",
    field: "people",
    node: "id name employer { name }",
    childType: "Person",
    // employed there, or holding a title there
    all: (o) =>
      ids(
        `SELECT p.id FROM person p WHERE p."employerId" = ? OR p.id IN (SELECT po."personId" FROM position po WHERE po."organisationId" = ?) ${PEOPLE_IN_ORDER}`,
        [o, o],
      ),
  },
  {
    type: "Honour",
    list: "honours",
    field: "awards",
    node: "id year recipient { __typename }",
    childType: "Award",
    all: (h) => ids(`SELECT a.id FROM award a WHERE a."honourId" = ? ORDER BY a.id`, [h]),
  },
];

async function ids(text: string, params: unknown[]): Promise<number[]> {
  return (await query<{ id: number }[]>(server.ds, text, params)).map((r) => r.id);
}

const key = (id: string) => Number(Buffer.from(id, "base64").toString("utf8").split(":")[1]);

interface Args {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}
const ARGS = `first: $first, last: $last, after: $after, before: $before`;
const VARS = `$first: Int, $last: Int, $after: String, $before: String`;
const connection = (kind: Kind) => `totalCount edges { cursor node { ${kind.node} } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;
const withArgs = (args: Args) => ({ first: null, last: null, after: null, before: null, ...args });

/** Each of the first `parents` parents of `kind` with its connection under `args`, asked as one list. */
async function nested(kind: Kind, parents: number, args: Args): Promise<{ id: string; c: any }[]> {
  const query = `query (${VARS}, $n: Int!) { ${kind.list}(first: $n) { nodes { id c: ${kind.field}(${ARGS}) { ${connection(kind)} } } } }`;
  return ok(await server.gql(query, { ...withArgs(args), n: parents }))[kind.list].nodes;
}

/** The connection of one parent under `args`, asked alone. */
async function single(kind: Kind, id: string, args: Args): Promise<any> {
  const query = `query (${VARS}, $id: ID!) { node(id: $id) { ... on ${kind.type} { c: ${kind.field}(${ARGS}) { ${connection(kind)} } } } }`;
  return ok(await server.gql(query, { ...withArgs(args), id })).node.c;
}

/** The page `args` (without cursors) asks of `all`, with what pageInfo must say. */
function expectedPage(all: number[], args: Args) {
  const size = args.last ?? args.first ?? 20;
  const nodes = args.last != null ? all.slice(Math.max(0, all.length - size)) : all.slice(0, size);
  return {
    totalCount: all.length,
    ids: nodes,
    hasNextPage: args.last != null ? false : all.length > size,
    hasPreviousPage: args.last != null ? all.length > size : false,
  };
}

/** Parents asked for at once (the query cost limit bounds parents × page size). */
const parentsOf: Record<string, number> = { Congress: 20, Organisation: 20, Honour: 20 };

describe.each(KINDS)("$type.$field under $list", (kind) => {
  test("each parent's page equals the parent asked alone and its whole list, both ways and at every size", async () => {
    const sizes = new Set<number>();
    for (const args of [{}, { first: 3 }, { first: 60 }, { last: 4 }, { first: 0 }] as Args[]) {
      const list = await nested(kind, parentsOf[kind.type], args);
      expect(list.length).toBeGreaterThan(1);
      for (const { id, c } of list) {
        const all = await kind.all(key(id));
        sizes.add(all.length);
        const want = expectedPage(all, args);
        const got = {
          totalCount: c.totalCount,
          ids: c.edges.map((e: any) => key(e.node.id)),
          hasNextPage: c.pageInfo.hasNextPage,
          hasPreviousPage: c.pageInfo.hasPreviousPage,
        };
        expect({ parent: id, args, ...got }).toEqual({ parent: id, args, ...want });
        expect(c.edges.every((e: any) => e.node.id === toGlobalId(kind.childType, key(e.node.id)))).toBe(true);
        if (args.first !== 60) expect({ parent: id, args, c }).toEqual({ parent: id, args, c: await single(kind, id, args) });
      }
    }
    // the parents range from a small page or less to several pages: the comparisons covered both
    expect(Math.min(...sizes)).toBeLessThanOrEqual(3);
    expect(Math.max(...sizes)).toBeGreaterThan(20);
  }, 60_000);

  test("walking one parent's cursors forward and backward under the list gives its whole list; every other parent pages past the same cursor as alone", async () => {
    const list = await nested(kind, parentsOf[kind.type], { first: 1 });
    const { id: parent } = list.reduce((a, b) => (b.c.totalCount > a.c.totalCount ? b : a));
    const all = await kind.all(key(parent));
    expect(all.length).toBeGreaterThan(20);
    const others = list
      .filter((p) => p.id !== parent)
      .slice(0, 5)
      .map((p) => p.id);

    const walk = async (args: (cursor: string | null) => Args, next: (c: any) => string | null, add: (ids: number[], page: number[]) => void) => {
      const seen: number[] = [];
      let cursor: string | null = null;
      for (let step = 0; ; step++) {
        const pages = await nested(kind, parentsOf[kind.type], args(cursor));
        const c = pages.find((p) => p.id === parent)!.c;
        add(
          seen,
          c.edges.map((e: any) => key(e.node.id)),
        );
        expect(c.totalCount).toBe(all.length);
        // the other parents' pages past this parent's cursor (keyset cursors hold sort values, valid on any list of the order)
        if (step < 2)
          for (const other of others) expect({ other, c: pages.find((p) => p.id === other)!.c }).toEqual({ other, c: await single(kind, other, args(cursor)) });
        cursor = next(c);
        if (cursor === null) break;
        expect(step).toBeLessThan(all.length);
      }
      return seen;
    };
    const forward = await walk(
      (after) => ({ first: 8, after }),
      (c) => (c.pageInfo.hasNextPage ? c.pageInfo.endCursor : null),
      (seen, page) => seen.push(...page),
    );
    const backward = await walk(
      (before) => ({ last: 8, before }),
      (c) => (c.pageInfo.hasPreviousPage ? c.pageInfo.startCursor : null),
      (seen, page) => seen.unshift(...page),
    );
    expect(forward).toEqual(all);
    expect(backward).toEqual(all);
  }, 60_000);

  test("bad arguments are refused as they are for the parent alone", async () => {
    const [{ id }] = await nested(kind, 1, { first: 1 });
    // a cursor of a list in another order
    const otherCursor = Buffer.from(JSON.stringify(["name DESC,id DESC", "x", 1]), "utf8").toString("base64");
    for (const [args, field] of [
      [{ first: 101 }, "first"],
      [{ first: -1 }, "first"],
      [{ first: 1, last: 1 }, "last"],
      [{ first: 1, after: "bm90IGEgY3Vyc29y" }, "after"],
      [{ last: 1, before: otherCursor }, "before"],
    ] as [Args, string][]) {
      const query = `query (${VARS}) { ${kind.list}(first: 3) { nodes { ${kind.field}(${ARGS}) { totalCount nodes { id } } } } }`;
      const error = firstError(await server.gql(query, withArgs(args)));
      expect({ args, extensions: error.extensions }).toMatchObject({ args, extensions: { code: "BAD_USER_INPUT", field } });
      const alone = firstError(
        await server.gql(`query (${VARS}, $id: ID!) { node(id: $id) { ... on ${kind.type} { ${kind.field}(${ARGS}) { totalCount } } } }`, {
          ...withArgs(args),
          id,
        }),
      );
      expect(error.message).toBe(alone.message);
    }
  });
});

describe("no N+1: connections under a list cost the same statements for 2 parents as for 40", () => {
  const tablesOf = (statements: string[]) => statements.join(" ");
  test.each([
    // the congresses; their counts (which pick each page's form); the pages; the people, as the database writes them (src/http/node-splice.ts)
    [
      "congresses",
      `{ congresses(first: $n) { nodes { delegates(first: 2) { totalCount edges { node { name employer { name } } } pageInfo { hasNextPage endCursor } } } } }`,
      4,
    ],
    // the employers (each with people to write); the people's pages; their counts; the people, as the database writes them
    [
      "employers",
      `{ employers(first: $n) { nodes { people(first: 10) { totalCount edges { node { name employer { name } } } pageInfo { hasNextPage endCursor } } } } }`,
      4,
    ],
    // the honours; the awards' pages and counts; the recipients
    [
      "honours",
      `{ honours(first: $n) { nodes { awards(first: 10) { totalCount edges { node { year recipient { __typename } } } pageInfo { hasNextPage endCursor } } } } }`,
      3,
    ],
  ])("%s", async (list, body, expected) => {
    const query = `query ($n: Int!) ${body}`;
    const counts: number[] = [];
    const parents: number[] = [];
    let statements: string[] = [];
    for (const n of [2, 40]) {
      statements = await server.countStatements(async () => {
        const nodes = ok(await server.gql(query, { n }))[list].nodes;
        parents.push(nodes.length);
        // something was read under them
        if (n > 2) expect(nodes.some((node: any) => Object.values(node).some((c: any) => c.edges.length > 0))).toBe(true);
      });
      counts.push(statements.length);
    }
    expect(parents[0]).toBe(2);
    expect(parents[1]).toBeGreaterThan(5);
    expect(counts).toEqual([expected, expected]);
    if (list === "congresses") {
      // in pinyin order, every congress's page is read from the seats' index (congress, sort key, person) alone: its rows and no more
      const pages = tablesOf(statements);
      expect(pages).toMatch(/FROM seat s WHERE s\."congressId" = "keys"\."key" ORDER BY s\."nameSortKey" ASC, s\."personId" ASC LIMIT/);
      expect(pages).not.toMatch(/EXISTS \(SELECT 1 FROM seat s WHERE/);
    }
  });
});

test("Congress.delegates under a list pages exactly as Query.delegates(filter: { congress }) does", async () => {
  const congresses = ok(await server.gql(`{ congresses(first: 100) { nodes { id } } }`)).congresses.nodes.map((c: any) => c.id);
  const kind = KINDS[0];
  for (const args of [{ first: 7 }, { last: 7 }] as Args[]) {
    const list = await nested(kind, 100, args);
    for (const congress of congresses) {
      const top = ok(
        await server.gql(`query (${VARS}, $congress: ID!) { c: delegates(filter: { congress: $congress }, ${ARGS}) { ${connection(kind)} } }`, {
          ...withArgs(args),
          congress,
        }),
      ).c;
      expect({ congress, args, c: list.find((p) => p.id === congress)!.c }).toEqual({ congress, args, c: top });
      // and one step on, past its own cursor
      const cursor = args.first ? { after: top.pageInfo.endCursor } : { before: top.pageInfo.startCursor };
      const on = ok(
        await server.gql(`query (${VARS}, $congress: ID!) { c: delegates(filter: { congress: $congress }, ${ARGS}) { ${connection(kind)} } }`, {
          ...withArgs({ ...args, ...cursor }),
          congress,
        }),
      ).c;
      expect({ congress, on: await single(kind, congress, { ...args, ...cursor }) }).toEqual({ congress, on });
    }
  }
});
