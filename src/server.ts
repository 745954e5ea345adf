import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import express, { Express } from "express";
import { DataSource } from "typeorm";
import { openDataSource } from "../ormconfig";
import { envTokens, viewerFor } from "./auth/tokens";
import { Config } from "./config";
import { Context, createContext } from "./context";
import { httpErrorHandler, notFound } from "./http/errors";
import { exportRouter } from "./http/export";
import { formatError } from "./http/format-error";
import { ideRouter } from "./http/ide";
import { buildSchema } from "./schema";

export interface Server {
  app: Express;
  apollo: ApolloServer<Context>;
  writer: DataSource;
  stop(): Promise<void>;
}

/** Builds the HTTP app and Apollo on an open database; does not listen (the entry point and tests do). */
export async function createServer(ds: DataSource, config: Config): Promise<Server> {
  // A second connection to the same file for writes (see Context.writer).
  const writer = await openDataSource(config.database);
  const tokens = envTokens(config.tokens);
  const apollo = new ApolloServer<Context>({
    schema: await buildSchema(),
    formatError,
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();

  const app = express();
  app.disable("x-powered-by");

  app.get("/healthz", async (_req, res) => {
    try {
      await ds.query("SELECT 1");
      res.json({ status: "ok" });
    } catch {
      res.status(503).json({ status: "unavailable" });
    }
  });

  app.use(ideRouter());
  app.use(exportRouter(ds));
  app.use(
    "/graphql",
    express.json({ limit: "1mb" }),
    expressMiddleware(apollo, {
      context: async ({ req }) => createContext(ds, writer, await viewerFor(ds, req.get("authorization"), tokens), config.dataloaders),
    }),
  );
  app.use(notFound);
  app.use(httpErrorHandler);

  return {
    app,
    apollo,
    writer,
    async stop() {
      await apollo.stop();
      await writer.destroy();
    },
  };
}
