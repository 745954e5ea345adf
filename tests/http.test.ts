import { formatError } from "../src/http/format-error";
import { setLogLevel } from "../src/log";
import { GraphQLError } from "graphql";
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

  test("GET /graphql from a browser is the IDE page, with every asset served locally", async () => {
    const res = await fetch(`${server.url}/graphql`, { headers: { accept: "text/html,application/xhtml+xml,*/*;q=0.8" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('<div id="graphiql">');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(assets).toEqual(["/ide/graphiql.min.css", "/ide/react.production.min.js", "/ide/react-dom.production.min.js", "/ide/graphiql.min.js", "/ide/ide.js"]);
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

  test("an unknown path answers 404 JSON", async () => {
    const res = await fetch(`${server.url}/nope`);
    expect(res.status).toBe(404);
    expect((await res.json()).errors[0].extensions.code).toBe("NOT_FOUND");
  });

  test("an unexpected error reaches the client as INTERNAL_SERVER_ERROR without its message", () => {
    setLogLevel("error");
    const spy = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
    const secret = new Error("SQLITE_CORRUPT: /srv/data/directory.sqlite page 7");
    const formatted = formatError({ message: secret.message, extensions: { code: "INTERNAL_SERVER_ERROR", stacktrace: ["at x.ts:1"] } }, secret);
    expect(formatted).toEqual({ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } });
    // the detail goes to the server log, as one JSON line
    expect(JSON.parse(String(spy.mock.calls[0][0]))).toMatchObject({ level: "error", msg: "internal error", error: { message: secret.message } });
    spy.mockRestore();
    setLogLevel("silent");
    const typed = formatError({ message: "nope", extensions: { code: "BAD_USER_INPUT", field: "id", stacktrace: ["x"] } }, new GraphQLError("nope"));
    expect(typed).toEqual({ message: "nope", extensions: { code: "BAD_USER_INPUT", field: "id" } });
  });
});
