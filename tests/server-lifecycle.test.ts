import fs from "fs";
import { DataSource, EntityManager } from "typeorm";
import { openDataSource } from "../ormconfig";
import { Writer, WriteUnavailable } from "../src/db/writer";
import { openDirectory } from "../src/boot";
import { Config, loadConfig } from "../src/config";
import { createServer } from "../src/server";
import { freshDatabase } from "./helpers/database";

/**
 * An embedder (or a test) that calls createServer goes on after a failed start: what the server
 * opened before the failure is released. Threads are counted from /proc (Linux): the read threads
 * are the only ones a server starts.
 */
const threads = () => fs.readdirSync("/proc/self/task").length;

async function threadsSettleAt(most: number): Promise<number> {
  for (let i = 0; i < 100 && threads() > most; i++) await new Promise((resolve) => setTimeout(resolve, 50));
  return threads();
}

/** The thread count once it has not moved for 200 ms (a thread of a server stopped just before may still be exiting). */
async function steadyThreads(): Promise<number> {
  let last = threads();
  for (let still = 0, i = 0; still < 4 && i < 100; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = threads();
    still = now === last ? still + 1 : 0;
    last = now;
  }
  return last;
}

let ds: DataSource;
let config: Config;
beforeAll(async () => {
  config = { ...loadConfig({ LOG_LEVEL: "silent", READ_THREADS: "2" }), database: await freshDatabase() };
  ({ ds } = await openDirectory(config.database));
  // Once through a whole start and stop, and one read through libuv's pool (started whole on first
  // use), so that every thread Node starts on first need is up before counting.
  await fs.promises.readFile(__filename);
  await (await createServer(ds, config, { eagerThreads: true })).stop();
}, 60_000);
afterAll(() => ds.destroy());

test("a started server holds its read threads, and stop() ends them", async () => {
  const before = await steadyThreads();
  const server = await createServer(ds, config, { eagerThreads: true });
  expect(threads()).toBeGreaterThanOrEqual(before + 2);
  await server.stop();
  expect(await threadsSettleAt(before)).toBe(before);
});

test("a start-up that fails half-way ends the read threads it had started", async () => {
  const before = await steadyThreads();
  // A malformed token table fails the build after the read threads were started.
  const broken = { ...config, tokens: null as unknown as Config["tokens"] };
  await expect(createServer(ds, broken, { eagerThreads: true })).rejects.toThrow(TypeError);
  expect(await threadsSettleAt(before)).toBe(before);
});

test("stop() that meets a failing step still runs the others (the read threads end) and answers the failure", async () => {
  const before = await steadyThreads();
  const server = await createServer(ds, config, { eagerThreads: true });
  expect(threads()).toBeGreaterThanOrEqual(before + 2);
  // Closing the writer's connection cannot be made to fail for real here: the writer's own close is made to.
  const failure = new Error("the writer's connection would not close");
  const close = server.writer.close.bind(server.writer);
  server.writer.close = async () => {
    await close();
    throw failure;
  };
  await expect(server.stop()).rejects.toBe(failure);
  expect(await threadsSettleAt(before)).toBe(before);
});

test("a write asked once the writer is closing (a request still running while the server stops) is refused, nothing written, and opens no connection", async () => {
  const opened: DataSource[] = [];
  const writer = new Writer(async () => {
    const writerDs = await openDataSource(config.database, "writer");
    opened.push(writerDs);
    return writerDs;
  }, 1_000);
  const name = "关闭后写入";
  const insert = (m: EntityManager) => m.query(`INSERT INTO "organisation" ("name", "kind") VALUES ('${name}', 'COMPANY')`);
  const during = writer.transaction((m) => m.query("SELECT 1")); // asked before close: it runs
  const closing = writer.close();
  await expect(writer.transaction(insert)).rejects.toBeInstanceOf(WriteUnavailable);
  await during;
  await closing;
  // Nor does anything else that would open the connection (the search index's upkeep after an import asks its dialect).
  await expect(writer.dialect()).rejects.toBeInstanceOf(WriteUnavailable);
  expect(opened).toHaveLength(1);
  expect(opened[0].isInitialized).toBe(false);
  expect(Number((await ds.query(`SELECT COUNT(*) AS n FROM "organisation" WHERE "name" = '${name}'`))[0].n)).toBe(0);
});
