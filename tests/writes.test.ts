import { dumpDatabase } from "./helpers/db";
import { firstError, ok, startTestServer, TestServer } from "./helpers/server";

const ORGANISER = { authorization: "Bearer test-organiser" };
const ADMIN = { authorization: "Bearer test-admin" };

let server: TestServer;
let ids: Record<string, string>;
let reportId: string;

beforeAll(async () => {
  server = await startTestServer();
  const data = ok(
    await server.gql(`{
    people(first: 100) { nodes { id name } } organisations(first: 100) { nodes { id name } }
    honours(first: 100) { nodes { id name } } congresses { nodes { id name } } sourceDocuments { nodes { id } }
  }`),
  );
  ids = {};
  for (const list of [data.people, data.organisations, data.honours, data.congresses]) for (const n of list.nodes) ids[n.name] = n.id;
  reportId = data.sourceDocuments.nodes[0].id;
});
afterAll(() => server.close());

const CREATE = `mutation ($input: CreatePersonInput!) { createPerson(input: $input) { id name namePinyin } }`;

/** A source document to cite, made through the API. */
const createDocument = async (title: string, text: string): Promise<{ id: string }> =>
  ok(await server.gql(`mutation ($t: String!, $x: String!) { createSourceDocument(input: { title: $t, text: $x }) { id } }`, { t: title, x: text }, ORGANISER))
    .createSourceDocument;

describe("who may write (the contract's table)", () => {
  test("no token: UNAUTHENTICATED, nothing written", async () => {
    const before = await dumpDatabase(server.ds);
    const res = await server.gql(CREATE, { input: { name: "李四" } });
    expect(firstError(res).extensions).toEqual({ code: "UNAUTHENTICATED" });
    expect(res.data).toBeNull();
    expect(await dumpDatabase(server.ds)).toEqual(before);
  });

  test("an unknown token, or a malformed header: UNAUTHENTICATED, nothing written", async () => {
    const before = await dumpDatabase(server.ds);
    for (const authorization of ["Bearer not-a-token", "Basic dXNlcjpwYXNz", "Bearer"]) {
      const res = await server.gql(CREATE, { input: { name: "李四" } }, { authorization });
      expect(firstError(res).extensions).toEqual({ code: "UNAUTHENTICATED" });
    }
    expect(await dumpDatabase(server.ds)).toEqual(before);
  });

  test("reads need no token, and a wrong token on a read is simply anonymous", async () => {
    expect(ok(await server.gql(`{ delegates { totalCount } }`, {}, { authorization: "Bearer nope" })).delegates.totalCount).toBe(2);
  });

  test("a role that may not do it: FORBIDDEN, nothing written", async () => {
    const before = await dumpDatabase(server.ds);
    const res = await server.gql(`mutation ($id: ID!) { deletePerson(id: $id) }`, { id: ids["王宝刚"] }, ORGANISER);
    expect(firstError(res).extensions).toEqual({ code: "FORBIDDEN" });
    expect(firstError(await server.gql(`{ auditLog { totalCount } }`, {}, ORGANISER)).extensions).toEqual({ code: "FORBIDDEN" });
    expect(await dumpDatabase(server.ds)).toEqual(before);
  });

  test.each([
    ["an empty name", CREATE, { input: { name: "   " } }, "input.name"],
    ["an over-long name", CREATE, { input: { name: "长".repeat(101) } }, "input.name"],
    ["an unknown employer id", CREATE, { input: { name: "李四", employer: Buffer.from("Organisation:9999").toString("base64") } }, "input.employer"],
    ["an id of the wrong type", CREATE, { input: { name: "李四", employer: Buffer.from("Person:1").toString("base64") } }, "input.employer"],
    ["a negative tenure", CREATE, { input: { name: "李四", yearsOfService: -1 } }, "input.yearsOfService"],
    ["a quote the document does not hold", CREATE, { input: { name: "李四", citation: { document: "DOC", quote: "李四是劳动模范" } } }, "input.citation.quote"],
  ])("invalid input (%s): BAD_USER_INPUT naming the field, nothing written", async (_label, query, variables, field) => {
    const before = await dumpDatabase(server.ds);
    const vars = JSON.parse(JSON.stringify(variables).replace('"DOC"', JSON.stringify(reportId)));
    const res = await server.gql(query, vars, ORGANISER);
    expect(firstError(res).extensions).toEqual({ code: "BAD_USER_INPUT", field });
    expect(await dumpDatabase(server.ds)).toEqual(before);
  });

  test("a year outside 1949–next year is refused wherever a year goes", async () => {
    const next = new Date().getUTCFullYear() + 1;
    const grant = `mutation ($input: GrantAwardInput!) { grantAward(input: $input) { id } }`;
    const input = { honour: ids["金点子王"], person: ids["王宝刚"], citation: { document: reportId, quote: '4次获得公司年度"金点子王"称号' } };
    for (const [year, ok_] of [
      [3000, false],
      [1948, false],
      [next + 1, false],
      [next, true],
      [1949, true],
    ] as const) {
      const res = await server.gql(grant, { input: { ...input, year } }, ORGANISER);
      if (ok_) expect(res.errors).toBeUndefined();
      else expect(firstError(res).extensions).toEqual({ code: "BAD_USER_INPUT", field: "input.year" });
    }
    const congress = await server.gql(`mutation { createCongress(input: { name: "测试大会", year: 3000 }) { id } }`, {}, ORGANISER);
    expect(firstError(congress).extensions).toEqual({ code: "BAD_USER_INPUT", field: "input.year" });
    const end = await server.gql(
      `mutation ($id: ID!) { endPosition(id: $id, yearTo: 1900) { id } }`,
      { id: Buffer.from("Position:1").toString("base64") },
      ORGANISER,
    );
    expect(firstError(end).extensions).toEqual({ code: "BAD_USER_INPUT", field: "yearTo" });
    // A date's year too: a document's day of publication.
    const document = `mutation ($d: Date) { createSourceDocument(input: { title: "测试日期", text: "测试", publishedOn: $d }) { publishedOn } }`;
    for (const [day, ok_] of [
      ["9999-12-31", false],
      ["0000-01-01", false],
      ["1948-12-31", false],
      [`${next + 1}-01-01`, false],
      [`${next}-12-31`, true],
      ["1949-10-01", true],
    ] as const) {
      const res = await server.gql(document, { d: day }, ORGANISER);
      if (ok_) expect(ok(res).createSourceDocument).toEqual({ publishedOn: day });
      else expect(firstError(res).extensions).toEqual({ code: "BAD_USER_INPUT", field: "input.publishedOn" });
    }
  });

  test("an award needs exactly one recipient", async () => {
    const grant = `mutation ($input: GrantAwardInput!) { grantAward(input: $input) { id } }`;
    const base = { honour: ids["金点子王"], citation: { document: reportId, quote: "金点子王" } };
    for (const recipients of [{}, { person: ids["王宝刚"], organisation: ids["清远市总工会"] }]) {
      const res = await server.gql(grant, { input: { ...base, ...recipients } }, ORGANISER);
      expect(firstError(res).extensions).toEqual({ code: "BAD_USER_INPUT", field: "input.person" });
    }
  });

  test("an award is counted (times) or repeated without a count (多次), not both; nothing written", async () => {
    const grant = `mutation ($input: GrantAwardInput!) { grantAward(input: $input) { times repeated } }`;
    const base = { honour: ids["金点子王"], person: ids["王宝刚"], citation: { document: reportId, quote: '4次获得公司年度"金点子王"称号' } };
    const before = await dumpDatabase(server.ds);
    const both = firstError(await server.gql(grant, { input: { ...base, times: 3, repeated: true } }, ORGANISER));
    expect(both.extensions).toEqual({ code: "BAD_USER_INPUT", field: "input.repeated" });
    expect(await dumpDatabase(server.ds)).toEqual(before);
    expect(ok(await server.gql(grant, { input: { ...base, times: 4 } }, ORGANISER)).grantAward).toEqual({ times: 4, repeated: false });
    expect(ok(await server.gql(grant, { input: { ...base, repeated: true } }, ORGANISER)).grantAward).toEqual({ times: null, repeated: true });
  });
});

describe("mutations for every type", () => {
  test("people: create, correct, delete (admin), with pinyin derived and the index following", async () => {
    const created = ok(
      await server.gql(
        CREATE,
        {
          input: {
            name: "欧阳娜娜",
            gender: "FEMALE",
            employer: ids["约克广州空调冷冻设备有限公司"],
            citation: { document: reportId, quote: "约克广州空调冷冻设备有限公司" },
          },
        },
        ORGANISER,
      ),
    ).createPerson;
    expect(created).toMatchObject({ name: "欧阳娜娜", namePinyin: "Ouyang Nana" });
    const updated = ok(
      await server.gql(
        `mutation ($id: ID!) { updatePerson(id: $id, input: { name: "欧阳娜", yearsOfService: 3, gender: null }) { name namePinyin gender yearsOfService employer { name } sources { quote } } }`,
        { id: created.id },
        ORGANISER,
      ),
    ).updatePerson;
    expect(updated).toEqual({
      name: "欧阳娜",
      namePinyin: "Ouyang Na",
      gender: null,
      yearsOfService: 3,
      employer: { name: "约克广州空调冷冻设备有限公司" },
      sources: [{ quote: "约克广州空调冷冻设备有限公司" }],
    });
    expect(ok(await server.gql(`{ search(query: "oyn") { nodes { ... on Person { name } } } }`)).search.nodes).toEqual([{ name: "欧阳娜" }]);
    expect(ok(await server.gql(`mutation ($id: ID!) { deletePerson(id: $id) }`, { id: created.id }, ADMIN)).deletePerson).toBe(created.id);
    expect(ok(await server.gql(`query ($id: ID!) { person(id: $id) { id } }`, { id: created.id })).person).toBeNull();
    expect(firstError(await server.gql(`mutation ($id: ID!) { deletePerson(id: $id) }`, { id: created.id }, ADMIN)).extensions).toEqual({
      code: "BAD_USER_INPUT",
      field: "id",
    });
  });

  test("organisations: create under a parent, no cycles, delete", async () => {
    const union = ok(
      await server.gql(
        `mutation ($p: ID!) { createOrganisation(input: { name: "约克广州空调冷冻设备有限公司工会", kind: TRADE_UNION, parent: $p }) { id parent { name } } }`,
        { p: ids["约克广州空调冷冻设备有限公司"] },
        ORGANISER,
      ),
    ).createOrganisation;
    expect(union.parent.name).toBe("约克广州空调冷冻设备有限公司");
    const cycle = await server.gql(
      `mutation ($id: ID!, $p: ID!) { updateOrganisation(id: $id, input: { parent: $p }) { id } }`,
      { id: ids["约克广州空调冷冻设备有限公司"], p: union.id },
      ORGANISER,
    );
    expect(firstError(cycle).extensions).toEqual({ code: "BAD_USER_INPUT", field: "input.parent" });
    expect(
      ok(await server.gql(`mutation ($id: ID!) { updateOrganisation(id: $id, input: { region: "广州" }) { region kind } }`, { id: union.id }, ORGANISER))
        .updateOrganisation,
    ).toEqual({ region: "广州", kind: "TRADE_UNION" });
    expect(ok(await server.gql(`mutation ($id: ID!) { deleteOrganisation(id: $id) }`, { id: union.id }, ADMIN)).deleteOrganisation).toBe(union.id);
  });

  test("honours and congresses: create, correct, delete", async () => {
    const honour = ok(
      await server.gql(
        `mutation { createHonour(input: { name: "全国五一劳动奖章", level: NATIONAL, category: LABOUR_MEDAL }) { id level category } }`,
        {},
        ORGANISER,
      ),
    ).createHonour;
    expect(honour).toMatchObject({ level: "NATIONAL", category: "LABOUR_MEDAL" });
    expect(
      ok(
        await server.gql(
          `mutation ($id: ID!, $c: ID!) { updateHonour(id: $id, input: { nameEn: "National May 1st Labour Medal", conferrer: $c }) { nameEn conferrer { name } } }`,
          { id: honour.id, c: ids["全国总工会"] },
          ORGANISER,
        ),
      ).updateHonour,
    ).toEqual({ nameEn: "National May 1st Labour Medal", conferrer: { name: "全国总工会" } });
    const congress = ok(
      await server.gql(
        `mutation { createCongress(input: { name: "清远市工会第八次代表大会", session: 8, level: MUNICIPAL, region: "清远市", year: 2026 }) { id session } }`,
        {},
        ORGANISER,
      ),
    ).createCongress;
    expect(
      ok(
        await server.gql(
          `mutation ($id: ID!) { updateCongress(id: $id, input: { nameEn: "8th Qingyuan Congress" }) { nameEn session } }`,
          { id: congress.id },
          ORGANISER,
        ),
      ).updateCongress,
    ).toEqual({ nameEn: "8th Qingyuan Congress", session: 8 });
    for (const [m, id] of [
      ["deleteHonour", honour.id],
      ["deleteCongress", congress.id],
    ]) {
      expect(ok(await server.gql(`mutation ($id: ID!) { ${m}(id: $id) }`, { id }, ADMIN))[m]).toBe(id);
    }
  });

  test("awards, positions and seats: grant and revoke, add and end", async () => {
    const award = ok(
      await server.gql(
        `mutation ($input: GrantAwardInput!) { grantAward(input: $input) { id yearFrom yearTo year times consecutive recipient { ... on Person { name } } source { quote } } }`,
        {
          input: {
            honour: ids["清远市最美产业工人"],
            person: ids["万雅丽"],
            yearFrom: 2022,
            yearTo: 2024,
            times: 3,
            consecutive: true,
            citation: { document: reportId, quote: "清远市最美产业工人" },
          },
        },
        ORGANISER,
      ),
    ).grantAward;
    expect(award).toMatchObject({ yearFrom: 2022, yearTo: 2024, year: null, times: 3, consecutive: true, recipient: { name: "万雅丽" } });
    expect(
      ok(await server.gql(`query ($f: PersonFilter) { people(filter: $f) { nodes { name } } }`, { f: { honour: { yearFrom: 2023, yearTo: 2023 } } })).people
        .nodes,
    ).toEqual([{ name: "万雅丽" }]);
    expect(ok(await server.gql(`mutation ($id: ID!) { revokeAward(id: $id) }`, { id: award.id }, ORGANISER)).revokeAward).toBe(award.id);

    const position = ok(
      await server.gql(
        `mutation ($p: ID!, $o: ID!) { addPosition(input: { person: $p, organisation: $o, title: "监事", yearFrom: 2020 }) { id title current } }`,
        { p: ids["万雅丽"], o: ids["清远英德海螺国际大酒店有限公司"] },
        ORGANISER,
      ),
    ).addPosition;
    expect(position).toMatchObject({ title: "监事", current: true });
    expect(
      firstError(await server.gql(`mutation ($id: ID!) { endPosition(id: $id, yearTo: 2019) { id } }`, { id: position.id }, ORGANISER)).extensions,
    ).toEqual({ code: "BAD_USER_INPUT", field: "yearTo" });
    expect(
      ok(await server.gql(`mutation ($id: ID!) { endPosition(id: $id, yearTo: 2025) { current yearTo } }`, { id: position.id }, ORGANISER)).endPosition,
    ).toEqual({ current: false, yearTo: 2025 });

    const twice = await server.gql(
      `mutation ($p: ID!, $c: ID!) { addSeat(input: { person: $p, congress: $c }) { id } }`,
      { p: ids["万雅丽"], c: ids["广东省工会第十五次代表大会"] },
      ORGANISER,
    );
    expect(firstError(twice).extensions).toEqual({ code: "BAD_USER_INPUT", field: "input.person" });
    const seatId = ok(await server.gql(`query ($id: ID!) { person(id: $id) { seats { id } } }`, { id: ids["万雅丽"] })).person.seats[0].id;
    expect(
      ok(await server.gql(`mutation ($id: ID!) { updateSeat(id: $id, input: { delegation: "清远代表团" }) { delegation } }`, { id: seatId }, ORGANISER))
        .updateSeat,
    ).toEqual({ delegation: "清远代表团" });
    expect(
      ok(
        await server.gql(`query ($c: ID!) { delegates(filter: { congress: $c, delegation: "清远代表团" }) { nodes { name } } }`, {
          c: ids["广东省工会第十五次代表大会"],
        }),
      ).delegates.nodes,
    ).toEqual([{ name: "万雅丽" }]);
    expect(
      ok(await server.gql(`mutation ($id: ID!) { updateSeat(id: $id, input: { delegation: null }) { delegation } }`, { id: seatId }, ORGANISER)).updateSeat,
    ).toEqual({ delegation: null });
  });

  test("proposals with authors, and documents to cite", async () => {
    const doc = await createDocument("会议纪要", "万雅丽、王宝刚联名提出关于职工心理健康服务的建议。");
    const proposal = ok(
      await server.gql(
        `mutation ($input: CreateProposalInput!) { createProposal(input: $input) { id title authors { name } congress { name } source { quote document { title } } } }`,
        {
          input: {
            title: "关于职工心理健康服务的建议",
            congress: ids["广东省工会第十五次代表大会"],
            authors: [ids["万雅丽"], ids["王宝刚"]],
            citation: { document: doc.id, quote: "联名提出关于职工心理健康服务的建议" },
          },
        },
        ORGANISER,
      ),
    ).createProposal;
    expect(proposal.authors.map((a: any) => a.name).sort()).toEqual(["万雅丽", "王宝刚"].sort());
    expect(proposal.source.document.title).toBe("会议纪要");
    const fewer = ok(
      await server.gql(
        `mutation ($id: ID!, $a: [ID!]) { updateProposal(id: $id, input: { authors: $a, topic: "心理健康" }) { authors { name } topic } }`,
        { id: proposal.id, a: [ids["万雅丽"]] },
        ORGANISER,
      ),
    ).updateProposal;
    expect(fewer).toEqual({ authors: [{ name: "万雅丽" }], topic: "心理健康" });
    expect(
      ok(await server.gql(`query ($f: PersonFilter) { delegates(filter: $f) { nodes { name } } }`, { f: { hasProposals: true } })).delegates.nodes,
    ).toEqual([{ name: "万雅丽" }, { name: "王宝刚" }]);
    expect(
      firstError(
        await server.gql(
          `mutation ($input: CreateProposalInput!) { createProposal(input: $input) { id } }`,
          {
            input: { title: "x", authors: [], citation: { document: doc.id, quote: "建议" } },
          },
          ORGANISER,
        ),
      ).extensions,
    ).toEqual({ code: "BAD_USER_INPUT", field: "input.authors" });
    expect(ok(await server.gql(`mutation ($id: ID!) { deleteProposal(id: $id) }`, { id: proposal.id }, ORGANISER)).deleteProposal).toBe(proposal.id);
  });
});

describe("a proposal keeps an author", () => {
  test("deleting a proposal's only author is refused, naming the proposal, nothing written; a co-author may go", async () => {
    const doc = await createDocument("提案汇编", "甲乙联名提出一项建议，甲独自提出另一项建议。");
    const [sole, co] = await Promise.all(
      ["测试甲", "测试乙"].map(async (name) => ok(await server.gql(CREATE, { input: { name } }, ORGANISER)).createPerson.id),
    );
    const propose = async (title: string, authors: string[]) =>
      ok(
        await server.gql(
          `mutation ($input: CreateProposalInput!) { createProposal(input: $input) { id } }`,
          { input: { title, authors, citation: { document: doc.id, quote: "建议" } } },
          ORGANISER,
        ),
      ).createProposal.id;
    const joint = await propose("联名建议", [sole, co]);
    await propose("独自建议", [sole]);
    const before = await dumpDatabase(server.ds);
    const refused = firstError(await server.gql(`mutation ($id: ID!) { deletePerson(id: $id) }`, { id: sole }, ADMIN));
    expect(refused.extensions).toEqual({ code: "BAD_USER_INPUT", field: "id" });
    expect(refused.message).toMatch(/^id: 测试甲 is the only author of 1 proposal \(独自建议\)/);
    expect(await dumpDatabase(server.ds)).toEqual(before);
    // A co-author may go: the joint proposal keeps its other author.
    expect(ok(await server.gql(`mutation ($id: ID!) { deletePerson(id: $id) }`, { id: co }, ADMIN)).deletePerson).toBe(co);
    const kept = ok(await server.gql(`query ($id: ID!) { node(id: $id) { ... on Proposal { authors { name } } } }`, { id: joint })).node;
    expect(kept).toEqual({ authors: [{ name: "测试甲" }] });
  });
});

describe("names are clean text", () => {
  const ZW = "\u200b";
  const ZWJ = "\u200d";

  test("identifying text is NFC with invisible characters and surrounding space taken out; pinyin follows the clean name", async () => {
    const person = ok(await server.gql(CREATE, { input: { name: ` 王${ZW}宝${ZWJ}刚\u2060 ` } }, ORGANISER)).createPerson;
    expect(person).toMatchObject({ name: "王宝刚", namePinyin: "Wang Baogang" });
    // the same rules for every identifying field: organisation, honour and congress names, titles, delegations
    const org = ok(
      await server.gql(
        `mutation ($n: String!) { createOrganisation(input: { name: $n, kind: COMPANY }) { id name } }`,
        { n: `\u202e测试${ZW}科技\u202c有限公司` },
        ORGANISER,
      ),
    ).createOrganisation;
    expect(org.name).toBe("测试科技有限公司");
    const honour = ok(
      await server.gql(`mutation ($n: String!) { createHonour(input: { name: $n, level: OTHER }) { name } }`, { n: `\ufeff测试\u00ad奖` }, ORGANISER),
    ).createHonour;
    expect(honour.name).toBe("测试奖");
    const congress = ok(
      await server.gql(`mutation ($n: String!) { createCongress(input: { name: $n }) { id name } }`, { n: `测试${ZW}大会` }, ORGANISER),
    ).createCongress;
    expect(congress.name).toBe("测试大会");
    const position = ok(
      await server.gql(
        `mutation ($p: ID!, $o: ID!, $t: String!) { addPosition(input: { person: $p, organisation: $o, title: $t }) { title } }`,
        { p: person.id, o: org.id, t: `技${ZWJ}师` },
        ORGANISER,
      ),
    ).addPosition;
    expect(position.title).toBe("技师");
    const seat = ok(
      await server.gql(
        `mutation ($p: ID!, $c: ID!, $d: String) { addSeat(input: { person: $p, congress: $c, delegation: $d }) { id delegation } }`,
        { p: person.id, c: congress.id, d: `清远\t代表团${ZW}` },
        ORGANISER,
      ),
    ).addSeat;
    expect(seat.delegation).toBe("清远 代表团");
    const renamed = ok(
      await server.gql(
        `mutation ($id: ID!, $n: String) { updatePerson(id: $id, input: { name: $n }) { name } }`,
        { id: person.id, n: "Jose\u0301 Garci\u0301a" },
        ORGANISER,
      ),
    ).updatePerson;
    expect(renamed.name).toBe("José García");
    expect(renamed.name).toHaveLength(11);
  });

  test("a name in Latin letters gets itself as its pinyin", async () => {
    const person = ok(await server.gql(CREATE, { input: { name: "Anna  Mu\u0308ller" } }, ORGANISER)).createPerson;
    expect(person).toMatchObject({ name: "Anna Müller", namePinyin: "Anna Müller" });
    expect(ok(await server.gql(`{ search(query: "anna") { nodes { ... on Person { name } } } }`)).search.nodes).toContainEqual({ name: "Anna Müller" });
  });

  test.each([
    ["a Chinese name padded with a space", "张 扬娣", "Zhang Yangdi", "zhangyangdi"],
    ["a Chinese name padded with an ideographic space", "王\u3000刚", "Wang Gang", "wanggang"],
    ["a transliterated name, its parts joined by a middle dot", "阿依古丽·买买提", "Ayiguli Maimaiti", "maimaiti"],
    ["a character outside the basic CJK block", "王\u{2c317}", "Wang He", "wanghe"],
    ["a surname outside the basic CJK block", "\u{2c317}王刚", "He Wanggang", "hewanggang"],
    ["a Chinese surname before a given name in Latin letters", "李ming", "Li Ming", "liming"],
    ["a Chinese name with a Latin suffix, kept as written", "王刚Jr.", "Wang Gang Jr.", "wanggangjr"],
    ["a Chinese surname before a Latin given name, its capitals kept", "李McDonald", "Li McDonald", "limcdonald"],
    ["a Latin name in full-width letters", "\uff37\uff41\uff4e\uff47 \uff2c\uff49\uff4e", "Wang Lin", "wanglin"],
  ])("%s gets its pinyin, and search finds it by it", async (_label, name, pinyin, query) => {
    const person = ok(await server.gql(CREATE, { input: { name } }, ORGANISER)).createPerson;
    expect(person.namePinyin).toBe(pinyin);
    const found = ok(await server.gql(`query ($q: String!) { search(query: $q) { nodes { ... on Person { id } } } }`, { q: query })).search.nodes;
    expect(found).toContainEqual({ id: person.id });
  });

  test.each([
    ["nothing but invisible characters", CREATE, { input: { name: `${ZW}${ZWJ}\u2060\u202e` } }, "input.name"],
    ["a NUL", CREATE, { input: { name: "李\u0000四" } }, "input.name"],
    ["an escape character", CREATE, { input: { name: "李\u001b[31m四" } }, "input.name"],
    ["a lone surrogate", CREATE, { input: { name: "李\ud800四" } }, "input.name"],
    ["a NUL in a biography", CREATE, { input: { name: "李四", biography: "劳动\u0000模范" } }, "input.biography"],
    ["a lone surrogate in a biography", CREATE, { input: { name: "李四", biography: "\udc00" } }, "input.biography"],
    [
      "a NUL in an organisation name",
      `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`,
      { input: { name: "甲\u0000公司", kind: "COMPANY" } },
      "input.name",
    ],
    [
      "an invisible title",
      `mutation ($input: AddPositionInput!) { addPosition(input: $input) { id } }`,
      { input: { person: "PERSON", organisation: "ORG", title: ZW } },
      "input.title",
    ],
    [
      "a NUL in a delegation",
      `mutation ($input: AddSeatInput!) { addSeat(input: $input) { id } }`,
      { input: { person: "SEATLESS", congress: "CONGRESS", delegation: "一团\u0000" } },
      "input.delegation",
    ],
  ])("refused: %s, as BAD_USER_INPUT naming the field, nothing written", async (_label, query, variables, field) => {
    const before = await dumpDatabase(server.ds);
    const vars = JSON.parse(
      JSON.stringify(variables)
        .replace('"DOC"', JSON.stringify(reportId))
        .replace('"PERSON"', JSON.stringify(ids["万雅丽"]))
        .replace('"SEATLESS"', JSON.stringify(ids["张扬娣"]))
        .replace('"ORG"', JSON.stringify(ids["清远市总工会"]))
        .replace('"CONGRESS"', JSON.stringify(ids["广东省工会第十五次代表大会"])),
    );
    const res = await server.gql(query, vars, ORGANISER);
    expect(firstError(res).extensions).toEqual({ code: "BAD_USER_INPUT", field });
    expect(firstError(res).message).toMatch(new RegExp(`^${field.replace(/\./g, "\\.")}: `));
    expect(await dumpDatabase(server.ds)).toEqual(before);
  });
});

describe("all or nothing, one at a time", () => {
  test("a mutation that fails half-way leaves the database exactly as it was", async () => {
    const before = await dumpDatabase(server.ds);
    // The proposal row is inserted before the second author turns out not to exist.
    const res = await server.gql(
      `mutation ($input: CreateProposalInput!) { createProposal(input: $input) { id } }`,
      {
        input: {
          title: "半途而废的建议",
          authors: [ids["王宝刚"], Buffer.from("Person:99999").toString("base64")],
          citation: { document: reportId, quote: "校企合作" },
        },
      },
      ORGANISER,
    );
    expect(firstError(res).extensions).toEqual({ code: "BAD_USER_INPUT", field: "input.authors.1" });
    expect(await dumpDatabase(server.ds)).toEqual(before);
  });

  test("50 concurrent mutations all land, with no busy or nested-transaction error", async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        i % 2
          ? server.gql(CREATE, { input: { name: `并发${i}` } }, ORGANISER)
          : server.gql(
              `mutation ($id: ID!, $n: Int) { updatePerson(id: $id, input: { yearsOfService: $n }) { yearsOfService } }`,
              { id: ids["王宝刚"], n: i },
              ORGANISER,
            ),
      ),
    );
    for (const res of results) expect(res.errors).toBeUndefined();
    const made = ok(await server.gql(`{ people(filter: { nameContains: "并发" }, first: 100) { totalCount } }`));
    expect(made.people.totalCount).toBe(25);
    const audit = ok(await server.gql(`query ($r: ID!) { auditLog(filter: { record: $r }, first: 100) { totalCount } }`, { r: ids["王宝刚"] }, ADMIN));
    expect(audit.auditLog.totalCount).toBeGreaterThanOrEqual(25);
  });
});

describe("audit trail", () => {
  test("records who, when, what, before and after; admins read it, filtered by record and token", async () => {
    const person = ok(await server.gql(CREATE, { input: { name: "审计员" } }, ORGANISER)).createPerson;
    await server.gql(`mutation ($id: ID!) { updatePerson(id: $id, input: { yearsOfService: 7 }) { id } }`, { id: person.id }, ORGANISER);
    await server.gql(`mutation ($id: ID!) { deletePerson(id: $id) }`, { id: person.id }, ADMIN);
    const log = ok(
      await server.gql(
        `query ($r: ID!) { auditLog(filter: { record: $r }) { totalCount nodes { at actor role action recordType record before after } } }`,
        { r: person.id },
        ADMIN,
      ),
    ).auditLog;
    expect(log.nodes.map((e: any) => [e.action, e.actor, e.role])).toEqual([
      ["deletePerson", "env:admin#2", "ADMIN"],
      ["updatePerson", "env:organiser#1", "ORGANISER"],
      ["createPerson", "env:organiser#1", "ORGANISER"],
    ]);
    const [del, upd, cre] = log.nodes;
    expect(cre.before).toBeNull();
    expect(cre.after).toMatchObject({ name: "审计员", namePinyin: "Shen Jiyuan" });
    expect(upd.before.yearsOfService).toBeNull();
    expect(upd.after.yearsOfService).toBe(7);
    expect(del.after).toBeNull();
    expect(del.before.name).toBe("审计员");
    expect(new Date(cre.at).getTime()).toBeLessThanOrEqual(new Date(del.at).getTime());
    expect(Math.abs(Date.now() - new Date(del.at).getTime())).toBeLessThan(60_000);
    expect(log.nodes.every((e: any) => e.record === person.id && e.recordType === "PERSON")).toBe(true);

    const byAdmin = ok(await server.gql(`{ auditLog(filter: { actor: "env:admin#2" }, first: 100) { nodes { actor } } }`, {}, ADMIN)).auditLog.nodes;
    expect(byAdmin.length).toBeGreaterThan(0);
    expect(byAdmin.every((e: any) => e.actor === "env:admin#2")).toBe(true);
    expect(firstError(await server.gql(`{ auditLog { totalCount } }`)).extensions).toEqual({ code: "UNAUTHENTICATED" });
    const entry = ok(await server.gql(`{ auditLog(first: 1) { nodes { id } } }`, {}, ADMIN)).auditLog.nodes[0];
    expect(firstError(await server.gql(`query ($id: ID!) { node(id: $id) { id } }`, { id: entry.id }, ORGANISER)).extensions).toEqual({ code: "FORBIDDEN" });
    expect(ok(await server.gql(`query ($id: ID!) { node(id: $id) { id } }`, { id: entry.id }, ADMIN)).node.id).toBe(entry.id);
  });
});
