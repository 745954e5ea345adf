import { openDirectory } from "../src/boot";
import { loadSeeds, seedFiles } from "../seeds/loader";
import { captureLog } from "./helpers/log";
import { seedCopy, withoutEntry, withoutStatisticsOf } from "./helpers/seeds";
import { ok, startTestServer, TestServer } from "./helpers/server";

// `npm run seed` on a directory organisers have been writing to: the seed may take back only what it made.

const ORGANISER = { authorization: "Bearer test-organiser" };

let server: TestServer;
let ids: Record<string, string>;
let reportId: string;

beforeEach(async () => {
  server = await startTestServer();
  const data = ok(
    await server.gql(`{
    people(first: 100) { nodes { id name } } organisations(first: 100) { nodes { id name } }
    honours(first: 100) { nodes { id name } } congresses { nodes { id name } } sourceDocuments { nodes { id } }
    proposals { nodes { id title } }
  }`),
  );
  ids = {};
  for (const list of [data.people, data.organisations, data.honours, data.congresses]) for (const n of list.nodes) ids[n.name] = n.id;
  ids["促进校企合作方面的建议"] = data.proposals.nodes[0].id;
  reportId = data.sourceDocuments.nodes[0].id;
});
afterEach(() => server.close());

/**
 * Runs the seed loader on the server's database file as `npm run seed` would (the server stopped,
 * a connection of its own), then starts the server again; returns the counts and the warnings logged.
 */
async function seedAgain(files: string[]) {
  await server.close();
  const { ds } = await openDirectory(server.database);
  let captured;
  try {
    captured = await captureLog("warn", () => loadSeeds(ds, files));
  } finally {
    await ds.destroy();
  }
  server = await startTestServer({ database: server.database });
  return { stats: captured.result, warnings: captured.entries.filter((entry) => entry.level === "warn") };
}

const write = async (mutation: string, variables: Record<string, unknown>) => Object.values(ok(await server.gql(mutation, variables, ORGANISER)))[0] as any;
const GRANT = `mutation ($input: GrantAwardInput!) { grantAward(input: $input) { id } }`;
const UPDATE_PERSON = `mutation ($id: ID!, $input: UpdatePersonInput!) { updatePerson(id: $id, input: $input) { id } }`;
const PEOPLE = `{ people(first: 100) { nodes { id name yearsOfService employer { name } seats { id delegation } awards { id year honour { name } source { document { id } } } sources { quote } } } }`;
const people = async () => ok(await server.gql(PEOPLE)).people.nodes as any[];
const person = async (name: string) => (await people()).find((p) => p.name === name);

test("a removed person organisers gave a seat and an award is kept with both; a removed person nobody added to goes", async () => {
  const lin = ids["林天晓"];
  const seat = await write(`mutation ($input: AddSeatInput!) { addSeat(input: $input) { id } }`, {
    input: { person: lin, congress: ids["广东省工会第十五次代表大会"], delegation: "清远代表团" },
  });
  const award = await write(GRANT, {
    input: { honour: ids["广东省劳动模范"], person: lin, year: 2024, citation: { document: reportId, quote: "茶行业先锋模范" } },
  });
  const file = seedCopy((y) => withoutEntry(withoutEntry(y, "lin-tianxiao"), "zhang-yangdi"));

  const { stats, warnings } = await seedAgain([file]);
  expect(stats).toMatchObject({ created: 0, updated: 0, removed: 2, kept: 1 }); // 张扬娣 and her seeded award go
  expect((await people()).map((p) => p.name).sort()).toEqual(["万雅丽", "林天晓", "王原鹏", "王宝刚"].sort());
  expect(await person("林天晓")).toMatchObject({
    id: lin,
    seats: [{ id: seat.id, delegation: "清远代表团" }],
    awards: [{ id: award.id, year: 2024, honour: { name: "广东省劳动模范" } }],
  });
  expect(warnings).toEqual([
    expect.objectContaining({ seedKey: "person:lin-tianxiao", record: lin, references: { "seat.personId": 1, "award.personId": 1 }, edits: [] }),
  ]);
  expect(warnings[0].msg).toMatch(/kept/);

  // The kept row is the organisers' now: the next run neither weighs it again nor warns.
  expect(await seedAgain([file])).toEqual({ stats: expect.objectContaining({ created: 0, updated: 0, removed: 0, kept: 0 }), warnings: [] });
  expect(await person("林天晓")).toMatchObject({ seats: [{ id: seat.id }], awards: [{ id: award.id }] });
});

test("a removed organisation that employs a person organisers added is kept; ones nobody else refers to go", async () => {
  const li = await write(`mutation ($input: CreatePersonInput!) { createPerson(input: $input) { id } }`, {
    input: { name: "李四", employer: ids["全国总工会"] },
  });
  const figures = ok(await server.gql(`query ($o: ID!) { statistics(filter: { organisation: $o }) { totalCount } }`, { o: ids["清远市总工会"] })).statistics
    .totalCount;
  expect(figures).toBeGreaterThan(0);
  const file = seedCopy((y) => withoutEntry(withoutEntry(withoutStatisticsOf(y, "qingyuan-ftu"), "acftu"), "qingyuan-ftu"));

  const { stats, warnings } = await seedAgain([file]);
  expect(stats).toMatchObject({ removed: 2 + figures, kept: 1 }); // 清远市总工会, its award and its statistics go
  let names = ok(await server.gql(`{ organisations(first: 100) { nodes { name } } }`)).organisations.nodes.map((o: any) => o.name);
  expect(names).toContain("全国总工会");
  expect(names).not.toContain("清远市总工会");
  expect(await person("李四")).toMatchObject({ id: li.id, employer: { name: "全国总工会" } });
  expect(warnings).toEqual([expect.objectContaining({ seedKey: "organisation:acftu", record: ids["全国总工会"], references: { "person.employerId": 1 } })]);

  // A removed company and its removed union: the union's reference to its parent is the seed's own, so both go.
  const again = await seedAgain([
    seedCopy((y) => ["acftu", "qingyuan-ftu", "wan-yali", "conch-hotel-union", "conch-hotel"].reduce(withoutEntry, withoutStatisticsOf(y, "qingyuan-ftu"))),
  ]);
  expect(again.warnings).toEqual([]);
  names = ok(await server.gql(`{ organisations(first: 100) { nodes { name } } }`)).organisations.nodes.map((o: any) => o.name);
  expect(names.filter((n: string) => n.startsWith("清远英德海螺"))).toEqual([]);
  expect(names).toContain("全国总工会");
});

test("an organiser's correction outlives npm run seed, the seed's other edits still apply, and a removed entry organisers corrected is kept", async () => {
  await write(UPDATE_PERSON, { id: ids["万雅丽"], input: { yearsOfService: 21 } });
  await write(UPDATE_PERSON, { id: ids["王原鹏"], input: { gender: "MALE" } });
  const file = seedCopy((y) =>
    withoutEntry(y.replace("    employer: conch-hotel\n    yearsOfService: 20\n", "    employer: conch-group\n    yearsOfService: 22\n"), "wang-yuanpeng"),
  );

  const { stats, warnings } = await seedAgain([file]);
  expect(stats).toMatchObject({ updated: 1, removed: 1, kept: 1 }); // 王原鹏's seeded award goes, he stays
  expect(await person("万雅丽")).toMatchObject({ yearsOfService: 21, employer: { name: "海螺集团" } });
  expect(await person("王原鹏")).toMatchObject({ awards: [] });
  expect(warnings).toEqual([
    expect.objectContaining({ seedKey: "person:wan-yali", record: ids["万雅丽"], fields: { yearsOfService: { directory: 21, seed: 22 } } }),
    expect.objectContaining({ seedKey: "person:wang-yuanpeng", record: ids["王原鹏"], references: {}, edits: ["updatePerson"] }),
  ]);
});

test("sources and authors organisers added to seeded records outlive npm run seed", async () => {
  const quote = "近年来,清远市总工会坚持以习近平新时代中国特色社会主义思想为指导";
  await write(UPDATE_PERSON, { id: ids["万雅丽"], input: { citation: { document: reportId, quote } } });
  await write(`mutation ($id: ID!, $a: [ID!]) { updateProposal(id: $id, input: { authors: $a }) { id } }`, {
    id: ids["促进校企合作方面的建议"],
    a: [ids["王宝刚"], ids["万雅丽"]],
  });
  // and the seed drops a quote from a person no organiser has touched: that link goes
  const dropped = "作为从基层一线成长起来的工会代表,王宝刚表示,将认真履职,积极传递基层职工的心声。";
  const file = seedCopy((y) => y.replace(`    quotes:\n      - "${dropped}"\n`, ""));

  await seedAgain([file]);
  expect((await person("万雅丽")).sources.map((s: any) => s.quote)).toContain(quote);
  expect((await person("王宝刚")).sources.map((s: any) => s.quote)).not.toContain(dropped);
  const proposal = ok(await server.gql(`query ($id: ID!) { node(id: $id) { ... on Proposal { authors { name } } } }`, { id: ids["促进校企合作方面的建议"] }));
  expect(proposal.node.authors.map((a: any) => a.name).sort()).toEqual(["万雅丽", "王宝刚"].sort());
  expect(await seedAgain(seedFiles())).toMatchObject({ stats: { updated: 0, removed: 0, kept: 0 } });
});

test("with the seed file gone, what organisers built on stays: their award, its person, its honour and the report it cites", async () => {
  const award = await write(GRANT, {
    input: { honour: ids["广东省五一劳动奖章"], person: ids["林天晓"], citation: { document: reportId, quote: "茶行业先锋模范" } },
  });

  const { warnings } = await seedAgain([]);
  expect(await people()).toEqual([
    expect.objectContaining({ name: "林天晓", awards: [expect.objectContaining({ id: award.id, source: { document: { id: reportId } } })] }),
  ]);
  const rest = ok(
    await server.gql(`{ honours(first: 100) { nodes { name } } organisations { totalCount } congresses { totalCount } sourceDocuments { nodes { id } } }`),
  );
  expect(rest).toEqual({
    honours: { nodes: [{ name: "广东省五一劳动奖章" }] },
    organisations: { totalCount: 0 },
    congresses: { totalCount: 0 },
    sourceDocuments: { nodes: [{ id: reportId }] },
  });
  expect(warnings.map((w) => w.seedKey)).toEqual(["person:lin-tianxiao", "honour:guangdong-may-day-medal", "document:000_7c75388372cde64f"]);
});
