import { ConfigError, loadConfig } from "../src/config";
import { startTestServer, TestServer } from "./helpers/server";

/** A page on another origin, as a browser would send for it. */
const APP = "https://app.example";
const QUERY = JSON.stringify({ query: "{ congresses { totalCount } }" });

let open: TestServer;
let restricted: TestServer;
let off: TestServer;
beforeAll(async () => {
  open = await startTestServer();
  restricted = await startTestServer({ database: open.database, env: { CORS_ORIGINS: `${APP},https://b.example:8443` } });
  off = await startTestServer({ database: open.database, env: { CORS_ORIGINS: "none" } });
});
afterAll(async () => {
  await off?.close();
  await restricted?.close();
  await open?.close();
});

/** The preflight a browser sends before a cross-origin POST of JSON with a token. */
function preflight(server: TestServer, origin: string, headers = "content-type,authorization") {
  return fetch(`${server.url}/graphql`, {
    method: "OPTIONS",
    headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": headers },
  });
}

function post(server: TestServer, origin: string) {
  return fetch(`${server.url}/graphql`, { method: "POST", headers: { origin, "content-type": "application/json" }, body: QUERY });
}

describe("CORS: any origin by default, without credentials", () => {
  test("a preflight from any origin is answered with the methods, the headers clients send and a max age", async () => {
    const res = await preflight(
      open,
      APP,
      "content-type,authorization,apollo-require-preflight,apollographql-client-name,apollographql-client-version,x-apollo-operation-name",
    );
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-methods")?.split(",")).toEqual(expect.arrayContaining(["GET", "POST"]));
    const allowed = res.headers.get("access-control-allow-headers")!.toLowerCase().split(",");
    for (const header of [
      "content-type",
      "authorization",
      "apollo-require-preflight",
      "apollographql-client-name",
      "apollographql-client-version",
      "x-apollo-operation-name",
    ]) {
      expect(allowed).toContain(header);
    }
    expect(Number(res.headers.get("access-control-max-age"))).toBeGreaterThan(0);
    // Tokens travel in a header, never a cookie: a browser must not send cookies along.
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();
  });

  test("the answer itself may be read from any origin, with x-request-id and etag exposed", async () => {
    const res = await post(open, "https://anything.example");
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-expose-headers")!.toLowerCase().split(",")).toEqual(expect.arrayContaining(["x-request-id", "etag"]));
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();
    expect((await res.json()).data.congresses.totalCount).toBe(1);
  });

  test("error answers are readable cross-origin too (an app can show the message)", async () => {
    const res = await fetch(`${open.url}/graphql`, { method: "POST", headers: { origin: APP, "content-type": "application/json" }, body: "{not json" });
    expect(res.status).toBe(400);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
  });
});

describe("CORS_ORIGINS restricts", () => {
  test("a listed origin is answered with its own name (and Vary: Origin, for caches)", async () => {
    for (const origin of [APP, "https://b.example:8443"]) {
      const res = await preflight(restricted, origin);
      expect(res.status).toBe(204);
      expect(res.headers.get("access-control-allow-origin")).toBe(origin);
      const answer = await post(restricted, origin);
      expect(answer.headers.get("access-control-allow-origin")).toBe(origin);
      expect(answer.headers.get("vary")?.toLowerCase()).toContain("origin");
      // A query sent by GET varies by Accept as well (its ETag's answer), and still by Origin.
      const q = encodeURIComponent("{ __typename }");
      const get = await fetch(`${restricted.url}/graphql?query=${q}`, { headers: { origin, "apollo-require-preflight": "true" } });
      expect(
        get.headers
          .get("vary")
          ?.toLowerCase()
          .split(/\s*,\s*/)
          .sort(),
      ).toEqual(["accept", "origin"]);
    }
  });

  test("any other origin gets no Access-Control-Allow-Origin, so its browser withholds the answer", async () => {
    for (const origin of ["https://evil.example", "https://b.example", "http://app.example"]) {
      expect((await preflight(restricted, origin)).headers.get("access-control-allow-origin")).toBeNull();
      expect((await post(restricted, origin)).headers.get("access-control-allow-origin")).toBeNull();
    }
  });

  test("CORS_ORIGINS=none sends no CORS header at all", async () => {
    const res = await preflight(off, APP);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    expect(res.headers.get("access-control-allow-methods")).toBeNull();
    expect((await post(off, APP)).headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("CORS_ORIGINS is checked at start", () => {
  test("unset, empty or * is any origin; none is off; a list is kept as given", () => {
    expect(loadConfig({}).corsOrigins).toBe("*");
    expect(loadConfig({ CORS_ORIGINS: "" }).corsOrigins).toBe("*");
    expect(loadConfig({ CORS_ORIGINS: "*" }).corsOrigins).toBe("*");
    expect(loadConfig({ CORS_ORIGINS: "none" }).corsOrigins).toBe("none");
    expect(loadConfig({ CORS_ORIGINS: "https://a.example, http://localhost:5173" }).corsOrigins).toEqual(["https://a.example", "http://localhost:5173"]);
  });

  test.each([
    "https://a.example/",
    "https://a.example/app",
    "a.example",
    "ftp://a.example",
    "https://A.example",
    "https://a.example,none",
    "*.example.org",
    "https://*.example",
  ])("%s is refused, the message naming CORS_ORIGINS and the entry", (value) => {
    expect(() => loadConfig({ CORS_ORIGINS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ CORS_ORIGINS: value })).toThrow(/CORS_ORIGINS/);
  });
});
