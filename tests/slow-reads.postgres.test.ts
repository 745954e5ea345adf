import fs from "fs";
import os from "os";
import path from "path";
import { Client } from "pg";
import type { SqlReader } from "../src/db";
import { SlowReads } from "../src/db/slow-reads";
import { freshDatabaseUrl } from "./helpers/database";
import { requireBuild } from "./helpers/processes";

/**
 * On PostgreSQL a read thread ended at its request's deadline must end its statement too: the
 * database server runs a statement whatever became of the thread that sent it, and a runaway read
 * would go on taking a backend and a core from every other request. The test's worker reads through
 * the connection a read thread opens (src/db: openWorkerReader), with a statement that sleeps.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "slow-reads-pg-"));
const filename = path.join(dir, "worker.js");
fs.writeFileSync(
  filename,
  `const { workerData } = require("worker_threads");
const { openWorkerReader } = require(${JSON.stringify(requireBuild("src/db/index.js"))});
const { reader } = openWorkerReader(workerData.database, { logQuery() {}, logQueryError() {} });
module.exports = async function ({ task, args }) {
  if (task === "sleep") return { value: await reader.rows("SELECT pg_sleep(30)", []) };
  if (task === "echo") return { value: args[0] };
  throw new Error("unknown task " + task);
};
`,
);

type Tasks = {
  sleep: (db: SqlReader) => Promise<unknown>;
  echo: (db: SqlReader, value: unknown) => Promise<unknown>;
};

let url: string;
let reads: SlowReads<Tasks>;
let observer: Client;

beforeAll(async () => {
  url = await freshDatabaseUrl();
  reads = new SlowReads<Tasks>({ database: { kind: "postgres", url, readUrl: null, poolSize: 1, logging: false }, threads: 1, queue: 4, filename });
  observer = new Client({ connectionString: url });
  // The suite drops the test database after the file, ending this connection if it is still open.
  observer.on("error", () => undefined);
  await observer.connect();
});
afterAll(async () => {
  await reads.close();
  await observer.end();
});

/** The sleeping statements running now in the test's own database. */
async function running(): Promise<number> {
  const { rows } = await observer.query<{ n: string }>(
    `SELECT COUNT(*) AS n FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid() AND datname = current_database()`,
  );
  return Number(rows[0].n);
}

test("a read ended at its deadline ends its statement on the database server", async () => {
  // A thread already started, so that the statement reaches the server well before the deadline.
  expect(await reads.run("echo", ["started"])).toBe("started");
  const outcome = reads.run("sleep", [], Date.now() + 1_000);
  const seenBy = Date.now() + 5_000;
  while ((await running()) === 0 && Date.now() < seenBy) await new Promise((r) => setTimeout(r, 20));
  expect(await running()).toBe(1);
  await expect(outcome).rejects.toMatchObject({ extensions: { code: "TIMEOUT" } });
  // Ended with its thread, the statement is gone from the server within a few seconds, not at its 30 s.
  const goneBy = Date.now() + 5_000;
  while ((await running()) > 0 && Date.now() < goneBy) await new Promise((r) => setTimeout(r, 100));
  expect(await running()).toBe(0);
  // And the pool goes on with a new thread.
  expect(await reads.run("echo", ["still answering"])).toBe("still answering");
}, 20_000);
