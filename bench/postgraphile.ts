/**
 * PostGraphile 4 (a benchmark-only devDependency, never imported by src/) serving the bench
 * database over HTTP, so that the harness drives it exactly as it drives our server: POST
 * /graphql, and GET /healthz once it has built its schema. Its default schema, production
 * settings (no GraphiQL, no query log, no mutations, RBAC ignored: it reads as the database's
 * owner, as our server does), and a pool of DATABASE_POOL_SIZE connections, our server's default.
 *
 *   DATABASE_URL=postgres://…/bench PORT=0 node dist/bench/postgraphile.js
 */
import http from "http";
import Module from "module";
import path from "path";
import { Pool } from "pg";
import type { postgraphile as PostGraphile } from "postgraphile";
import { DEFAULT_POOL_SIZE } from "../src/config";

/**
 * PostGraphile 4 runs on graphql 15, the app on 16. npm nests graphql 15 in two places of
 * PostGraphile's tree and leaves some of its dependencies (graphql-parse-resolve-info, …) on the
 * hoisted 16, and graphql refuses types made by another copy of itself. In this process, which
 * runs PostGraphile alone, every `graphql` resolves to the copy PostGraphile itself depends on.
 */
function useOneGraphql(): void {
  const own = path.dirname(require.resolve("graphql/package.json", { paths: [path.dirname(require.resolve("postgraphile/package.json"))] }));
  const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const resolve = loader._resolveFilename;
  loader._resolveFilename = function (request: string, ...rest: unknown[]) {
    const redirected = request === "graphql" || request.startsWith("graphql/") ? own + request.slice("graphql".length) : request;
    return resolve.call(this, redirected, ...rest);
  };
}

if (require.main === module) {
  const url = process.env.DATABASE_URL;
  if (!url?.startsWith("postgres")) {
    console.error("DATABASE_URL must name the PostgreSQL bench database");
    process.exit(1);
  }
  useOneGraphql();
  // Loaded after the redirect, so that PostGraphile and everything it loads share one graphql.
  const { postgraphile } = require("postgraphile") as { postgraphile: typeof PostGraphile };
  const pool = new Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? DEFAULT_POOL_SIZE) });
  let ready = false;
  const handler = postgraphile(pool, "public", {
    graphqlRoute: "/graphql",
    graphiql: false,
    disableQueryLog: true,
    disableDefaultMutations: true,
    ignoreRBAC: true,
    setofFunctionsContainNulls: false,
    dynamicJson: true,
    retryOnInitFail: false,
    bodySizeLimit: "1MB",
  });
  // The schema is built on the first request: build it before answering /healthz.
  handler.getGraphQLSchema().then(
    () => (ready = true),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
  const server = http.createServer((req, res) => {
    if (req.method === "GET" && req.url === "/healthz") {
      res.writeHead(ready ? 200 : 503, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: ready ? "ok" : "starting" }));
      return;
    }
    handler(req, res);
  });
  server.keepAliveTimeout = 60_000;
  server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
    const address = server.address();
    console.log(`PostGraphile listening on ${typeof address === "object" && address ? address.port : "?"}`);
  });
  const stop = () => server.close(() => pool.end().then(() => process.exit(0)));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
