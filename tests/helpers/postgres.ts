import { randomBytes } from "crypto";
import { Client } from "pg";
import { parseDatabaseUrl } from "../../src/config";
import { startTestServer, TestServer } from "./server";

/** The server's maintenance database, from which test databases are created and dropped. */
const ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database for one test file (`options` after CREATE DATABASE's name, e.g. LOCALE 'C' TEMPLATE template0), dropped by drop(). */
export async function scratchDatabase(prefix: string, options = ""): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}" ${options}`));
  const url = ADMIN_URL.replace(/\/postgres$/, `/${name}`);
  return { name, url, drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined) };
}

/** startTestServer on a fresh PostgreSQL database (migrated and seeded by start-up, as `npm start` does); close() drops it. */
export async function startPostgresTestServer(options: Omit<Parameters<typeof startTestServer>[0] & object, "database" | "dbFile"> = {}): Promise<TestServer & { database: ScratchDatabase }> {
  const database = await scratchDatabase("pgsearch");
  try {
    const server = await startTestServer({ ...options, database: parseDatabaseUrl(database.url, false) });
    return { ...server, database, close: () => server.close().finally(() => database.drop()) };
  } catch (error) {
    await database.drop();
    throw error;
  }
}
