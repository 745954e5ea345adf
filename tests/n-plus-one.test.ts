import { addSyntheticDelegates } from "./helpers/fixtures";
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
    // and small: the page, its count, then one batched query per relation and level of the query
    expect(counts[5]).toBeLessThanOrEqual(16);
  });

  test("the statement log sees every statement (DB_LOGGING's source)", async () => {
    const statements = await server.countStatements(() => server.gql(`{ delegates(first: 1) { nodes { name } } }`));
    expect(statements.some((s) => /FROM "person"/.test(s))).toBe(true);
  });
});
