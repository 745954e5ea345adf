import os from "os";
import { databaseUrl, query } from "./helpers/database";
import fs from "fs";
import path from "path";
import { DataSource } from "typeorm";
import { openWorkerReader, readerOf } from "../src/db";
import { SqlLogger } from "../src/db/sql-logger";
import { FacetIndex, selectedIn } from "../src/services/facet-index";
import { toGlobalId } from "../src/relay/global-id";
import type { PersonFilter } from "../src/resolvers/types/person.filter";
import { Asked, bucketsOf, countFacetsInSql, FacetName } from "../src/services/facets";
import { PeopleSelection } from "../src/services/people-selection";
import { generate } from "../bench/generator/generate";
import { runScript } from "./helpers/processes";
import { ok, startTestServer, TestServer } from "./helpers/server";

/**
 * The facets a read thread counts in memory (src/services/facet-index.ts) answer exactly what the
 * SQL counting answers (countFacetsInSql, on the main thread's connection, the reference): the same
 * buckets in the same order, whatever the filter, and after every write, by this server, another
 * connection or another process.
 */
let server: TestServer;
let ds: DataSource;
const ORGANISER = { authorization: "Bearer test-organiser" };
const FACETS: FacetName[] = ["byHonourLevel", "byHonour", "byEmployer", "byDelegation", "byCongress", "byAwardYear"];
/** Every facet whole, and some cut short by `first` (aliases). */
const ASKED: (Asked & { alias: string })[] = [
  ...FACETS.map((facet) => ({ alias: facet, facet, first: null })),
  { alias: "topHonours", facet: "byHonour", first: 3 },
  { alias: "noEmployers", facet: "byEmployer", first: 0 },
  { alias: "topYears", facet: "byAwardYear", first: 5 },
  { alias: "topCongress", facet: "byCongress", first: 1 },
];
const QUERY = `query ($f: PersonFilter) {
  people(filter: $f, first: 1) { totalCount }
  personFacets(filter: $f) { ${ASKED.map((a) => `${a.alias}: ${a.facet}${a.first === null ? "" : `(first: ${a.first})`} { key label count }`).join(" ")} }
}`;

/** The server's answer (a read thread, the index) and the reference's (SQL on the main connection) for `filter`. */
async function both(filter: PersonFilter | null) {
  const data = ok(await server.gql(QUERY, { f: filter }));
  const reference = (await countFacetsInSql(readerOf(ds), filter, ASKED)).map(bucketsOf);
  const { count } = await new PeopleSelection(readerOf(ds).dialect, filter).countWithTotal(readerOf(ds));
  return {
    got: { totalCount: data.people.totalCount, facets: data.personFacets },
    want: { totalCount: count, facets: Object.fromEntries(ASKED.map((a, i) => [a.alias, reference[i]])) },
  };
}

async function expectSame(label: string, filter: PersonFilter | null) {
  const { got, want } = await both(filter);
  expect({ label, ...got }).toEqual({ label, ...want });
  return got;
}

beforeAll(async () => {
  // The seeded report and a generated directory beside it: ties, ranges, people with no award or seat.
  // MAX_COST lifted: ten facet fields are costed at their largest, and this is about their answers.
  server = await startTestServer({ env: { MAX_COST: "100000000" }, seed: (d) => generate(d, { people: 3000, seed: 11 }).then(() => undefined) });
  ds = server.ds;
}, 120_000);
afterAll(() => server.close());

test("every filter's facets and total are the SQL's: same buckets, same order, first cut the same", async () => {
  const one = async (sql: string) => (await query(ds, sql))[0];
  const congress = await one(`SELECT "congressId" AS id FROM seat GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1`);
  const delegation = await one(`SELECT delegation AS d FROM seat WHERE delegation IS NOT NULL GROUP BY 1 ORDER BY COUNT(*) LIMIT 1`);
  const employer = await one(`SELECT "employerId" AS id FROM person WHERE "employerId" IS NOT NULL GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1`);
  const honour = await one(`SELECT "honourId" AS id FROM award WHERE "personId" IS NOT NULL GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1`);
  const ranged = await one(`SELECT "yearFrom" AS y FROM award WHERE "yearTo" > "yearFrom" LIMIT 1`);
  const filters: [string, PersonFilter | null][] = [
    ["everyone", null],
    ["empty filter", {}],
    ["honour level", { honour: { level: "PROVINCIAL" } } as PersonFilter],
    ["honour level from a year", { honour: { level: "MUNICIPAL", yearFrom: 2020 } } as PersonFilter],
    ["honour up to a year (ranges overlap)", { honour: { yearTo: ranged?.y ?? 2018 } }],
    ["honour in a window", { honour: { yearFrom: 2015, yearTo: 2016 } }],
    ["honour by id", { honour: { id: toGlobalId("Honour", honour.id) } }],
    ["honour by name", { honour: { nameContains: "劳动" } }],
    ["honour by category and level", { honour: { category: "LABOUR_MODEL", level: "COUNTY" } } as PersonFilter],
    ["two honour conditions", { honours: [{ level: "ENTERPRISE" }, { level: "COUNTY", yearFrom: 2019 }] } as PersonFilter],
    ["honour and congress", { honour: { level: "PROVINCIAL" }, congress: toGlobalId("Congress", congress.id) } as PersonFilter],
    ["congress", { congress: toGlobalId("Congress", congress.id) }],
    ["delegation", { delegation: delegation.d }],
    ["employer", { employer: toGlobalId("Organisation", employer.id) }],
    ["name", { nameContains: "王" }],
    ["proposals", { hasProposals: true }],
    ["no proposals", { hasProposals: false }],
    ["nobody (an honour in a year to come)", { honour: { level: "NATIONAL", yearFrom: 2099 } } as PersonFilter],
  ];
  const sizes: number[] = [];
  for (const [label, filter] of filters) sizes.push((await expectSame(label, filter)).totalCount);
  // from nobody to everyone, and buckets tied on their count
  expect(Math.min(...sizes)).toBe(0);
  expect(Math.max(...sizes)).toBe((await one(`SELECT COUNT(*) AS n FROM person`)).n);
  const { got } = await both(null);
  const counts = got.facets.byHonour.map((b: { count: number }) => b.count);
  expect(new Set(counts).size).toBeLessThan(counts.length);
}, 60_000);

test("ties are ordered by label in SQLite's byte order, then by key (as numbers, not as global ids)", async () => {
  const [{ id: citation }] = await query(ds, `SELECT id FROM citation LIMIT 1`);
  // U+20000 sorts before U+FF61 in JavaScript's UTF-16 order, after it in UTF-8 bytes; ids 9 and 10 sort the other way as global ids.
  const names = ["\u{20000}同名单位", "\uFF61同名单位", "同名单位", "同名单位"];
  const orgs: number[] = [];
  for (const [i, name] of names.entries()) {
    const [{ id }] = await query(ds, `INSERT INTO organisation (name, "namePinyin", kind) VALUES (?, ?, 'ENTERPRISE') RETURNING id`, [name, `tong ming ${i}`]);
    orgs.push(id);
  }
  const [{ id: honour }] = await query(
    ds,
    `INSERT INTO honour (name, "namePinyin", level, category) VALUES ('并列测试奖', 'bing lie', 'OTHER', 'OTHER') RETURNING id`,
  );
  const people: { id: number }[] = await query(ds, `SELECT id FROM person ORDER BY id DESC LIMIT 4`);
  for (const [i, p] of people.entries()) {
    await query(ds, `UPDATE person SET "employerId" = ? WHERE id = ?`, [orgs[i], p.id]);
    await query(ds, `INSERT INTO award ("honourId", "personId", "yearFrom", "citationId") VALUES (?, ?, 2001, ?)`, [honour, p.id, citation]);
  }
  const got = await expectSame("the tied", { honour: { id: toGlobalId("Honour", honour) } });
  const tied = got.facets.byEmployer.filter((b: { label: string }) => b.label.endsWith("同名单位"));
  expect(tied.map((b: { label: string }) => b.label)).toEqual(["同名单位", "同名单位", "\uFF61同名单位", "\u{20000}同名单位"]);
  expect(tied.slice(0, 2).map((b: { key: string }) => b.key)).toEqual([toGlobalId("Organisation", orgs[2]), toGlobalId("Organisation", orgs[3])]);
  await expectSame("everyone, after the writes", null);
});

test("a write through the API is in the very next answer, facets and total", async () => {
  const year = 1950;
  const before = await expectSame("before", { honour: { yearTo: year } });
  expect(before.totalCount).toBe(0);
  const [{ id: person }] = await query(ds, `SELECT id FROM person WHERE id NOT IN (SELECT "personId" FROM seat) ORDER BY id LIMIT 1`);
  const [{ id: honour }] = await query(ds, `SELECT id FROM honour WHERE level = 'NATIONAL' ORDER BY id LIMIT 1`);
  const [{ id: document }] = await query(ds, `SELECT id FROM source_document WHERE text LIKE '%测试%' ORDER BY id LIMIT 1`);
  const granted = ok(
    await server.gql(
      `mutation ($input: GrantAwardInput!) { grantAward(input: $input) { id } }`,
      {
        input: {
          honour: toGlobalId("Honour", honour),
          person: toGlobalId("Person", person),
          yearFrom: year,
          yearTo: year + 2,
          citation: { document: toGlobalId("SourceDocument", document), quote: "测试" },
        },
      },
      ORGANISER,
    ),
  ).grantAward;
  const after = await expectSame("after the grant", { honour: { yearTo: year } });
  expect(after.totalCount).toBe(1);
  expect(after.facets.byAwardYear.map((b: { key: string }) => b.key)).toEqual(["1950", "1951", "1952"]);
  await expectSame("everyone, after the grant", null);
  ok(await server.gql(`mutation ($id: ID!) { revokeAward(id: $id) }`, { id: granted.id }, ORGANISER));
  expect((await expectSame("after the revoke", { honour: { yearTo: year } })).totalCount).toBe(0);
});

test("a write by another connection, and by the import command in another process, is in the very next answer", async () => {
  await expectSame("read once", null);
  // another connection: the server's own writes go through one the read threads do not share, so does this
  await query(ds, `UPDATE seat SET delegation = '另一连接代表团' WHERE id = (SELECT MIN(id) FROM seat)`);
  const got = await expectSame("after another connection's write", { delegation: "另一连接代表团" });
  expect(got.facets.byDelegation).toEqual([{ key: "另一连接代表团", label: "另一连接代表团", count: 1 }]);

  const [{ id: congress }] = await query(ds, `SELECT id FROM congress ORDER BY id LIMIT 1`);
  const csv = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "facets-")), "facets-import.csv");
  fs.writeFileSync(csv, ["name,delegation", "导入甲,导入测试团", "导入乙,导入测试团", "导入丙,导入测试团"].join("\n"));
  const imported = runScript("scripts/import.js", ["--congress", toGlobalId("Congress", congress), csv], { DATABASE_URL: databaseUrl(server.database) });
  expect(imported.status).toBe(0);
  const after = await expectSame("after the import", null);
  expect(after.facets.byDelegation.find((b: { key: string }) => b.key === "导入测试团")).toEqual({ key: "导入测试团", label: "导入测试团", count: 3 });
}, 60_000);

test("a server's read thread reads its facet index as it starts: the first facet count after start-up takes one statement", async () => {
  // As `npm start` starts its threads (eager); one thread, so that the first request meets the one that started.
  const started = await startTestServer({ database: server.database, env: { READ_THREADS: "1", MAX_COST: "100000000" }, eagerThreads: true });
  try {
    await started.server.slow.warmed; // the thread has said it read its index
    const filter = { honour: { level: "PROVINCIAL", yearFrom: 2019 } };
    const facets = `query ($f: PersonFilter) { personFacets(filter: $f) { byHonour { key label count } byCongress { key label count } } }`;
    let answer: unknown;
    const statements = await started.countStatements(async () => (answer = ok(await started.gql(facets, { f: filter }))));
    expect(statements).toHaveLength(1);
    expect(answer).toEqual(ok(await server.gql(facets, { f: filter })));
  } finally {
    await started.close();
  }
}, 60_000);

test("with the index current, a filtered count and the facets each take one statement on the read thread; after a write, the index is read anew", async () => {
  // One read thread, so that every request meets the index the one before it read.
  const one = await startTestServer({ database: server.database, env: { READ_THREADS: "1", MAX_COST: "100000000" } });
  try {
    const filter = { honour: { level: "PROVINCIAL", yearFrom: 2019 } };
    const facets = `query ($f: PersonFilter) { personFacets(filter: $f) { byHonour { key count } byCongress { key count } } }`;
    const count = `query ($f: PersonFilter) { people(filter: $f) { totalCount } }`;
    const statements = (q: string, variables: Record<string, unknown>) => one.countStatements(async () => ok(await one.gql(q, variables)));
    expect(await statements(facets, { f: filter })).toHaveLength(1); // the thread read the index as it started
    expect(await statements(facets, { f: filter })).toHaveLength(1);
    const counting = (f: object) => statements(count, { f });
    expect(await counting(filter)).toHaveLength(1);
    expect(await statements(facets, { f: null })).toHaveLength(1);
    expect(await statements(facets, { f: { hasProposals: true } })).toHaveLength(1);

    const [{ id: person }] = await query(
      ds,
      `SELECT id FROM person WHERE id NOT IN (SELECT "personId" FROM award WHERE "personId" IS NOT NULL) ORDER BY id LIMIT 1`,
    );
    const [{ id: honour }] = await query(ds, `SELECT id FROM honour WHERE level = 'PROVINCIAL' ORDER BY id LIMIT 1`);
    const [{ id: citation }] = await query(ds, `SELECT id FROM citation LIMIT 1`);
    const before = ok(await one.gql(count, { f: filter })).people.totalCount;
    await query(ds, `INSERT INTO award ("honourId", "personId", "yearFrom", "citationId") VALUES (?, ?, 2021, ?)`, [honour, person, citation]);
    expect((await counting(filter)).length).toBeGreaterThan(2);
    expect(ok(await one.gql(count, { f: filter })).people.totalCount).toBe(before + 1);
    await expectSame("after the award", filter as PersonFilter);
  } finally {
    await one.close();
  }
});

test("the index read a few people at a time is the index read at once", async () => {
  const { reader, close } = openWorkerReader(server.database, new SqlLogger(false));
  try {
    const filters: (PersonFilter | null)[] = [null, { honour: { level: "COUNTY", yearFrom: 2018 } } as PersonFilter, { hasProposals: true }];
    const answers = async (page: number) =>
      reader.snapshot(async () => {
        const index = await FacetIndex.read(reader, page);
        const counted = [];
        for (const filter of filters) counted.push(index.count(await selectedIn(reader, index, new PeopleSelection(reader.dialect, filter)), ASKED));
        return { people: index.people.length, bytes: index.bytes, counted };
      });
    const whole = await answers(1_000_000);
    expect(whole.people).toBe((await query(ds, `SELECT COUNT(*) AS n FROM person`))[0].n);
    for (const page of [1, 7, 1000]) expect(await answers(page)).toEqual(whole);
  } finally {
    await close();
  }
});
