import { generate } from "../bench/generator/generate";
import { asExpected, page as pageOf, queries, searchOracle, shape, shortNames } from "./helpers/search-oracle";
import { startTestServer, TestServer } from "./helpers/server";

/**
 * Search ranks, dedupes and pages in SQL. Here the same rules are worked out in plain JS over
 * the tables of a generated directory, and every page of the answer, walked by cursor both ways,
 * must be exactly that list: exact names first, then name prefixes and pinyin initials, then
 * the rest; ties by type, then id; one hit per object, its best match (the first found of equals);
 * position titles found as their holders; pinyin matches only from a syllable on.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ seed: (d) => generate(d, { people: 1500, seed: 19 }).then(() => undefined) });
}, 120_000);
afterAll(() => server.close());

const page = (q: string, args: Record<string, unknown>) => pageOf(server, q, args);

test("every page of search, walked by cursor forwards and backwards, is the list the ranking rules give", async () => {
  const short = await shortNames(server);
  const { expected } = await searchOracle(server);
  const qs = [...(await queries(server)), ...short];
  let nonEmpty = 0;
  for (const q of qs) {
    const want = expected(q);
    if (want.length > 40) nonEmpty++;
    const forwards: any[] = [];
    let after: string | null = null;
    for (;;) {
      const p: any = await page(q, { first: 40, after });
      expect({ q, total: p.totalCount }).toEqual({ q, total: want.length });
      expect(p.pageInfo.hasPreviousPage).toBe(after !== null && forwards.length > 0);
      forwards.push(...p.edges);
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect({ q, hits: shape(forwards) }).toEqual({ q, hits: asExpected(want) });

    const backwards: any[] = [];
    let before: string | null = null;
    for (;;) {
      const p: any = await page(q, { last: 33, before });
      backwards.unshift(...p.edges);
      if (!p.pageInfo.hasPreviousPage) break;
      before = p.pageInfo.startCursor;
    }
    expect(backwards.map((e) => e.cursor)).toEqual(forwards.map((e) => e.cursor));
  }
  // The dataset is big enough that the lists run to several pages.
  expect(nonEmpty).toBeGreaterThan(3);
}, 300_000);

test("a deep page, and a page between two cursors, are the right slice of the whole list", async () => {
  const q = "工";
  const want = asExpected((await searchOracle(server)).expected(q));
  expect(want.length).toBeGreaterThan(300);
  const walked: any[] = [];
  let after: string | null = null;
  do {
    const p: any = await page(q, { first: 100, after });
    walked.push(...p.edges);
    after = p.pageInfo.hasNextPage ? p.pageInfo.endCursor : null;
  } while (after);
  const at = want.length - 150;
  const deep = await page(q, { first: 25, after: walked[at].cursor });
  expect(shape(deep.edges)).toEqual(want.slice(at + 1, at + 26));
  expect(deep.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  const between = await page(q, { first: 100, after: walked[at].cursor, before: walked[at + 10].cursor });
  expect(shape(between.edges)).toEqual(want.slice(at + 1, at + 10));
  const lastBefore = await page(q, { last: 4, before: walked[at].cursor });
  expect(shape(lastBefore.edges)).toEqual(want.slice(at - 4, at));
  // `last` between two cursors: counted back from `before`, never past `after`.
  const lastBetween = await page(q, { last: 4, after: walked[at].cursor, before: walked[at + 10].cursor });
  expect(shape(lastBetween.edges)).toEqual(want.slice(at + 6, at + 10));
  const lastWide = await page(q, { last: 50, after: walked[at].cursor, before: walked[at + 10].cursor });
  expect(shape(lastWide.edges)).toEqual(want.slice(at + 1, at + 10));
  const tail = await page(q, { last: 3 });
  expect(shape(tail.edges)).toEqual(want.slice(-3));
  expect(tail.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  const beyond = await page(q, { first: 5, after: walked[walked.length - 1].cursor });
  expect(beyond).toMatchObject({ totalCount: want.length, edges: [], pageInfo: { hasNextPage: false } });
}, 300_000);
