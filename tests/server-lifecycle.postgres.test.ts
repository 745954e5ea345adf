import { openDirectory } from "../src/boot";
import { Config, loadConfig } from "../src/config";
import { createServer } from "../src/server";
import { freshDatabase } from "./helpers/database";

/**
 * createServer opens the read replica's connection (DATABASE_READ_URL) before anything else; a
 * start that fails after it, however early, closes it: an embedder (or a test) goes on without a
 * connection held open for nothing.
 */
test("a start-up that fails before its read threads start closes the read replica's connection", async () => {
  const database = await freshDatabase();
  if (database.kind !== "postgres") throw new Error("PostgreSQL only");
  const { ds } = await openDirectory(database);
  try {
    // Every other session on the database than the one asking: the test's own pool and whatever the start left open.
    const sessions = async () =>
      Number((await ds.query(`SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`))[0].n);
    const settledAt = async (most: number) => {
      let n = await sessions();
      for (let i = 0; i < 50 && n > most; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        n = await sessions();
      }
      return n;
    };
    const before = await sessions();
    // The replica is the primary itself here (what counts is the connection the start opens to it);
    // a read-thread count of 0, which loadConfig would refuse, fails the start as the thread pool is made.
    const broken: Config = { ...loadConfig({ LOG_LEVEL: "silent" }), database: { ...database, readUrl: database.url }, readThreads: 0 };
    await expect(createServer(ds, broken)).rejects.toThrow(/maxThreads/);
    expect(await settledAt(before)).toBe(before);
  } finally {
    await ds.destroy();
  }
});
