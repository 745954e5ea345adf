import { spawnSync } from "child_process";
import { freshDatabase, freshDatabaseUrl } from "./helpers/database";
import fs from "fs";
import os from "os";
import path from "path";
import { GraphQLError } from "graphql";
import type { SqlReader } from "../src/db";
import { SlowReads } from "../src/db/slow-reads";
import { addSyntheticDelegates } from "./helpers/fixtures";
import { DIST, exited, requireBuild, startCompiledServer } from "./helpers/processes";
import { sqlLogger } from "../ormconfig";
import { captureLog } from "./helpers/log";
import { ok, startTestServer, TestServer } from "./helpers/server";

/**
 * The pool that runs slow reads on worker threads (src/db/slow-reads.ts), with a worker module of
 * the test's own: tasks that spin, answer, note that they ran, or fail as a client's error would.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "slow-reads-"));
const filename = path.join(dir, "worker.js");
fs.writeFileSync(
  filename,
  `const fs = require("fs");
const { startTask } = require(${JSON.stringify(requireBuild("src/db/task-control.js"))});
module.exports = async function ({ task, args, control }) {
  if (!startTask(control)) return { dropped: true };
  if (task === "spin") { const end = Date.now() + args[0]; while (Date.now() < end); return { value: "spun" }; }
  if (task === "note") { fs.writeFileSync(args[0], "ran"); return { value: "noted" }; }
  if (task === "spinThenNote") { const end = Date.now() + args[0]; while (Date.now() < end); fs.writeFileSync(args[1], "ran"); return { value: "noted" }; }
  if (task === "thread") return { value: require("worker_threads").threadId };
  if (task === "echo") return { value: args[0] };
  if (task === "refuse") return { error: { message: "no such thing", extensions: { code: "BAD_USER_INPUT", field: "filter.x" } } };
  throw new Error("unknown task " + task);
};
`,
);

/** The test worker's tasks, as the pool's type sees them (the worker has no connection: it never opens one). */
type Tasks = {
  spin: (db: SqlReader, ms: number) => Promise<string>;
  note: (db: SqlReader, file: string) => Promise<string>;
  spinThenNote: (db: SqlReader, ms: number, file: string) => Promise<string>;
  thread: (db: SqlReader) => Promise<number>;
  echo: (db: SqlReader, value: unknown) => Promise<unknown>;
  refuse: (db: SqlReader) => Promise<never>;
};

const pools: SlowReads<Tasks>[] = [];
function pool(threads: number, queue: number): SlowReads<Tasks> {
  const p = new SlowReads<Tasks>({ database: { kind: "sqlite", file: path.join(dir, "unused.sqlite"), logging: false }, threads, queue, filename });
  pools.push(p);
  return p;
}
afterAll(() => Promise.all(pools.map((p) => p.close())));

const codeOf = (error: unknown) => (error as GraphQLError).extensions?.code;

test("the event loop goes on while a read runs on a worker thread", async () => {
  const reads = pool(1, 4);
  const events: string[] = [];
  const spun = reads.run("spin", [400]).then((v) => events.push(v));
  await new Promise((resolve) => setTimeout(resolve, 20));
  events.push("timer");
  await spun;
  expect(events).toEqual(["timer", "spun"]);
});

test("past its deadline a running read is ended with its thread, a waiting one never starts; both answer TIMEOUT, and the pool goes on", async () => {
  const reads = pool(1, 4);
  const marker = path.join(dir, "queued-read-ran");
  const deadline = Date.now() + 200;
  const outcomes = await Promise.allSettled([reads.run("spin", [60_000], deadline), reads.run("note", [marker], deadline)]);
  expect(outcomes.map((o) => o.status === "rejected" && codeOf(o.reason))).toEqual(["TIMEOUT", "TIMEOUT"]);
  expect(fs.existsSync(marker)).toBe(false);
  expect(await reads.run("echo", [{ still: "answering" }])).toEqual({ still: "answering" });
});

test("a read whose deadline has passed is not sent at all", async () => {
  const reads = pool(1, 4);
  const marker = path.join(dir, "late-read-ran");
  await expect(reads.run("note", [marker], Date.now() - 1)).rejects.toMatchObject({ extensions: { code: "TIMEOUT" } });
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(fs.existsSync(marker)).toBe(false);
});

test("a full queue refuses the next read with SERVICE_UNAVAILABLE, HTTP 503 and Retry-After", async () => {
  const reads = pool(1, 1);
  const running = reads.run("spin", [500]);
  await new Promise((resolve) => setTimeout(resolve, 100));
  const waiting = reads.run("echo", ["waited"]);
  const refused = await reads.run("echo", ["refused"]).catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(GraphQLError);
  const extensions = (refused as GraphQLError).extensions as { code: string; http: { status: number; headers: Map<string, string> } };
  expect(extensions.code).toBe("SERVICE_UNAVAILABLE");
  expect(extensions.http.status).toBe(503);
  expect(Number(extensions.http.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(await Promise.all([running, waiting])).toEqual(["spun", "waited"]);
});

test("a read of work already admitted (an export's later chunks) waits for a thread however full the queue is, ahead of the others; any other is refused", async () => {
  const reads = pool(1, 1);
  const done: string[] = [];
  const running = reads.run("spin", [500]);
  await new Promise((resolve) => setTimeout(resolve, 100));
  const waiting = reads.run("echo", ["waited"]).then((v) => (done.push(String(v)), v));
  await expect(reads.run("echo", ["refused"])).rejects.toMatchObject({ extensions: { code: "SERVICE_UNAVAILABLE" } });
  const admitted = reads.run("echo", ["admitted"], Infinity, undefined, true).then((v) => (done.push(String(v)), v));
  expect(await Promise.all([running, waiting, admitted])).toEqual(["spun", "waited", "admitted"]);
  expect(done).toEqual(["admitted", "waited"]);
  // It held a place while it waited, and gave it back: the queue takes reads again.
  expect(await reads.run("echo", ["after"])).toBe("after");
});

test("a client's error in a worker reaches the caller as that error, with its code and field", async () => {
  const reads = pool(1, 4);
  const error = await reads.run("refuse", []).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(GraphQLError);
  expect((error as GraphQLError).message).toBe("no such thing");
  expect((error as GraphQLError).extensions).toEqual({ code: "BAD_USER_INPUT", field: "filter.x" });
});

test("a read whose client went away answers its caller at once and finishes on its thread, which it keeps; a waiting one never starts", async () => {
  // Ending the thread would cost its connection and its facet index: every other slow read would wait for a new one to read it again.
  const reads = pool(1, 4);
  const thread = await reads.run("thread", []);
  const [finished, queued] = [path.join(dir, "abandoned-read-finished"), path.join(dir, "abandoned-queued-read-ran")];
  const client = new AbortController();
  // With a deadline to bound it (a query's): a read with none is ended (below).
  const deadline = Date.now() + 20_000;
  const running = reads.run("spinThenNote", [1_000, finished], deadline, client.signal);
  const waiting = reads.run("note", [queued], deadline, client.signal);
  setTimeout(() => client.abort(), 100);
  const outcomes = await Promise.allSettled([running, waiting]);
  expect(outcomes.map((o) => o.status === "rejected" && codeOf(o.reason))).toEqual(["CLIENT_CLOSED_REQUEST", "CLIENT_CLOSED_REQUEST"]);
  // Answered while the read still ran; the next read waits for it, on the same thread.
  expect(fs.existsSync(finished)).toBe(false);
  expect(await reads.run("thread", [])).toBe(thread);
  expect(fs.existsSync(finished)).toBe(true);
  expect(fs.existsSync(queued)).toBe(false);
});

test.each([
  ["is still ended with its thread at its deadline", "past-deadline", () => Date.now() + 300],
  ["with no deadline (an export's) is ended with its thread: nothing else would bound it", "without-deadline", () => Infinity],
])("a read whose client went away %s", async (_, name, deadline) => {
  const reads = pool(1, 4);
  const thread = await reads.run("thread", []);
  const marker = path.join(dir, `abandoned-read-${name}`);
  const client = new AbortController();
  const running = reads.run("spinThenNote", [60_000, marker], deadline(), client.signal);
  setTimeout(() => client.abort(), 50);
  await expect(running).rejects.toMatchObject({ extensions: { code: "CLIENT_CLOSED_REQUEST" } });
  // The next read runs once the first is ended, on the thread started in its place.
  expect(await reads.run("thread", [])).not.toBe(thread);
  expect(fs.existsSync(marker)).toBe(false);
});

test("a thread that fails as it loads, outside any read (a server starts its threads before any), is logged, not the end of the process; a read then answers at its deadline", async () => {
  const broken = path.join(dir, "broken-worker.js");
  fs.writeFileSync(broken, `throw new Error("this worker cannot load");`);
  const { result: failed, entries } = await captureLog("error", async () => {
    const reads = new SlowReads<Tasks>({
      database: { kind: "sqlite", file: path.join(dir, "unused.sqlite"), logging: false },
      threads: 1,
      queue: 1,
      filename: broken,
      eager: true,
    });
    pools.push(reads);
    // captureLog's spy on stdout holds what was logged so far: the thread's failure, once it came.
    const logged = () => (process.stdout.write as unknown as jest.Mock).mock.calls.some(([chunk]) => String(chunk).includes("a read thread failed"));
    for (let i = 0; i < 100 && !logged(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    // piscina gives no task to threads once they fail as they load: the read waits for its deadline.
    return reads.run("echo", ["never"], Date.now() + 500).catch((error: unknown) => error);
  });
  expect(entries.filter((entry) => entry.msg === "a read thread failed").map((entry) => entry.error)).toContainEqual(expect.stringContaining("cannot load"));
  expect(codeOf(failed)).toBe("TIMEOUT");
});

test("a thread still getting ready (a server's reads its facet index) is never ended at a deadline: a read waiting for it answers TIMEOUT, the thread goes on", async () => {
  // A worker module of its own: the first thread to load is ready at once, every later one after
  // two seconds; each notes that it loaded and that it got ready.
  const marks = fs.mkdtempSync(path.join(dir, "getting-ready-"));
  const slowWorker = path.join(marks, "worker.js");
  fs.writeFileSync(
    slowWorker,
    `Object.defineProperty(exports, "__esModule", { value: true }); // its default export is what the pool awaits
const fs = require("fs");
const path = require("path");
const { threadId } = require("worker_threads");
const { startTask } = require(${JSON.stringify(requireBuild("src/db/task-control.js"))});
const marks = ${JSON.stringify(marks)};
let first = true;
try { fs.mkdirSync(path.join(marks, "first")); } catch { first = false; }
fs.writeFileSync(path.join(marks, "loaded-" + threadId), "");
exports.default = new Promise((resolve) => setTimeout(resolve, first ? 0 : 2000)).then(() => {
  fs.writeFileSync(path.join(marks, "ready-" + threadId), "");
  return async ({ args, control }) => {
    if (!startTask(control)) return { dropped: true };
    const end = Date.now() + args[0];
    while (Date.now() < end);
    return { value: threadId };
  };
});
`,
  );
  const reads = new SlowReads<Tasks>({
    database: { kind: "sqlite", file: path.join(dir, "unused.sqlite"), logging: false },
    threads: 2,
    queue: 8,
    filename: slowWorker,
  });
  pools.push(reads);
  // Four reads at once: the pool starts its two threads; the first thread answers one, and the reads that wait for the other time out.
  const deadline = Date.now() + 1_000;
  const outcomes = await Promise.allSettled([1, 2, 3, 4].map(() => reads.run("spin", [200], deadline)));
  expect(outcomes.filter((o) => o.status === "fulfilled").length).toBeGreaterThan(0);
  for (const o of outcomes) if (o.status === "rejected") expect(codeOf(o.reason)).toBe("TIMEOUT");
  // Every thread that loaded got ready: none was ended while it did.
  const loaded = () =>
    fs
      .readdirSync(marks)
      .filter((f) => f.startsWith("loaded-"))
      .map((f) => f.slice("loaded-".length));
  for (let i = 0; i < 50 && !loaded().every((id) => fs.existsSync(path.join(marks, `ready-${id}`))); i++) await new Promise((r) => setTimeout(r, 100));
  expect(loaded().length).toBe(2);
  expect(loaded().filter((id) => !fs.existsSync(path.join(marks, `ready-${id}`)))).toEqual([]);
  expect(new Set(await Promise.all([1, 2].map(() => reads.run("spin", [300]))))).toEqual(new Set(loaded().map(Number)));
}, 20_000);

describe("slow reads of a server", () => {
  let server: TestServer;
  beforeAll(async () => {
    // One thread and room for one waiting read: a request whose counts were read apart would be refused.
    server = await startTestServer({
      env: { READ_THREADS: "1", READ_QUEUE: "1", MAX_COST: "100000000" },
      seed: (ds) => addSyntheticDelegates(ds, 60).then(() => undefined),
    });
  }, 60_000);
  afterAll(() => server.close());

  test("a list by name matches the name, counts and reads its page on a worker thread: the main thread reads none of the search index", async () => {
    // Statements run on a thread reach the server's logger through relay; every other one ran on the main thread.
    const relay = jest.spyOn(sqlLogger(server.ds), "relay");
    try {
      type People = { people: { totalCount: number; nodes: { name: string; namePinyin: string }[] } };
      let answer: People | undefined;
      const all = await server.countStatements(async () => {
        answer = ok(await server.gql<People>(`{ people(filter: { nameContains: "l" }, first: 5) { totalCount nodes { name namePinyin } } }`));
      });
      const people = answer!.people;
      expect(people.totalCount).toBeGreaterThan(0);
      for (const person of people.nodes) expect(`${person.name} ${person.namePinyin}`.toLowerCase()).toContain("l");
      const relayed = relay.mock.calls.flatMap(([lines]) => lines);
      const searchIndex = (sql: string) => /search_(gram|text)/.test(sql);
      expect(all.filter((sql) => !relayed.includes(sql)).filter(searchIndex)).toEqual([]);
      expect(relayed.filter(searchIndex).length).toBeGreaterThanOrEqual(2); // the count's and the page's
    } finally {
      relay.mockRestore();
    }
  });

  test("a request's broad counts are one read on a worker thread, however many lists ask", async () => {
    const aliases = Array.from({ length: 20 }, (_, i) => `c${i}: people(filter: { honour: { yearFrom: ${2000 + i} } }, first: 1) { totalCount }`).join(" ");
    const data = ok(await server.gql(`{ ${aliases} }`));
    const counts = Array.from({ length: 20 }, (_, i) => data[`c${i}`].totalCount);
    // The same counts asked one at a time.
    const alone: number[] = [];
    for (let i = 0; i < 20; i++)
      alone.push(ok(await server.gql(`{ people(filter: { honour: { yearFrom: ${2000 + i} } }, first: 1) { totalCount } }`)).people.totalCount);
    expect(counts).toEqual(alone);
    expect(new Set(counts).size).toBeGreaterThan(1);
  });
});

test("a read thread loads neither TypeORM nor the entities, so that one started after a deadline ended another is soon ready", async () => {
  // The read thread's module as a worker loads it, with the workerData a server gives it; then every module it loaded.
  const database = await freshDatabase();
  if (database.kind === "sqlite") fs.writeFileSync(database.file, ""); // an empty database: the thread opens it read-only
  const code = `Object.defineProperty(require("worker_threads"), "workerData", { value: ${JSON.stringify({ database })} });
require(${JSON.stringify(requireBuild("src/read-worker.js"))});
console.log(JSON.stringify(Object.keys(require.cache)));
process.exit(0);`;
  const run = spawnSync(process.execPath, ["-e", code], { encoding: "utf8", timeout: 30_000 });
  expect(run.stderr).toBe("");
  const loaded = JSON.parse(run.stdout) as string[];
  expect(loaded).toContain(path.join(DIST, "src", "services", "slow-tasks.js"));
  const heavy = loaded.filter(
    (file) => file.includes(`${path.sep}node_modules${path.sep}typeorm${path.sep}`) || file.startsWith(path.join(DIST, "src", "entities")),
  );
  expect(heavy).toEqual([]);
});

test("a read thread takes reads once it has read its facet index; an index it cannot read is reported, and the thread takes reads all the same", async () => {
  // The read thread's module as a worker loads it; its default export is what piscina awaits before the first read.
  const database = await freshDatabase();
  if (database.kind === "sqlite") fs.writeFileSync(database.file, ""); // an empty database: the index read fails
  const code = `const { MessageChannel } = require("worker_threads");
const { port1, port2 } = new MessageChannel();
Object.defineProperty(require("worker_threads"), "workerData", { value: { database: ${JSON.stringify(database)} } });
Object.defineProperty(require("worker_threads"), "parentPort", { value: port1 });
port2.on("message", (report) => console.log(JSON.stringify(report)));
const handler = require(${JSON.stringify(requireBuild("src/read-worker.js"))}).default;
console.log(typeof handler === "function" ? "a handler at once" : "a promise");
handler.then((h) => { console.log(typeof h); setTimeout(() => process.exit(0), 50); });`;
  const run = spawnSync(process.execPath, ["-e", code], { encoding: "utf8", timeout: 30_000 });
  expect(run.stderr).toBe("");
  const [first, ...then] = run.stdout.trim().split("\n"); // the report and the handler, in either order
  expect(first).toBe("a promise");
  expect(then.filter((line) => !line.startsWith("{"))).toEqual(["function"]);
  expect(then.filter((line) => line.startsWith("{")).map((line) => JSON.parse(line))).toEqual([
    { facetIndex: { error: expect.stringMatching(/\S/), thread: expect.any(Number) } },
  ]);
});

test("a server's read threads run at a lower CPU priority than its request path (Linux keeps one per thread)", async () => {
  const server = await startCompiledServer({ DATABASE_URL: await freshDatabaseUrl(), READ_THREADS: "2" });
  const pid = server.child.pid!;
  // A thread's niceness is field 19 of its stat line (after the name, which is in parentheses).
  const niceOf = (tid: string) => Number(fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8").split(") ")[1].split(" ")[16]);
  try {
    let lowered: string[] = [];
    for (let i = 0; i < 100 && lowered.length < 2; i++) {
      lowered = fs.readdirSync(`/proc/${pid}/task`).filter((tid) => niceOf(tid) > niceOf(String(pid)));
      if (lowered.length < 2) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // The two read threads, and nothing else: the event loop keeps the process's priority.
    expect(lowered).toHaveLength(2);
    expect(niceOf(String(pid))).toBe(os.getPriority(process.pid));
  } finally {
    server.child.kill();
    await exited(server.child);
  }
});
