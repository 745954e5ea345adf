import type { Sql } from "./reader";

export type { Sql } from "./reader";

/**
 * What the benchmark asks (issue #6): the GraphQL texts, and how the variables for each are
 * picked from the bench database (deterministically: same database, same variables).
 */

export const TRANSPORT = `{ __typename }`;

/**
 * The same answer after one SQL statement that reads nothing: asked of the data floor only, which
 * runs `SELECT 1` through sqlite3 before answering. Beside the data floor's `{ __typename }`, it
 * shows what one trip to sqlite3's pool thread costs a server that does nothing else.
 */
export const ONE_STATEMENT: QuerySpec = {
  kind: "statement",
  label: "`{ __typename }` after one `SELECT 1`",
  requests: [{ query: "query OneStatement { __typename }", operationName: "OneStatement" }],
};

/** A full profile page (the README's "Profile" query, plus ids). */
export const PROFILE = `query Profile($id: ID!) {
  person(id: $id) {
    id name namePinyin gender biography yearsOfService
    employer { id name kind parent { id name } }
    positions { id title current yearFrom yearTo organisation { id name } }
    seats { id congress { id name nameEn } delegation focus }
    awards { id honour { id name nameEn level category } year yearFrom yearTo times repeated rank note }
    proposals { id title summary congress { id name } }
  }
}`;

/** A page of delegates of one congress, in pinyin order, with employer, seats, awards → honour, proposals. */
export const DELEGATES = `query DelegatesPage($congress: ID!, $first: Int!) {
  delegates(filter: { congress: $congress }, orderBy: { field: NAME_PINYIN }, first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id name namePinyin
      employer { id name }
      seats { delegation congress { id name } }
      awards { year yearFrom yearTo honour { id name level } }
      proposals { id title }
    }
  }
}`;

/** Researchers' view: people with an honour of a level (and years), the total, and all six facets. */
export const HONOUR_FILTER = `query HonourFilter($level: HonourLevel!, $yearFrom: Int) {
  people(filter: { honour: { level: $level, yearFrom: $yearFrom } }, first: 20) {
    totalCount
    nodes { id name namePinyin employer { name } }
  }
  personFacets(filter: { honour: { level: $level, yearFrom: $yearFrom } }) {
    byHonourLevel { key label count }
    byHonour { key label count }
    byEmployer { key label count }
    byDelegation { key label count }
    byCongress { key label count }
    byAwardYear { key label count }
  }
}`;

/** The search box: first page of ranked results of any type. */
export const SEARCH = `query Search($q: String!) {
  search(query: $q, first: 20) {
    totalCount
    edges {
      matchedField snippet
      node {
        __typename
        ... on Person { id name namePinyin }
        ... on Organisation { id name }
        ... on Honour { id name level }
        ... on Proposal { id title }
      }
    }
  }
}`;

export type QueryKind = "transport" | "statement" | "profile" | "delegates" | "honourFilter" | "search3" | "search2" | "search1" | "searchPinyin";

export interface GraphQLRequest {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

export interface QuerySpec {
  kind: QueryKind;
  label: string;
  /** Request bodies, cycled through during a run. */
  requests: GraphQLRequest[];
}

/** Relay global id, as src/relay/global-id.ts writes it. */
export function globalId(type: string, id: number): string {
  return Buffer.from(`${type}:${id}`, "utf8").toString("base64");
}

export interface Picked {
  specs: QuerySpec[];
  /** Largest congress (most seats): the delegates page used for the 5-vs-50 statement count. */
  largestCongress: string;
  /** What was picked, for the report. */
  notes: Record<string, unknown>;
}

const rotate = <T>(items: T[], n: number) => items.slice(0, Math.max(1, Math.min(n, items.length)));

/**
 * Variables drawn from the database itself:
 * - profiles: people spread evenly over the id range (bench data only), half of them delegates;
 * - delegates: the first page of 50 of each congress with at least 50 seats (else the largest);
 * - honour filter: PROVINCIAL, NATIONAL, and PROVINCIAL from 2020;
 * - search: full three-character names (a query a user types to find one person), the two-character
 *   given names of those people, each character of those names on its own (surnames and given-name
 *   characters: the first key a user types, with the longest lists), and their pinyin ("chen zhiqiang").
 */
export async function pickQueries(sql: Sql, options: { variants?: number } = {}): Promise<Picked> {
  const variants = options.variants ?? 50;
  const [{ lo, hi }] = await sql<{ lo: number; hi: number }>(
    `SELECT MIN(p."id") AS lo, MAX(p."id") AS hi FROM "person" p WHERE p."id" > (SELECT COALESCE(MAX(x."id"), 0) FROM "person" x WHERE x."seedKey" IS NOT NULL)`,
  );
  if (lo === null || hi === null) throw new Error("the bench database holds no people");

  // Profiles: evenly spaced people and evenly spaced delegates.
  const step = Math.max(1, Math.floor((hi - lo) / variants));
  const people = await sql<{ id: number }>(`SELECT "id" FROM "person" WHERE "id" >= ? AND ("id" - ?) % ? = 0 ORDER BY "id" LIMIT ?`, [
    lo,
    lo,
    step,
    Math.ceil(variants / 2),
  ]);
  const delegates = await sql<{ id: number }>(
    `SELECT DISTINCT s."personId" AS id FROM "seat" s WHERE s."personId" >= ? AND s."personId" % 7 = 3 ORDER BY s."personId" LIMIT ?`,
    [lo, Math.floor(variants / 2)],
  );
  const profileIds = [...new Set([...people, ...delegates].map((r) => r.id))].sort((a, b) => a - b);

  // Delegates pages: congresses by size.
  const congresses = await sql<{ id: number; n: number }>(`SELECT "congressId" AS id, COUNT(*) AS n FROM "seat" GROUP BY "congressId" ORDER BY n DESC, id ASC`);
  if (!congresses.length) throw new Error("the bench database holds no seats");
  const big = congresses.filter((c) => c.n >= 50);
  const pageCongresses = big.length ? big : [congresses[0]];

  // Search terms from three-character names of bench people (deterministic spread).
  const names = await sql<{ name: string; namePinyin: string }>(
    `SELECT "name", MIN("namePinyin") AS "namePinyin" FROM "person" WHERE "id" >= ? AND length("name") = 3 AND "id" % 13 = 5 GROUP BY "name" ORDER BY MIN("id") LIMIT ?`,
    [lo, variants],
  );
  if (!names.length) throw new Error("the bench database holds no three-character names");
  const threeChar = rotate(
    names.map((n) => n.name),
    variants,
  );
  const twoChar = rotate([...new Set(names.map((n) => n.name.slice(1)))], variants);
  const oneChar = rotate([...new Set(names.flatMap((n) => [...n.name]))], variants);
  const pinyin = rotate(
    names.map((n) => n.namePinyin.toLowerCase()),
    variants,
  );

  const op = (query: string, operationName: string, variables: Record<string, unknown>): GraphQLRequest => ({ query, operationName, variables });
  const specs: QuerySpec[] = [
    { kind: "transport", label: "transport floor `{ __typename }`", requests: [{ query: TRANSPORT }] },
    { kind: "profile", label: "profile page", requests: profileIds.map((id) => op(PROFILE, "Profile", { id: globalId("Person", id) })) },
    {
      kind: "delegates",
      label: "delegates page (50)",
      requests: pageCongresses.map((c) => op(DELEGATES, "DelegatesPage", { congress: globalId("Congress", c.id), first: 50 })),
    },
    {
      kind: "honourFilter",
      label: "honour filter + totalCount + facets",
      requests: [
        op(HONOUR_FILTER, "HonourFilter", { level: "PROVINCIAL" }),
        op(HONOUR_FILTER, "HonourFilter", { level: "NATIONAL" }),
        op(HONOUR_FILTER, "HonourFilter", { level: "PROVINCIAL", yearFrom: 2020 }),
      ],
    },
    { kind: "search3", label: "search, 3 characters", requests: threeChar.map((q) => op(SEARCH, "Search", { q })) },
    { kind: "search2", label: "search, 2 characters", requests: twoChar.map((q) => op(SEARCH, "Search", { q })) },
    { kind: "search1", label: "search, 1 character", requests: oneChar.map((q) => op(SEARCH, "Search", { q })) },
    { kind: "searchPinyin", label: "search, pinyin", requests: pinyin.map((q) => op(SEARCH, "Search", { q })) },
  ];
  return {
    specs,
    largestCongress: globalId("Congress", congresses[0].id),
    notes: {
      profiles: profileIds.length,
      delegatesCongresses: pageCongresses.map((c) => ({ id: c.id, seats: c.n })),
      search3: threeChar.slice(0, 5),
      search2: twoChar.slice(0, 5),
      search1: oneChar.slice(0, 5),
      searchPinyin: pinyin.slice(0, 5),
    },
  };
}
