import fs from "fs";
import path from "path";
import { textPinyin } from "../src/search/pinyin";
import { ok, startTestServer, tempDbFile, TestServer } from "./helpers/server";

/**
 * A directory made by an earlier release keeps working: tests/fixtures/release-e3be508.sqlite was
 * made by the server at commit e3be508 (seeded, then an organiser's writes through the API: a new
 * person corrected, given a seat and an award, a CSV import, and a token made by `npm run token`).
 * Start-up runs the migrations since, and everything written then reads and writes as before.
 */
const FIXTURE = path.join(__dirname, "fixtures", "release-e3be508.sqlite");
/** The secret `npm run token -- create --role organiser --label fixture-office` printed when the fixture was made. */
const STORED_TOKEN = "ddt_5TMh9GRoYbbzbjJgr5XhPML0hjG14EJ-NMgFo3T4dRI";

let server: TestServer;
beforeAll(async () => {
  const dbFile = tempDbFile();
  fs.copyFileSync(FIXTURE, dbFile);
  server = await startTestServer({ dbFile });
});
afterAll(() => server.close());

test("the earlier release's people, facts and audit trail read as before", async () => {
  const { people } = ok(await server.gql(`{ people(first: 100) { totalCount nodes { name } } }`));
  expect(people.nodes.map((p: { name: string }) => p.name).sort()).toEqual(["万雅丽", "张扬娣", "李测试", "林天晓", "王原鹏", "王宝刚", "陈夹具"].sort());
  const { search } = ok(
    await server.gql(`{ search(query: "李测试") { nodes { ... on Person { id name yearsOfService seats { delegation } awards { year honour { name } } } } } }`),
  );
  expect(search.nodes).toEqual([
    expect.objectContaining({
      name: "李测试",
      yearsOfService: 7,
      seats: [{ delegation: "清远代表团" }],
      awards: [{ year: 2020, honour: { name: "广东省五一劳动奖章" } }],
    }),
  ]);
  const { auditLog } = ok(await server.gql(`{ auditLog(first: 100) { totalCount nodes { action } } }`, {}, { authorization: "Bearer test-admin" }));
  expect(auditLog.nodes.map((e: { action: string }) => e.action)).toEqual(
    expect.arrayContaining(["createPerson", "updatePerson", "addSeat", "grantAward", "importDelegates"]),
  );
});

test("a token stored by the earlier release still authenticates, and writes land and are found by search", async () => {
  const created = ok(
    await server.gql(
      `mutation { createPerson(input: { name: "升级后", biography: "升级之后写入" }) { id name namePinyin } }`,
      {},
      { authorization: `Bearer ${STORED_TOKEN}` },
    ),
  ).createPerson;
  expect(created).toMatchObject({ name: "升级后", namePinyin: "Sheng Jihou" });
  const { search } = ok(await server.gql(`{ search(query: "升级后") { nodes { ... on Person { id } } } }`));
  expect(search.nodes).toEqual([{ id: created.id }]);
  const [{ integrity_check: integrity }] = await server.ds.query("PRAGMA integrity_check");
  expect(integrity).toBe("ok");
});

test("the earlier release's delegates list in pinyin order at every congress (the seats' copy of each sort key is filled in)", async () => {
  const { people, congresses } = ok(
    await server.gql(
      `{ people(first: 100, orderBy: { field: NAME_PINYIN }) { nodes { name seats { congress { id } } } } congresses(first: 100) { nodes { id delegates(first: 2) { nodes { name } } } } }`,
    ),
  );
  expect(congresses.nodes.some((c: any) => c.delegates.nodes.length === 2)).toBe(true);
  for (const c of congresses.nodes) {
    const seated = people.nodes.filter((p: any) => p.seats.some((s: any) => s.congress.id === c.id));
    // The first page of two: which two come first is the seats' order.
    expect(c.delegates.nodes.map((n: any) => n.name)).toEqual(seated.slice(0, 2).map((p: any) => p.name));
  }
});

test("the earlier release's congresses count their delegates (each congress's seat count is filled in)", async () => {
  const { people, congresses } = ok(
    await server.gql(
      `{ people(first: 100) { nodes { seats { congress { id } } } } congresses(first: 100) { nodes { id delegates(first: 1) { totalCount } } } }`,
    ),
  );
  expect(congresses.nodes.some((c: any) => c.delegates.totalCount > 1)).toBe(true);
  for (const c of congresses.nodes) {
    const seated = people.nodes.filter((p: any) => p.seats.some((s: any) => s.congress.id === c.id)).length;
    const { delegates } = ok(await server.gql(`query ($c: ID!) { delegates(filter: { congress: $c }) { totalCount } }`, { c: c.id }));
    expect([c.delegates.totalCount, delegates.totalCount]).toEqual([seated, seated]);
  }
});

test("the delegate list the earlier release imported names no token in its public title; the audit trail still says who imported it", async () => {
  // That release titled each import's document "…, imported by <token label> on <date>" (issue 17, item 8).
  const { sourceDocuments } = ok(await server.gql(`{ sourceDocuments(first: 100) { nodes { id title } } }`));
  const imported = sourceDocuments.nodes.filter((d: { title: string }) => d.title.startsWith("Delegate list for "));
  expect(imported).toHaveLength(1);
  expect(imported[0].title).toMatch(/^Delegate list for .+, imported on 2026-12-04$/);
  for (const { title } of sourceDocuments.nodes) expect(title).not.toMatch(/imported by|env:organiser/);
  const { auditLog } = ok(
    await server.gql(
      `query ($r: ID) { auditLog(first: 10, filter: { record: $r }) { nodes { actor action } } }`,
      { r: imported[0].id },
      { authorization: "Bearer test-admin" },
    ),
  );
  expect(auditLog.nodes).toEqual([{ actor: "env:organiser#1", action: "importDelegates" }]);
});

test("the earlier release's congress, which had no pinyin, has it from the first start (start-up fills in what the migration could not derive)", async () => {
  const { congresses } = ok(await server.gql(`{ congresses(first: 100, orderBy: { field: NAME_PINYIN }) { nodes { name namePinyin } } }`));
  expect(congresses.nodes.length).toBeGreaterThan(0);
  for (const c of congresses.nodes) expect(c).toEqual({ name: c.name, namePinyin: textPinyin(c.name) });
});
