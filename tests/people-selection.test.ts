import { query } from "./helpers/database";
import { DataSource } from "typeorm";
import { readerOf } from "../src/db";
import { Person } from "../src/entities";
import { PeopleSelection } from "../src/services/people-selection";
import { Projection } from "../src/loaders/projection";
import type { PersonFilter } from "../src/resolvers/types/person.filter";
import { toGlobalId } from "../src/relay/global-id";
import { generate } from "../bench/generator/generate";
import { ok, startTestServer, TestServer } from "./helpers/server";

/**
 * A list of people is counted first, and the count picks how the page query states the filter
 * (IN lists, or EXISTS probes while walking the sort index). Both forms and the count must give
 * exactly what a plain query over the person table gives, whatever the filter.
 */
let server: TestServer;
let ds: DataSource;
let filters: [string, PersonFilter][];

beforeAll(async () => {
  server = await startTestServer({ seed: (d) => generate(d, { people: 2000, seed: 7 }).then(() => undefined) });
  ds = server.ds;
  const [big] = await query(ds, `SELECT "congressId" AS id FROM seat GROUP BY "congressId" ORDER BY COUNT(*) DESC LIMIT 1`);
  const [small] = await query(ds, `SELECT "congressId" AS id, delegation FROM seat WHERE delegation IS NOT NULL GROUP BY 1, 2 ORDER BY COUNT(*) LIMIT 1`);
  const [honour] = await query(ds, `SELECT "honourId" AS id FROM award WHERE "personId" IS NOT NULL GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1`);
  const [employer] = await query(ds, `SELECT "employerId" AS id FROM person WHERE "employerId" IS NOT NULL GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1`);
  const congress = toGlobalId("Congress", big.id);
  filters = [
    ["largest congress", { congress }],
    ["smallest delegation", { congress: toGlobalId("Congress", small.id), delegation: small.delegation }],
    ["most common honour", { honour: { id: toGlobalId("Honour", honour.id) } }],
    ["municipal honours", { honour: { level: "MUNICIPAL" as never } }],
    ["provincial honours since 2015, at the largest congress", { congress, honour: { level: "PROVINCIAL" as never, yearFrom: 2015 } }],
    ["two honour conditions", { honours: [{ level: "MUNICIPAL" as never }, { level: "COUNTY" as never }] }],
    ["proposal authors", { hasProposals: true }],
    ["no proposals, largest congress", { congress, hasProposals: false }],
    ["employer and congress", { congress, employer: toGlobalId("Organisation", employer.id) }],
    ["name and honour", { nameContains: "chen", honour: { level: "ENTERPRISE" as never } }],
  ];
}, 120_000);
afterAll(() => server.close());

/** Ids of the selection's people in pinyin order, straight from SQL (in `form`, at most `size`). */
async function plainIds(selection: PeopleSelection, form: "in" | "exists" = "in", size = 1_000_000_000): Promise<number[]> {
  const where = selection.where(form);
  const rows: { id: number }[] = await query(
    ds,
    `SELECT p.id AS id FROM person p${where.text ? ` WHERE ${where.text}` : ""} ORDER BY p."nameSortKey", p.id LIMIT ?`,
    [...where.params, size],
  );
  return rows.map((r) => r.id);
}

/** The first page of `size` through PeopleSelection.page, as listPeople reads it. */
async function pageIds(selection: PeopleSelection, form: "in" | "exists", size: number) {
  const keys = [
    { property: "nameSortKey", direction: "ASC" as const },
    { property: "id", direction: "ASC" as const },
  ];
  const rows = await selection.page(
    ds,
    (text, params) => readerOf(ds).json(text, params),
    form,
    { keys, after: null, before: null, backwards: false, limit: size },
    Projection.ALL.columns(ds.getMetadata(Person)),
  );
  return rows.map((p) => p.id);
}

test("both page forms and the count agree with a plain query, for every kind of filter", async () => {
  const counts: number[] = [];
  for (const [label, filter] of filters) {
    const selection = new PeopleSelection(readerOf(ds).dialect, filter);
    const expected = await plainIds(selection);
    const { count, total } = await selection.countWithTotal(readerOf(ds));
    expect({ label, count }).toEqual({ label, count: expected.length });
    expect(total).toBe((await query(ds, `SELECT MAX(id) AS m FROM person`))[0].m);
    for (const size of [1, 7, 50]) {
      const want = expected.slice(0, size);
      expect({ label, size, ids: await plainIds(selection, "exists", size) }).toEqual({ label, size, ids: want });
      expect({ label, size, ids: await pageIds(selection, "exists", size) }).toEqual({ label, size, ids: want });
      expect({ label, size, ids: await pageIds(selection, "in", size) }).toEqual({ label, size, ids: want });
    }
    counts.push(count);
  }
  // The filters span rare and common: the comparison above covered both regimes.
  expect(Math.min(...counts)).toBeLessThan(40);
  expect(Math.max(...counts)).toBeGreaterThan(500);
});

test("the page form: EXISTS walk when many match, IN lists when few do", () => {
  // 100,000 people, pages of 50: the walk wins above about sqrt(51 × 100,000) ≈ 2,258 matches.
  expect(PeopleSelection.formFor(50, 5000, 100_000)).toBe("exists");
  expect(PeopleSelection.formFor(50, 2000, 100_000)).toBe("in");
  expect(PeopleSelection.formFor(50, 30, 100_000)).toBe("in");
  expect(PeopleSelection.formFor(50, 0, 0)).toBe("in");
});

test("through the API: a list's totalCount and its pages, walked with cursors, match the plain query", async () => {
  const forms = new Set<string>();
  for (const [label, filter] of filters) {
    const { count, total } = await new PeopleSelection(readerOf(ds).dialect, filter).countWithTotal(readerOf(ds));
    forms.add(PeopleSelection.formFor(100, count, total));
    const expected = (await plainIds(new PeopleSelection(readerOf(ds).dialect, filter))).map((id) => toGlobalId("Person", id));
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const data: any = ok(
        await server.gql(
          `query ($f: PersonFilter, $after: String) { people(filter: $f, first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`,
          { f: filter, after },
        ),
      );
      expect({ label, total: data.people.totalCount }).toEqual({ label, total: expected.length });
      seen.push(...data.people.nodes.map((n: { id: string }) => n.id));
      if (!data.people.pageInfo.hasNextPage) break;
      after = data.people.pageInfo.endCursor;
    }
    expect({ label, seen }).toEqual({ label, seen: expected });
  }
  expect([...forms].sort()).toEqual(["exists", "in"]);
});

test("every facet's buckets agree with counts made from the plain query's people, for every kind of filter", async () => {
  const FACETS = `query ($f: PersonFilter) { personFacets(filter: $f) {
    byHonourLevel { key count } byHonour { key count } byEmployer { key count }
    byDelegation { key count } byCongress { key count } byAwardYear { key count } } }`;
  /** key → number of distinct people, from [person, key] pairs. */
  const tally = (pairs: [number, string | number][]) => {
    const people = new Map<string, Set<number>>();
    for (const [person, key] of pairs) {
      if (!people.has(String(key))) people.set(String(key), new Set());
      people.get(String(key))!.add(person);
    }
    return Object.fromEntries([...people].map(([key, set]) => [key, set.size]));
  };
  const asMap = (buckets: { key: string; count: number }[]) => Object.fromEntries(buckets.map((b) => [b.key, b.count]));
  const sizes: number[] = [];
  for (const [label, filter] of [...filters, ["everyone", {}] as [string, PersonFilter]]) {
    const ids = await plainIds(new PeopleSelection(readerOf(ds).dialect, filter));
    sizes.push(ids.length);
    // The ids as one parameter, in the engine's way (the same key lists the loaders bind).
    const dialect = readerOf(ds).dialect;
    const param = [dialect.keysParam(ids)];
    const awards: { person: number; honour: number; level: string; yearFrom: number | null; yearTo: number | null }[] = await query(
      ds,
      `SELECT a."personId" AS person, a."honourId" AS honour, h.level AS level, a."yearFrom" AS "yearFrom", a."yearTo" AS "yearTo"
       FROM award a JOIN honour h ON h.id = a."honourId" WHERE ${dialect.inKeys(`a."personId"`)}`,
      param,
    );
    const people: { person: number; employer: number | null }[] = await query(
      ds,
      `SELECT id AS person, "employerId" AS employer FROM person WHERE ${dialect.inKeys("id")}`,
      param,
    );
    const seats: { person: number; congress: number; delegation: string | null }[] = await query(
      ds,
      `SELECT "personId" AS person, "congressId" AS congress, delegation FROM seat WHERE ${dialect.inKeys(`"personId"`)}`,
      param,
    );
    const years: [number, number][] = awards
      .filter((a) => a.yearFrom !== null)
      .flatMap((a) => Array.from({ length: (a.yearTo ?? a.yearFrom!) - a.yearFrom! + 1 }, (_, i) => [a.person, a.yearFrom! + i] as [number, number]));
    const expected = {
      byHonourLevel: tally(awards.map((a) => [a.person, a.level])),
      byHonour: tally(awards.map((a) => [a.person, toGlobalId("Honour", a.honour)])),
      byEmployer: tally(people.filter((p) => p.employer !== null).map((p) => [p.person, toGlobalId("Organisation", p.employer!)])),
      byDelegation: tally(seats.filter((s) => s.delegation !== null).map((s) => [s.person, s.delegation!])),
      byCongress: tally(seats.map((s) => [s.person, toGlobalId("Congress", s.congress)])),
      byAwardYear: tally(years),
    };
    const facets = ok(await server.gql(FACETS, { f: filter })).personFacets;
    const got = Object.fromEntries(Object.entries(facets).map(([name, buckets]) => [name, asMap(buckets as { key: string; count: number }[])]));
    expect({ label, facets: got }).toEqual({ label, facets: expected });
  }
  // the filters ran from a handful of people to everyone
  expect(Math.min(...sizes)).toBeLessThan(40);
  expect(Math.max(...sizes)).toBe((await query(ds, `SELECT COUNT(*) AS n FROM person`))[0].n);
});
