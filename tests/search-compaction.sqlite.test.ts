import type { DataSource } from "typeorm";
import { refreshPinyin } from "../src/services/pinyin-refresh";
import { syntheticDelegateList } from "./helpers/fixtures";
import { ok, startTestServer, tempDbFile, TestServer } from "./helpers/server";

/**
 * SQLite's search index (FTS5) keeps each write transaction's entries as a segment of its own and
 * merges them only a few at a time; every search reads every segment, so a directory built by many
 * writes (100,000 people written in chunks left 18) searched about twice as slowly as one merged.
 * Start-up, every import and a pinyin refresh that wrote merge it into one (SearchDialect.compact).
 */
const ORGANISER = { authorization: "Bearer test-organiser" };

/** How many segments the search index is kept in (FTS5's %_idx shadow table has rows for each). */
async function segments(ds: DataSource): Promise<number> {
  const [{ n }] = await ds.query(`SELECT COUNT(DISTINCT "segid") AS "n" FROM "search_text_idx"`);
  return Number(n);
}

/** Two people written in a write transaction each: a segment each. */
async function writeTwoPeople(server: TestServer, names: [string, string]): Promise<void> {
  for (const name of names) ok(await server.gql(`mutation ($name: String!) { createPerson(input: { name: $name }) { id } }`, { name }, ORGANISER));
}

async function found(server: TestServer, query: string): Promise<string[]> {
  const { search } = ok(await server.gql(`query ($q: String!) { search(query: $q) { nodes { ... on Person { name } } } }`, { q: query }));
  return search.nodes.map((n: { name: string }) => n.name);
}

let server: TestServer;
afterEach(() => server?.close());

test("a start merges the search index into one segment, and search finds what every segment held", async () => {
  const dbFile = tempDbFile();
  server = await startTestServer({ dbFile });
  expect(await segments(server.ds)).toBe(1);
  await writeTwoPeople(server, ["合并甲", "合并乙"]);
  expect(await segments(server.ds)).toBeGreaterThan(1);
  await server.close();

  server = await startTestServer({ dbFile });
  expect(await segments(server.ds)).toBe(1);
  expect((await found(server, "合并")).sort()).toEqual(["合并乙", "合并甲"]);
  expect(await found(server, "he bing jia")).toEqual(["合并甲"]);
  expect(await found(server, "万雅丽")).toEqual(["万雅丽"]);
});

test("an import leaves the search index in one segment; a dry run writes nothing to it", async () => {
  server = await startTestServer({ dbFile: tempDbFile() });
  await writeTwoPeople(server, ["导入前甲", "导入前乙"]);
  const before = await segments(server.ds);
  expect(before).toBeGreaterThan(1);
  const { congresses } = ok(await server.gql(`{ congresses(first: 1) { nodes { id } } }`));
  const IMPORT = `mutation ($csv: String!, $congress: ID!, $dryRun: Boolean) { importDelegates(csv: $csv, congress: $congress, dryRun: $dryRun) { created errors { message } } }`;
  const csv = syntheticDelegateList(30);

  const dry = ok(await server.gql(IMPORT, { csv, congress: congresses.nodes[0].id, dryRun: true }, ORGANISER)).importDelegates;
  expect(dry).toEqual({ created: 30, errors: [] });
  expect(await segments(server.ds)).toBe(before);

  const report = ok(await server.gql(IMPORT, { csv, congress: congresses.nodes[0].id, dryRun: false }, ORGANISER)).importDelegates;
  expect(report).toEqual({ created: 30, errors: [] });
  expect(await segments(server.ds)).toBe(1);
  expect(await found(server, "代表29")).toEqual(["代表29"]);
  expect((await found(server, "导入前")).sort()).toEqual(["导入前乙", "导入前甲"]);
});

test("a pinyin refresh that rewrote rows leaves the search index in one segment; a check writes nothing to it", async () => {
  server = await startTestServer({ dbFile: tempDbFile() });
  await writeTwoPeople(server, ["刷新甲", "刷新乙"]);
  // Stale pinyin, as a release with another reading wrote it, a transaction each (the triggers index it).
  for (const name of ["刷新甲", "刷新乙"]) await server.ds.query(`UPDATE "person" SET "namePinyinKey" = 'jiude' WHERE "name" = ?`, [name]);
  const before = await segments(server.ds);
  expect(before).toBeGreaterThan(1);
  await refreshPinyin(server.server.writer, { check: true });
  expect(await segments(server.ds)).toBe(before);
  await refreshPinyin(server.server.writer);
  expect(await segments(server.ds)).toBe(1);
  expect(await found(server, "jiude")).toEqual([]);
  expect((await found(server, "shua xin")).sort()).toEqual(["刷新乙", "刷新甲"]);
});
