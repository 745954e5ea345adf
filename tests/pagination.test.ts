import { namePinyin } from "../src/search/pinyin";
import { addSyntheticDelegates } from "./helpers/fixtures";
import { firstError, ok, startTestServer, TestServer } from "./helpers/server";

let server: TestServer;
let congressId: string;
const COUNT = 45;

beforeAll(async () => {
  server = await startTestServer({
    seed: async (ds) => {
      await addSyntheticDelegates(ds, COUNT);
    },
  });
  const data = ok(await server.gql(`{ congresses(orderBy: { field: CREATED }) { nodes { id name } } }`));
  congressId = data.congresses.nodes.find((c: any) => c.name === "测试市工会第一次代表大会").id;
});
afterAll(() => server.close());

const PAGE = `query ($first: Int, $after: String, $last: Int, $before: String, $filter: PersonFilter, $orderBy: PersonOrder) {
  delegates(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
    totalCount
    edges { cursor node { id name namePinyin } }
    nodes { id }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

async function page(variables: Record<string, unknown>) {
  return ok(await server.gql(PAGE, { filter: { congress: congressId }, ...variables })).delegates;
}

describe("Relay pagination", () => {
  test("default page is 20 and totalCount counts every page", async () => {
    const p = await page({});
    expect(p.edges).toHaveLength(20);
    expect(p.totalCount).toBe(COUNT);
    expect(p.nodes.map((n: any) => n.id)).toEqual(p.edges.map((e: any) => e.node.id));
    expect(p.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, startCursor: p.edges[0].cursor, endCursor: p.edges[19].cursor });
  });

  test("paging forward visits everyone once, in pinyin order", async () => {
    const seen: any[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const p: any = await page({ first: 7, after });
      seen.push(...p.edges.map((e: any) => e.node));
      pages++;
      if (!p.pageInfo.hasNextPage) break;
      expect(p.edges).toHaveLength(7);
      after = p.pageInfo.endCursor;
    }
    expect(pages).toBe(Math.ceil(COUNT / 7));
    expect(new Set(seen.map((n) => n.id)).size).toBe(COUNT);
    // Pinyin order compares syllable by syllable ("wan ya li" < "wang bao gang").
    const keys = seen.map((n) => namePinyin(n.name).sortKey);
    expect(keys).toEqual([...keys].sort());
  });

  test("paging backward from the end gives the same list reversed page by page", async () => {
    const forward = (await page({ first: 100 })).edges.map((e: any) => e.node.id);
    const backward: string[] = [];
    let before: string | null = null;
    for (;;) {
      const p: any = await page({ last: 10, before });
      backward.unshift(...p.edges.map((e: any) => e.node.id));
      // The last page has nothing after it; every earlier one does.
      expect(p.pageInfo.hasNextPage).toBe(before !== null);
      if (!p.pageInfo.hasPreviousPage) break;
      before = p.pageInfo.startCursor;
    }
    expect(backward).toEqual(forward);
  });

  test("after and before bound a window", async () => {
    const all = (await page({ first: 100 })).edges;
    const p = await page({ after: all[4].cursor, before: all[10].cursor, first: 100 });
    expect(p.edges.map((e: any) => e.node.id)).toEqual(all.slice(5, 10).map((e: any) => e.node.id));
    const q = await page({ after: all[4].cursor, before: all[10].cursor, last: 2 });
    expect(q.edges.map((e: any) => e.node.id)).toEqual(all.slice(8, 10).map((e: any) => e.node.id));
  });

  test("descending and by-name orders page consistently", async () => {
    const asc = (await page({ first: 100, orderBy: { field: "NAME_PINYIN", direction: "ASC" } })).edges.map((e: any) => e.node.id);
    const desc = (await page({ first: 100, orderBy: { field: "NAME_PINYIN", direction: "DESC" } })).edges.map((e: any) => e.node.id);
    // Ties on pinyin break by id in the direction asked, so DESC is ASC reversed.
    expect(desc).toEqual([...asc].reverse());
    const p1 = await page({ first: 30, orderBy: { field: "NAME", direction: "DESC" } });
    const p2 = await page({ first: 30, after: p1.pageInfo.endCursor, orderBy: { field: "NAME", direction: "DESC" } });
    const names = [...p1.edges, ...p2.edges].map((e: any) => e.node.name);
    expect(names).toHaveLength(COUNT);
    expect(names).toEqual([...names].sort().reverse());
  });

  test("CREATED orders by entry, both directions, and pages", async () => {
    const asc = (await page({ first: 100, orderBy: { field: "CREATED", direction: "ASC" } })).edges.map((e: any) => e.node.id);
    const desc = (await page({ first: 100, orderBy: { field: "CREATED", direction: "DESC" } })).edges.map((e: any) => e.node.id);
    const dbIds = asc.map((id: string) => Number(Buffer.from(id, "base64").toString().split(":")[1]));
    expect(dbIds).toEqual([...dbIds].sort((a, b) => a - b));
    expect(desc).toEqual([...asc].reverse());
    const p1 = await page({ first: 10, orderBy: { field: "CREATED", direction: "DESC" } });
    const p2 = await page({ first: 10, after: p1.pageInfo.endCursor, orderBy: { field: "CREATED", direction: "DESC" } });
    expect([...p1.edges, ...p2.edges].map((e: any) => e.node.id)).toEqual(desc.slice(0, 20));
  });

  test("a cursor is only good for the order it came from", async () => {
    const byName = await page({ first: 5, orderBy: { field: "NAME" } });
    const res = await server.gql(PAGE, { filter: { congress: congressId }, after: byName.pageInfo.endCursor, orderBy: { field: "NAME_PINYIN" } });
    expect(firstError(res).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    const forged = Buffer.from(JSON.stringify(["nameSortKey ASC,id ASC", 1e308, 1])).toString("base64");
    expect(firstError(await server.gql(PAGE, { filter: { congress: congressId }, after: forged })).extensions).toMatchObject({ field: "after" });
  });

  test("first: 0 returns no edges but says whether there is more", async () => {
    const p = await page({ first: 0 });
    expect(p.edges).toEqual([]);
    expect(p.pageInfo.hasNextPage).toBe(true);
    expect(p.totalCount).toBe(COUNT);
  });

  test.each([
    [{ first: 101 }, "first", /at most 100/],
    [{ last: 500 }, "last", /at most 100/],
    [{ first: -1 }, "first", /negative/],
    [{ first: 5, last: 5 }, "last", /not both/],
    [{ after: "bm90LWEtY3Vyc29y" }, "after", /not a cursor/],
    [{ before: "!!!" }, "before", /not a cursor/],
  ])("%j is refused with BAD_USER_INPUT naming %s", async (variables, field, message) => {
    const res = await server.gql(PAGE, { filter: { congress: congressId }, ...variables });
    const error = firstError(res);
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(error.message).toMatch(message);
    expect(res.data ?? null).toBeNull();
  });

  test("nested connections page too (congress → delegates, honour → awards)", async () => {
    const data = ok(
      await server.gql(
        `query ($id: ID!) { node(id: $id) { ... on Congress { delegates(first: 5) { totalCount pageInfo { hasNextPage endCursor } nodes { name } } } } }`,
        { id: congressId },
      ),
    );
    expect(data.node.delegates.totalCount).toBe(COUNT);
    expect(data.node.delegates.nodes).toHaveLength(5);
    const next = ok(
      await server.gql(
        `query ($id: ID!, $after: String) { node(id: $id) { ... on Congress { delegates(first: 100, after: $after) { nodes { name } pageInfo { hasNextPage hasPreviousPage } } } } }`,
        { id: congressId, after: data.node.delegates.pageInfo.endCursor },
      ),
    );
    expect(next.node.delegates.nodes).toHaveLength(COUNT - 5);
    expect(next.node.delegates.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });

    const honours = ok(
      await server.gql(
        `{ honours(filter: { nameContains: "测试" }) { nodes { recipientCount awards(last: 3) { totalCount nodes { yearFrom } pageInfo { hasPreviousPage } } } } }`,
      ),
    );
    expect(honours.honours.nodes[0].recipientCount).toBe(COUNT);
    expect(honours.honours.nodes[0].awards.totalCount).toBe(COUNT);
    expect(honours.honours.nodes[0].awards.nodes).toHaveLength(3);
    expect(honours.honours.nodes[0].awards.pageInfo.hasPreviousPage).toBe(true);
  });

  test("every top-level list accepts first/after/last/before and caps at 100", async () => {
    for (const field of ["people", "delegates", "employers", "organisations", "honours", "proposals", "congresses", "sourceDocuments"]) {
      const res = await server.gql(`{ ${field}(first: 101) { totalCount } }`);
      expect(firstError(res).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
      const back = ok(await server.gql(`{ ${field}(last: 2) { totalCount nodes { __typename } } }`));
      expect(back[field].nodes.length).toBeLessThanOrEqual(2);
    }
    const search = await server.gql(`{ search(query: "测试", first: 101) { totalCount } }`);
    expect(firstError(search).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
  });
});
