import { generate } from "../bench/generator/generate";
import { openDirectory } from "../src/boot";
import { toGlobalId } from "../src/relay/global-id";
import { postgresIndex, SYLLABLE_ALIGNED_FUNCTION } from "../src/db/postgres/search-index";
import { UnsuitableDatabase } from "../src/db/postgres/server-check";
import { INDEXED } from "../src/search/index-layout";
import { tableTriggers } from "../src/search/index-sql";
import { syllableAligned } from "../src/search/pinyin";
import { freshDatabase, tempDbFile } from "./helpers/database";
import { copyDirectory, startPostgresTestServer } from "./helpers/postgres";
import { asExpected, queries, searchOracle, shape, shortNames } from "./helpers/search-oracle";
import { ok, startTestServer, TestServer } from "./helpers/server";

/**
 * Search on PostgreSQL (engine-specific): one generated directory on both engines, and every
 * page of every kind of query (one, two, three characters, pinyin in full, prefixes and initials,
 * mixed) answered alike, snippets and counts included, and as the ranking rules give; again after
 * writes that the index's triggers follow. And the index the migrations built is the one the
 * search code describes.
 */
let sqlite: TestServer;
let postgres: TestServer;
beforeAll(async () => {
  // The same directory on SQLite, whatever engine the suite's fresh databases are.
  sqlite = await startTestServer({ dbFile: tempDbFile(), seed: (d) => generate(d, { people: 1500, seed: 19 }).then(() => undefined) });
  postgres = await startPostgresTestServer({ before: (url) => copyDirectory(sqlite.ds, url) });
}, 180_000);
afterAll(async () => {
  await sqlite?.close();
  await postgres?.close();
});

const PAGE = `query ($q: String!, $first: Int, $after: String, $last: Int, $before: String) {
  search(query: $q, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    edges { cursor matchedField snippet node { __typename ... on Person { id name } ... on Organisation { id name } ... on Honour { id name } ... on Proposal { id title } ... on Statistic { id label } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

/** Every page of `q` on `server`, walked forwards by `first` (or backwards by `last`), as answered. */
async function walk(server: TestServer, q: string, by: "first" | "last", size: number): Promise<any[]> {
  const pages: any[] = [];
  let cursor: string | null = null;
  for (;;) {
    const args = by === "first" ? { first: size, after: cursor } : { last: size, before: cursor };
    const p: any = ok(await server.gql(PAGE, { q, ...args })).search;
    pages.push(p);
    const more = by === "first" ? p.pageInfo.hasNextPage : p.pageInfo.hasPreviousPage;
    if (!more) return pages;
    cursor = by === "first" ? p.pageInfo.endCursor : p.pageInfo.startCursor;
  }
}

/**
 * `qs` answered on PostgreSQL page by page exactly as on SQLite, and as the ranking rules give
 * (the rules' oracle reads queries in lower case, as `queries` gives them).
 */
async function sameAnswers(qs: string[], oracle = true) {
  const { expected } = await searchOracle(postgres);
  for (const q of qs) {
    const onPostgres = await walk(postgres, q, "first", 40);
    expect({ q, pages: onPostgres }).toEqual({ q, pages: await walk(sqlite, q, "first", 40) });
    const hits = onPostgres.flatMap((p) => p.edges);
    if (oracle)
      expect({ q, hits: shape(hits.map((e) => ({ ...e, node: { __typename: e.node.__typename, id: e.node.id } }))) }).toEqual({
        q,
        hits: asExpected(expected(q)),
      });
    expect({ q, pages: await walk(postgres, q, "last", 33) }).toEqual({ q, pages: await walk(sqlite, q, "last", 33) });
  }
}

const MIXED = ["王a", "工会wang", "anna", "清远市总工会", "qingyuan", "qys", "zhang wei", "zw", "nv", "%", "a_b"];
/** Queries the oracle does not read as search does (capitals, tone marks): held to SQLite's answers alone. */
const WRITTEN = ["Ann", "ANNA", "Wàn Yǎlì", "lǚ", "ZHANG Wei", "A"];

test("every kind of query answers on PostgreSQL, page by page with snippets and counts, as on SQLite and as the ranking rules give", async () => {
  const short = (await shortNames(sqlite)).concat(await shortNames(postgres)).filter((q, i, all) => all.indexOf(q) === i);
  await sameAnswers([...(await queries(postgres)), ...short, ...MIXED]);
  await sameAnswers(WRITTEN, false);
}, 300_000);

test("after people are renamed and deleted, and a position is added, both engines' triggers leave the same index", async () => {
  const organiser = { authorization: "Bearer test-organiser" };
  const admin = { authorization: "Bearer test-admin" };
  const [{ id: first }] = await postgres.ds.query(`SELECT "id" FROM "person" ORDER BY "id" LIMIT 1 OFFSET 3`);
  const [{ id: second }] = await postgres.ds.query(`SELECT "id" FROM "person" ORDER BY "id" LIMIT 1 OFFSET 11`);
  const [{ name: before }] = await postgres.ds.query(`SELECT "name" FROM "person" WHERE "id" = $1`, [first]);
  const [{ name: deleted, nameInitials: initials }] = await postgres.ds.query(`SELECT "name", "nameInitials" FROM "person" WHERE "id" = $1`, [second]);
  const [org] = await postgres.ds.query(`SELECT "id" FROM "organisation" ORDER BY "id" LIMIT 1`);
  for (const server of [sqlite, postgres]) {
    ok(await server.gql(`mutation ($id: ID!) { updatePerson(id: $id, input: { name: "欧阳娜娜" }) { id } }`, { id: toGlobalId("Person", first) }, organiser));
    ok(await server.gql(`mutation ($id: ID!) { deletePerson(id: $id) }`, { id: toGlobalId("Person", second) }, admin));
    const position = { person: toGlobalId("Person", first), organisation: toGlobalId("Organisation", org.id), title: "首席质量官" };
    ok(await server.gql(`mutation ($input: AddPositionInput!) { addPosition(input: $input) { id } }`, { input: position }, organiser));
  }
  await sameAnswers([
    before,
    before.slice(1),
    before[0],
    deleted,
    deleted.slice(1),
    initials,
    "欧阳娜娜",
    "娜娜",
    "娜",
    "ouyang",
    "oynn",
    "质量官",
    "质量",
    "质",
  ]);
}, 120_000);

test("the search triggers and functions in the database are the ones the search code writes", async () => {
  const { rows: functions } = await query(
    `SELECT p."proname" AS "name", pg_get_functiondef(p."oid") AS "sql" FROM pg_proc p JOIN pg_namespace n ON n."oid" = p."pronamespace" ` +
      `WHERE n."nspname" = 'public' AND p."proname" LIKE '%search%' ORDER BY 1`,
  );
  const { rows: triggers } = await query(
    `SELECT t."tgname" AS "name", pg_get_triggerdef(t."oid") AS "sql" FROM pg_trigger t WHERE t."tgname" LIKE '%_search_%' ORDER BY 1`,
  );
  const wanted = INDEXED.flatMap((spec) => tableTriggers(postgresIndex, spec)).sort((a, b) => (a.name < b.name ? -1 : 1));
  expect(functions).toEqual(
    [...wanted.map((t) => ({ name: t.name, sql: t.statements[0] })), { name: "search_syllable_aligned", sql: SYLLABLE_ALIGNED_FUNCTION }].sort((a, b) =>
      a.name < b.name ? -1 : 1,
    ),
  );
  // pg_get_triggerdef names the schema and quotes only where it must.
  const plain = (sql: string) => sql.replace(/"/g, "").replace(/public\./g, "");
  expect(triggers.map((t) => ({ name: t.name, sql: plain(t.sql) }))).toEqual(wanted.map((t) => ({ name: t.name, sql: plain(t.statements[1]) })));
});

test("search_syllable_aligned answers as syllableAligned does", async () => {
  const cases: [string | null, string | null][] = [
    ["wan ya li", "yali"],
    ["wan ya li", "nyal"],
    ["Wan Ya Li", "wanya"],
    ["lü bu", "lvbu"],
    ["lü bu", "vbu"],
    ["qing  yuan shi", "yuanshi"],
    ["qing yuan shi", "anshi"],
    ["wan ya li", ""],
    ["", "a"],
    [null, "a"],
    ["wan", null],
  ];
  for (const [spaced, key] of cases) {
    const { rows } = await query(`SELECT search_syllable_aligned($1, $2) AS "aligned"`, [spaced, key]);
    const want = spaced !== null && key !== null && syllableAligned(spaced.toLowerCase().replace(/ü/g, "v"), key);
    expect({ spaced, key, aligned: rows[0].aligned }).toEqual({ spaced, key, aligned: want });
  }
});

test("a database created with LOCALE 'C' is refused at start, saying how to create one that works", async () => {
  const start = openDirectory(await freshDatabase({ locale: "C" }));
  await expect(start).rejects.toBeInstanceOf(UnsuitableDatabase);
  await expect(start).rejects.toThrow(/LOCALE 'C\.UTF-8'/);
});

/** A statement on the PostgreSQL test database, beside the server's own. */
async function query(sql: string, params: unknown[] = []) {
  return { rows: await postgres.ds.query<Record<string, any>[]>(sql, params) };
}
