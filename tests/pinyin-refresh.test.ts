import { refreshPinyin } from "../src/services/pinyin-refresh";
import { addSyntheticDelegates } from "./helpers/fixtures";
import { query } from "./helpers/database";
import { ok, startTestServer, TestServer } from "./helpers/server";

// Rows written by an older release keep the pinyin its code derived; `npm run pinyin:refresh`
// (refreshPinyin) writes what today's code derives, and the search index and the seats' sort keys follow.

let t: TestServer;
let congress: string;

beforeAll(async () => {
  t = await startTestServer({
    seed: async (ds) => {
      congress = (await addSyntheticDelegates(ds, 12)).congress.globalId;
    },
  });
});
afterAll(() => t.close());

const SEARCH = `query ($q: String!) { search(query: $q, first: 5) { nodes { __typename ... on Person { name } ... on Organisation { name } } } }`;
const names = async (q: string) => ok(await t.gql(SEARCH, { q })).search.nodes.map((n: { name: string }) => n.name);
const delegates = async () =>
  ok(await t.gql(`query ($c: ID!) { delegates(filter: { congress: $c }, first: 100) { nodes { name namePinyin } } }`, { c: congress })).delegates.nodes;

test("rows whose pinyin an older release derived are written again as today's code derives it; the search index and the delegates' order follow", async () => {
  const before = await delegates();
  const person = before[before.length - 1];
  const refreshed = await refreshPinyin(t.server.writer);
  expect(Object.values(refreshed).map((c) => c.rewritten)).toEqual([0, 0, 0]);

  // What an older release might have written: another reading of the name, and an organisation's.
  await query(t.ds, `UPDATE person SET "namePinyin" = ?, "namePinyinKey" = ?, "nameSortKey" = ?, "nameInitials" = ? WHERE name = ?`, [
    "Aaa Old",
    "aaaold",
    "aaa old",
    "ao",
    person.name,
  ]);
  await query(t.ds, `UPDATE organisation SET "namePinyin" = ? WHERE name = ?`, ["jiu du yin", "清远市总工会"]);
  expect((await delegates())[0].name).toBe(person.name);
  expect(await names("aaaold")).toContain(person.name);

  const report = await refreshPinyin(t.server.writer, 5);
  expect(report.person.rewritten).toBe(1);
  expect(report.organisation.rewritten).toBe(1);
  expect(report.honour.rewritten).toBe(0);
  expect(report.person.read).toBe(ok(await t.gql(`{ people { totalCount } }`)).people.totalCount);

  expect(await delegates()).toEqual(before);
  expect(await names("aaaold")).not.toContain(person.name);
  expect(await names(person.namePinyin)).toContain(person.name);
  expect(await names("jiuduyin")).not.toContain("清远市总工会");
  expect(await names("qingyuanshi")).toContain("清远市总工会");
  // Nothing more to write.
  expect(Object.values(await refreshPinyin(t.server.writer)).map((c) => c.rewritten)).toEqual([0, 0, 0]);
});
