import { HeaderMap, type ApolloServer } from "@apollo/server";
import type { IncomingMessage, ServerResponse } from "http";
import type { Context } from "../context";
import { notModifiedGet } from "./etag";
import { endWithText } from "./body";
import { answerHttpError } from "./errors";
import { BODY_LIMIT_BYTES, readJsonBody } from "./json-body";
import { trackRequest } from "./request-log";

/** A connect-style middleware (the `cors` package's): it takes Node's own request and response. */
export type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/** The request's context, built by Apollo when the operation needs it (src/server.ts). */
export type ContextFor = (req: IncomingMessage, res: ServerResponse, requestId: string) => Promise<Context>;

/** Where a request points: its path, and its query string with the "?" ("" when there is none). */
export interface RequestTarget {
  path: string;
  search: string;
}

/** The request's target, read once; from an absolute URL too (a proxy may send `GET http://host/graphql`), as Express read it. */
export function requestTarget(req: IncomingMessage): RequestTarget {
  const url = req.url ?? "/";
  if (!url.startsWith("/")) {
    try {
      const { pathname, search } = new URL(url);
      return { path: pathname, search };
    } catch {
      return { path: url, search: "" };
    }
  }
  const query = url.indexOf("?");
  return query < 0 ? { path: url, search: "" } : { path: url.slice(0, query), search: url.slice(query) };
}

/** True for what the Express app mounted on /graphql answered: the path, any case, and anything below it. */
export function isGraphqlPath(path: string): boolean {
  const lower = path.toLowerCase();
  return lower === "/graphql" || lower.startsWith("/graphql/");
}

/**
 * /graphql on Node's http server, through Apollo's integration API (`executeHTTPGraphQLRequest`,
 * what @as-integrations/express5 wraps), without Express: its router, response helpers and the
 * integration's copies took more of the main thread than executing a profile page (bench/README.md,
 * "/graphql without Express"). The rest of the app (the IDE, the export, /healthz, 404s) stays on
 * Express. Same answers as before: the request id and log line, CORS, JSON bodies (limit, charset,
 * gzip: src/http/json-body.ts), ETags and 304 for GET, and errors outside GraphQL in GraphQL's shape.
 */
export function graphqlRoute(apollo: ApolloServer<Context>, cors: Middleware | null, contextFor: ContextFor) {
  return (req: IncomingMessage, res: ServerResponse, target: RequestTarget): void => {
    const requestId = trackRequest(req, res, target.path);
    // Nothing escapes it: a throw here (in the body's or cors' callback, or a rejection's handler) would end the process.
    const fail = (error: unknown) => {
      try {
        if (res.headersSent) res.destroy();
        else answerHttpError(error, res, requestId);
      } catch {
        res.destroy();
      }
    };
    const execute = () => void answer(apollo, req, res, target.search, () => contextFor(req, res, requestId)).catch(fail);
    const parse = () => {
      if (req.method !== "POST") return execute();
      try {
        readJsonBody(req, BODY_LIMIT_BYTES, (error, body) => {
          if (error) return fail(error);
          (req as { body?: unknown }).body = body;
          execute();
        });
      } catch (error) {
        fail(error);
      }
    };
    if (cors) cors(req, res, (error) => (error ? fail(error) : parse()));
    else parse();
  };
}

async function answer(
  apollo: ApolloServer<Context>,
  req: IncomingMessage,
  res: ServerResponse,
  search: string,
  context: () => Promise<Context>,
): Promise<void> {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: (req.method ?? "GET").toUpperCase(),
      headers,
      search, // GET's parameters
      body: (req as { body?: unknown }).body,
    },
    context,
  });
  res.statusCode = response.status ?? 200;
  for (const [name, value] of response.headers) res.setHeader(name, value);
  if (response.body.kind === "complete") {
    const body = response.body.string;
    if (notModifiedGet(req, res, body)) return void res.end();
    return endWithText(res, body);
  }
  // Incremental delivery (@defer), which the schema does not offer today: written as it comes.
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}
