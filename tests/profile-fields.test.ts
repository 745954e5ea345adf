import { parse } from "csv-parse/sync";
import { dumpDatabase } from "./helpers/db";
import { firstError, ok, startTestServer, TestServer } from "./helpers/server";

/**
 * What a profile page and a citation need beyond the report's own facts: a person's photo and
 * current titles, and where a source document can be read, who published it and when.
 */
const ORGANISER = { authorization: "Bearer test-organiser" };

let server: TestServer;
let ids: Record<string, string>;
let reportId: string;
let gd15: string;

beforeAll(async () => {
  server = await startTestServer();
  const data = ok(await server.gql(`{ people(first: 100) { nodes { id name } } sourceDocuments { nodes { id } } congresses { nodes { id } } }`));
  ids = Object.fromEntries(data.people.nodes.map((p: { id: string; name: string }) => [p.name, p.id]));
  reportId = data.sourceDocuments.nodes[0].id;
  gd15 = data.congresses.nodes[0].id;
});
afterAll(() => server.close());

const PROFILE = `query ($id: ID!) { person(id: $id) { name photoUrl currentPositions { title current organisation { name } } } }`;
const CREATE = `mutation ($input: CreatePersonInput!) { createPerson(input: $input) { id photoUrl } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdatePersonInput!) { updatePerson(id: $id, input: $input) { photoUrl } }`;
const DOCUMENT = `id title url publisher publishedOn`;
const CREATE_DOCUMENT = `mutation ($input: CreateSourceDocumentInput!) { createSourceDocument(input: $input) { ${DOCUMENT} } }`;
const UPDATE_DOCUMENT = `mutation ($id: ID!, $input: UpdateSourceDocumentInput!) { updateSourceDocument(id: $id, input: $input) { ${DOCUMENT} } }`;

describe("on the seed", () => {
  test("currentPositions: the positions the report marks current (现任), not the ones it dates to past years", async () => {
    const wang = ok(await server.gql(PROFILE, { id: ids["王宝刚"] })).person;
    expect(wang.currentPositions).toEqual([
      { title: "制造线技师", current: true, organisation: { name: "约克广州空调冷冻设备有限公司" } },
      { title: "高级班长", current: true, organisation: { name: "约克广州空调冷冻设备有限公司" } },
    ]);
    // all four positions are still listed under positions
    const all = ok(await server.gql(`query ($id: ID!) { person(id: $id) { positions { title current } } }`, { id: ids["王宝刚"] })).person.positions;
    expect(all.map((p: { title: string }) => p.title)).toEqual(["制造线技师", "高级班长", "指导老师", "评委"]);
    // a header that shows the titles only, not the `current` flag they are chosen by
    const titles = ok(await server.gql(`query ($id: ID!) { person(id: $id) { currentPositions { title } } }`, { id: ids["王宝刚"] })).person;
    expect(titles.currentPositions).toEqual([{ title: "制造线技师" }, { title: "高级班长" }]);
    const wan = ok(await server.gql(PROFILE, { id: ids["万雅丽"] })).person;
    expect(wan.currentPositions.map((p: { title: string }) => p.title)).toEqual(["副总经理", "工会主席"]);
  });

  test("the report names no photo, address, publisher or date: all null", async () => {
    const data = ok(await server.gql(`{ people(first: 100) { nodes { photoUrl } } sourceDocuments { nodes { url publisher publishedOn } } }`));
    expect(new Set(data.people.nodes.map((p: { photoUrl: string | null }) => p.photoUrl))).toEqual(new Set([null]));
    expect(data.sourceDocuments.nodes).toEqual([{ url: null, publisher: null, publishedOn: null }]);
  });

  test("currentPositions beside positions reads nothing more: the profile page's statements stay as many", async () => {
    const statements = async (fields: string) =>
      (await server.countStatements(async () => ok(await server.gql(`query ($id: ID!) { person(id: $id) { name ${fields} } }`, { id: ids["王宝刚"] })))).length;
    const positions = await statements(`positions { title organisation { name } }`);
    expect(await statements(`positions { title organisation { name } } currentPositions { title organisation { name } }`)).toBe(positions);
    expect(await statements(`currentPositions { title organisation { name } }`)).toBe(positions);
  });
});

describe("Person.photoUrl through HTTP", () => {
  test("set by createPerson, changed and cleared by updatePerson, left alone when not given; stored as parsed", async () => {
    const created = ok(await server.gql(CREATE, { input: { name: "照片测试", photoUrl: "HTTPS://Photos.Example.org/a b.jpg" } }, ORGANISER)).createPerson;
    expect(created.photoUrl).toBe("https://photos.example.org/a%20b.jpg");
    expect(ok(await server.gql(PROFILE, { id: created.id })).person.photoUrl).toBe("https://photos.example.org/a%20b.jpg");
    expect(ok(await server.gql(UPDATE, { id: created.id, input: { photoUrl: "http://photos.example.org/2.png" } }, ORGANISER)).updatePerson.photoUrl).toBe(
      "http://photos.example.org/2.png",
    );
    expect(ok(await server.gql(UPDATE, { id: created.id, input: { yearsOfService: 3 } }, ORGANISER)).updatePerson.photoUrl).toBe(
      "http://photos.example.org/2.png",
    );
    expect(ok(await server.gql(UPDATE, { id: created.id, input: { photoUrl: null } }, ORGANISER)).updatePerson.photoUrl).toBeNull();
  });

  test.each([
    ["javascript:", "javascript:alert(document.cookie)"],
    ["javascript: in capitals behind spaces", "  JavaScript:alert(1)"],
    ["javascript: split by a tab, which the URL parser drops", "java\tscript:alert(1)"],
    ["data:", "data:image/svg+xml,<svg onload=alert(1)>"],
    ["a relative path", "/photos/wan.jpg"],
    ["a host alone", "photos.example.org/wan.jpg"],
    ["ftp:", "ftp://photos.example.org/wan.jpg"],
    ["a user and password", "https://user:secret@photos.example.org/wan.jpg"],
    ["no host", "https://"],
    ["an over-long link", `https://photos.example.org/${"a".repeat(2048)}`],
    ["an empty string", ""],
  ])("%s is BAD_USER_INPUT naming input.photoUrl, nothing written", async (_label, photoUrl) => {
    const before = await dumpDatabase(server.ds);
    for (const [query, variables] of [
      [CREATE, { input: { name: "坏链接", photoUrl } }],
      [UPDATE, { id: ids["万雅丽"], input: { photoUrl } }],
    ] as const) {
      const res = await server.gql(query, variables, ORGANISER);
      expect(firstError(res).extensions).toEqual({ code: "BAD_USER_INPUT", field: "input.photoUrl" });
      expect(firstError(res).message).toMatch(/^input\.photoUrl: /);
    }
    expect(await dumpDatabase(server.ds)).toEqual(before);
  });
});

describe("SourceDocument url, publisher, publishedOn through HTTP", () => {
  test("set where a document is created, corrected and cleared by updateSourceDocument; the text stays", async () => {
    const doc = ok(
      await server.gql(
        CREATE_DOCUMENT,
        {
          input: {
            title: "职工代表名单",
            text: "名单全文。",
            url: "https://news.example.cn/2024/0229.html",
            publisher: " 清远日报 ",
            publishedOn: "2024-02-29",
          },
        },
        ORGANISER,
      ),
    ).createSourceDocument;
    expect(doc).toMatchObject({ url: "https://news.example.cn/2024/0229.html", publisher: "清远日报", publishedOn: "2024-02-29" });
    const fixed = ok(await server.gql(UPDATE_DOCUMENT, { id: doc.id, input: { publishedOn: "2024-03-01", url: null } }, ORGANISER)).updateSourceDocument;
    expect(fixed).toEqual({ ...doc, publishedOn: "2024-03-01", url: null });
    const read = ok(await server.gql(`query ($id: ID!) { node(id: $id) { ... on SourceDocument { ${DOCUMENT} text } } }`, { id: doc.id })).node;
    expect(read).toEqual({ ...fixed, text: "名单全文。" });
    const audit = ok(
      await server.gql(
        `{ auditLog(filter: { action: "updateSourceDocument" }) { nodes { record before after } } }`,
        {},
        { authorization: "Bearer test-admin" },
      ),
    );
    expect(audit.auditLog.nodes[0]).toMatchObject({ record: doc.id, before: { publishedOn: "2024-02-29" }, after: { publishedOn: "2024-03-01", url: null } });
  });

  test("the seeded report's particulars can be filled in, and a citation shows them", async () => {
    ok(await server.gql(UPDATE_DOCUMENT, { id: reportId, input: { publisher: "清远日报", url: "https://example.org/report" } }, ORGANISER));
    const wang = ok(
      await server.gql(`query ($id: ID!) { person(id: $id) { awards { source { document { title url publisher publishedOn } } } } }`, { id: ids["王宝刚"] }),
    ).person;
    expect(wang.awards[0].source.document).toEqual({
      title: "清远市总工会:聚焦主责主业 回应职工关切 服务发展大局",
      url: "https://example.org/report",
      publisher: "清远日报",
      publishedOn: null,
    });
    ok(await server.gql(UPDATE_DOCUMENT, { id: reportId, input: { publisher: null, url: null } }, ORGANISER));
  });

  test.each([
    ["an impossible date", { publishedOn: "2024-02-30" }, "publishedOn"],
    ["29 February of a common year", { publishedOn: "2023-02-29" }, "publishedOn"],
    ["a date and time", { publishedOn: "2024-02-01T08:00:00Z" }, "publishedOn"],
    ["a date in another form", { publishedOn: "2024/02/01" }, "publishedOn"],
  ])("%s is refused before anything runs", async (_label, input) => {
    const before = await dumpDatabase(server.ds);
    const res = await server.gql(UPDATE_DOCUMENT, { id: reportId, input }, ORGANISER);
    expect(res.status).toBe(400);
    expect(firstError(res).extensions).toEqual({ code: "BAD_USER_INPUT", field: "input.publishedOn" });
    expect(firstError(res).message).toMatch(/at "input\.publishedOn"/);
    // the field is the argument path, whatever the variable is called and wherever it sits
    const named = await server.gql(
      `mutation ($doc: ID!, $i: UpdateSourceDocumentInput!) { updateSourceDocument(id: $doc, input: $i) { id } }`,
      { doc: reportId, i: input },
      ORGANISER,
    );
    expect(firstError(named).extensions).toEqual({ code: "BAD_USER_INPUT", field: "input.publishedOn" });
    const inside = await server.gql(
      `mutation ($doc: ID!, $d: Date) { updateSourceDocument(id: $doc, input: { publishedOn: $d }) { id } }`,
      { doc: reportId, d: input.publishedOn },
      ORGANISER,
    );
    expect(firstError(inside).extensions).toEqual({ code: "BAD_USER_INPUT", field: "input.publishedOn" });
    // written into the document itself, the date is refused as the document is checked
    const literal = await server.gql(
      `mutation ($id: ID!) { updateSourceDocument(id: $id, input: { publishedOn: "${input.publishedOn}" }) { id } }`,
      { id: reportId },
      ORGANISER,
    );
    expect(literal.status).toBe(400);
    expect(firstError(literal).extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(await dumpDatabase(server.ds)).toEqual(before);
  });

  test.each([
    ["a javascript: url", UPDATE_DOCUMENT, { id: "", input: { url: "javascript:alert(1)" } }, "input.url"],
    ["a url without a scheme", CREATE_DOCUMENT, { input: { title: "甲", text: "乙", url: "example.org/a" } }, "input.url"],
    ["a blank publisher", CREATE_DOCUMENT, { input: { title: "甲", text: "乙", publisher: "\u200b " } }, "input.publisher"],
    ["a title cleared", UPDATE_DOCUMENT, { id: "", input: { title: null } }, "input.title"],
    ["a blank title", UPDATE_DOCUMENT, { id: "", input: { title: "  " } }, "input.title"],
  ])("%s is BAD_USER_INPUT naming the field, nothing written", async (_label, query, variables, field) => {
    const before = await dumpDatabase(server.ds);
    const res = await server.gql(query, "id" in variables ? { ...variables, id: reportId } : variables, ORGANISER);
    expect(firstError(res).extensions).toEqual({ code: "BAD_USER_INPUT", field });
    expect(await dumpDatabase(server.ds)).toEqual(before);
  });

  test("updateSourceDocument needs a token", async () => {
    const res = await server.gql(UPDATE_DOCUMENT, { id: reportId, input: { publisher: "某报" } });
    expect(firstError(res).extensions).toEqual({ code: "UNAUTHENTICATED" });
  });
});

describe("the photo_url column of the delegate list", () => {
  const IMPORT = `mutation ($csv: String!, $congress: ID!) { importDelegates(csv: $csv, congress: $congress) { created updated unchanged errors { row column message } } }`;
  const exported = async () => {
    const res = await fetch(`${server.url}/export/delegates.csv?congress=${encodeURIComponent(gd15)}`);
    return Buffer.from(await res.arrayBuffer()).toString("utf8");
  };

  test("imported, exported, and export → import changes nothing", async () => {
    const csv = "name,photo_url\n万雅丽,https://photos.example.org/wan.jpg\n王宝刚,\n";
    expect(ok(await server.gql(IMPORT, { csv, congress: gd15 }, ORGANISER)).importDelegates).toEqual({ created: 0, updated: 1, unchanged: 1, errors: [] });
    expect(ok(await server.gql(PROFILE, { id: ids["万雅丽"] })).person.photoUrl).toBe("https://photos.example.org/wan.jpg");
    const text = await exported();
    const rows: Record<string, string>[] = parse(text.replace(/^\uFEFF/, ""), { columns: true });
    expect(rows.find((r) => r.name === "万雅丽")!.photo_url).toBe("https://photos.example.org/wan.jpg");
    expect(rows.find((r) => r.name === "王宝刚")!.photo_url).toBe("");
    const before = await dumpDatabase(server.ds);
    expect(ok(await server.gql(IMPORT, { csv: text, congress: gd15 }, ORGANISER)).importDelegates).toEqual({
      created: 0,
      updated: 0,
      unchanged: 2,
      errors: [],
    });
    expect(await dumpDatabase(server.ds)).toEqual(before);
    // and the Popolo export gives the photo as the person's image
    const popolo = await (await fetch(`${server.url}/export/popolo.json`)).json();
    expect(popolo.persons.find((p: { name: string }) => p.name === "万雅丽").image).toBe("https://photos.example.org/wan.jpg");
    expect(popolo.persons.find((p: { name: string }) => p.name === "王宝刚")).not.toHaveProperty("image");
  });

  test("a photo_url that is not an http(s) link is a row error on that column; nothing written", async () => {
    const before = await dumpDatabase(server.ds);
    const csv = "name,photo_url\n万雅丽,javascript:alert(1)\n王宝刚,https://photos.example.org/wang.jpg\n新人,/wan.jpg\n";
    const report = ok(await server.gql(IMPORT, { csv, congress: gd15 }, ORGANISER)).importDelegates;
    expect(report.errors).toEqual([
      { row: 2, column: "photo_url", message: expect.stringMatching(/^photo_url must be an http: or https: URL/) },
      { row: 4, column: "photo_url", message: expect.stringMatching(/^photo_url is not an absolute URL/) },
    ]);
    expect(await dumpDatabase(server.ds)).toEqual(before);
  });
});
