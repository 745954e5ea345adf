import { FieldNode, getOperationAST, Kind, parse, type FragmentDefinitionNode } from "graphql";
import { createLoaders } from "../src/loaders";
import { personSortKeys } from "../src/resolvers/types/order";
import { listPeople } from "../src/services/people";
import { query } from "./helpers/database";
import { addSyntheticDelegates } from "./helpers/fixtures";
import { operationContext } from "./helpers/graphql-js";
import { captureLog } from "./helpers/log";
import { ok, startTestServer, TestServer } from "./helpers/server";

let server: TestServer;
let congress: string;
beforeAll(async () => {
  server = await startTestServer({
    seed: async (ds) => {
      congress = (await addSyntheticDelegates(ds, 60)).congress.globalId;
    },
  });
});
afterAll(() => server.close());

const PAGE = `query ($first: Int!, $congress: ID!) {
  delegates(first: $first, filter: { congress: $congress }) {
    totalCount
    nodes {
      name namePinyin
      employer { name kind parent { name } }
      positions { title organisation { name } }
      seats { delegation congress { name } source { quote document { title } } }
      awards { year times honour { name level conferrer { name } } source { quote } recipient { __typename } }
      proposals { title authors { name } congress { name } }
      sources { quote }
    }
  }
}`;

const PROFILE = `query ($id: ID!) {
  person(id: $id) { id name employer { name parent { name } } positions { title } seats { delegation } awards { year } proposals { title } }
}`;

/** The tables the statements read (named after FROM or JOIN), sorted. */
function tablesRead(statements: string[]): string[] {
  return [...new Set([...statements.join(" ").matchAll(/(?:FROM|JOIN) "(\w+)"/g)].map((m) => m[1]))].sort();
}

async function firstDelegate(): Promise<{ id: string }> {
  const data = ok(await server.gql(`query ($congress: ID!) { delegates(first: 1, filter: { congress: $congress }) { nodes { id } } }`, { congress }));
  return data.delegates.nodes[0];
}

describe("no N+1: statements per delegates page do not grow with the page", () => {
  test("5 rows and 50 rows run the same number of SQL statements", async () => {
    const counts: Record<number, number> = {};
    for (const first of [5, 50]) {
      const statements = await server.countStatements(async () => {
        const data = ok(await server.gql(PAGE, { first, congress }));
        expect(data.delegates.nodes).toHaveLength(first);
        // every relation really was fetched, so the count covers them
        expect(data.delegates.nodes.every((n: any) => n.employer && n.seats.length && n.awards.length && n.proposals.length)).toBe(true);
      });
      counts[first] = statements.length;
    }
    expect(counts[50]).toBe(counts[5]);
    // and small: the count, the page, then one statement per wave of loads (src/db/read-batch.ts):
    // employers, positions, seats, awards, proposal links, and with them the organisations,
    // congresses, honours, proposals and proposals' congresses they point to (src/loaders:
    // includes); citations, recipients, conferrers, parents, authors; documents
    expect(counts[5]).toBe(5);
  });

  test("a list asked for its totalCount alone reads no page; its cursors are still checked", async () => {
    const counted = `query ($congress: ID!, $after: String) { delegates(first: 5, after: $after, filter: { congress: $congress }) { totalCount } }`;
    const paged = `query ($congress: ID!) { delegates(first: 5, filter: { congress: $congress }) { totalCount pageInfo { hasNextPage } } }`;
    let total = 0;
    const alone = await server.countStatements(async () => (total = ok(await server.gql(counted, { congress })).delegates.totalCount));
    expect(total).toBe(60);
    const withPage = await server.countStatements(async () => expect(ok(await server.gql(paged, { congress })).delegates.pageInfo.hasNextPage).toBe(true));
    expect(alone).toHaveLength(1); // the count
    expect(withPage).toHaveLength(2); // the count and the page
    const refused = await server.gql(counted, { congress, after: "not-a-cursor" });
    expect(refused.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  test("a person fetched by id loads with the relations the query asks for, in one statement", async () => {
    const person = await firstDelegate();
    // the employer belongs to a group (the fixtures have none): the parent comes in the same statement too
    const personId = Number(Buffer.from(person.id, "base64").toString().split(":")[1]);
    const [{ id: employerId }] = await query(server.ds, `SELECT "employerId" AS id FROM person WHERE id = ?`, [personId]);
    const [group] = await query(server.ds, `SELECT id, name FROM organisation WHERE id <> ? ORDER BY id LIMIT 1`, [employerId]);
    await query(server.ds, `UPDATE organisation SET "parentId" = ? WHERE id = ?`, [group.id, employerId]);
    let statements: string[];
    try {
      statements = await server.countStatements(async () => {
        const data = ok(await server.gql(PROFILE, { id: person.id }));
        expect(data.person.proposals.length).toBeGreaterThan(0);
        expect(data.person.employer.parent).toEqual({ name: group.name });
      });
      // and the naive server, with no includes, answers the same
      const naive = await startTestServer({ database: server.database, env: { DATALOADERS: "false" } });
      try {
        expect(ok(await naive.gql(PROFILE, { id: person.id }))).toEqual(ok(await server.gql(PROFILE, { id: person.id })));
      } finally {
        await naive.close();
      }
    } finally {
      await query(server.ds, `UPDATE organisation SET "parentId" = NULL WHERE id = ?`, [employerId]);
    }
    // the person, its employer and the employer's group, positions, seats, awards, proposal links and the proposals themselves
    expect(statements).toHaveLength(1);
    expect(tablesRead(statements)).toEqual(["award", "congress", "honour", "organisation", "person", "position", "proposal", "proposal_author", "seat"]);
  });

  test("what is read with a person follows the query's selection, through fragments and node(id)", async () => {
    const person = await firstDelegate();
    const bare = await server.countStatements(async () => ok(await server.gql(`query ($id: ID!) { person(id: $id) { name } }`, { id: person.id })));
    expect(tablesRead(bare)).toEqual(["organisation", "person"]);
    const viaNode = await server.countStatements(async () =>
      ok(await server.gql(`query ($id: ID!) { node(id: $id) { ... on Person { ...P } } } fragment P on Person { seats { delegation } }`, { id: person.id })),
    );
    expect(viaNode).toHaveLength(1);
    expect(tablesRead(viaNode)).toEqual(["congress", "organisation", "person", "seat"]);
  });

  test("a page of people comes with the relations its nodes ask for, held before any field of theirs is asked", async () => {
    // listPeople as the delegates field calls it, on the server's connections, with the query's own projection
    const listed = async (text: string, fail = false) => {
      const document = parse(text);
      const operation = getOperationAST(document)!;
      const ctx = await operationContext(server, document, operation, "prefetch");
      if (fail)
        ctx.loaders.seatsByPerson.reads = () => {
          throw new Error("the read ahead fails");
        };
      const field = operation.selectionSet.selections[0] as FieldNode;
      const fragments = Object.fromEntries(
        document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
      );
      let people: { id: number; employerId: number | null }[] = [];
      const statements = await server.countStatements(async () => {
        const page = await listPeople(
          ctx,
          { congress },
          personSortKeys(null),
          { first: 5 },
          { fieldNodes: [field], fragments, operation },
          { delegatesOnly: true },
        );
        people = page.edges.map((edge) => edge.node);
      });
      const { loaders } = ctx;
      const held = {
        seats: people.every((p) => loaders.seatsByPerson.has(p.id)),
        awards: people.every((p) => loaders.awardsByPerson.has(p.id)),
        proposals: people.every((p) => loaders.proposalIdsByPerson.has(p.id)),
        positions: people.every((p) => loaders.positionsByPerson.has(p.id)),
        employer: people.every((p) => p.employerId !== null && loaders.organisation.has(p.employerId)),
      };
      return { people, statements, held, loaders };
    };
    const none = { seats: false, awards: false, proposals: false, positions: false, employer: false };
    // nothing of the nodes but their own columns: the count and the page only
    const bare = await listed(`{ delegates { totalCount nodes { name } } }`);
    expect(bare.people).toHaveLength(5);
    expect(bare.statements).toHaveLength(2);
    expect(bare.held).toEqual(none);
    // nodes: what they ask is read in one more statement, and held
    const nodes = await listed(`{ delegates { nodes { name employer { name } seats { delegation } awards { year } proposals { title } } } }`);
    expect(nodes.statements).toHaveLength(3);
    expect(nodes.held).toEqual({ seats: true, awards: true, proposals: true, positions: false, employer: true });
    // edges { node } through a fragment, and `sources`, which reads every relation keyed by the person
    const edges = await listed(`{ delegates { edges { cursor node { ...P } } } } fragment P on Person { sources { quote } }`);
    expect(edges.statements).toHaveLength(3);
    expect(edges.held).toEqual({ seats: true, awards: true, proposals: true, positions: true, employer: false });
    // a read ahead that fails fails no more than before: the page is answered, its fields load (and fail) on their own
    // and says so in the log (a warning with the request's id), so that one failing on every page is seen
    const { result: failed, entries } = await captureLog("warn", () => listed(`{ delegates { nodes { name seats { delegation } awards { year } } } }`, true));
    const warnings = entries.filter((entry) => entry.level === "warn");
    expect(warnings).toEqual([expect.objectContaining({ requestId: "prefetch", error: expect.objectContaining({ message: "the read ahead fails" }) })]);
    expect(failed.people).toHaveLength(5);
    expect(failed.held).toEqual(none);
    // each field then loads by itself: the awards as a batched load gives them, the broken seats read with its own error
    const first = failed.people[0].id;
    const years = (awards: { id: number; year: number | null }[]) => awards.map((a) => [a.id, a.year]);
    expect(years(await failed.loaders.awardsByPerson.get(first))).toEqual(years(await createLoaders(server.ds).awardsByPerson.load(first)));
    await expect(failed.loaders.seatsByPerson.get(first)).rejects.toThrow("the read ahead fails");
  });

  test("the same person asked twice in one query (aliases, node) is read once", async () => {
    const person = await firstDelegate();
    const once = await server.countStatements(() => server.gql(PROFILE, { id: person.id }));
    let data: any;
    const twice = await server.countStatements(async () => {
      data = ok(
        await server.gql(
          `query ($id: ID!) {
        a: person(id: $id) { name seats { delegation } awards { year } }
        b: person(id: $id) { name seats { delegation } awards { year } }
        c: node(id: $id) { ... on Person { name seats { delegation } } }
      }`,
          { id: person.id },
        ),
      );
    });
    expect(data.b).toEqual(data.a);
    expect(data.c.seats).toEqual(data.a.seats);
    expect(twice).toHaveLength(once.length);
    // each relation's read appears once in the statement
    expect(twice[0].match(/JOIN "seat" ON "seat"\."personId"/g)).toHaveLength(1);
  });

  test("the naive server (DATALOADERS=false) answers the same data, one statement per load", async () => {
    const naive = await startTestServer({ database: server.database, env: { DATALOADERS: "false" } });
    try {
      const person = await firstDelegate();
      for (const [query, variables] of [
        [PAGE, { first: 20, congress }],
        [PROFILE, { id: person.id }],
      ] as const) {
        expect(ok(await naive.gql(query, variables))).toEqual(ok(await server.gql(query, variables)));
      }
      const batched = await server.countStatements(() => server.gql(PAGE, { first: 20, congress }));
      const unbatched = await naive.countStatements(() => naive.gql(PAGE, { first: 20, congress }));
      expect(unbatched.length).toBeGreaterThan(5 * batched.length);
    } finally {
      await naive.close();
    }
  });

  test("the statement log sees every statement (DB_LOGGING's source)", async () => {
    const statements = await server.countStatements(() => server.gql(`{ delegates(first: 1) { nodes { name } } }`));
    expect(statements.some((s) => /FROM "person"/.test(s))).toBe(true);
  });
});
