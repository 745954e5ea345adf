import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import { etagForGet } from "./http/etag";
import express, { Express } from "express";
import { createServer as createHttpServer, Server as HttpServer } from "http";
import { DataSource } from "typeorm";
import { openDataSource } from "../ormconfig";
import { envTokens, viewerFor } from "./auth/tokens";
import { Config } from "./config";
import { Context, createContext } from "./context";
import { Writer } from "./db/writer";
import { corsFor } from "./http/cors";
import { httpErrorHandler, notFound } from "./http/errors";
import { exportRouter } from "./http/export";
import { formatError, internalErrorsCarryRequestId } from "./http/format-error";
import { ideRouter } from "./http/ide";
import { costPlugin, limitRules } from "./http/limits";
import { operationPlugin } from "./http/operation";
import { requestLog } from "./http/request-log";
import { log, setLogLevel } from "./log";
import { buildSchema } from "./schema";

export interface Server {
  app: Express;
  /** The HTTP server that serves `app` (not listening yet): the entry point and the tests listen on it. */
  http: HttpServer;
  apollo: ApolloServer<Context>;
  writer: Writer;
  /** The connection for reads that walk thousands of rows (Context.reports). */
  reports: DataSource;
  stop(): Promise<void>;
}

/** Largest request body accepted (413 above it). */
export const BODY_LIMIT = "1mb";

/** Builds the HTTP app and Apollo on an open database; does not listen (the entry point and tests do). */
export async function createServer(ds: DataSource, config: Config): Promise<Server> {
  setLogLevel(config.logLevel);
  // A second connection to the same file for writes (see Context.writer), and a third for the
  // reads that walk thousands of rows (Context.reports). On the reader connection, one client
  // asking for an honour filter's facets (100-500 ms a statement at 100,000 people) held up every
  // profile page behind it: 1,951-2,540 -> 58-61 req/s, p99 4-10 -> 220-231 ms.
  const openWriter = () => openDataSource(config.database);
  const writer = new Writer(openWriter, config.writeLockTimeoutMs, await openWriter());
  const reports = await openDataSource(config.database);
  const connections = { ds, writer, reports };
  const tokens = envTokens(config.tokens);
  const apollo = new ApolloServer<Context>({
    schema: await buildSchema(),
    formatError: (formatted, error) => formatError(formatted, error, { hideSuggestions: config.production }),
    includeStacktraceInErrorResponses: false,
    introspection: config.introspection,
    // No "did you mean …" hints that map the schema for a stranger.
    hideSchemaDetailsFromClientErrors: config.production,
    allowBatchedHttpRequests: false,
    // Compact JSON: Apollo's default pretty-prints every response (bigger and slower for no client's benefit).
    stringifyResult: (result) => JSON.stringify(result),
    csrfPrevention: true,
    parseOptions: { maxTokens: config.limits.tokens },
    validationRules: limitRules(config.limits),
    // No cache-control plugin: it hooks every field of every response (we send no cache hints), which cost
    // about a third of a 50-row delegates page.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), costPlugin(config.limits), operationPlugin(), internalErrorsCarryRequestId()],
  });
  await apollo.start();

  const app = express();
  app.disable("x-powered-by");
  // No ETag on what res.send answers: Express hashes every response body for it (SHA-1 of a 40 KB
  // delegates page, about 60 µs), and a POSTed query is never revalidated with If-None-Match.
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

  // 503 while the database does not answer or writes fail (a full disk); not while writes merely queue.
  app.get("/healthz", async (_req, res) => {
    try {
      await ds.query("SELECT 1");
      if (await writer.healthy()) {
        res.json({ status: "ok" });
        return;
      }
    } catch {
      // the reader connection failed
    }
    res.status(503).json({ status: "unavailable" });
  });

  if (config.ide) app.use(ideRouter());
  app.use(exportRouter(reports, config.limits));
  app.use(
    "/graphql",
    express.json({ limit: BODY_LIMIT }),
    etagForGet,
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const viewer = await viewerFor(ds, req.get("authorization"), tokens);
        return createContext(connections, viewer, config.dataloaders, {
          requestId: req.id,
          clientKey: viewer.label ?? `ip:${req.socket.remoteAddress ?? "unknown"}`,
          deadline: Date.now() + config.limits.timeoutMs,
        });
      },
    }),
  );
  app.use(notFound);
  app.use(httpErrorHandler);

  log("debug", "server built", { production: config.production, introspection: config.introspection, ide: config.ide, limits: config.limits });
  return {
    app,
    http: createHttpServer(app),
    apollo,
    writer,
    reports,
    async stop() {
      await apollo.stop();
      await writer.close();
      await reports.destroy();
    },
  };
}
