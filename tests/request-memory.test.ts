import { HeaderMap } from "@apollo/server";
import express from "express";
import { createServer } from "http";
import { AddressInfo } from "net";
import path from "path";
import { gatewayRequestContext, useGatewayContextWithoutClosures } from "../src/http/gateway-context";
import { httpServerFor } from "../src/server";
import { startTestServer } from "./helpers/server";

/**
 * Two things kept every request's objects (its context, loaders, rows, result) alive until V8's
 * next full collection, which made the server collect its old generation about twice a second
 * under load: Express giving each request a prototype of its own, and Apollo's gateway context
 * with per-request accessors (src/server.ts httpServerFor, src/http/gateway-context.ts). These
 * tests pin both fixes and that the replacement answers exactly what Apollo's function does.
 */

function sampleRequestContext() {
  const requestHeaders = new HeaderMap([["content-type", "application/json"], ["x-request-id", "abc"]]);
  const responseHeaders = new HeaderMap();
  return {
    request: { query: "{ __typename }", operationName: "Q", variables: { a: 1 }, extensions: { e: true }, http: { method: "POST", search: "x=1", headers: requestHeaders, body: {} } },
    response: { http: { status: undefined as number | undefined, headers: responseHeaders } },
    contextValue: { requestId: "r1" },
    schema: { s: 1 },
    queryHash: "hash",
    document: { kind: "Document" },
    source: "{ __typename }",
    operationName: "Q",
    operation: { kind: "OperationDefinition" },
    errors: undefined,
    metrics: { m: 1 },
    overallCachePolicy: { maxAge: 0 },
    requestIsBatched: false,
  };
}

describe("Apollo's gateway context without per-request accessors", () => {
  const fix = useGatewayContextWithoutClosures();

  it("is installed on the @apollo/server this project depends on", () => {
    expect(fix).toMatchObject({ installed: true });
  });

  it("builds the same context as Apollo's own function", () => {
    const server = { logger: { l: 1 }, cache: { c: 1 } };
    const internals = { includeStacktraceInErrorResponses: false };
    const theirsRc = sampleRequestContext();
    const oursRc = sampleRequestContext();
    const theirs = fix.original!(theirsRc as never, server as never, internals as never) as Record<string, any>;
    const ours = gatewayRequestContext(oursRc as never, server, internals) as Record<string, any>;

    const plain = (c: Record<string, any>) => ({ ...c, request: { ...c.request, http: { ...c.request.http, headers: [...c.request.http.headers] } }, response: null });
    expect(Object.keys(ours).sort()).toEqual(Object.keys(theirs).sort());
    expect(plain(ours)).toEqual(plain(theirs));
    expect(ours.context).toBe(oursRc.contextValue);

    // Headers and status reach Apollo's own response head, in both.
    for (const [c, rc] of [[theirs, theirsRc], [ours, oursRc]] as const) {
      c.response.http.status = 418;
      c.response.http.headers.set("x-a", "1");
      c.response.http.headers.append("x-a", "2");
      c.request.http.headers.delete("x-request-id");
      expect(rc.response.http.status).toBe(418);
      expect(c.response.http.status).toBe(418);
      expect(rc.response.http.headers.get("x-a")).toBe("1, 2");
      expect(c.response.http.headers.get("missing")).toBeNull();
      expect([...c.request.http.headers.keys()]).toEqual(["content-type"]);
    }
  });

  it("is what Apollo's request pipeline calls for a real request", async () => {
    const mod = require(path.join(path.dirname(require.resolve("@apollo/server")), "utils", "makeGatewayGraphQLRequestContext.js")) as {
      makeGatewayGraphQLRequestContext: (...args: never[]) => Record<string, unknown>;
    };
    const server = await startTestServer();
    const installed = mod.makeGatewayGraphQLRequestContext;
    const built: Record<string, any>[] = [];
    mod.makeGatewayGraphQLRequestContext = (...args: never[]) => {
      const context = installed(...args);
      built.push(context);
      return context;
    };
    try {
      expect(installed).toBe(gatewayRequestContext);
      expect(await server.gql("{ __typename }")).toMatchObject({ status: 200, data: { __typename: "Query" } });
      expect(built).toHaveLength(1);
      expect(Object.getOwnPropertyDescriptor(built[0].response.http, "status")).toBeUndefined();
    } finally {
      mod.makeGatewayGraphQLRequestContext = installed;
      await server.close();
    }
  });

  it("keeps the status accessor on a class, not on each request's object", () => {
    const theirs = fix.original!(sampleRequestContext() as never, { logger: null, cache: null } as never, { includeStacktraceInErrorResponses: false } as never) as Record<string, any>;
    const ours = gatewayRequestContext(sampleRequestContext() as never, { logger: null, cache: null }, { includeStacktraceInErrorResponses: false }) as Record<string, any>;
    expect(Object.getOwnPropertyDescriptor(theirs.response.http, "status")?.get).toBeInstanceOf(Function);
    expect(Object.getOwnPropertyDescriptor(ours.response.http, "status")).toBeUndefined();
  });
});

describe("requests born with Express's prototypes", () => {
  /** Calls of Object.setPrototypeOf during `fn` that changed an object's prototype. */
  async function prototypeChanges(fn: () => Promise<unknown>): Promise<number> {
    const original = Object.setPrototypeOf;
    let changes = 0;
    const spy = jest.spyOn(Object, "setPrototypeOf").mockImplementation((o: object, proto: object | null) => {
      if (Object.getPrototypeOf(o) !== proto) changes++;
      return original(o, proto);
    });
    try {
      await fn();
    } finally {
      spy.mockRestore();
    }
    return changes;
  }

  it("httpServerFor makes Express's per-request setPrototypeOf a no-op, and the app still works", async () => {
    const app = express();
    app.get("/x", (req, res) => res.json({ ip: req.ip !== undefined, path: req.path }));
    const listening = async (server: ReturnType<typeof createServer>) => {
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    };
    const ours = httpServerFor(app);
    // What app.listen does
    const plainServer = createServer(app);
    try {
      const url = await listening(ours);
      let body: unknown;
      expect(await prototypeChanges(async () => (body = await (await fetch(`${url}/x`)).json()))).toBe(0);
      expect(body).toEqual({ ip: true, path: "/x" });
      // The comparison: app.listen's requests each get a new prototype (request and response).
      const plainUrl = await listening(plainServer);
      expect(await prototypeChanges(() => fetch(`${plainUrl}/x`).then((r) => r.json()))).toBe(2);
    } finally {
      await new Promise((resolve) => ours.close(resolve));
      await new Promise((resolve) => plainServer.close(resolve));
    }
  });

  it("the directory's own server answers GraphQL that way", async () => {
    const server = await startTestServer();
    try {
      let answer: unknown;
      expect(await prototypeChanges(async () => (answer = await server.gql("{ __typename }")))).toBe(0);
      expect(answer).toMatchObject({ status: 200, data: { __typename: "Query" } });
    } finally {
      await server.close();
    }
  });
});
