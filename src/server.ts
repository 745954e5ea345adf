import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import express, { Express } from "express";
import { createServer as createHttpServer, Server as HttpServer } from "http";
import { DataSource } from "typeorm";
import { openDataSource, sqlLogger } from "../ormconfig";
import { envTokens, viewerFor } from "./auth/tokens";
import { Config } from "./config";
import { Connections, Context, createContext } from "./context";
import { readerOf } from "./db";
import { Replica } from "./db/replica";
import { SlowReads } from "./db/slow-reads";
import { Writer } from "./db/writer";
import { NodeJson } from "./services/node-json";
import type { SlowTasks } from "./services/slow-tasks";
import { abandonment } from "./http/abandoned";
import { corsFor } from "./http/cors";
import { httpErrorHandler, notFound } from "./http/errors";
import { exportRouter } from "./http/export";
import { databaseFaultsAnswer503, unavailableIfDatabaseFault } from "./http/database-faults";
import { formatError, internalErrorsCarryRequestId } from "./http/format-error";
import { ideRouter, wantsIdePage } from "./http/ide";
import { jitPlugin } from "./http/jit";
import { stringifyResult } from "./http/raw-json";
import { costPlugin, limitRules } from "./http/limits";
import { operationPlugin } from "./http/operation";
import { requestLog } from "./http/request-log";
import { graphqlRoute, isGraphqlPath, requestTarget, type Middleware } from "./http/graphql-route";
import { log, setLogLevel } from "./log";
import { buildSchema } from "./schema";

export interface Server {
  /** Everything but /graphql (the IDE, the export, /healthz, 404s): /graphql is the http server's own route (src/http/graphql-route.ts). */
  app: Express;
  /** The HTTP server that serves /graphql and `app` (not listening yet): the entry point and the tests listen on it. */
  http: HttpServer;
  apollo: ApolloServer<Context>;
  writer: Writer;
  /** Reads that may walk thousands of rows, on worker threads (Context.slow). */
  slow: SlowReads<SlowTasks>;
  /** PostgreSQL's read replica (DATABASE_READ_URL), if there is one. */
  replica: Replica | null;
  stop(): Promise<void>;
}

/**
 * How long /healthz waits for the database: a load balancer polls it, and a database that does not
 * answer (a network partition rather than a refused connection) must read as down, not hang the check.
 */
export const HEALTH_CHECK_MS = 2_000;

/** What `promise` settles to, or false once `ms` have passed. */
function withinTime(promise: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  promise.catch(() => undefined);
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * Builds the HTTP app and Apollo on an open database; does not listen (the entry point and tests
 * do). `eagerThreads`: start the slow-read threads now and keep them (the entry point), not on first need.
 */
export async function createServer(ds: DataSource, config: Config, options: { eagerThreads?: boolean } = {}): Promise<Server> {
  setLogLevel(config.logLevel);
  // Writes on a connection of their own (Context.writer), slow reads on worker threads (Context.slow).
  // A query's reads on the replica while it answers (its statements logged with the primary's), a mutation's on the primary.
  const { database } = config;
  const replica = database.kind === "postgres" && database.readUrl ? await Replica.start(() => openDataSource(database, "replica", sqlLogger(ds))) : null;
  const writer = new Writer(() => openDataSource(database, "writer"), config.writeLockTimeoutMs);
  let slow: SlowReads<SlowTasks> | undefined;
  try {
    slow = new SlowReads<SlowTasks>({
      database,
      threads: config.readThreads,
      queue: config.readQueue,
      logger: sqlLogger(ds),
      eager: options.eagerThreads,
      readFrom: () => (replica === null || replica.reads ? "replica" : "primary"),
    });
    return await build({ ds, replica, writer, slow }, config);
  } catch (error) {
    // Whatever was opened before the failure is released: an embedder (or a test) goes on.
    await Promise.allSettled([writer.close(), slow?.close(), replica?.close()]);
    throw error;
  }
}

async function build(connections: Connections, config: Config): Promise<Server> {
  const { ds, replica, writer, slow } = connections;
  const tokens = envTokens(config.tokens);
  const schema = await buildSchema();
  const apollo = new ApolloServer<Context>({
    schema,
    formatError: (formatted, error) => formatError(formatted, error, { hideSuggestions: config.production }),
    includeStacktraceInErrorResponses: false,
    introspection: config.introspection,
    // No "did you mean …" hints that map the schema for a stranger.
    hideSchemaDetailsFromClientErrors: config.production,
    allowBatchedHttpRequests: false,
    // Compact JSON: Apollo's default pretty-prints every response (bigger and slower for no client's benefit).
    // Pages of people the database wrote as JSON go in as they are (src/http/raw-json.ts).
    stringifyResult,
    csrfPrevention: true,
    // The entry point stops on SIGTERM/SIGINT (src/index.ts). Outside NODE_ENV=test Apollo would also
    // stop itself and then re-raise the signal, ending the process before requests in flight finish.
    stopOnTerminationSignals: false,
    parseOptions: { maxTokens: config.limits.tokens },
    validationRules: limitRules(config.limits),
    // No cache-control plugin: it hooks every field of every response (we send no cache hints), which was
    // a large part of a delegates page's cost.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      costPlugin(config.limits),
      operationPlugin(),
      // Without DataLoader (the benchmark's naive server) every field reads its own rows: no page is written by the database either.
      jitPlugin(schema, config.dataloaders ? new NodeJson(schema, ds) : null),
      internalErrorsCarryRequestId(),
      databaseFaultsAnswer503(),
    ],
  });
  await apollo.start();

  const app = express();
  app.disable("x-powered-by");
  // No ETag on what res.send answers: Express hashes every response body for it (a SHA-1 of every
  // page), and a POSTed query is never revalidated with If-None-Match.
  // Queries sent by GET and the CSV export set their own. A function (Express's
  // documented form of the setting) rather than `false`, which would also take the cheap
  // size-and-date ETags off the IDE's files (res.sendFile).
  app.set("etag", () => undefined);
  // A query sent by GET (which a browser or a CDN may cache) gets one: src/http/etag.ts.
  app.set("trust proxy", false);
  app.use(requestLog);
  // Before every route, so that preflights, errors and 404s carry the headers too.
  const cors = corsFor(config.corsOrigins);
  if (cors) app.use(cors);
  const graphql = graphqlRoute(apollo, cors as Middleware | null, async (req, res, requestId) => {
    const deadline = Date.now() + config.limits.timeoutMs;
    // A stored token is looked up in the database, within the request's time: if that fails or
    // waits past it, the request is refused as a read would be (503).
    const viewer = await viewerFor(
      readerOf(ds).until(() => deadline),
      req.headers.authorization,
      tokens,
    ).catch((error) => {
      throw unavailableIfDatabaseFault(error);
    });
    return createContext(connections, viewer, config.dataloaders, {
      requestId,
      clientKey: viewer.label ?? `ip:${req.socket.remoteAddress ?? "unknown"}`,
      deadline,
      abandoned: abandonment(res),
    });
  });

  // 503 while the database does not answer or writes fail (a full disk); not while writes merely queue.
  // A read replica that does not answer is reported, with 200: reads go to the primary meanwhile.
  app.get("/healthz", async (_req, res) => {
    const checked = (async () => {
      await ds.query("SELECT 1");
      return writer.healthy();
    })();
    const healthy = await withinTime(checked, HEALTH_CHECK_MS).catch(() => false);
    if (!healthy) {
      res.status(503).json({ status: "unavailable" });
      return;
    }
    const replicaStatus = replica && { replica: (await withinTime(replica.check(), HEALTH_CHECK_MS).catch(() => false)) ? "ok" : "unavailable" };
    res.json({ status: "ok", ...replicaStatus });
  });

  if (config.ide) app.use(ideRouter());
  app.use(exportRouter(slow, config.limits));
  app.use(notFound);
  app.use(httpErrorHandler);

  log("debug", "server built", { production: config.production, introspection: config.introspection, ide: config.ide, limits: config.limits });
  return {
    app,
    http: createHttpServer((req, res) => {
      const target = requestTarget(req);
      if (isGraphqlPath(target.path) && !(config.ide && wantsIdePage(req, target))) graphql(req, res, target);
      else app(req, res);
    }),
    apollo,
    writer,
    slow,
    replica,
    /** Stops Apollo, the writer, the worker threads and the replica's connection; every step runs even if an earlier one fails (the first failure is thrown). */
    async stop() {
      const results = await Promise.allSettled([apollo.stop(), writer.close(), slow.close(), replica?.close()]);
      const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
      if (failed) throw failed.reason;
    },
  };
}
