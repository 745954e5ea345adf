import { Organisation, Person, Position, Proposal } from "../src/entities";
import { firstError, ok, startTestServer, TestServer } from "./helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const SEARCH = `query ($q: String!, $first: Int, $after: String, $last: Int, $before: String) {
  search(query: $q, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    edges { cursor matchedField snippet node { __typename ... on Person { name } ... on Organisation { name } ... on Honour { name } ... on Proposal { title } } }
    nodes { __typename }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

async function search(q: string, page: Record<string, unknown> = { first: 100 }) {
  return ok(await server.gql(SEARCH, { q, ...page })).search;
}
const label = (e: any) => `${e.node.__typename}:${e.node.name ?? e.node.title}`;
const labels = async (q: string) => (await search(q)).edges.map(label);

describe("search in Chinese", () => {
  test("a full name finds the person first, as an exact name match", async () => {
    const s = await search("万雅丽");
    expect(s.edges[0]).toMatchObject({ node: { __typename: "Person", name: "万雅丽" }, matchedField: "NAME", snippet: "万雅丽" });
  });

  test("two- and one-character queries (below trigram's reach) find names", async () => {
    expect(await labels("雅丽")).toEqual(["Person:万雅丽"]);
    expect(await labels("宝刚")).toEqual(["Person:王宝刚"]);
    expect((await labels("丽"))[0]).toBe("Person:万雅丽");
    // names starting with 王 rank before 金点子王, which only contains it
    expect(await labels("王")).toEqual(["Person:王宝刚", "Person:王原鹏", "Honour:金点子王"]);
  });

  test("exact names first, then prefixes, then the rest", async () => {
    expect((await labels("金点子王")).slice(0, 2)).toEqual(["Honour:金点子王", "Person:王宝刚"]);
    const s = await search("清远市");
    const ranks = s.edges.map((e: any) => (e.node.name ?? e.node.title ?? "").startsWith("清远市"));
    // every prefix match comes before every non-prefix match
    expect(ranks.indexOf(false) === -1 || ranks.lastIndexOf(true) < ranks.indexOf(false)).toBe(true);
    expect(ranks.filter(Boolean).length).toBeGreaterThanOrEqual(5);
  });

  test("biographies, position titles, proposals and English names are searched, with what matched and a snippet", async () => {
    const bio = (await search("焊接机")).edges;
    expect(bio.map(label)).toEqual(["Person:王宝刚"]);
    expect(bio[0].matchedField).toBe("BIOGRAPHY");
    expect(bio[0].snippet).toContain("焊接机");
    expect(bio[0].snippet.length).toBeLessThanOrEqual(20 * 2 + 3 + 2);
    expect(bio[0].snippet).toMatch(/^….*…$/);

    expect((await search("高级班长")).edges.map((e: any) => [label(e), e.matchedField])).toEqual([["Person:王宝刚", "POSITIONS_TITLE"]]);
    expect((await search("评委")).edges.map((e: any) => [label(e), e.matchedField])).toEqual([["Person:王宝刚", "POSITIONS_TITLE"]]);
    expect((await search("校企合作")).edges.map((e: any) => [label(e), e.matchedField])).toEqual([["Proposal:促进校企合作方面的建议", "TITLE"]]);
    expect((await search("labour medal")).edges.map((e: any) => [label(e), e.matchedField])).toEqual([["Honour:广东省五一劳动奖章", "NAME_EN"]]);
  });
});

describe("search in pinyin", () => {
  test.each(["wan yali", "Wan Yali", "wanyali", "WANYALI", "Wàn Yǎlì", "wàn yǎ lì", "wyl", "WYL"])("%s finds 万雅丽 first", async (q) => {
    const s = await search(q);
    expect(label(s.edges[0])).toBe("Person:万雅丽");
    expect(s.edges[0].matchedField).toBe("NAME_PINYIN");
  });

  test("full pinyin is an exact match, initials and syllable prefixes come after", async () => {
    const full = await search("wang baogang");
    expect(label(full.edges[0])).toBe("Person:王宝刚");
    expect(full.edges[0].snippet).toBe("Wang Baogang");
    expect(await labels("wbg")).toEqual(["Person:王宝刚"]);
    expect(await labels("wang")).toEqual(expect.arrayContaining(["Person:王宝刚", "Person:王原鹏"]));
    expect(await labels("wy")).toEqual(expect.arrayContaining(["Person:万雅丽", "Person:王原鹏"]));
  });

  test("pinyin matches start at a syllable: yali starts one of wan·ya·li, nyal and anya fall inside", async () => {
    expect(await labels("yali")).toContain("Person:万雅丽");
    for (const q of ["nyal", "anya", "nya"]) expect(await labels(q)).not.toContain("Person:万雅丽");
  });

  test("organisation and honour names by pinyin", async () => {
    expect((await labels("qingyuanshizonggonghui"))[0]).toBe("Organisation:清远市总工会");
    expect(await labels("jindianziwang")).toEqual(["Honour:金点子王"]);
  });

  test("a pinyin snippet shows the pinyin as the object shows it (namePinyin), not as the index holds it", async () => {
    for (const q of ["wyl", "wanyali", "wan yali", "Wàn Yǎlì", "yali"]) {
      const [first] = (await search(q)).edges;
      expect([label(first), first.matchedField, first.snippet]).toEqual(["Person:万雅丽", "NAME_PINYIN", "Wan Yali"]);
    }
    const org = (await search("qingyuanshizonggonghui")).edges[0];
    expect([org.matchedField, org.snippet]).toEqual(["NAME_PINYIN", "qing yuan shi zong gong hui"]);
    const honour = (await search("jindianziwang")).edges[0];
    expect([honour.matchedField, honour.snippet]).toEqual(["NAME_PINYIN", "jin dian zi wang"]);
  });

  test("a long pinyin name is shortened around the match, in its display form", async () => {
    const orgs = server.ds.getRepository(Organisation);
    const org = await orgs.save(orgs.create({ name: "广东省清远市英德市某某某某某某某某某某某某职业技术培训中心", kind: "OTHER" as never }));
    try {
      const hit = (await search("yingdeshi")).edges.find((e: any) => e.node.name === org.name);
      expect(hit.matchedField).toBe("NAME_PINYIN");
      expect(hit.snippet).toContain("ying de shi");
      expect(hit.snippet).toMatch(/^….*…$/);
      expect(hit.snippet).not.toContain("yingdeshi");
    } finally {
      await orgs.delete(org.id);
    }
  });
});

describe("matchedField", () => {
  test("is an enum, and every value it lists is one that search gives", async () => {
    // A proposal whose topic alone matches (the seed's topic also occurs in its summary).
    const [{ citationId }] = await server.ds.query(`SELECT "citationId" FROM proposal LIMIT 1`);
    const { id } = await server.ds.getRepository(Proposal).save({ title: "关于食堂的建议", topic: "职工餐饮保障", citationId });
    try {
      const given = new Map<string, string>();
      for (const q of ["万雅丽", "wyl", "焊接机", "高级班长", "校企合作", "共同推动产业发展", "餐饮保障", "labour medal", "新建工会"]) {
        for (const e of (await search(q)).edges) given.set(e.matchedField, `${q} → ${label(e)}`);
      }
      const type = ok(await server.gql(`{ __type(name: "SearchMatchedField") { kind enumValues { name } } }`)).__type;
      expect(type.kind).toBe("ENUM");
      expect([...given.keys()].sort()).toEqual(type.enumValues.map((v: any) => v.name).sort());
      expect(given.get("SUMMARY")).toBe("共同推动产业发展 → Proposal:促进校企合作方面的建议");
      expect(given.get("TOPIC")).toBe("餐饮保障 → Proposal:关于食堂的建议");
      const field = ok(await server.gql(`{ __type(name: "SearchResultEdge") { fields { name type { kind ofType { name } } } } }`)).__type.fields.find(
        (f: any) => f.name === "matchedField",
      );
      expect(field.type).toEqual({ kind: "NON_NULL", ofType: { name: "SearchMatchedField" } });
    } finally {
      await server.ds.getRepository(Proposal).delete(id);
    }
  });
});

describe("search input is literal text", () => {
  test.each([
    "%",
    "_",
    "\\",
    "a%b",
    "清远%",
    "*",
    "NEAR(雅丽 宝刚)",
    "雅丽 OR 宝刚",
    "AND",
    "^万",
    "-",
    ":",
    "'; DROP TABLE person; --",
    "{}",
    "雅\u0000丽",
    "a\u0000b\u0000c",
  ])("%j is text, not syntax", async (q) => {
    const res = await server.gql(SEARCH, { q, first: 10 });
    expect(res.errors).toBeUndefined();
    expect(res.data.search.totalCount).toBe(0);
  });

  test("quotes are text too", async () => {
    expect(await labels('"金点子王"')).toEqual(["Person:王宝刚"]);
    expect(await labels("Workers' Home")).toEqual(["Honour:清远市模范职工之家"]);
  });

  test("an empty or over-long query is refused, naming the field", async () => {
    for (const q of ["", "   ", "\u0000", "长".repeat(201)]) {
      expect(firstError(await server.gql(SEARCH, { q })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "query" });
    }
  });
});

describe("search results page both ways", () => {
  test("forward and backward pages give the same ranked list", async () => {
    const all = (await search("清远")).edges.map(label);
    expect(all.length).toBeGreaterThan(8);
    const forward: string[] = [];
    let after: string | null = null;
    for (;;) {
      const s: any = await search("清远", { first: 4, after });
      forward.push(...s.edges.map(label));
      if (!s.pageInfo.hasNextPage) break;
      after = s.pageInfo.endCursor;
    }
    const backward: string[] = [];
    let before: string | null = null;
    for (;;) {
      const s: any = await search("清远", { last: 4, before });
      backward.unshift(...s.edges.map(label));
      if (!s.pageInfo.hasPreviousPage) break;
      before = s.pageInfo.startCursor;
    }
    expect(forward).toEqual(all);
    expect(backward).toEqual(all);
  });
});

describe("the index follows every write", () => {
  test("insert, rename and delete a person, a position and an organisation", async () => {
    const people = server.ds.getRepository(Person);
    const person = await people.save(people.create({ name: "欧阳娜娜" }));
    expect(await labels("娜娜")).toEqual(["Person:欧阳娜娜"]);
    expect(await labels("ouyang")).toEqual(["Person:欧阳娜娜"]);

    person.name = "欧阳小明";
    await people.save(person);
    expect(await labels("娜娜")).toEqual([]);
    expect(await labels("小明")).toEqual(["Person:欧阳小明"]);
    expect((await search("oyxm")).edges.map(label)).toEqual(["Person:欧阳小明"]);

    const orgs = server.ds.getRepository(Organisation);
    const org = await orgs.findOneByOrFail({ name: "海螺集团" });
    const position = await server.ds.getRepository(Position).save({ personId: person.id, organisationId: org.id, title: "首席质量官" });
    expect((await search("质量官")).edges.map((e: any) => [label(e), e.matchedField])).toEqual([["Person:欧阳小明", "POSITIONS_TITLE"]]);
    await server.ds.getRepository(Position).delete(position.id);
    expect(await labels("质量官")).toEqual([]);

    await people.delete(person.id);
    expect(await labels("小明")).toEqual([]);
    expect(await labels("oyxm")).toEqual([]);

    org.name = "海螺控股集团";
    await orgs.save(org);
    expect(await labels("控股")).toEqual(["Organisation:海螺控股集团"]);
    expect(await labels("haiLuoKongGu")).toEqual(["Organisation:海螺控股集团"]);
  });
});
