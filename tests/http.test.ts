import http from "http";
import { gzipSync } from "zlib";
import { formatError } from "../src/http/format-error";
import { GraphQLError } from "graphql";
import { captureLog } from "./helpers/log";
import { firstError, ok, startTestServer, TestServer } from "./helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("HTTP surface", () => {
  test("GET /healthz answers ok while the database answers", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  test("GET /healthz answers 503 when the database does not", async () => {
    const other = await startTestServer();
    await other.ds.destroy();
    const res = await fetch(`${other.url}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "unavailable" });
    await other.ds.initialize();
    await other.close();
  });

  test("POST /graphql answers JSON", async () => {
    const res = await server.gql(`{ congresses { totalCount } }`);
    expect(res.status).toBe(200);
    expect(ok(res).congresses.totalCount).toBe(1);
  });

  test("an answer's Content-Length counts its bytes, not its characters: Chinese names arrive whole", async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ people(first: 100) { nodes { name namePinyin } } }` }),
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    const text = bytes.toString("utf8");
    expect(res.headers.get("content-length")).toBe(String(bytes.length));
    expect(bytes.length).toBeGreaterThan(text.length);
    expect(JSON.parse(text).data.people.nodes).toContainEqual({ name: "万雅丽", namePinyin: "Wan Yali" });
  });

  test("query answers carry no ETag (nothing revalidates a POST); the IDE's files do, and answer 304 when unchanged", async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBeNull();
    const asset = await fetch(`${server.url}/ide/ide.js`);
    const etag = asset.headers.get("etag");
    expect(etag).toBeTruthy();
    // node:http, not fetch: fetch adds Cache-Control: no-cache to a conditional request
    const status = await new Promise<number | undefined>((resolve, reject) =>
      http.get(`${server.url}/ide/ide.js`, { headers: { "if-none-match": etag! } }, (r) => resolve(r.resume().statusCode)).on("error", reject),
    );
    expect(status).toBe(304);
  });

  test("GET /graphql from a browser is the IDE page, with every asset served locally", async () => {
    const res = await fetch(`${server.url}/graphql`, { headers: { accept: "text/html,application/xhtml+xml,*/*;q=0.8" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('<div id="graphiql">');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(assets).toEqual([
      "/ide/graphiql.min.css",
      "/ide/react.production.min.js",
      "/ide/react-dom.production.min.js",
      "/ide/graphiql.min.js",
      "/ide/ide.js",
    ]);
    for (const asset of assets) {
      const a = await fetch(server.url + asset);
      expect(a.status).toBe(200);
      expect(a.headers.get("content-type")).toMatch(asset.endsWith(".css") ? /text\/css/ : /javascript/);
      expect((await a.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
    expect((await fetch(`${server.url}/ide/../package.json`)).status).toBe(404);
  });

  test("GET /graphql with a query and a preflight header runs the query; API clients never get the page", async () => {
    const q = encodeURIComponent("{ congresses { totalCount } }");
    const res = await fetch(`${server.url}/graphql?query=${q}`, { headers: { accept: "application/json", "apollo-require-preflight": "true" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { congresses: { totalCount: 1 } } });
  });

  test("a query sent by GET carries an ETag: asked again with If-None-Match, 304 without a body while the answer is the same", async () => {
    const get = (query: string, headers: Record<string, string> = {}) =>
      // node:http, not fetch: fetch adds Cache-Control: no-cache to a conditional request
      new Promise<{ status?: number; etag?: string; vary?: string; body: string }>((resolve, reject) =>
        http
          .get(
            `${server.url}/graphql?query=${encodeURIComponent(query)}`,
            { headers: { accept: "application/json", "apollo-require-preflight": "true", ...headers } },
            (r) => {
              let body = "";
              r.setEncoding("utf8")
                .on("data", (chunk) => (body += chunk))
                .on("end", () => resolve({ status: r.statusCode, etag: r.headers.etag, vary: r.headers.vary, body }));
            },
          )
          .on("error", reject),
      );
    const first = await get("{ congresses { totalCount } }");
    expect(first.status).toBe(200);
    expect(first.etag).toMatch(/^W\/"/);
    expect(first.vary).toMatch(/accept/i);
    const again = await get("{ congresses { totalCount } }", { "if-none-match": first.etag! });
    expect(again).toMatchObject({ status: 304, etag: first.etag, body: "" });
    const other = await get("{ congresses { nodes { name } } }", { "if-none-match": first.etag! });
    expect(other.status).toBe(200);
    expect(other.etag).not.toBe(first.etag);
    expect(JSON.parse(other.body).data.congresses.nodes).toHaveLength(1);
  });

  test("syntax and validation errors are typed and carry no stack trace", async () => {
    const parse = await server.gql(`{ people { `);
    expect(parse.status).toBe(400);
    expect(firstError(parse).extensions).toEqual({ code: "GRAPHQL_PARSE_FAILED" });
    const invalid = await server.gql(`{ people { nodes { salary } } }`);
    expect(invalid.status).toBe(400);
    expect(firstError(invalid).extensions).toEqual({ code: "GRAPHQL_VALIDATION_FAILED" });
    const badVariable = await server.gql(`query ($n: Int) { people(first: $n) { totalCount } }`, { n: "many" });
    expect(firstError(badVariable).extensions?.code).toBe("BAD_USER_INPUT");
    for (const res of [parse, invalid, badVariable]) expect(JSON.stringify(res)).not.toMatch(/stacktrace|\.ts:\d+|\.js:\d+/);
  });

  // extensions.field is the argument path the bad value fills, as for every BAD_USER_INPUT (not the variable's name).
  test.each([
    [
      "a wrong enum value",
      `query ($l: HonourLevel!) { honours(filter: { level: $l }) { totalCount } }`,
      { l: "GALACTIC" },
      /"\$l" got invalid value "GALACTIC"; Value "GALACTIC" does not exist in "HonourLevel" enum/,
      "filter.level",
    ],
    ["a missing required variable", `query ($id: ID!) { person(id: $id) { name } }`, {}, /"\$id" of required type "ID!" was not provided/, "id"],
    [
      "null inside a list of non-null ids",
      `query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`,
      { ids: ["x", null] },
      /"\$ids" got invalid value null at "ids\[1\]"/,
      "ids.1",
    ],
    [
      "an object for an ID",
      `query ($id: ID!) { person(id: $id) { name } }`,
      { id: { a: 1 } },
      /"\$id" got invalid value \{ a: 1 \}; ID cannot represent value/,
      "id",
    ],
    [
      "a bad field of an input object",
      `query ($f: PersonFilter) { people(filter: $f) { totalCount } }`,
      { f: { hasProposals: "yes" } },
      /"\$f" got invalid value "yes" at "f.hasProposals"; Boolean cannot represent/,
      "filter.hasProposals",
    ],
    [
      "a bad field of an input object given in a fragment",
      `query ($f: PersonFilter) { ...f } fragment f on Query { people(first: 1, filter: $f) { totalCount } }`,
      { f: { honour: { level: "GALACTIC" } } },
      /at "f.honour.level"/,
      "filter.honour.level",
    ],
    [
      "a field no input object has",
      `query ($f: PersonFilter) { people(filter: $f) { totalCount } }`,
      { f: { salary: 1 } },
      /Field "salary" is not defined by type "PersonFilter"/,
      "filter.salary",
    ],
    [
      "a required input field left out",
      `mutation ($i: CreatePersonInput!) { createPerson(input: $i) { id } }`,
      { i: {} },
      /Field "name" of required type "String!" was not provided/,
      "input.name",
    ],
  ])(
    "a variable with %s is refused before execution: 400 BAD_USER_INPUT with graphql-js's message, naming the field",
    async (_label, query, variables, message, field) => {
      const statements = await server.countStatements(async () => {
        const res = await server.gql(query, variables);
        expect(res.status).toBe(400);
        expect(res.data).toBeUndefined();
        expect(res.errors).toHaveLength(1);
        expect(firstError(res).extensions).toEqual({ code: "BAD_USER_INPUT", field });
        expect(firstError(res).message).toMatch(message);
      });
      expect(statements).toEqual([]);
    },
  );

  // The same values written into the document: graphql-js refuses them as it validates the document.
  test.each([
    ["a wrong enum value", `{ honours(filter: { level: GALACTIC }) { totalCount } }`, /Value "GALACTIC" does not exist in "HonourLevel" enum/, "filter.level"],
    ["a string for a number", `{ people(first: "many") { totalCount } }`, /Int cannot represent non-integer value: "many"/, "first"],
    ["a bad item of a list", `{ nodes(ids: ["UGVyc29uOjE=", 7.5]) { id } }`, /ID cannot represent a non-string and non-integer value: 7\.5/, "ids.1"],
    [
      "a bad field of an input object",
      `{ people(filter: { hasProposals: "yes" }) { totalCount } }`,
      /Boolean cannot represent a non boolean value: "yes"/,
      "filter.hasProposals",
    ],
    [
      "a field no input object has",
      `{ people(filter: { honour: { salary: 1 } }) { totalCount } }`,
      /Field "salary" is not defined by type "HonourMatch"/,
      "filter.honour.salary",
    ],
    [
      "a required input field left out",
      `mutation { createPerson(input: { gender: MALE }) { id } }`,
      /Field "CreatePersonInput.name" of required type "String!" was not provided/,
      "input.name",
    ],
    [
      "a bad value given in a fragment",
      `{ ...f } fragment f on Query { people(first: 1, filter: { honour: { level: GALACTIC } }) { totalCount } }`,
      /Value "GALACTIC" does not exist/,
      "filter.honour.level",
    ],
    [
      "a bad value lines down",
      `query {\r\n  people(\n    first: 2\r    last: "many"\n  ) { totalCount }\n}`,
      /Int cannot represent non-integer value: "many"/,
      "last",
    ],
    ["a required argument left out", `{ person { name } }`, /Field "person" argument "id" of type "ID!" is required/, "id"],
    [
      "a bad field of a list's item",
      `{ people(filter: { honours: [{ level: PROVINCIAL }, { level: GALACTIC }] }) { totalCount } }`,
      /Value "GALACTIC" does not exist in "HonourLevel" enum/,
      "filter.honours.1.level",
    ],
    // The mistake sits in an argument even where no value is refused: the argument is named.
    ["a variable the operation does not define", `{ people(first: $n) { totalCount } }`, /Variable "\$n" is not defined/, "first"],
    ["an argument the field does not have", `{ people(salary: 1) { totalCount } }`, /Unknown argument "salary" on field "Query.people"/, "salary"],
    ["an argument given twice", `{ people(first: 1, first: 2) { totalCount } }`, /There can be only one argument named "first"/, "first"],
    [
      "an input field given twice",
      `{ people(filter: { hasProposals: true, hasProposals: false }) { totalCount } }`,
      /There can be only one input field named "hasProposals"/,
      "filter.hasProposals",
    ],
  ])("a literal with %s is refused as the document is validated: 400 GRAPHQL_VALIDATION_FAILED, naming the field", async (_label, query, message, field) => {
    const statements = await server.countStatements(async () => {
      const res = await server.gql(query, {}, { authorization: "Bearer test-organiser" });
      expect(res.status).toBe(400);
      expect(res.errors).toHaveLength(1);
      expect(firstError(res).extensions).toEqual({ code: "GRAPHQL_VALIDATION_FAILED", field });
      expect(firstError(res).message).toMatch(message);
    });
    expect(statements).toEqual([]);
  });

  test("each of two refused literals names its own field", async () => {
    const res = await server.gql(`{ a: people(first: "many") { totalCount } b: honours(filter: { level: GALACTIC }) { totalCount } }`);
    expect(res.status).toBe(400);
    expect(res.errors?.map((error) => error.extensions)).toEqual([
      { code: "GRAPHQL_VALIDATION_FAILED", field: "first" },
      { code: "GRAPHQL_VALIDATION_FAILED", field: "filter.level" },
    ]);
  });

  test("a refused literal outside a field's arguments names no field: a directive's argument, a selection", async () => {
    for (const query of [`{ people @include(if: "yes") { totalCount } }`, `{ people { nodes { salary } } }`]) {
      const res = await server.gql(query);
      expect(res.status).toBe(400);
      expect(firstError(res).extensions).toEqual({ code: "GRAPHQL_VALIDATION_FAILED" });
    }
  });

  test.each([
    ["a non-null variable left out takes its default", `query ($n: Int! = 2) { people(first: $n) { nodes { id } } }`, {}, 2],
    ["a nullable variable left out takes its default", `query ($n: Int = 3) { people(first: $n) { nodes { id } } }`, {}, 3],
    ["a given value wins over the default", `query ($n: Int! = 2) { people(first: $n) { nodes { id } } }`, { n: 4 }, 4],
    [
      "an enum variable's default",
      `query ($d: OrderDirection! = DESC) { people(orderBy: { field: CREATED, direction: $d }, first: 5) { nodes { id } } }`,
      {},
      5,
    ],
  ])("%s", async (_label, query, variables, size) => {
    const data = ok(await server.gql(query, variables));
    expect(data.people.nodes).toHaveLength(size);
  });

  test("variables are coerced as graphql-js coerces them: a number for an ID becomes its string", async () => {
    const res = await server.gql(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [5] });
    expect(firstError(res).message).toBe('ids.0: "5" is not a global id');
  });

  test.each([
    ["malformed JSON", "application/json", '{"query": ', 400, "BAD_REQUEST"],
    ["an unsupported charset", "application/json; charset=latin-9", '{"query":"{ __typename }"}', 415, "BAD_REQUEST"],
    ["a body over 1 MB", "application/json", JSON.stringify({ query: "{ __typename }", variables: { pad: "x".repeat(1_100_000) } }), 413, "PAYLOAD_TOO_LARGE"],
  ])("%s answers %i as JSON, with no stack or path", async (_label, type, body, status, code) => {
    const res = await fetch(`${server.url}/graphql`, { method: "POST", headers: { "content-type": type }, body });
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    const text = await res.text();
    expect(JSON.parse(text).errors[0].extensions.code).toBe(code);
    expect(text).not.toMatch(/node_modules|\/work\/|at \w+ \(|\.js:\d+/);
  });

  test.each([
    ["several operations and no operationName", undefined, "Must provide operation name if query contains multiple operations."],
    ["an operationName the document does not have", "C", 'Unknown operation named "C".'],
  ])("%s: 400 OPERATION_RESOLUTION_FAILURE naming the problem, nothing run", async (_label, operationName, message) => {
    const statements = await server.countStatements(async () => {
      const res = await fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "query A { people(first: 1) { totalCount } } query B { congresses { totalCount } }", operationName }),
      });
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.data).toBeUndefined();
      expect(body.errors).toEqual([{ message, extensions: { code: "OPERATION_RESOLUTION_FAILURE" } }]);
    });
    expect(statements).toEqual([]);
  });

  test.each([
    ["a hash that does not match its query", { version: 1, sha256Hash: "0".repeat(64) }, "provided sha does not match query"],
    ["an unknown persisted-query version", { version: 2, sha256Hash: "0".repeat(64) }, "Unsupported persisted query version"],
  ])("a persisted query with %s is a client error (400 BAD_REQUEST), not logged as a server fault", async (_label, persistedQuery, message) => {
    const { result: res, entries } = await captureLog("info", () =>
      fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ __typename }", extensions: { persistedQuery } }),
      }),
    );
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([{ message, extensions: { code: "BAD_REQUEST" } }]);
    expect(entries.filter((entry) => entry.msg === "request")).toHaveLength(1);
    expect(entries.filter((entry) => entry.level === "error")).toEqual([]);
  });

  test("/graphql answers under any case of its path, with a trailing slash or a query string; a browser's GET there is still the IDE page", async () => {
    for (const path of ["/GraphQL", "/graphql/", "/graphql?from=test"]) {
      const res = await fetch(server.url + path, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ __typename }" }),
      });
      expect([path, res.status, await res.json()]).toEqual([path, 200, { data: { __typename: "Query" } }]);
    }
    const page = await fetch(`${server.url}/graphql/`, { headers: { accept: "text/html" } });
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    // A proxy may send the whole URL in the request line.
    const absolute = await new Promise<{ status?: number; body: string }>((resolve, reject) => {
      const { port } = new URL(server.url);
      const request = http.request(
        { host: "127.0.0.1", port, method: "POST", path: `http://127.0.0.1:${port}/graphql`, headers: { "content-type": "application/json" } },
        (r) => {
          let body = "";
          r.setEncoding("utf8")
            .on("data", (c: string) => (body += c))
            .on("end", () => resolve({ status: r.statusCode, body }));
        },
      );
      request.on("error", reject).end(JSON.stringify({ query: "{ __typename }" }));
    });
    expect([absolute.status, JSON.parse(absolute.body)]).toEqual([200, { data: { __typename: "Query" } }]);
    const head = await fetch(`${server.url}/graphql?query=${encodeURIComponent("{ __typename }")}`, {
      method: "HEAD",
      headers: { "apollo-require-preflight": "true" },
    });
    expect([head.status, head.headers.get("allow"), await head.text()]).toEqual([405, "GET, POST", ""]);
    const api = await fetch(`${server.url}/graphql`, { headers: { accept: "application/json" } });
    expect([api.status, (await api.json()).errors[0].extensions.code]).toEqual([400, "BAD_REQUEST"]);
  });

  test("a gzip-compressed JSON body is read; an unsupported encoding or charset answers 415", async () => {
    const post = (headers: Record<string, string>, body: Buffer) =>
      fetch(`${server.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: new Uint8Array(body) });
    const query = Buffer.from(JSON.stringify({ query: "{ __typename }" }));
    const gzipped = await post({ "content-encoding": "gzip" }, gzipSync(query));
    expect(await gzipped.json()).toEqual({ data: { __typename: "Query" } });
    const compress = await post({ "content-encoding": "compress" }, query);
    expect([compress.status, (await compress.json()).errors[0].extensions.code]).toEqual([415, "BAD_REQUEST"]);
    const latin1 = await post({ "content-type": "application/json; charset=latin1" }, query);
    expect([latin1.status, (await latin1.json()).errors[0].message]).toEqual([415, "Unsupported charset; send UTF-8"]);
  });

  test("an unknown path answers 404 JSON", async () => {
    const res = await fetch(`${server.url}/nope`);
    expect(res.status).toBe(404);
    expect((await res.json()).errors[0].extensions.code).toBe("NOT_FOUND");
  });

  test("an unexpected error reaches the client as INTERNAL_SERVER_ERROR without its message", async () => {
    const secret = new Error("SQLITE_CORRUPT: /srv/data/directory.sqlite page 7");
    const { result: formatted, entries } = await captureLog("error", () =>
      formatError({ message: secret.message, extensions: { code: "INTERNAL_SERVER_ERROR", stacktrace: ["at x.ts:1"] } }, secret),
    );
    expect(formatted).toEqual({ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } });
    // the detail goes to the server log, as one JSON line
    expect(entries).toEqual([expect.objectContaining({ level: "error", msg: "internal error", error: expect.objectContaining({ message: secret.message }) })]);
    const typed = formatError({ message: "nope", extensions: { code: "BAD_USER_INPUT", field: "id", stacktrace: ["x"] } }, new GraphQLError("nope"));
    expect(typed).toEqual({ message: "nope", extensions: { code: "BAD_USER_INPUT", field: "id" } });
  });
});
