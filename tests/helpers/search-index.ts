import { syntheticDelegateList } from "./fixtures";
import { ok, TestServer } from "./server";

/** What the tests of the search index's upkeep after bulk writes share (search-merge.sqlite, search-pending.postgres). */

export const ORGANISER = { authorization: "Bearer test-organiser" };

const IMPORT = `mutation ($csv: String!, $congress: ID!, $dryRun: Boolean) { importDelegates(csv: $csv, congress: $congress, dryRun: $dryRun) { created errors { message } } }`;

/** `rows` new people imported into the first congress by an organiser (syntheticDelegateList: 代表0 …). */
export async function importList(server: TestServer, rows: number, dryRun: boolean) {
  const { congresses } = ok(await server.gql(`{ congresses(first: 1) { nodes { id } } }`));
  return ok(await server.gql(IMPORT, { csv: syntheticDelegateList(rows), congress: congresses.nodes[0].id, dryRun }, ORGANISER)).importDelegates;
}

/** A person made by one mutation, a write transaction of its own. */
export async function createPerson(server: TestServer, name: string): Promise<void> {
  ok(await server.gql(`mutation ($name: String!) { createPerson(input: { name: $name }) { id } }`, { name }, ORGANISER));
}

/** The names of the people search finds for `query`, sorted. */
export async function found(server: TestServer, query: string): Promise<string[]> {
  const { search } = ok(await server.gql(`query ($q: String!) { search(query: $q) { nodes { ... on Person { name } } } }`, { q: query }));
  return search.nodes.map((n: { name: string }) => n.name).sort();
}
