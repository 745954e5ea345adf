import { mergeSearchIndex } from "../src/db/search-merge";
import { refreshPinyin } from "../src/services/pinyin-refresh";
import { startPostgresTestServer } from "./helpers/postgres";
import { createPerson, found, importList } from "./helpers/search-index";
import { captureLog } from "./helpers/log";
import { startTestServer, type TestServer } from "./helpers/server";

/**
 * PostgreSQL's search index (a GIN index of trigrams) takes new entries into a pending list that
 * every search reads through until a vacuum moves them into the index (bench/README.md: a
 * 3-character search 0.26 → 1.81 ms after an import of 6,000 people). An import or a pinyin refresh
 * that wrote moves them in after it commits (src/db/search-merge.ts).
 */

/**
 * Pages of the search index's pending list, moved into the index as they are counted
 * (gin_clean_pending_list answers how many it moved): a test reads it once, at its end.
 */
async function pendingPages(server: TestServer): Promise<number> {
  const [{ n }] = await server.ds.query(`SELECT gin_clean_pending_list('"IDX_search_text_trgm"'::regclass) AS "n"`);
  return Number(n);
}

let server: TestServer;
beforeEach(async () => {
  server = await startPostgresTestServer();
  // Nothing but the app moves the pending list meanwhile (autovacuum may be on in the test cluster).
  await server.ds.query(`ALTER TABLE "search_text" SET (autovacuum_enabled = false)`);
});
afterEach(() => server.close());

test("writes one at a time leave the index's new entries pending (what the other tests' zero is measured against)", async () => {
  await createPerson(server, "待并甲");
  expect(await found(server, "待并甲")).toEqual(["待并甲"]);
  expect(await pendingPages(server)).toBeGreaterThan(0);
});

test("an import moves the entries it left pending into the index after it commits, with nothing to say", async () => {
  await createPerson(server, "待并甲");
  const { result, entries } = await captureLog("warn", () => importList(server, 40, false));
  expect([result, entries]).toEqual([{ created: 40, errors: [] }, []]);
  expect(await found(server, "代表39")).toEqual(["代表39"]);
  expect(await found(server, "待并甲")).toEqual(["待并甲"]);
  expect(await pendingPages(server)).toBe(0);
});

test("an import that changed nothing leaves the pending list to vacuum, as a dry run does", async () => {
  expect(await importList(server, 10, false)).toEqual({ created: 10, errors: [] });
  await createPerson(server, "待并甲");
  expect(await importList(server, 10, true)).toEqual({ created: 0, errors: [] });
  expect(await importList(server, 10, false)).toEqual({ created: 0, errors: [] });
  expect(await pendingPages(server)).toBeGreaterThan(0);
});

test("a pinyin refresh that rewrote rows moves its entries into the index; a check does not", async () => {
  await createPerson(server, "待并甲");
  await mergeSearchIndex(server.server.writer);
  // Stale pinyin, as a release with another reading wrote it.
  await server.ds.query(`UPDATE "person" SET "namePinyinKey" = 'jiude' WHERE "name" = '待并甲'`);
  await refreshPinyin(server.server.writer, { check: true });
  expect(await pendingPages(server)).toBeGreaterThan(0);

  await server.ds.query(`UPDATE "person" SET "namePinyinKey" = 'jiude' WHERE "name" = '待并甲'`);
  await refreshPinyin(server.server.writer);
  expect(await found(server, "jiude")).toEqual([]);
  expect(await found(server, "dai bing jia")).toEqual(["待并甲"]);
  expect(await pendingPages(server)).toBe(0);
});

// A role of its own logs in without a password: the test cluster trusts local connections (as CI's and the README's).
test("a database user that does not own the index (which alone may clean it) imports all the same, told once that its entries wait for a vacuum", async () => {
  const role = `dd_app_${process.pid}`;
  const url = new URL((server.database as { url: string }).url);
  await server.ds.query(`CREATE ROLE "${role}" LOGIN`);
  try {
    await server.ds.query(`GRANT ALL ON ALL TABLES IN SCHEMA public TO "${role}"`);
    await server.ds.query(`GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO "${role}"`);
    url.username = role;
    const other = await startTestServer({ database: { ...server.database, url: url.toString() } as typeof server.database });
    try {
      const { result, entries } = await captureLog("warn", async () => [await importList(other, 10, false), await importList(other, 12, false)]);
      expect(result).toEqual([
        { created: 10, errors: [] },
        { created: 2, errors: [] },
      ]);
      expect(entries).toEqual([
        expect.objectContaining({ level: "warn", msg: expect.stringMatching(/^search entries written by imports and pinyin refreshes wait for a vacuum/) }),
      ]);
      expect(await found(other, "代表11")).toEqual(["代表11"]);
    } finally {
      await other.close();
    }
    expect(await pendingPages(server)).toBeGreaterThan(0);
  } finally {
    await server.ds.query(`DROP OWNED BY "${role}"`);
    await server.ds.query(`DROP ROLE "${role}"`);
  }
});
