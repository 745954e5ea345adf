import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import express, { Express, Request } from "express";
import { DataSource } from "typeorm";
import { Config } from "./config";
import { Context, createContext, Viewer } from "./context";
import { httpErrorHandler, notFound } from "./http/errors";
import { formatError } from "./http/format-error";
import { ideRouter } from "./http/ide";
import { buildSchema } from "./schema";

export interface Server {
  app: Express;
  apollo: ApolloServer<Context>;
  stop(): Promise<void>;
}

function viewerOf(req: Request, config: Config): Viewer {
  const match = /^Bearer\s+(\S+)$/i.exec(req.get("authorization") ?? "");
  return { role: match ? config.tokens.get(match[1]) ?? null : null };
}

/** Builds the HTTP app and Apollo on an open database; does not listen (the entry point and tests do). */
export async function createServer(ds: DataSource, config: Config): Promise<Server> {
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
  app.use(
    "/graphql",
    express.json({ limit: "1mb" }),
    expressMiddleware(apollo, { context: async ({ req }) => createContext(ds, viewerOf(req, config), config.dataloaders) }),
  );
  app.use(notFound);
  app.use(httpErrorHandler);

  return { app, apollo, stop: () => apollo.stop() };
}
