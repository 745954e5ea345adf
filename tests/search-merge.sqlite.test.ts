import type { DataSource } from "typeorm";
import { MERGE_FROM_SEGMENTS, mergeSearchIndex } from "../src/db/search-merge";
import { refreshPinyin } from "../src/services/pinyin-refresh";
import { createPerson, found, importList } from "./helpers/search-index";
import { startTestServer, tempDbFile, TestServer } from "./helpers/server";

/**
 * SQLite's search index (FTS5) keeps each write transaction's entries as a segment of its own and
 * merges them only a few at a time, and every search reads every segment (bench/README.md, "The
 * search index merged into one segment"). A start merges it into one; an import or a pinyin refresh
 * that wrote merges it in steps once it is in more than MERGE_FROM_SEGMENTS (src/db/search-merge.ts).
 */

/** How many segments the search index is in (FTS5's %_idx shadow table has rows for each). */
async function segments(ds: DataSource): Promise<number> {
  const [{ n }] = await ds.query(`SELECT COUNT(DISTINCT "segid") AS "n" FROM "search_text_idx"`);
  return Number(n);
}

/** FTS5's own merging of a few segments at a time turned off (a setting the index keeps): each write then leaves a segment. */
async function automergeOff(server: TestServer): Promise<void> {
  await server.ds.query(`INSERT INTO "search_text"("search_text", "rank") VALUES ('automerge', 0)`);
}

/** People created a write transaction each, a segment each: the index in more segments than the threshold, as many writes leave it. */
async function fragment(server: TestServer, names: string[]): Promise<void> {
  await automergeOff(server);
  for (const name of names) await createPerson(server, name);
  expect(await segments(server.ds)).toBeGreaterThan(MERGE_FROM_SEGMENTS);
}

/** The servers a test started and has not stopped. */
const running = new Set<TestServer>();
async function start(dbFile: string): Promise<TestServer> {
  const server = await startTestServer({ dbFile });
  running.add(server);
  return server;
}
async function stop(server: TestServer): Promise<void> {
  running.delete(server);
  await server.close();
}
afterEach(async () => {
  for (const server of running) await stop(server);
});

const NAMES = ["合并甲", "合并乙", "合并丙", "合并丁", "合并戊", "合并己"];

test("a start merges the search index into one segment, and search finds what every segment held", async () => {
  const dbFile = tempDbFile();
  const first = await start(dbFile);
  expect(await segments(first.ds)).toBe(1);
  await fragment(first, NAMES);
  await stop(first);

  const second = await start(dbFile);
  expect(await segments(second.ds)).toBe(1);
  expect(await found(second, "合并")).toEqual([...NAMES].sort());
  expect(await found(second, "he bing jia")).toEqual(["合并甲"]);
  expect(await found(second, "万雅丽")).toEqual(["万雅丽"]);
});

test("an import that wrote merges an index in many segments after it commits; a dry run does not", async () => {
  const server = await start(tempDbFile());
  await fragment(server, NAMES);
  const before = await segments(server.ds);
  expect(await importList(server, 30, true)).toEqual({ created: 30, errors: [] });
  expect(await segments(server.ds)).toBe(before);

  expect(await importList(server, 30, false)).toEqual({ created: 30, errors: [] });
  expect(await segments(server.ds)).toBe(1);
  expect(await found(server, "代表29")).toEqual(["代表29"]);
  expect(await found(server, "合并")).toEqual([...NAMES].sort());
});

test("the merge after a bulk write leaves an index in few segments as it is, and merges one in more", async () => {
  const server = await start(tempDbFile());
  await automergeOff(server);
  for (const name of NAMES.slice(0, 2)) await createPerson(server, name);
  const few = await segments(server.ds);
  expect(few).toBeGreaterThan(1);
  expect(few).toBeLessThanOrEqual(MERGE_FROM_SEGMENTS);
  await mergeSearchIndex(server.server.writer);
  expect(await segments(server.ds)).toBe(few);

  await fragment(server, NAMES.slice(2));
  await mergeSearchIndex(server.server.writer);
  expect(await segments(server.ds)).toBe(1);
  expect(await found(server, "合并")).toEqual([...NAMES].sort());
});

test("a pinyin refresh that rewrote rows merges an index in many segments; a check does not", async () => {
  const server = await start(tempDbFile());
  await fragment(server, NAMES);
  // Stale pinyin, as a release with another reading wrote it.
  await server.ds.query(`UPDATE "person" SET "namePinyinKey" = 'jiude' WHERE "name" IN ('合并甲', '合并乙')`);
  const before = await segments(server.ds);
  await refreshPinyin(server.server.writer, { check: true });
  expect(await segments(server.ds)).toBe(before);
  await refreshPinyin(server.server.writer);
  expect(await segments(server.ds)).toBe(1);
  expect(await found(server, "jiude")).toEqual([]);
  expect(await found(server, "he bing")).toEqual([...NAMES].sort());
});
