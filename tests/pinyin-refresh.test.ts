import { refreshPinyin, type TableRefresh } from "../src/services/pinyin-refresh";
import { personPinyinColumns, textPinyin } from "../src/search/pinyin";
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

const SEARCH = `query ($q: String!) { search(query: $q, first: 5) { nodes { ... on Person { name } ... on Organisation { name } ... on Honour { name } } } }`;
const found = async (q: string) => ok(await t.gql(SEARCH, { q })).search.nodes.map((n: { name: string }) => n.name);
const delegates = async () =>
  ok(await t.gql(`query ($c: ID!) { delegates(filter: { congress: $c }, first: 100) { nodes { name namePinyin } } }`, { c: congress })).delegates.nodes;
const differing = (report: TableRefresh[]) => Object.fromEntries(report.map((r) => [r.table, r.differing]));

test("rows whose pinyin an older release derived are written again as today's code derives it; the search index and the delegates' order follow", async () => {
  const before = await delegates();
  expect(differing(await refreshPinyin(t.server.writer, { check: true }))).toEqual({ person: 0, organisation: 0, honour: 0, congress: 0 });

  // What an older release might have written: another reading of a name (every column), other initials
  // alone, and an organisation's and an honour's pinyin.
  const last = before[before.length - 1].name;
  const other = before[0].name;
  const honour = (await query<{ name: string }[]>(t.ds, `SELECT name FROM honour ORDER BY id LIMIT 1`))[0].name;
  await query(t.ds, `UPDATE person SET "namePinyin" = ?, "namePinyinKey" = ?, "nameSortKey" = ?, "nameInitials" = ? WHERE name = ?`, [
    "Aaa Old",
    "aaaold",
    "aaa old",
    "ao",
    last,
  ]);
  await query(t.ds, `UPDATE person SET "nameInitials" = ? WHERE name = ?`, ["zqx", other]);
  await query(t.ds, `UPDATE organisation SET "namePinyin" = ? WHERE name = ?`, ["jiu du yin", "清远市总工会"]);
  await query(t.ds, `UPDATE honour SET "namePinyin" = ? WHERE name = ?`, ["jiu rong yu", honour]);
  await query(t.ds, `UPDATE congress SET "namePinyin" = ? WHERE name = ?`, ["aaa da hui", "广东省工会第十五次代表大会"]);
  const congresses = async () =>
    ok(await t.gql(`{ congresses(first: 100, orderBy: { field: NAME_PINYIN }) { nodes { name namePinyin } } }`)).congresses.nodes.map(
      (c: { name: string }) => c.name,
    );
  expect((await congresses())[0]).toBe("广东省工会第十五次代表大会");
  expect((await delegates())[0].name).toBe(last);
  // Each stale pinyin (or initials) and the row it finds until the refresh.
  const stale = [
    ["aaaold", last],
    ["zqx", other],
    ["jiuduyin", "清远市总工会"],
    ["jiurongyu", honour],
  ];
  for (const [q, name] of stale) expect(await found(q)).toContain(name);

  // --check counts them and writes nothing.
  expect(differing(await refreshPinyin(t.server.writer, { check: true }))).toEqual({ person: 2, organisation: 1, honour: 1, congress: 1 });
  expect(await found("jiurongyu")).toContain(honour);

  const tables: string[] = [];
  const report = await refreshPinyin(t.server.writer, { chunk: 5, done: (r) => tables.push(r.table) });
  expect(differing(report)).toEqual({ person: 2, organisation: 1, honour: 1, congress: 1 });
  expect(tables).toEqual(["person", "organisation", "honour", "congress"]);
  expect(report[0].read).toBe(ok(await t.gql(`{ people { totalCount } }`)).people.totalCount);

  expect(await delegates()).toEqual(before);
  const listed = await congresses();
  expect(listed).toEqual([...listed].sort((a, b) => (textPinyin(a) < textPinyin(b) ? -1 : 1)));
  for (const [q, name] of stale) expect(await found(q)).not.toContain(name);
  expect(await found(personPinyinColumns(last).namePinyinKey)).toContain(last);
  expect(await found(personPinyinColumns(other).nameInitials)).toContain(other);
  expect(await found(textPinyin("清远市总工会").replace(/ /g, ""))).toContain("清远市总工会");
  expect(await found(textPinyin(honour).replace(/ /g, ""))).toContain(honour);
  // Nothing more to write.
  expect(differing(await refreshPinyin(t.server.writer, { check: true }))).toEqual({ person: 0, organisation: 0, honour: 0, congress: 0 });
});
