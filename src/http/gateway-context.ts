import path from "path";

/**
 * Apollo Server builds a fresh context object for a gateway's executor on every request
 * (makeGatewayGraphQLRequestContext, @apollo/server 5), and its `response.http.status` is an
 * object-literal getter/setter pair closing over the request. V8 keeps accessors in the object's
 * hidden class, and hidden classes live in the old generation: so every request's context,
 * loaders, rows and result stayed reachable from dead hidden classes through young-generation
 * collections until the next full one. Measured on 500 sequential 50-row delegates pages: 3.5 MB
 * survived each scavenge, 2.3 MB of it was promoted, the old generation was mark-compacted ten
 * times; with the accessors on a class (one hidden class for all) 0.03 MB survived, no
 * mark-compact ran, and the page's CPU fell by about a quarter.
 *
 * Apollo has no option for this and does not export the function, so this replaces the export
 * its request pipeline calls (it looks it up on the module at every call) with the same context
 * built from a class. It is checked against the version it was written for: a different
 * @apollo/server major keeps Apollo's own function (correct, only slower) and says so.
 */

/** Apollo's HeaderMap: a Map of lower-case names to values. */
type HeaderMap = Map<string, string>;

/** The Fetch-API Headers view of a HeaderMap that a gateway expects (Apollo's FetcherHeadersForHeaderMap). */
class HeadersOfMap {
  constructor(private readonly map: HeaderMap) {}
  append(name: string, value: string) {
    this.map.set(name, this.map.has(name) ? `${this.map.get(name)}, ${value}` : value);
  }
  delete(name: string) {
    this.map.delete(name);
  }
  get(name: string) {
    return this.map.get(name) ?? null;
  }
  has(name: string) {
    return this.map.has(name);
  }
  set(name: string, value: string) {
    this.map.set(name, value);
  }
  entries() {
    return this.map.entries();
  }
  keys() {
    return this.map.keys();
  }
  values() {
    return this.map.values();
  }
  [Symbol.iterator]() {
    return this.map.entries();
  }
}

/** The response head a gateway sees: its status and headers are Apollo's own. */
class ResponseHttp {
  readonly headers: HeadersOfMap;
  constructor(private readonly head: { status?: number; headers: HeaderMap }) {
    this.headers = new HeadersOfMap(head.headers);
  }
  get status() {
    return this.head.status;
  }
  set status(status: number | undefined) {
    this.head.status = status;
  }
}

/** What Apollo hands the function (the parts it reads). */
interface RequestContext {
  request: { query?: string; operationName?: string; variables?: unknown; extensions?: unknown; http?: { method: string; search: string; headers: HeaderMap } };
  response: { http: { status?: number; headers: HeaderMap } };
  contextValue: unknown;
  [key: string]: unknown;
}

/** The same object as Apollo 5's makeGatewayGraphQLRequestContext, with no per-request accessors. */
export function gatewayRequestContext(
  rc: RequestContext,
  server: { logger: unknown; cache: unknown },
  internals: { includeStacktraceInErrorResponses: boolean },
): Record<string, unknown> {
  const request: Record<string, unknown> = {};
  for (const key of ["query", "operationName", "variables", "extensions"] as const) if (key in rc.request) request[key] = rc.request[key];
  if (rc.request.http) {
    const { method, search, headers } = rc.request.http;
    const needQuestion = search !== "" && !search.startsWith("?");
    request.http = { method, url: `https://unknown-url.invalid/${needQuestion ? "?" : ""}${search}`, headers: new HeadersOfMap(headers) };
  }
  return {
    request,
    response: { http: new ResponseHttp(rc.response.http) },
    logger: server.logger,
    schema: rc.schema,
    schemaHash: "schemaHash no longer exists since Apollo Server 4",
    context: rc.contextValue,
    cache: server.cache,
    queryHash: rc.queryHash,
    document: rc.document,
    source: rc.source,
    operationName: rc.operationName,
    operation: rc.operation,
    errors: rc.errors,
    metrics: rc.metrics,
    debug: internals.includeStacktraceInErrorResponses,
    overallCachePolicy: rc.overallCachePolicy,
    requestIsBatched: rc.requestIsBatched,
  };
}

/** The module of Apollo's that the request pipeline calls, and the major version this was written for. */
const MODULE = "utils/makeGatewayGraphQLRequestContext.js";
const MAJOR = 5;

export interface Installed {
  installed: boolean;
  /** Apollo's own function, kept (for the equivalence test). */
  original?: (...args: never[]) => Record<string, unknown>;
  reason?: string;
}

let state: Installed | undefined;

/** Puts gatewayRequestContext in place of Apollo's function, once per process. */
export function useGatewayContextWithoutClosures(): Installed {
  if (state) return state;
  try {
    const cjs = path.dirname(require.resolve("@apollo/server"));
    const { version } = require(path.join(cjs, "..", "..", "package.json")) as { version: string };
    if (Number(version.split(".")[0]) !== MAJOR) return (state = { installed: false, reason: `@apollo/server ${version} is not ${MAJOR}.x` });
    const mod = require(path.join(cjs, MODULE)) as { makeGatewayGraphQLRequestContext?: (...args: never[]) => Record<string, unknown> };
    const original = mod.makeGatewayGraphQLRequestContext;
    if (typeof original !== "function") return (state = { installed: false, reason: `${MODULE} has no makeGatewayGraphQLRequestContext` });
    mod.makeGatewayGraphQLRequestContext = gatewayRequestContext as never;
    return (state = { installed: true, original });
  } catch (error) {
    return (state = { installed: false, reason: error instanceof Error ? error.message : String(error) });
  }
}
