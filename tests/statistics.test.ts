import fs from "fs";
import path from "path";
import { SEEDS_DIR, SeedValidationError, validateSeedFile } from "../seeds/loader";
import { dumpDatabase } from "./helpers/db";
import { seedCopy } from "./helpers/seeds";
import { firstError, ok, startTestServer, TestServer } from "./helpers/server";

const REPORT = fs.readFileSync(path.join(SEEDS_DIR, "000_7c75388372cde64f.txt"), "utf8");
const squash = (s: string) => s.replace(/\s+/g, "");
const ORGANISER = { authorization: "Bearer test-organiser" };
const ADMIN = { authorization: "Bearer test-admin" };

const FIELDS = `id metric label value unit period year approximate outOf note organisation { name } source { quote document { id } }`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function all(filter: Record<string, unknown> = {}) {
  return ok(await server.gql(`query ($f: StatisticFilter) { statistics(filter: $f, first: 100) { totalCount nodes { ${FIELDS} } } }`, { f: filter }))
    .statistics;
}
const byMetric = async (metric: string) => (await all({ metric })).nodes;

describe("the federation's figures, seeded from the report", () => {
  test("each is stated by its quote: the number and unit as written (or 近…/…多 when approximate), the period as written", async () => {
    const { nodes, totalCount } = await all();
    expect(totalCount).toBe(nodes.length);
    expect(nodes.length).toBeGreaterThanOrEqual(20);
    for (const s of nodes) {
      const quote = squash(s.source.quote);
      expect(squash(REPORT)).toContain(quote);
      const written = s.approximate ? [`近${s.value}${s.unit}`, `${s.value}多${s.unit}`] : [`${s.value}${s.unit}`];
      // a figure the report states only as a sum ("各…1家" in 4 counties) says so in its note
      const stated = written.some((w) => quote.includes(w)) || /sum/.test(s.note ?? "");
      expect({ metric: s.metric, value: s.value, stated }).toEqual({ metric: s.metric, value: s.value, stated: true });
      if (s.period) expect(quote).toContain(s.period);
      if (s.year !== null) expect(s.period).toContain(`${s.year}年`);
      if (s.outOf !== null) expect(s.value).toBeLessThanOrEqual(s.outOf);
    }
    // metric keys are stable and shared across periods, never one per row
    expect(new Set(nodes.map((s: any) => s.metric)).size).toBeLessThan(nodes.length);
  });

  test("every label is the report's own words: a phrase of its quote, or phrases of it in order, joined by …", async () => {
    const { nodes } = await all();
    const ownWords = (label: string, quote: string) => {
      let from = 0;
      return label.split("…").every((part) => {
        const at = part ? squash(quote).indexOf(squash(part), from) : -1;
        from = at + squash(part).length;
        return at >= 0;
      });
    };
    expect(nodes.filter((s: any) => !ownWords(s.label, s.source.quote)).map((s: any) => [s.label, s.source.quote])).toEqual([]);
  });

  test("three years of growth: 573 unions, 44,708 members; the counts after them have no period, and say why", async () => {
    expect(await byMetric("NEW_UNIONS")).toEqual([
      expect.objectContaining({
        organisation: { name: "清远市总工会" },
        label: "新建工会",
        value: 573,
        unit: "家",
        period: "近三年",
        year: null,
        approximate: false,
      }),
    ]);
    expect(await byMetric("NEW_MEMBERS")).toEqual([expect.objectContaining({ value: 44708, unit: "名", period: "近三年", year: null })]);
    for (const [metric, value] of [
      ["NEW_EMPLOYMENT_FORM_UNIONS", 77],
      ["SECTOR_FEDERATIONS", 26],
      ["MEMBERS_RECRUITED", 13000],
    ] as const) {
      const [s] = await byMetric(metric);
      expect(s).toMatchObject({ value, period: null, year: null });
      expect(s.note).toMatch(/近三年|period/);
    }
    // 26 is one count for two kinds of federation, and the 13,000 members are not said to be theirs
    expect((await byMetric("SECTOR_FEDERATIONS"))[0].note).toMatch(/not split/);
    const [members] = await byMetric("MEMBERS_RECRUITED");
    expect(members).toMatchObject({ label: "发展会员数", unit: "人" });
    expect(members.note).toMatch(/does not say whose members/);
  });

  test("the representative pilots: 4 firms in 2023 and 12 in 2024 make the 16 so far; about 200 representatives", async () => {
    const added = await byMetric("UNION_REPRESENTATIVE_PILOT_FIRMS_ADDED");
    expect(added.map((s: any) => [s.year, s.period, s.value])).toEqual([
      [2023, "2023年7月", 4],
      [2024, "2024年", 12],
    ]);
    const [total] = await byMetric("UNION_REPRESENTATIVE_PILOT_FIRMS");
    expect(total).toMatchObject({ period: "截至目前", year: null, unit: "家" });
    expect(total.value).toBe(added.reduce((sum: number, s: any) => sum + s.value, 0));
    expect((await byMetric("UNION_REPRESENTATIVE_PILOT_COUNTIES")).map((s: any) => [s.year, s.value])).toEqual([
      [2023, 4],
      [2024, 8],
    ]);
    const [reps] = await byMetric("UNION_REPRESENTATIVES_ELECTED");
    expect(reps).toMatchObject({ value: 200, unit: "人", approximate: true });
    expect(reps.note).toMatch(/近200/);
    // 近200 gives no exact count; the note claims neither more nor fewer
    expect(reps.note).not.toMatch(/fewer|less|under|more|over/i);
  });

  test("rights work last year, and parts of wholes: 6 of 8 counties, 19 of 114 stations", async () => {
    const last = await all({ period: "去年" });
    expect(Object.fromEntries(last.nodes.map((s: any) => [s.metric, `${s.value}${s.unit}`]))).toEqual({
      SUBSIDISED_SKILLS_TRAINING: "7178人次",
      LABOUR_LAW_SUPERVISION_COMMITTEES: "8个",
      GRASSROOTS_LABOUR_LAW_SUPERVISION: "135个",
      SAFETY_INSPECTION_COUNTIES: "8个",
      FIRMS_WITH_UNION_LAWYERS: "92家",
      UNION_LAWYERS_SENT: "47名",
      LABOUR_DISPUTES_MEDIATED: "16件",
      LOSSES_RECOVERED: "167504元",
    });
    expect(last.nodes.every((s: any) => s.year === null)).toBe(true);
    expect(await byMetric("DISPUTE_MEDIATION_CENTRE_COUNTIES")).toEqual([expect.objectContaining({ value: 6, outOf: 8, period: "目前" })]);
    expect(await byMetric("COURT_LIAISON_STATIONS")).toEqual([expect.objectContaining({ value: 8, unit: "个" })]);
    const [stations] = await byMetric("SERVICE_STATIONS");
    const [upgraded] = await byMetric("SERVICE_STATIONS_UPGRADED");
    expect([stations.value, upgraded.value, upgraded.outOf]).toEqual([114, 19, stations.value]);
    expect(upgraded.note).toMatch(/或/);
  });

  test("the bodies and events the report attaches facts to are organisations; the 2024 tea-culture exchange has its figures", async () => {
    const data = ok(
      await server.gql(
        `{ organisations(filter: { kind: EVENT }, first: 10) { nodes { name region source { quote } statistics { metric value unit period year approximate note } } } }`,
      ),
    );
    const events = Object.fromEntries(data.organisations.nodes.map((o: any) => [o.name, o]));
    expect(Object.keys(events)).toEqual(
      expect.arrayContaining(["清远市职工茶叶加工职业技能竞赛", "2024年广东省地方特色茶文化交流活动", "2024年清远市集体协商竞赛"]),
    );
    const exchange = events["2024年广东省地方特色茶文化交流活动"];
    expect(exchange.region).toBe("英德");
    expect(exchange.statistics.map((s: any) => [s.metric, s.value, s.unit, s.year, s.approximate])).toEqual([
      ["DELEGATIONS", 17, "个", 2024, false],
      ["PARTICIPANTS", 100, "人", 2024, true],
    ]);
    expect(exchange.statistics[1].note).toMatch(/100多/);
    const province = ok(
      await server.gql(`{ organisations(filter: { nameContains: "广东省总工会" }) { nodes { name nameDerived nameAsWritten kind source { quote } } } }`),
    );
    expect(province.organisations.nodes).toEqual([
      { name: "广东省总工会", nameDerived: true, nameAsWritten: "省总", kind: "FEDERATION", source: { quote: "认真按照全总、省总工作要求" } },
    ]);
  });

  test("Organisation.statistics, node(id), filters and pages agree", async () => {
    const ftu = ok(await server.gql(`{ organisations(filter: { nameContains: "清远市总工会" }) { nodes { id statistics { id metric } } } }`)).organisations
      .nodes[0];
    const listed = await all({ organisation: ftu.id });
    expect(listed.nodes.map((s: any) => s.id)).toEqual(ftu.statistics.map((s: any) => s.id));
    const one = ok(
      await server.gql(`query ($id: ID!) { node(id: $id) { __typename ... on Statistic { metric organisation { id } } } statistic(id: $id) { id } }`, {
        id: ftu.statistics[0].id,
      }),
    );
    expect(one.node).toEqual({ __typename: "Statistic", metric: ftu.statistics[0].metric, organisation: { id: ftu.id } });
    expect(one.statistic.id).toBe(ftu.statistics[0].id);
    expect((await all({ labelContains: "律师" })).nodes.map((s: any) => s.metric)).toEqual(["FIRMS_WITH_UNION_LAWYERS", "UNION_LAWYERS_SENT"]);
    expect((await all({ year: 2024 })).nodes.every((s: any) => s.year === 2024)).toBe(true);
    // pages walk the whole list in order
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = ok(
        await server.gql(`query ($a: String) { statistics(first: 7, after: $a) { nodes { id } pageInfo { hasNextPage endCursor } } }`, { a: after }),
      ).statistics;
      seen.push(...page.nodes.map((n: any) => n.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual((await all()).nodes.map((s: any) => s.id));
    expect(firstError(await server.gql(`{ statistics(first: 101) { totalCount } }`)).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    const wrong = await server.gql(`query ($f: StatisticFilter) { statistics(filter: $f) { totalCount } }`, { f: { organisation: ftu.statistics[0].id } });
    expect(firstError(wrong).extensions).toEqual({ code: "BAD_USER_INPUT", field: "filter.organisation" });
  });

  test("search finds statistics by label, also by two characters", async () => {
    const SEARCH = `query ($q: String!) { search(query: $q, first: 100) { edges { matchedField snippet node { __typename ... on Statistic { metric } } } } }`;
    const hits = (q: string) => server.gql(SEARCH, { q }).then((r) => ok(r).search.edges.filter((e: any) => e.node.__typename === "Statistic"));
    expect(await hits("劳动法律监督")).toEqual([
      {
        matchedField: "LABEL",
        snippet: "成立…市级及县(市、区)的劳动法律监督委员会",
        node: { __typename: "Statistic", metric: "LABOUR_LAW_SUPERVISION_COMMITTEES" },
      },
      {
        matchedField: "LABEL",
        snippet: "指导协助…基层工会成立劳动法律监督组织",
        node: { __typename: "Statistic", metric: "GRASSROOTS_LABOUR_LAW_SUPERVISION" },
      },
    ]);
    expect((await hits("律师")).map((e: any) => e.node.metric)).toEqual(["FIRMS_WITH_UNION_LAWYERS", "UNION_LAWYERS_SENT"]);
    // an exact label ranks first
    expect(ok(await server.gql(SEARCH, { q: "新建工会" })).search.edges[0]).toMatchObject({ matchedField: "LABEL", node: { metric: "NEW_UNIONS" } });
  });
});

describe("organisers create, correct and delete statistics", () => {
  const CREATE = `mutation ($input: CreateStatisticInput!) { createStatistic(input: $input) { ${FIELDS} } }`;
  let ftu: string;
  let reportId: string;
  const input = () => ({
    organisation: ftu,
    metric: "LOSSES_RECOVERED_TOTAL",
    label: "累计挽回经济损失",
    value: 3000,
    unit: "元",
    period: "2024年",
    year: 2024,
    citation: { document: reportId, quote: "为职工挽回经济损失167504元" },
  });
  beforeAll(async () => {
    const data = ok(await server.gql(`{ organisations(filter: { nameContains: "清远市总工会" }) { nodes { id } } sourceDocuments { nodes { id } } }`));
    ftu = data.organisations.nodes[0].id;
    reportId = data.sourceDocuments.nodes[0].id;
  });

  test("create, find, correct, delete; each write audited, the index following", async () => {
    const made = ok(await server.gql(CREATE, { input: input() }, ORGANISER)).createStatistic;
    expect(made).toMatchObject({ metric: "LOSSES_RECOVERED_TOTAL", value: 3000, year: 2024, approximate: false, organisation: { name: "清远市总工会" } });
    const search = async (q: string) =>
      ok(await server.gql(`query ($q: String!) { search(query: $q) { nodes { ... on Statistic { id } } } }`, { q })).search.nodes.map((n: any) => n.id);
    expect(await search("累计挽回")).toEqual([made.id]);
    const fixed = ok(
      await server.gql(
        `mutation ($id: ID!) { updateStatistic(id: $id, input: { label: "累计为职工挽回损失", value: 3500.5, year: null, period: "截至目前", note: "a correction" }) { label value year period note } }`,
        { id: made.id },
        ORGANISER,
      ),
    ).updateStatistic;
    expect(fixed).toEqual({ label: "累计为职工挽回损失", value: 3500.5, year: null, period: "截至目前", note: "a correction" });
    expect(await search("累计挽回")).toEqual([]);
    expect(await search("累计为职工")).toEqual([made.id]);
    const log = ok(await server.gql(`query ($r: ID!) { auditLog(filter: { record: $r }) { nodes { action recordType before after } } }`, { r: made.id }, ADMIN))
      .auditLog.nodes;
    expect(log.map((e: any) => [e.action, e.recordType])).toEqual([
      ["updateStatistic", "STATISTIC"],
      ["createStatistic", "STATISTIC"],
    ]);
    expect([log[0].before.value, log[0].after.value]).toEqual([3000, 3500.5]);
    expect(ok(await server.gql(`mutation ($id: ID!) { deleteStatistic(id: $id) }`, { id: made.id }, ORGANISER)).deleteStatistic).toBe(made.id);
    expect(ok(await server.gql(`query ($id: ID!) { node(id: $id) { id } }`, { id: made.id })).node).toBeNull();
    expect(await search("累计为职工")).toEqual([]);
  });

  test("a unit as written need not hold a letter (%, ‰), as the seed file allows; it is trimmed, and a blank one is refused", async () => {
    const made = ok(await server.gql(CREATE, { input: { ...input(), metric: "SHARE_RECOVERED", unit: " % " } }, ORGANISER)).createStatistic;
    expect(made.unit).toBe("%");
    const fixed = ok(
      await server.gql(`mutation ($id: ID!) { updateStatistic(id: $id, input: { unit: "‰" }) { unit } }`, { id: made.id }, ORGANISER),
    ).updateStatistic;
    expect(fixed.unit).toBe("‰");
    const blank = await server.gql(`mutation ($id: ID!) { updateStatistic(id: $id, input: { unit: " " }) { unit } }`, { id: made.id }, ORGANISER);
    expect(firstError(blank).extensions).toEqual({ code: "BAD_USER_INPUT", field: "input.unit" });
    ok(await server.gql(`mutation ($id: ID!) { deleteStatistic(id: $id) }`, { id: made.id }, ORGANISER));
  });

  test.each([
    ["a lower-case metric", { metric: "new_unions" }, "input.metric"],
    ["a blank label", { label: "  " }, "input.label"],
    ["a negative value", { value: -1 }, "input.value"],
    ["a year the period does not state", { period: "去年", year: 2024 }, "input.year"],
    ["a part larger than its whole", { value: 9, outOf: 8 }, "input.outOf"],
    ["an unknown organisation", { organisation: Buffer.from("Organisation:99999").toString("base64") }, "input.organisation"],
    ["a quote the report does not hold", { citation: { document: "DOC", quote: "新建工会999家" } }, "input.citation.quote"],
  ])("bad input (%s): BAD_USER_INPUT naming the field, nothing written", async (_label, change, field) => {
    const before = await dumpDatabase(server.ds);
    const bad = JSON.parse(JSON.stringify({ ...input(), ...change }).replace('"DOC"', JSON.stringify(reportId)));
    expect(firstError(await server.gql(CREATE, { input: bad }, ORGANISER)).extensions).toEqual({ code: "BAD_USER_INPUT", field });
    expect(await dumpDatabase(server.ds)).toEqual(before);
  });

  test("a correction that breaks the whole is refused; without a token nothing is written", async () => {
    const made = ok(await server.gql(CREATE, { input: input() }, ORGANISER)).createStatistic;
    const before = await dumpDatabase(server.ds);
    const res = await server.gql(`mutation ($id: ID!) { updateStatistic(id: $id, input: { period: "去年" }) { id } }`, { id: made.id }, ORGANISER);
    expect(firstError(res).extensions).toEqual({ code: "BAD_USER_INPUT", field: "input.year" });
    for (const change of ["value: null", "metric: null", "organisation: null"]) {
      const cleared = await server.gql(`mutation ($id: ID!) { updateStatistic(id: $id, input: { ${change} }) { id } }`, { id: made.id }, ORGANISER);
      expect(firstError(cleared).extensions).toMatchObject({ code: "BAD_USER_INPUT" });
    }
    expect(firstError(await server.gql(CREATE, { input: input() })).extensions).toEqual({ code: "UNAUTHENTICATED" });
    expect(firstError(await server.gql(`mutation ($id: ID!) { deleteStatistic(id: $id) }`, { id: made.id })).extensions).toEqual({ code: "UNAUTHENTICATED" });
    expect(await dumpDatabase(server.ds)).toEqual(before);
  });
});

describe("the seed file's statistics are checked like every other fact", () => {
  test.each([
    [
      "a year 去年 does not state",
      (y: string) => y.replace('    period: 去年\n    quote: "去年补贴', '    period: 去年\n    year: 2024\n    quote: "去年补贴'),
      /statistics\.subsidised-skills-training\.year: 2024 is given only where/,
    ],
    ["a part larger than its whole", (y: string) => y.replace("    outOf: 114\n", "    outOf: 14\n"), /statistics\.service-stations-upgraded\.outOf/],
    [
      "an invented figure",
      (y: string) => y.replace('quote: "近三年,清远市新建工会573家"', 'quote: "近三年,清远市新建工会575家"'),
      /statistics\.new-unions\.quote: not found verbatim/,
    ],
    [
      "an unknown organisation",
      (y: string) => y.replace("organisation: guangdong-tea-culture-exchange-2024\n    metric: DELEGATIONS", "organisation: tea-fair\n    metric: DELEGATIONS"),
      /statistics\.tea-exchange-delegations\.organisation: unknown organisation "tea-fair"/,
    ],
    [
      "a label in words the report does not use",
      (y: string) => y.replace("    label: 新建工会\n", "    label: 新建的工会\n"),
      /statistics\.new-unions\.label: not the words of its quote/,
    ],
    [
      "a label whose phrases are out of the quote's order",
      (y: string) => y.replace("    label: 新建工会\n", "    label: 工会…新建\n"),
      /statistics\.new-unions\.label: not the words of its quote/,
    ],
    [
      "the same figure twice",
      (y: string) => y.replace("    metric: NEW_MEMBERS\n", "    metric: NEW_UNIONS\n"),
      /statistics\.new-members: repeats statistics\.new-unions/,
    ],
  ])("rejects %s", (_label, edit, expected) => {
    const file = seedCopy(edit);
    expect(() => validateSeedFile(file)).toThrow(SeedValidationError);
    expect(() => validateSeedFile(file)).toThrow(expected);
  });
});
