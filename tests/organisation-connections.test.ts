import { DataSource } from "typeorm";
import {
  Award,
  Citation,
  Honour,
  HonourCategory,
  HonourLevel,
  Organisation,
  OrganisationKind,
  Person,
  Position,
  SourceDocument,
  Statistic,
} from "../src/entities";
import { toGlobalId } from "../src/relay/global-id";
import { ok, startTestServer, TestServer } from "./helpers/server";

/**
 * Organisation.awards, .positions and .children grow without bound (a federation's member unions,
 * a large employer's titles): each has a connection beside it, and the plain list is capped.
 */
const SIZE = 105;
let server: TestServer;
let group: string;

/** A group with SIZE member companies, SIZE awards and SIZE positions; each member with one award, one position and one union of its own. */
async function addGroup(ds: DataSource): Promise<number> {
  return ds.transaction(async (m) => {
    const doc = await m.save(m.create(SourceDocument, { title: "测试集团名录", text: "测试集团名录:合成数据。", byline: null, seedKey: null }));
    const citation = await m.save(m.create(Citation, { documentId: doc.id, quote: "合成数据" }));
    const top = await m.save(m.create(Organisation, { name: "测试控股集团", kind: OrganisationKind.ENTERPRISE_GROUP, citationId: citation.id }));
    const honour = await m.save(
      m.create(Honour, { name: "测试集团先进单位", level: HonourLevel.ENTERPRISE, category: HonourCategory.OTHER, citationId: citation.id }),
    );
    const person = await m.save(m.create(Person, { name: "测试董事" }));
    const members = await m.save(
      Array.from({ length: SIZE }, (_, i) =>
        m.create(Organisation, { name: `测试成员公司${String(SIZE - i).padStart(3, "0")}`, kind: OrganisationKind.COMPANY, parentId: top.id }),
      ),
    );
    await m.save(members.map((member) => m.create(Organisation, { name: `${member.name}工会`, kind: OrganisationKind.TRADE_UNION, parentId: member.id })));
    const award = (organisationId: number, yearFrom: number) =>
      m.create(Award, { organisationId, honourId: honour.id, yearFrom, yearTo: yearFrom, citationId: citation.id });
    await m.save([...Array.from({ length: SIZE }, (_, i) => award(top.id, 1900 + i)), ...members.map((member, i) => award(member.id, 2000 + (i % 20)))]);
    const position = (organisationId: number, title: string) => m.create(Position, { personId: person.id, organisationId, title });
    await m.save([...Array.from({ length: SIZE }, (_, i) => position(top.id, `顾问${i}`)), ...members.map((member) => position(member.id, "董事"))]);
    await m.save(
      Array.from({ length: SIZE }, (_, i) =>
        m.create(Statistic, { organisationId: top.id, metric: `TEST_${i}`, label: "合成数据", value: i, citationId: citation.id }),
      ),
    );
    return top.id;
  });
}

beforeAll(async () => {
  let id = 0;
  server = await startTestServer({ seed: async (ds) => void (id = await addGroup(ds)) });
  group = toGlobalId("Organisation", id);
});
afterAll(() => server.close());

const ALL = `query ($id: ID!) { organisation(id: $id) {
  awards { id } positions { id } children { id }
  awardsConnection(first: 100) { totalCount nodes { id } }
  positionsConnection(first: 100) { totalCount nodes { id } }
  childrenConnection(first: 100) { totalCount nodes { id name } }
  childrenByEntry: childrenConnection(first: 100, orderBy: { field: CREATED }) { nodes { id } }
} }`;

describe("Organisation's growing lists are connections", () => {
  test("the schema: a connection beside each list, the list deprecated in its favour", async () => {
    const type = ok(
      await server.gql(
        `{ __type(name: "Organisation") { fields(includeDeprecated: true) { name isDeprecated deprecationReason description type { name kind ofType { name kind ofType { name ofType { name } } } } args { name } } } }`,
      ),
    ).__type;
    const field = (name: string) => type.fields.find((f: any) => f.name === name);
    for (const [list, connection, item] of [
      ["awards", "awardsConnection", "Award"],
      ["positions", "positionsConnection", "Position"],
      ["children", "childrenConnection", "Organisation"],
    ]) {
      expect(field(connection).type.ofType.name).toBe(`${item}Connection`);
      expect(field(connection).args.map((a: any) => a.name)).toEqual(expect.arrayContaining(["first", "after", "last", "before"]));
      expect(field(connection).isDeprecated).toBe(false);
      expect(field(list).type.ofType.ofType.ofType.name).toBe(item);
      expect(field(list).isDeprecated).toBe(true);
      expect(field(list).deprecationReason).toContain(connection);
      expect(field(list).description).toMatch(/at most 100/i);
    }
  });

  test("on the seed: the connections hold what the lists hold", async () => {
    const orgs = ok(await server.gql(`{ organisations(first: 100) { nodes { id } } }`)).organisations.nodes;
    const seen = { awards: 0, positions: 0, children: 0 };
    for (const { id } of orgs) {
      if (id === group) continue;
      const o = ok(await server.gql(ALL, { id })).organisation;
      for (const list of ["awards", "positions", "children"] as const) {
        expect(o[`${list}Connection`].nodes.map((n: any) => n.id).sort()).toEqual(o[list].map((n: any) => n.id).sort());
        expect(o[`${list}Connection`].totalCount).toBe(o[list].length);
        seen[list] += o[list].length;
      }
    }
    // the seed has some of each, so the comparison compared something
    expect(Object.values(seen).every((n) => n > 0)).toBe(true);
  });

  test("past 100 the list stops at 100 and the connection has them all, page by page both ways", async () => {
    const o = ok(await server.gql(ALL, { id: group })).organisation;
    for (const list of ["awards", "positions", "children"] as const) {
      expect(o[list]).toHaveLength(100);
      expect(o[`${list}Connection`].totalCount).toBe(SIZE);
      // the list is the first 100 in order of entry (the order awards and positions page in)
      const byEntry = list === "children" ? o.childrenByEntry : o[`${list}Connection`];
      expect(o[list].map((n: any) => n.id)).toEqual(byEntry.nodes.map((n: any) => n.id));

      const page = (args: string) =>
        `query ($id: ID!, $c: String) { organisation(id: $id) { ${list}Connection(${args}) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { id } } } }`;
      const forward: string[] = [];
      let after: string | null = null;
      for (;;) {
        const c: any = ok(await server.gql(page("first: 40, after: $c"), { id: group, c: after })).organisation[`${list}Connection`];
        forward.push(...c.nodes.map((n: any) => n.id));
        if (!c.pageInfo.hasNextPage) break;
        after = c.pageInfo.endCursor;
      }
      const backward: string[] = [];
      let before: string | null = null;
      for (;;) {
        const c: any = ok(await server.gql(page("last: 40, before: $c"), { id: group, c: before })).organisation[`${list}Connection`];
        backward.unshift(...c.nodes.map((n: any) => n.id));
        if (!c.pageInfo.hasPreviousPage) break;
        before = c.pageInfo.startCursor;
      }
      expect(forward).toHaveLength(SIZE);
      expect(new Set(forward).size).toBe(SIZE);
      expect(backward).toEqual(forward);
    }
  });

  test("Organisation.statistics, a plain list, stops at 100 in order of entry; Query.statistics(filter: { organisation }) pages through them all", async () => {
    const o = ok(
      await server.gql(
        `query ($id: ID!) { organisation(id: $id) { statistics { id metric } } statistics(filter: { organisation: $id }, first: 100) { totalCount nodes { id } } }`,
        { id: group },
      ),
    );
    expect(o.statistics.totalCount).toBe(SIZE);
    expect(o.organisation.statistics).toHaveLength(100);
    expect(o.organisation.statistics.map((s: any) => s.metric)).toEqual(Array.from({ length: 100 }, (_, i) => `TEST_${i}`));
    expect(o.organisation.statistics.map((s: any) => s.id)).toEqual(o.statistics.nodes.map((s: any) => s.id));
    const field = ok(await server.gql(`{ __type(name: "Organisation") { fields { name description } } }`)).__type.fields.find(
      (f: any) => f.name === "statistics",
    );
    expect(field.description).toMatch(/at most 100/i);
  });

  test("children come by name, awards and positions in order of entry", async () => {
    const o = ok(
      await server.gql(
        `query ($id: ID!) { organisation(id: $id) {
      childrenConnection(first: 5) { nodes { name } }
      byEntry: childrenConnection(first: 2, orderBy: { field: CREATED, direction: DESC }) { nodes { name } }
      awardsConnection(first: 3) { nodes { year } }
      positionsConnection(last: 2) { nodes { title } }
    } }`,
        { id: group },
      ),
    ).organisation;
    expect(o.childrenConnection.nodes.map((n: any) => n.name)).toEqual([
      "测试成员公司001",
      "测试成员公司002",
      "测试成员公司003",
      "测试成员公司004",
      "测试成员公司005",
    ]);
    expect(o.byEntry.nodes.map((n: any) => n.name)).toEqual(["测试成员公司001", "测试成员公司002"]);
    expect(o.awardsConnection.nodes.map((n: any) => n.year)).toEqual([1900, 1901, 1902]);
    expect(o.positionsConnection.nodes.map((n: any) => n.title)).toEqual([`顾问${SIZE - 2}`, `顾问${SIZE - 1}`]);
  });

  test("a page larger than 100, or a cursor of another list, is refused", async () => {
    const res = await server.gql(`query ($id: ID!) { organisation(id: $id) { awardsConnection(first: 101) { totalCount } } }`, { id: group });
    expect(res.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    const cursor = ok(await server.gql(`query ($id: ID!) { organisation(id: $id) { childrenConnection(first: 1) { pageInfo { endCursor } } } }`, { id: group }))
      .organisation.childrenConnection.pageInfo.endCursor;
    const wrong = await server.gql(`query ($id: ID!, $c: String) { organisation(id: $id) { awardsConnection(first: 1, after: $c) { totalCount } } }`, {
      id: group,
      c: cursor,
    });
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });
});

describe("no N+1: connections under a list of organisations", () => {
  const PAGE = `query ($id: ID!, $first: Int!) { organisations(filter: { parent: $id }, first: $first) { nodes {
    name
    awardsConnection(first: 2) { totalCount nodes { year honour { name } } }
    positionsConnection(first: 2) { totalCount nodes { title } }
    childrenConnection(first: 2) { totalCount pageInfo { hasNextPage } nodes { name } }
    awards { year } positions { title } children { name }
  } } }`;

  test("5 organisations and 50 run the same number of statements", async () => {
    const counts: Record<number, number> = {};
    for (const first of [5, 50]) {
      counts[first] = (
        await server.countStatements(async () => {
          const nodes = ok(await server.gql(PAGE, { id: group, first })).organisations.nodes;
          expect(nodes).toHaveLength(first);
          for (const n of nodes) {
            expect([n.awardsConnection.totalCount, n.positionsConnection.totalCount, n.childrenConnection.totalCount]).toEqual([1, 1, 1]);
            expect(n.childrenConnection.nodes).toEqual([{ name: `${n.name}工会` }]);
            expect(n.awardsConnection.nodes[0].honour.name).toBe("测试集团先进单位");
          }
        })
      ).length;
    }
    expect(counts[50]).toBe(counts[5]);
    // the organisations' page; one statement for every connection's page and count and every list; the awards' honours
    expect(counts[5]).toBe(3);
  });

  test("the naive server (DATALOADERS=false) answers the same", async () => {
    const naive = await startTestServer({ database: server.database, env: { DATALOADERS: "false" } });
    try {
      expect(ok(await naive.gql(PAGE, { id: group, first: 20 }))).toEqual(ok(await server.gql(PAGE, { id: group, first: 20 })));
    } finally {
      await naive.close();
    }
  });
});
