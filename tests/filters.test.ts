import { Award, Citation, Honour, Person, Proposal } from "../src/entities";
import { firstError, ok, startTestServer, TestServer } from "./helpers/server";

let server: TestServer;
const ids: Record<string, string> = {};

/** Global ids of seeded records by name, looked up through the API. */
async function lookup() {
  const data = ok(
    await server.gql(`{
    people(first: 100) { nodes { id name } }
    organisations(first: 100) { nodes { id name } }
    honours(first: 100) { nodes { id name } }
    congresses { nodes { id name } }
  }`),
  );
  for (const list of [data.people, data.organisations, data.honours, data.congresses]) for (const n of list.nodes) ids[n.name] = n.id;
}

beforeAll(async () => {
  server = await startTestServer({
    // One synthetic person outside any congress with an award spanning 2019–2021, to test year ranges.
    seed: async (ds) => {
      const person = await ds.getRepository(Person).save(ds.getRepository(Person).create({ name: "测试员" }));
      const honour = await ds.getRepository(Honour).findOneByOrFail({ name: "清远市最美产业工人" });
      const citation = await ds.getRepository(Citation).findOneByOrFail({ quote: "被评为清远市最美产业工人" });
      await ds
        .getRepository(Award)
        .save({ personId: person.id, honourId: honour.id, yearFrom: 2019, yearTo: 2021, times: 3, consecutive: true, citationId: citation.id });
    },
  });
  await lookup();
});
afterAll(() => server.close());

const names = (conn: any) => conn.nodes.map((n: any) => n.name);

async function people(filter: Record<string, unknown>, list = "people") {
  return names(ok(await server.gql(`query ($f: PersonFilter) { ${list}(filter: $f, first: 100) { totalCount nodes { name } } }`, { f: filter }))[list]);
}

describe("PersonFilter", () => {
  test("delegates are exactly the people with a seat", async () => {
    // Pinyin order compares syllable by syllable: wan < wang.
    expect(await people({}, "delegates")).toEqual(["万雅丽", "王宝刚"]);
    expect(await people({})).toEqual(["测试员", "林天晓", "万雅丽", "王宝刚", "王原鹏", "张扬娣"]);
  });

  test("provincial honours among delegates find only 王宝刚; among everyone, the tea-industry models too", async () => {
    expect(await people({ honour: { level: "PROVINCIAL" } }, "delegates")).toEqual(["王宝刚"]);
    expect(await people({ honour: { level: "PROVINCIAL" } })).toEqual(["王宝刚", "王原鹏", "张扬娣"]);
  });

  test("honour by name, id and level together", async () => {
    expect(await people({ honour: { nameContains: "五一" } })).toEqual(["王宝刚", "王原鹏"]);
    expect(await people({ honour: { id: ids["海螺集团优秀工会工作者"] } })).toEqual(["万雅丽"]);
    expect(await people({ honour: { nameContains: "海螺", level: "PROVINCIAL" } })).toEqual([]);
    expect(await people({ honour: { level: "COUNTY" } }, "delegates")).toEqual(["万雅丽"]);
  });

  test("category and conferring body; a provincial May 1st Labour Medal", async () => {
    expect(await people({ honour: { level: "PROVINCIAL", category: "LABOUR_MEDAL" } })).toEqual(["王宝刚", "王原鹏"]);
    expect(await people({ honour: { category: "TRADE_UNION_WORK" } })).toEqual(["万雅丽"]);
    expect(await people({ honour: { conferrer: ids["海螺集团"] } })).toEqual(["万雅丽"]);
    expect(await people({ honour: { conferrer: ids["省质量管理协会"], level: "PROVINCIAL" } })).toEqual(["王宝刚"]);
  });

  test("several honour conditions must all hold, each by some award", async () => {
    expect(await people({ honours: [{ level: "PROVINCIAL" }, { level: "ENTERPRISE" }] })).toEqual(["王宝刚"]);
    expect(await people({ honours: [{ nameContains: "五一" }, { yearFrom: 2017, yearTo: 2017 }] })).toEqual(["王宝刚"]);
    expect(await people({ honours: [{ level: "COUNTY" }, { level: "PROVINCIAL" }] })).toEqual([]);
    // within one HonourMatch the conditions hold for the same award: no 2017 award is a May 1st medal
    expect(await people({ honour: { nameContains: "五一", yearFrom: 2017, yearTo: 2017 } })).toEqual([]);
    expect(await people({ honour: { level: "ENTERPRISE" }, honours: [{ category: "LABOUR_MEDAL" }] }, "delegates")).toEqual(["王宝刚"]);
  });

  test("award years: a single year and an overlapping range", async () => {
    expect(await people({ honour: { yearFrom: 2017, yearTo: 2017 } })).toEqual(["王宝刚"]);
    expect(await people({ honour: { yearFrom: 2020, yearTo: 2020 } })).toEqual(["测试员"]);
    expect(await people({ honour: { yearFrom: 2021 } })).toEqual(["测试员"]);
    expect(await people({ honour: { yearTo: 2018 } })).toEqual(["王宝刚"]);
    expect(await people({ honour: { yearFrom: 2022 } })).toEqual([]);
  });

  test("congress, delegation, employer, proposals", async () => {
    expect(await people({ congress: ids["广东省工会第十五次代表大会"] })).toEqual(["万雅丽", "王宝刚"]);
    expect(await people({ congress: ids["广东省工会第十五次代表大会"], delegation: "清远代表团" })).toEqual([]);
    expect(await people({ employer: ids["约克广州空调冷冻设备有限公司"] })).toEqual(["王宝刚"]);
    expect(await people({ hasProposals: true })).toEqual(["王宝刚"]);
    expect(await people({ hasProposals: false }, "delegates")).toEqual(["万雅丽"]);
  });

  test("name in characters or pinyin, spaces and case ignored", async () => {
    expect(await people({ nameContains: "宝" })).toEqual(["王宝刚"]);
    expect(await people({ nameContains: "wan yali" })).toEqual(["万雅丽"]);
    expect(await people({ nameContains: "WANG" })).toEqual(["王宝刚", "王原鹏"]);
    expect(await people({ nameContains: "%" })).toEqual([]);
    expect(await people({ nameContains: "_" })).toEqual([]);
  });

  test("nameContains matches names as search does: initials, tone marks, pinyin from a syllable on", async () => {
    for (const q of ["wyl", "WYL", "wan yali", "Wàn Yǎlì", "yali"]) {
      expect([q, await people({ nameContains: q }, "delegates")]).toEqual([q, ["万雅丽"]]);
    }
    // inside a syllable is no match, as in search
    for (const q of ["nyal", "anya"]) expect([q, await people({ nameContains: q })]).toEqual([q, []]);
  });

  test("nameContains finds exactly the people search finds by name or pinyin", async () => {
    const SEARCH = `query ($q: String!) { search(query: $q, first: 100) { edges { matchedField node { ... on Person { name } } } } }`;
    for (const q of [
      "宝",
      "王",
      "丽",
      "万雅丽",
      "wan yali",
      "WANG",
      "wyl",
      "wy",
      "ya",
      "yali",
      "nyal",
      "wbg",
      "Wàn Yǎlì",
      "baogang",
      "测试",
      "ceshi",
      "chen",
    ]) {
      const found = ok(await server.gql(SEARCH, { q }))
        .search.edges.filter((e: any) => e.node.name && ["NAME", "NAME_PINYIN"].includes(e.matchedField))
        .map((e: any) => e.node.name);
      expect([q, (await people({ nameContains: q })).sort()]).toEqual([q, found.sort()]);
    }
  });

  test.each([
    [{ employer: "not-an-id" }, "filter.employer"],
    [{ congress: "UGVyc29uOjE=" /* a Person id */ }, "filter.congress"],
    [{ honour: { yearFrom: 3000 } }, "filter.honour.yearFrom"],
    [{ honour: { yearFrom: 2020, yearTo: 2010 } }, "filter.honour.yearFrom"],
    [{ honour: { id: "SG9ub3VyOng=" } }, "filter.honour.id"],
    [{ honours: [{ level: "NATIONAL" }, { conferrer: "nope" }] }, "filter.honours.1.conferrer"],
    [{ honours: [{ yearTo: 1800 }] }, "filter.honours.0.yearTo"],
  ])("bad filter %j → BAD_USER_INPUT naming %s", async (filter, field) => {
    const res = await server.gql(`query ($f: PersonFilter) { people(filter: $f) { totalCount } }`, { f: filter });
    expect(firstError(res).extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(JSON.stringify(res)).not.toMatch(/at .*\.(ts|js):\d+/);
  });
});

describe("other lists", () => {
  test("nameContains ignores the case of Latin letters and takes % and _ literally, on either engine", async () => {
    const create = `mutation ($name: String!) { createOrganisation(input: { name: $name, kind: COMPANY }) { id } }`;
    for (const name of ["Conch Hotel 100%", "CONCH_BAY"]) ok(await server.gql(create, { name }, { authorization: "Bearer test-organiser" }));
    const names = async (text: string) =>
      ok(await server.gql(`query ($t: String!) { organisations(filter: { nameContains: $t }, first: 10) { nodes { name } } }`, { t: text }))
        .organisations.nodes.map((n: { name: string }) => n.name)
        .sort();
    expect(await names("conch")).toEqual(["CONCH_BAY", "Conch Hotel 100%"]);
    expect(await names("0%")).toEqual(["Conch Hotel 100%"]);
    expect(await names("h_b")).toEqual(["CONCH_BAY"]);
    expect(await names("%")).toEqual(["Conch Hotel 100%"]);
  });

  test("honours by level, category and conferrer, with recipient counts", async () => {
    const data = ok(
      await server.gql(`{
      provincial: honours(filter: { level: PROVINCIAL }, first: 100) { totalCount nodes { name } }
      medal: honours(filter: { category: LABOUR_MEDAL }) { nodes { name nameEn recipientCount } }
      conch: honours(filter: { conferrer: "${ids["海螺集团"]}" }) { nodes { name conferrer { name } } }
    }`),
    );
    expect(data.provincial.nodes.map((n: any) => n.name).sort()).toEqual(
      [
        "南粤之星杯竞赛",
        "年度优秀推进者",
        "优秀咨询师",
        "广东省五一劳动奖章",
        "广东省劳动模范",
        "广东省技术能手",
        "广东省劳模和工匠人才创新工作室",
        "广东省女职工创新工作室",
      ].sort(),
    );
    expect(data.medal.nodes).toEqual([{ name: "广东省五一劳动奖章", nameEn: "Guangdong May 1st Labour Medal", recipientCount: 2 }]);
    expect(data.conch.nodes).toEqual([{ name: "海螺集团优秀工会工作者", conferrer: { name: "海螺集团" } }]);
  });

  test("employers are organisations that employ someone listed", async () => {
    const data = ok(await server.gql(`{ employers { totalCount nodes { name kind people { nodes { name } } } } }`));
    expect(data.employers.nodes.map((n: any) => n.name).sort()).toEqual(["清远英德海螺国际大酒店有限公司", "约克广州空调冷冻设备有限公司"].sort());
    const unions = ok(await server.gql(`{ organisations(filter: { kind: TRADE_UNION }) { nodes { name parent { name } people { nodes { name } } } } }`));
    expect(unions.organisations.nodes).toEqual([
      { name: "清远英德海螺国际大酒店有限公司工会", parent: { name: "清远英德海螺国际大酒店有限公司" }, people: { nodes: [{ name: "万雅丽" }] } },
    ]);
  });

  test("proposals by congress, author and text", async () => {
    const q = `query ($f: ProposalFilter) { proposals(filter: $f) { totalCount nodes { title authors { name } } } }`;
    expect(ok(await server.gql(q, { f: { congress: ids["广东省工会第十五次代表大会"] } })).proposals.totalCount).toBe(1);
    expect(ok(await server.gql(q, { f: { author: ids["王宝刚"] } })).proposals.nodes[0].title).toBe("促进校企合作方面的建议");
    expect(ok(await server.gql(q, { f: { author: ids["万雅丽"] } })).proposals.totalCount).toBe(0);
    expect(ok(await server.gql(q, { f: { textContains: "校企" } })).proposals.totalCount).toBe(1);
  });

  test("proposals come in the order the schema documents: oldest entry first unless direction: DESC", async () => {
    const field = ok(await server.gql(`{ __schema { queryType { fields { name description args { name defaultValue } } } } }`)).__schema.queryType.fields.find(
      (f: any) => f.name === "proposals",
    );
    const direction = field.args.find((a: any) => a.name === "direction");
    expect(direction.defaultValue).toBe("ASC");
    expect(field.description).toMatch(/oldest (entry )?first/i);

    const [{ citationId }] = await server.ds.query(`SELECT "citationId" FROM proposal LIMIT 1`);
    const later = [];
    for (const title of ["次序测试甲", "次序测试乙"]) later.push(await server.ds.getRepository(Proposal).save({ title, citationId }));
    try {
      const titles = async (args: string) => ok(await server.gql(`{ proposals${args} { nodes { title } } }`)).proposals.nodes.map((n: any) => n.title);
      expect((await titles("")).slice(-2)).toEqual(["次序测试甲", "次序测试乙"]);
      expect((await titles("(direction: DESC)")).slice(0, 2)).toEqual(["次序测试乙", "次序测试甲"]);
    } finally {
      await server.ds.getRepository(Proposal).delete(later.map((p) => p.id));
    }
  });
});

describe("personFacets", () => {
  const FACETS = `query ($f: PersonFilter) { personFacets(filter: $f) {
    byHonourLevel { key label count } byHonour { key label count } byEmployer { key label count }
    byDelegation { key count } byCongress { key label count } byAwardYear { key count } } }`;
  const asMap = (buckets: any[]) => Object.fromEntries(buckets.map((b) => [b.label, b.count]));

  test("delegates of the 15th congress, counted six ways", async () => {
    const f = ok(await server.gql(FACETS, { f: { congress: ids["广东省工会第十五次代表大会"] } })).personFacets;
    // largest count first, ties by key
    expect(f.byHonourLevel.map((b: any) => [b.key, b.count])).toEqual([
      ["ENTERPRISE", 2],
      ["MUNICIPAL", 2],
      ["COUNTY", 1],
      ["OTHER", 1],
      ["PROVINCIAL", 1],
    ]);
    expect(asMap(f.byEmployer)).toEqual({ 清远英德海螺国际大酒店有限公司: 1, 约克广州空调冷冻设备有限公司: 1 });
    expect(f.byCongress).toEqual([{ key: ids["广东省工会第十五次代表大会"], label: "广东省工会第十五次代表大会", count: 2 }]);
    expect(f.byDelegation).toEqual([]);
    expect(f.byAwardYear).toEqual([{ key: "2017", count: 1 }]);
    expect(asMap(f.byHonour)["金点子王"]).toBe(1);
    expect(f.byHonour.find((b: any) => b.label === "金点子王").key).toBe(ids["金点子王"]);
  });

  test("without a filter; a range counts in each of its years", async () => {
    const f = ok(await server.gql(FACETS)).personFacets;
    expect(asMap(f.byHonourLevel)["省级 Provincial"]).toBe(3);
    expect(asMap(f.byHonour)["广东省五一劳动奖章"]).toBe(2);
    expect(f.byAwardYear.map((b: any) => b.key).sort()).toEqual(["2017", "2019", "2020", "2021"]);
  });

  test("the facets are counted in memory (src/services/facet-index.ts): a request reads the data version and whom the filter selects, not a row per facet", async () => {
    await server.gql(FACETS); // the index is read once, then again only after a write
    for (const f of [null, { congress: ids["广东省工会第十五次代表大会"] }, { honours: [{ level: "PROVINCIAL" }, { nameContains: "劳动" }] }]) {
      const six = await server.countStatements(() => server.gql(FACETS, { f }));
      const one = await server.countStatements(() => server.gql(`query ($f: PersonFilter) { personFacets(filter: $f) { byCongress { key } } }`, { f }));
      expect(six.filter((sql) => /GROUP BY|json_group_array\(json_array\(key/.test(sql))).toEqual([]);
      expect(six.filter((sql) => /data_version/.test(sql))).toHaveLength(1);
      // how many statements depends on the filter (honour conditions: one per condition, on the honour table), not on the facets asked
      expect(six.length).toBeLessThanOrEqual(3);
      expect(one).toEqual(six);
    }
  });

  test("a facet not asked is not counted, and answers as it does beside the others", async () => {
    const all = ok(await server.gql(FACETS)).personFacets;
    let data: any;
    const statements = await server.countStatements(async () => {
      data = ok(await server.gql(`{ personFacets { ...Levels } } fragment Levels on PersonFacets { byHonourLevel { key label count } }`));
    });
    expect(data.personFacets).toEqual({ byHonourLevel: all.byHonourLevel });
    // no table is read for it: the index in memory answers
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/data_version/);
  });

  test("first: the largest buckets, in the order of the full list", async () => {
    const all = ok(await server.gql(FACETS)).personFacets;
    expect(all.byHonour.length).toBeGreaterThan(3);
    let data: any;
    const statements = await server.countStatements(async () => {
      data = ok(
        await server.gql(`{ personFacets {
        top: byHonour(first: 3) { key label count } rest: byHonour { key label count } none: byHonourLevel(first: 0) { key }
        years: byAwardYear(first: 2) { key count } } }`),
      ).personFacets;
    });
    // one read of the data version, for all the fields
    expect(statements).toHaveLength(1);
    expect(data.top).toEqual(all.byHonour.slice(0, 3));
    expect(data.rest).toEqual(all.byHonour);
    expect(data.none).toEqual([]);
    expect(data.years).toEqual(all.byAwardYear.slice(0, 2));
  });

  test("the statement does not depend on the order the fields come in", async () => {
    const [a, b] = [
      await server.countStatements(() => server.gql(`{ personFacets { byCongress { key } byHonourLevel { key } } }`)),
      await server.countStatements(() => server.gql(`{ personFacets { byHonourLevel { key } byCongress { key } } }`)),
    ];
    expect(a).toHaveLength(1);
    expect(b).toEqual(a);
  });

  test("a negative first is refused, naming the argument", async () => {
    const error = firstError(await server.gql(`{ personFacets { byEmployer(first: -1) { key } } }`));
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    expect(error.message).toMatch(/first must not be negative/);
  });

  test("counts follow the filter", async () => {
    const f = ok(await server.gql(FACETS, { f: { honour: { nameContains: "五一" } } })).personFacets;
    expect(asMap(f.byHonour)).toMatchObject({ 广东省五一劳动奖章: 2, 金点子王: 1 });
    expect(f.byCongress[0].count).toBe(1);
  });
});

describe("a delegation filter", () => {
  const ORGANISER = { authorization: "Bearer test-organiser" };
  const seatOf = async (name: string): Promise<string> => {
    const data = ok(await server.gql(`query ($id: ID!) { node(id: $id) { ... on Person { seats { id } } } }`, { id: ids[name] }));
    return data.node.seats[0].id;
  };
  const setDelegation = async (seat: string, delegation: string | null) =>
    ok(await server.gql(`mutation ($id: ID!, $d: String) { updateSeat(id: $id, input: { delegation: $d }) { id } }`, { id: seat, d: delegation }, ORGANISER));

  test("finds the delegation as stored whatever spaces at its ends or invisible characters the value carries; blank is no condition", async () => {
    const seat = await seatOf("万雅丽");
    await setDelegation(seat, "清远代表团");
    try {
      for (const delegation of ["清远代表团", " 清远代表团 ", "清远\u200b代表团", "\t清远代表团\n"]) {
        expect([delegation, await people({ delegation })]).toEqual([delegation, ["万雅丽"]]);
        expect([delegation, await people({ delegation }, "delegates")]).toEqual([delegation, ["万雅丽"]]);
      }
      expect(await people({ delegation: "清远 代表团" })).toEqual([]);
      expect(await people({ delegation: "" }, "delegates")).toEqual(["万雅丽", "王宝刚"]);
      expect(await people({ delegation: "   " }, "delegates")).toEqual(["万雅丽", "王宝刚"]);
    } finally {
      await setDelegation(seat, null);
    }
  });

  test("text no delegation can hold is refused, naming the filter's field", async () => {
    const res = await server.gql(`query ($f: PersonFilter) { people(filter: $f) { totalCount } }`, { f: { delegation: "清远\u0007代表团" } });
    expect(firstError(res).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.delegation" });
  });
});
