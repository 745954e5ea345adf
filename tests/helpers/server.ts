import { AddressInfo } from "net";
import { Server as HttpServer } from "http";
import { DataSource } from "typeorm";
import { openDirectory } from "../../src/boot";
import { Config, DatabaseConfig, loadConfig } from "../../src/config";
import { freshDatabase } from "./database";
import { createServer, Server } from "../../src/server";
import { sqlLogger } from "../../ormconfig";

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
}

export interface TestServer {
  url: string;
  ds: DataSource;
  /** The app behind `url` (its connections, its Apollo). */
  server: Server;
  /** Where the server keeps the directory (a fresh database of the suite's engine unless given). */
  database: DatabaseConfig;
  /** The SQLite file, for the tests about SQLite alone (they pass it in). */
  dbFile: string;
  gql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** Runs `fn` and returns the SQL statements the server ran meanwhile (on its reader connection and its worker threads). */
  countStatements(fn: () => Promise<unknown>): Promise<string[]>;
  close(): Promise<void>;
}

export { tempDbFile } from "./database";

/**
 * The real thing on loopback: a new database of the suite's engine (or the SQLite file given)
 * through the real migrations and seeds, the real Express + Apollo app, requests over HTTP.
 */
export async function startTestServer(
  options: {
    dbFile?: string;
    database?: DatabaseConfig;
    seed?: (ds: DataSource) => Promise<void>;
    env?: Record<string, string>;
    /** Start the read threads at once and keep them, as `npm start` does (createServer's eagerThreads). */
    eagerThreads?: boolean;
  } = {},
): Promise<TestServer> {
  const database = options.database ?? (options.dbFile ? { kind: "sqlite" as const, file: options.dbFile, logging: false } : await freshDatabase());
  const config: Config = {
    ...loadConfig({ AUTH_TOKENS: "organiser:test-organiser,admin:test-admin", LOG_LEVEL: process.env.TEST_LOG_LEVEL || "silent", ...options.env }),
    database,
  };
  const { ds } = await openDirectory(config.database);
  if (options.seed) await options.seed(ds);
  const server = await createServer(ds, config, { eagerThreads: options.eagerThreads });
  const http: HttpServer = await new Promise((resolve) => {
    const s = server.http.listen(0, "127.0.0.1", () => resolve(s));
  });
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return {
    url,
    ds,
    server,
    database,
    dbFile: database.kind === "sqlite" ? database.file : "",
    async gql(query, variables, headers = {}) {
      const res = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as object) };
    },
    countStatements: (fn) => statementsDuring(ds, fn),
    async close() {
      await new Promise((resolve) => http.close(resolve));
      await server.stop();
      await ds.destroy();
    },
  };
}

/** Runs `fn` and returns the SQL statements run on `ds` (one connection or several) meanwhile. */
export async function statementsDuring(ds: DataSource | DataSource[], fn: () => Promise<unknown>): Promise<string[]> {
  const statements: string[] = [];
  const unsubscribes = (Array.isArray(ds) ? ds : [ds]).map((d) => sqlLogger(d).subscribe((sql) => statements.push(sql)));
  try {
    await fn();
  } finally {
    for (const unsubscribe of unsubscribes) unsubscribe();
  }
  return statements;
}

/** Data of a response that must have succeeded; fails the test with the errors otherwise. */
export function ok<T>(res: GraphQLResponse<T>): T {
  if (res.errors?.length || !res.data) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
  return res.data;
}

/** The first error of a response that must have failed. */
export function firstError(res: GraphQLResponse) {
  if (!res.errors?.length) throw new Error(`expected an error, got ${JSON.stringify(res.data)}`);
  return res.errors[0];
}
