"use strict";
/**
 * PostGraphile 4 serving the bench database over HTTP, so that the harness drives it exactly as
 * it drives our server: POST /graphql, and GET /healthz once it has built its schema. Its default
 * schema, production settings (no GraphiQL, no query log, no mutations, RBAC ignored: it reads as
 * the database's owner, as our server does), and a pool of DATABASE_POOL_SIZE connections (the
 * harness passes our server's).
 *
 * Plain CommonJS in its own package (package.json beside it), so that PostGraphile, graphql 15
 * and pg come from this folder's node_modules, never the app's (graphql 16), and the app's
 * `npm ci` does not install PostGraphile. The harness runs `npm ci` here on first use.
 *
 *   DATABASE_URL=postgres://…/bench PORT=0 node bench/postgraphile/server.js
 */
const http = require("http");
const path = require("path");

const own = path.join(__dirname, "node_modules") + path.sep;
// Node falls back to the app's node_modules above this folder for a package missing here: a
// graphql 16 or a second pg would then be used silently. Refuse to start instead.
for (const name of ["postgraphile", "graphql", "pg"]) {
  let resolved;
  try {
    resolved = require.resolve(`${name}/package.json`);
  } catch {
    resolved = "nowhere";
  }
  if (!resolved.startsWith(own)) {
    console.error(`${name} resolves to ${resolved}, not inside ${own}: run npm ci --prefix ${__dirname}`);
    process.exit(1);
  }
}
const postgraphileDir = path.dirname(require.resolve("postgraphile/package.json"));
if (require.resolve("graphql/package.json", { paths: [postgraphileDir] }) !== require.resolve("graphql/package.json")) {
  console.error("postgraphile resolves another graphql than this package's: run npm ci here");
  process.exit(1);
}

const { postgraphile } = require("postgraphile");
const { Pool } = require("pg");

const url = process.env.DATABASE_URL;
if (!url || !url.startsWith("postgres")) {
  console.error("DATABASE_URL must name the PostgreSQL bench database");
  process.exit(1);
}
const pool = new Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE || 10) });
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
  (error) => {
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
server.listen(Number(process.env.PORT || 0), "127.0.0.1", () => {
  const address = server.address();
  console.log(`PostGraphile listening on ${typeof address === "object" && address ? address.port : "?"}`);
});
const stop = () => server.close(() => pool.end().then(() => process.exit(0)));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
