import { firstError, ok, startTestServer, TestServer } from "./helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("node and nodes", () => {
  test("every Node type round-trips through node(id)", async () => {
    const data = ok(
      await server.gql(`{
      delegates(first: 1, orderBy: { field: NAME, direction: DESC }) { nodes { id name positions { id title } seats { id } awards { id honour { id name } } proposals { id title } sources { document { id } } } }
      organisations(first: 1) { nodes { id name } }
      congresses { nodes { id name } }
    }`),
    );
    const person = data.delegates.nodes[0];
    const samples: [string, string, string][] = [
      [person.id, "Person", person.name],
      [person.positions[0].id, "Position", person.positions[0].title],
      [person.seats[0].id, "Seat", ""],
      [person.awards[0].id, "Award", ""],
      [person.awards[0].honour.id, "Honour", person.awards[0].honour.name],
      [person.proposals[0].id, "Proposal", person.proposals[0].title],
      [person.sources[0].document.id, "SourceDocument", ""],
      [data.organisations.nodes[0].id, "Organisation", data.organisations.nodes[0].name],
      [data.congresses.nodes[0].id, "Congress", data.congresses.nodes[0].name],
    ];
    for (const [id, type, label] of samples) {
      const found = ok(
        await server.gql(
          `query ($id: ID!) { node(id: $id) { __typename id ... on Person { name } ... on Organisation { name } ... on Honour { name } ... on Congress { name } ... on Proposal { title } ... on Position { title } } }`,
          { id },
        ),
      );
      expect(found.node.__typename).toBe(type);
      expect(found.node.id).toBe(id);
      if (label) expect(found.node.name ?? found.node.title).toBe(label);
      expect(Buffer.from(id, "base64").toString()).toMatch(new RegExp(`^${type}:\\d+$`));
    }
  });

  test("person(id), organisation(id), honour(id), congress(id) fetch by global id", async () => {
    const list = ok(
      await server.gql(`{ people(filter: { nameContains: "王宝刚" }) { nodes { id employer { id } awards { honour { id } } seats { congress { id } } } } }`),
    );
    const p = list.people.nodes[0];
    const data = ok(
      await server.gql(
        `query ($p: ID!, $o: ID!, $h: ID!, $c: ID!) {
      person(id: $p) { name } organisation(id: $o) { name } honour(id: $h) { name } congress(id: $c) { name }
    }`,
        { p: p.id, o: p.employer.id, h: p.awards[0].honour.id, c: p.seats[0].congress.id },
      ),
    );
    expect(data).toEqual({
      person: { name: "王宝刚" },
      organisation: { name: "约克广州空调冷冻设备有限公司" },
      honour: { name: "金点子王" },
      congress: { name: "广东省工会第十五次代表大会" },
    });
  });

  test("nodes keeps the order asked and answers null for ids that name nothing", async () => {
    const ids = ok(await server.gql(`{ people(first: 3) { nodes { id name } } }`)).people.nodes;
    const missing = Buffer.from("Person:999999").toString("base64");
    const data = ok(await server.gql(`query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Person { name } } }`, { ids: [ids[2].id, missing, ids[0].id] }));
    expect(data.nodes).toEqual([{ id: ids[2].id, name: ids[2].name }, null, { id: ids[0].id, name: ids[0].name }]);
    expect(ok(await server.gql(`query ($id: ID!) { node(id: $id) { id } person(id: $id) { id } }`, { id: missing }))).toEqual({ node: null, person: null });
  });

  test.each([
    ["garbage", `{ node(id: "%%%") { id } }`, "id"],
    ["an unknown type", `{ node(id: "${Buffer.from("Spaceship:1").toString("base64")}") { id } }`, "id"],
    ["the wrong type for person()", `{ person(id: "${Buffer.from("Honour:1").toString("base64")}") { id } }`, "id"],
  ])("%s → BAD_USER_INPUT", async (_label, query, field) => {
    const error = firstError(await server.gql(query));
    expect(error.extensions).toEqual({ code: "BAD_USER_INPUT", field });
  });

  test("a malformed id among nodes is null with an error at its index; the others still resolve", async () => {
    const good = ok(await server.gql(`{ people(first: 1) { nodes { id name } } }`)).people.nodes[0];
    const res = await server.gql(`query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Person { name } } }`, { ids: [good.id, "nope"] });
    expect(res.data).toEqual({ nodes: [{ id: good.id, name: good.name }, null] });
    // A list item is named by its index as everywhere else (docs/api.md: `ids.1`), as a bad variable item is.
    expect(res.errors).toEqual([expect.objectContaining({ path: ["nodes", 1], extensions: { code: "BAD_USER_INPUT", field: "ids.1" } })]);
    expect(res.errors![0].message).toMatch(/^ids\.1: "nope" is not a global id/);
  });

  test("nodes refuses more than 100 ids", async () => {
    const ids = Array.from({ length: 101 }, (_, i) => Buffer.from(`Person:${i + 1}`).toString("base64"));
    expect(firstError(await server.gql(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids })).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "ids",
    });
  });
});
