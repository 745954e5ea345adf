import fs from "fs";
import { generate } from "../bench/generator/generate";
import { openDirectory } from "../src/boot";
import { databaseUrl, freshDatabase } from "./helpers/database";
import { exited, logLines, startCompiledServer } from "./helpers/processes";
import { MANY_LIMITS, MANY_SEARCHES, SMALL } from "./helpers/slow-queries";

/**
 * A read thread that starts when its database file cannot be opened (moved away, replaced, no file
 * descriptor left) must not take the server with it: the pool starts a new thread whenever a
 * deadline ends one (src/db/slow-reads.ts), so a server meets this while it serves. Its slow reads
 * answer 503 meanwhile, and come back once the file does.
 */
jest.setTimeout(120_000);

async function post(url: string, query: string) {
  const res = await fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
  return {
    status: res.status,
    retryAfter: res.headers.get("retry-after"),
    body: (await res.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] },
  };
}

/** What `query` answers once it answers other than TIMEOUT (a new read thread takes a moment to start). */
async function settled(url: string, query: string) {
  for (let attempt = 1; ; attempt++) {
    const res = await post(url, query);
    if (!res.body.errors?.every((e) => e.extensions?.code === "TIMEOUT")) return res;
    if (attempt === 50) throw new Error("still TIMEOUT after 50 attempts");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test("a read thread started while the database file is gone answers 503, the server stays up, and slow reads come back with the file", async () => {
  const database = await freshDatabase();
  if (database.kind !== "sqlite") throw new Error("SQLite only");
  const { ds } = await openDirectory(database);
  await generate(ds, { people: 12_000, seed: 5 });
  await ds.destroy();

  const server = await startCompiledServer({ DATABASE_URL: databaseUrl(database), EXECUTION_TIMEOUT_MS: "400", READ_THREADS: "1", ...MANY_LIMITS });
  const moved = `${database.file}.moved`;
  try {
    expect((await settled(server.url, SMALL)).body.data.personFacets.byCongress.length).toBeGreaterThan(0);

    // The server's own connections keep the file they opened; a thread started from now on finds none.
    for (const suffix of ["", "-wal", "-shm"]) if (fs.existsSync(database.file + suffix)) fs.renameSync(database.file + suffix, moved + suffix);
    // Past the deadline the thread running these is ended, and the pool starts another at once. The
    // first may spend its deadline compiling the query before any search reaches the thread: until
    // the facets fail, the thread that still holds the file answers them, and the searches go again.
    let unavailable = await settled(server.url, SMALL);
    for (let attempt = 0; attempt < 5 && unavailable.status === 200; attempt++) {
      const timedOut = await post(server.url, MANY_SEARCHES);
      expect(new Set(timedOut.body.errors?.map((e) => e.extensions?.code))).toEqual(new Set(["TIMEOUT"]));
      unavailable = await settled(server.url, SMALL);
    }
    expect(server.child.exitCode).toBeNull();
    expect(unavailable.status).toBe(503);
    expect(Number(unavailable.retryAfter)).toBeGreaterThan(0);
    expect(unavailable.body.errors?.map((e) => e.extensions?.code)).toEqual(["SERVICE_UNAVAILABLE"]);
    // Reads that do not need a thread are answered all along.
    expect((await post(server.url, `{ people(first: 1) { nodes { name } } }`)).body.data.people.nodes).toHaveLength(1);

    for (const suffix of ["", "-wal", "-shm"]) if (fs.existsSync(moved + suffix)) fs.renameSync(moved + suffix, database.file + suffix);
    const back = await settled(server.url, SMALL);
    expect(back.status).toBe(200);
    expect(back.body.data.personFacets.byCongress.length).toBeGreaterThan(0);
    expect(server.child.exitCode).toBeNull();
  } finally {
    server.child.kill("SIGTERM");
    await exited(server.child);
  }
  const lines = logLines(server);
  // A database fault, told as one: not an internal error, not a failed thread.
  expect(lines.filter((line) => line.msg === "internal error" || line.msg === "a read thread failed")).toEqual([]);
  expect(lines.some((line) => line.level === "warn" && /database did not answer/.test(String(line.msg)))).toBe(true);
});
