import fs from "fs";
import path from "path";
import { Kind, OperationDefinitionNode, parse, SelectionSetNode } from "graphql";
import { ok, startTestServer, TestServer } from "./helpers/server";

const README = fs.readFileSync(path.join(__dirname, "..", "README.md"), "utf8");
/** The examples of the README and of the API reference it points to. */
const API = fs.readFileSync(path.join(__dirname, "..", "docs", "api.md"), "utf8");
const blocks = [README, API].flatMap((text) => [...text.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]));

let server: TestServer;
let variables: Record<string, unknown>;
beforeAll(async () => {
  server = await startTestServer();
  const data = ok(
    await server.gql(`{ delegates { nodes { id } } congresses { nodes { id } } employers { nodes { id } }
    people(filter: { nameContains: "张扬娣" }) { nodes { id } } }`),
  );
  variables = {
    id: data.delegates.nodes[0].id,
    congress: data.congresses.nodes[0].id,
    delegation: "清远",
    after: null,
    hotel: data.employers.nodes[0].id,
    person: data.people.nodes[0].id,
  };
});
afterAll(() => server.close());

test("the README and the API reference have example queries", () => {
  expect(blocks.length).toBeGreaterThanOrEqual(3);
});

// Before the examples run: some of them write.
test("the answers the README states are the answers", async () => {
  const claim = /\{ delegates\(filter: \{ honour: \{ level: PROVINCIAL \} \}\) \{ nodes \{ name \} \} \}/;
  expect(README).toMatch(new RegExp(`${claim.source}`));
  expect(README).toMatch(/provincial-level honour\?\s+→ 王宝刚/);
  const data = ok(await server.gql(`{ delegates(filter: { honour: { level: PROVINCIAL } }) { nodes { name } } }`));
  expect(data.delegates.nodes).toEqual([{ name: "王宝刚" }]);
  expect(README).toMatch(/runs the same number of SQL statements as a page of 5\s+\(5 in the test\)/);
});

/** Every field path an operation selects, fragments aside: "person.currentPositions.title". */
function selectedPaths(set: SelectionSetNode | undefined, prefix = ""): string[] {
  return (set?.selections ?? []).flatMap((s) => {
    if (s.kind !== Kind.FIELD) return s.kind === Kind.INLINE_FRAGMENT ? selectedPaths(s.selectionSet, prefix) : [];
    const path = `${prefix}${s.name.value}`;
    return [path, ...selectedPaths(s.selectionSet, `${path}.`)];
  });
}

test("the README's profile page shows the photo, the current titles, and citations linking to their source", () => {
  const profile = parse(blocks.find((b) => /query Profile\b/.test(b))!).definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === "Profile",
  );
  const paths = selectedPaths(profile!.selectionSet);
  expect(paths).toEqual(expect.arrayContaining(["person.photoUrl", "person.currentPositions.title", "person.note"]));
  expect(paths.filter((p) => p.endsWith(".source.document.url"))).not.toEqual([]);
  expect(paths.filter((p) => p.endsWith(".source.quote"))).not.toEqual([]);
});

test("every example query in the README and the API reference runs without errors on the seeded directory", async () => {
  let operations = 0;
  for (const block of blocks) {
    for (const op of parse(block).definitions as OperationDefinitionNode[]) {
      // Examples include writes and the admin-only audit trail, so they run with the admin token.
      const res = await server.gql(block.slice(op.loc!.start, op.loc!.end), variables, { authorization: "Bearer test-admin" });
      expect({ query: op.name?.value ?? block.slice(op.loc!.start, op.loc!.start + 60), errors: res.errors }).toEqual({
        query: op.name?.value ?? block.slice(op.loc!.start, op.loc!.start + 60),
        errors: undefined,
      });
      operations++;
    }
  }
  expect(operations).toBeGreaterThanOrEqual(8);
});
