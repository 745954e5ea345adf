import { getNamedType, GraphQLNamedType, GraphQLObjectType, GraphQLSchema, isAbstractType, isObjectType } from "graphql";
import { buildSchema } from "../src/schema";
import { addSyntheticDelegates } from "./helpers/fixtures";
import { ok, startTestServer, TestServer } from "./helpers/server";

/**
 * A request reads only the columns its operation shows (src/loaders/projection.ts). Whatever
 * one field needs must still be read when that field is asked alone: for every field of every
 * type `node(id:)` reaches, on every row of the seeded report (and a synthetic congress), the
 * answer to the field alone must equal its answer when every field of the type is asked.
 */
let server: TestServer;
let schema: GraphQLSchema;
const ADMIN = { authorization: "Bearer test-admin" };

beforeAll(async () => {
  server = await startTestServer({ seed: (ds) => addSyntheticDelegates(ds, 12).then(() => undefined) });
  schema = await buildSchema();
  // a write, so that the audit log has entries to compare too
  const person = ok(await server.gql(`{ people(first: 1) { nodes { id } } }`)).people.nodes[0].id;
  ok(await server.gql(`mutation ($id: ID!) { updatePerson(id: $id, input: { yearsOfService: 3 }) { id } }`, { id: person }, ADMIN));
});
afterAll(() => server.close());

/** A selection that identifies what a field answers (nested objects by id, connections by their first page). */
function selectionOf(type: GraphQLNamedType): string {
  if (!isObjectType(type) && !isAbstractType(type)) return "";
  if (type.name.endsWith("Connection")) {
    const node = getNamedType((type as GraphQLObjectType).getFields().nodes.type);
    return `{ totalCount pageInfo { hasNextPage endCursor } nodes ${selectionOf(node)} }`;
  }
  if (isAbstractType(type) || (type as GraphQLObjectType).getInterfaces().some((i) => i.name === "Node")) return "{ __typename ... on Node { id } }";
  const fields = (type as GraphQLObjectType).getFields();
  return `{ ${Object.values(fields)
    .filter((f) => !isObjectType(getNamedType(f.type)) && !f.args.some((a) => a.type.toString().endsWith("!")))
    .map((f) => f.name)
    .join(" ")} }`;
}

/** The fields of `typeName` that can be asked with no arguments given, each with its selection. */
function fieldsOf(typeName: string): [string, string][] {
  const type = schema.getType(typeName) as GraphQLObjectType;
  return Object.values(type.getFields())
    .filter((f) => !f.args.some((a) => a.type.toString().endsWith("!")))
    .map((f) => [f.name, `${f.name} ${selectionOf(getNamedType(f.type))}`]);
}

async function nodesByType(): Promise<Map<string, string[]>> {
  const data = ok(
    await server.gql(
      `{ people(first: 100) { nodes { id positions { id } seats { id } awards { id } proposals { id } sources { document { id } } } }
         organisations(first: 100) { nodes { id awards { id } statistics { id } } } honours(first: 100) { nodes { id } } congresses(first: 100) { nodes { id } }
         auditLog(first: 20) { nodes { id } } }`,
      {},
      ADMIN,
    ),
  );
  const ids = new Set<string>();
  for (const p of data.people.nodes) {
    ids.add(p.id);
    for (const list of [p.positions, p.seats, p.awards, p.proposals]) for (const x of list) ids.add(x.id);
    for (const s of p.sources) ids.add(s.document.id);
  }
  for (const list of [data.organisations.nodes, data.honours.nodes, data.congresses.nodes, data.auditLog.nodes]) for (const x of list) ids.add(x.id);
  for (const o of data.organisations.nodes) for (const a of [...o.awards, ...o.statistics]) ids.add(a.id);
  const byType = new Map<string, string[]>();
  const all = [...ids];
  for (let i = 0; i < all.length; i += 100) {
    const typed = ok(await server.gql(`query ($ids: [ID!]!) { nodes(ids: $ids) { __typename ... on Node { id } } }`, { ids: all.slice(i, i + 100) }, ADMIN));
    for (const n of typed.nodes) byType.set(n.__typename, [...(byType.get(n.__typename) ?? []), n.id]);
  }
  // at most 100 of a type (nodes' limit)
  for (const [type, list] of byType) byType.set(type, list.slice(0, 100));
  return byType;
}

test("every field asked alone answers what it answers beside every other field of its type", async () => {
  const byType = await nodesByType();
  expect([...byType.keys()].sort()).toEqual(
    ["Award", "AuditEntry", "Congress", "Honour", "Organisation", "Person", "Position", "Proposal", "Seat", "SourceDocument", "Statistic"].sort(),
  );
  let compared = 0;
  for (const [typeName, ids] of byType) {
    const fields = fieldsOf(typeName);
    const all = ok(
      await server.gql(`query ($ids: [ID!]!) { nodes(ids: $ids) { ... on ${typeName} { ${fields.map(([, s]) => s).join(" ")} } } }`, { ids }, ADMIN),
    );
    for (const [name, selection] of fields) {
      const alone = ok(await server.gql(`query ($ids: [ID!]!) { nodes(ids: $ids) { ... on ${typeName} { ${selection} } } }`, { ids }, ADMIN));
      expect({ typeName, name, answers: alone.nodes.map((n: Record<string, unknown>) => n[name]) }).toEqual({
        typeName,
        name,
        answers: all.nodes.map((n: Record<string, unknown>) => n[name]),
      });
      compared += ids.length;
    }
  }
  expect(compared).toBeGreaterThan(500);
});

test("types no global id reaches (quotes, honour tallies): every field alone answers what it answers beside the others", async () => {
  const lists: [string, (fields: string) => string, (data: any) => unknown[]][] = [
    ["Citation", (f) => `{ people(first: 100) { nodes { sources { ${f} } } } }`, (d) => d.people.nodes.flatMap((p: any) => p.sources)],
    ["HonourTally", (f) => `{ honours(first: 100) { nodes { tallies { ${f} } } } }`, (d) => d.honours.nodes.flatMap((h: any) => h.tallies)],
  ];
  for (const [typeName, query, items] of lists) {
    const fields = fieldsOf(typeName);
    const all = items(ok(await server.gql(query(fields.map(([, s]) => s).join(" ")))));
    expect(all.length).toBeGreaterThan(3);
    for (const [name, selection] of fields) {
      const alone = items(ok(await server.gql(query(selection))));
      expect({ typeName, name, answers: alone.map((x: any) => x[name]) }).toEqual({ typeName, name, answers: all.map((x: any) => x[name]) });
    }
  }
});

test("a list ordered by a field it does not show still pages by it: the cursor holds the sort key", async () => {
  for (const list of ["organisations", "honours", "congresses"]) {
    const bare = `query ($after: String) { ${list}(first: 1, after: $after, orderBy: { field: NAME }) { pageInfo { endCursor hasNextPage } nodes { id } } }`;
    const named = `query ($after: String) { ${list}(first: 1, after: $after, orderBy: { field: NAME }) { pageInfo { endCursor hasNextPage } nodes { id name } } }`;
    const walk = async (query: string) => {
      const ids: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 50; page++) {
        const data: any = ok(await server.gql(query, { after }))[list];
        ids.push(...data.nodes.map((n: { id: string }) => n.id));
        if (!data.pageInfo.hasNextPage) break;
        after = data.pageInfo.endCursor;
      }
      return ids;
    };
    const byName = await walk(named);
    expect(byName.length).toBeGreaterThan(1);
    expect(await walk(bare)).toEqual(byName);
  }
});

test("columns no field asked for are not read; asked, they are", async () => {
  const sql = async (query: string) => (await server.countStatements(() => server.gql(query))).join("\n");
  const list = await sql(`{ delegates(first: 5) { nodes { name awards { honour { name } } } } }`);
  expect(list).not.toMatch(/"biography"|"seedKey"|"nameInitials"|"namePinyinKey"|"nameEn"/);
  expect(list).toMatch(/"nameSortKey"/);
  const profile = await sql(`{ delegates(first: 5) { nodes { name biography awards { honour { name nameEn } } } } }`);
  // Read by the page's statements, whichever writes the people (src/services/node-json.ts or the loaders).
  expect(profile).toMatch(/\."biography"/);
  expect(profile).toMatch(/\."nameEn"/);
  expect(profile).not.toMatch(/"seedKey"/);
});

test("a page whose people the database writes reads their ids and sort keys alone: a congress's delegates from the seats' index", async () => {
  const { congresses } = ok(await server.gql(`{ congresses(first: 100) { nodes { id delegates(first: 1) { totalCount } } } }`));
  const congress = congresses.nodes.find((c: { delegates: { totalCount: number } }) => c.delegates.totalCount >= 12).id;
  // `sources` is read by a resolver of its own: that page is executed field by field, and reads names with the people.
  const pageOf = (fields: string) => `query ($congress: ID!, $after: String) {
    delegates(filter: { congress: $congress }, orderBy: { field: NAME_PINYIN }, first: 5, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { id name namePinyin ${fields} }
    }
  }`;
  const walk = async (query: string) => {
    const pages: unknown[] = [];
    const statements: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 20; i++) {
      let data: any;
      statements.push(...(await server.countStatements(async () => (data = ok(await server.gql(query, { congress, after })).delegates))));
      pages.push(data);
      if (!data.pageInfo.hasNextPage) break;
      after = data.pageInfo.endCursor;
    }
    return { pages, page: statements.filter((s) => /FROM seat s\b.*LIMIT \?/.test(s)) };
  };
  const spliced = await walk(pageOf("employer { name }"));
  const executed = await walk(pageOf("employer { name } sources { document { id } }"));
  expect(spliced.pages.length).toBeGreaterThan(2);
  // The same people, names and cursors, page after page.
  expect(spliced.pages).toEqual(executed.pages.map((p: any) => ({ ...p, nodes: p.nodes.map(({ sources: _, ...n }: any) => n) })));
  expect(spliced.page).toHaveLength(spliced.pages.length);
  for (const text of spliced.page) {
    expect(text).not.toMatch(/JOIN "person"|"name"|"employerId"/);
    expect(text).toMatch(/s\."personId" AS "id"/);
  }
  for (const text of executed.page) expect(text).toMatch(/p\."name" AS "name".* FROM seat s JOIN "person" p /);
});
