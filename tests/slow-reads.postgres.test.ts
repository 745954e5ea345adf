import { spawnSync } from "child_process";
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
const { startTask } = require(${JSON.stringify(requireBuild("src/db/task-control.js"))});
const { reader } = openWorkerReader(workerData.database, { logQuery() {}, logQueryError() {} });
module.exports = async function ({ task, args, control }) {
  if (!startTask(control)) return { dropped: true };
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

test("reads a worker's snapshot makes together go to its connection one at a time, in the one transaction", () => {
  // pg 8 queues a query sent while another runs on the same connection, and warns on stderr that pg 9
  // will refuse it; a process of its own, since Node warns once per process.
  const database = { kind: "postgres", url, readUrl: null, poolSize: 1, logging: false };
  const code = `const { openWorkerReader } = require(${JSON.stringify(requireBuild("src/db/index.js"))});
const { reader, close } = openWorkerReader(${JSON.stringify(database)}, { logQuery() {}, logQueryError() {} });
const sql = "SELECT CAST(? AS int) AS n, pg_backend_pid() AS pid, CAST(now() AS text) AS began FROM pg_sleep(0.05)";
const together = (ns) => reader.snapshot(() => Promise.all(ns.map((n) => reader.rows(sql, [n]))));
(async () => {
  // one of them failing: the snapshot answers its error, and the one connection is fit for the next
  const failed = await together([1, "not a number", 3]).then(() => "answered", (error) => error.message);
  // the snapshot's read failing in JavaScript while a part of it goes on reading: that part's next
  // read is refused, not sent on the snapshot's connection after its ROLLBACK
  let goesOn;
  await reader.snapshot(() => {
    goesOn = reader.rows(sql, [1]).then(() => reader.rows(sql, [2])).then(() => "ran", (error) => error.message);
    return Promise.all([new Promise((_, reject) => setTimeout(() => reject(new Error("refused in JavaScript")), 20)), goesOn]);
  }).catch(() => undefined);
  const late = await goesOn;
  const answers = await together([1, 2, 3]);
  console.log(JSON.stringify({ failed, late, rows: answers.map(([row]) => row) }));
})().finally(close);`;
  const run = spawnSync(process.execPath, ["-e", code], { encoding: "utf8", timeout: 30_000 });
  expect(run.stderr).toBe("");
  const { failed, late, rows } = JSON.parse(run.stdout) as { failed: string; late?: string; rows: { n: number; pid: number; began: string }[] };
  expect(failed).toMatch(/invalid input syntax for type integer/);
  expect(late).toMatch(/after the snapshot's own read had ended/);
  expect(rows.map((row) => row.n)).toEqual([1, 2, 3]);
  expect(new Set(rows.map((row) => `${row.pid} ${row.began}`)).size).toBe(1);
});
