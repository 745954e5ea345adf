import Database from "better-sqlite3";
import fs from "fs";
import path from "path";
import { openDataSource } from "../ormconfig";
import { tempDbFile } from "./helpers/server";
import { DIST, exited, startCompiledServer, startNode, startScript } from "./helpers/processes";
import { auditTrail as auditTrailAs, firstPerson, keyOf, outcome, postGraphQL } from "./helpers/http";

// Several processes on one database file: a restart overlap, a second instance, a command-line import.

const ORGANISER = "multi-process-organiser";
const ADMIN = "multi-process-admin";
const CONGRESS = Buffer.from("Congress:1").toString("base64");
const UPDATE = `mutation ($id: ID!, $biography: String!) { updatePerson(id: $id, input: { biography: $biography }) { biography } }`;

type Server = Awaited<ReturnType<typeof startCompiledServer>>;

function envFor(file: string, extra: Record<string, string> = {}) {
  return { DATABASE_URL: `sqlite:${file}`, AUTH_TOKENS: `organiser:${ORGANISER},admin:${ADMIN}`, LOG_LEVEL: "info", ...extra };
}

const auditTrail = (url: string, action: string) => auditTrailAs(url, action, ADMIN);

async function stop(...servers: Server[]) {
  for (const s of servers) s.child.kill("SIGKILL");
  await Promise.all(servers.map((s) => exited(s.child)));
}

describe("two server processes on one SQLite file", () => {
  test("400 concurrent updates of one person spread over both: none is an internal error, every acknowledged one is durable and audited in order", async () => {
    const file = tempDbFile();
    const a = await startCompiledServer(envFor(file));
    const b = await startCompiledServer(envFor(file));
    const person = await firstPerson(a.url);
    const values = Array.from({ length: 400 }, (_, i) => `第${i}次更新`);
    const outcomes = await Promise.all(
      values.map(async (biography, i) => outcome(await postGraphQL(i % 2 ? b.url : a.url, UPDATE, { id: person, biography }, ORGANISER))),
    );
    await stop(a, b);

    expect(outcomes.filter((o) => o !== "written" && o !== "refused")).toEqual([]);
    const acknowledged = values.filter((_, i) => outcomes[i] === "written");
    const again = await startCompiledServer(envFor(file));
    try {
      const trail = await auditTrail(again.url, "updatePerson");
      // Each acknowledged update committed, with its audit entry, and no refused one did.
      expect(trail.map((e) => e.after!.biography).sort()).toEqual([...acknowledged].sort());
      // One after another: each update saw the value the one before it wrote (no update was lost in between).
      for (let i = 1; i < trail.length; i++) expect(trail[i].before!.biography).toBe(trail[i - 1].after!.biography);
      const final = await postGraphQL(again.url, `query ($id: ID!) { person(id: $id) { biography } }`, { id: person });
      expect(final.body.data.person.biography).toBe(trail[trail.length - 1].after!.biography);
    } finally {
      await stop(again);
    }
  }, 120_000);

  /**
   * A server on a new file (its write lock wait set to `lockTimeoutMs`), and updates sent to it one
   * after another while `npm run import` (with the default wait) loads 5,000 rows.
   */
  async function updatesDuringImport(lockTimeoutMs: number) {
    const file = tempDbFile();
    const server = await startCompiledServer(envFor(file, { WRITE_LOCK_TIMEOUT_MS: String(lockTimeoutMs) }));
    const person = await firstPerson(server.url);
    const csvFile = path.join(path.dirname(file), "import.csv");
    fs.writeFileSync(csvFile, ["name,delegation", ...Array.from({ length: 5000 }, (_, i) => `进口${i},一团`)].join("\n"));
    const cli = startScript("scripts/import.js", ["--congress", CONGRESS, csvFile], envFor(file));
    // Each update notes whether the import had reported (committed) when it was sent.
    const sent: { biography: string; importReported: boolean; outcome: string }[] = [];
    let finished = false;
    void cli.done.then(() => (finished = true));
    for (let i = 0; !finished; i++) {
      const biography = `导入期间第${i}次更新`;
      const importReported = /rows:/.test(cli.stdout());
      sent.push({ biography, importReported, outcome: outcome(await postGraphQL(server.url, UPDATE, { id: person, biography }, ORGANISER)) });
    }
    return { server, sent, cli: await cli.done };
  }

  test("a server write while a command-line import holds the write lock waits for it and lands after it", async () => {
    // Long enough a wait that the test shows the write landing after the import rather than refused.
    const { server, sent, cli } = await updatesDuringImport(60_000);
    try {
      expect(cli.stderr).toBe("");
      expect(cli.stdout).toMatch(/5000 rows: 5000 created/);
      expect(sent.filter((s) => s.outcome !== "written")).toEqual([]);

      const imported = (await auditTrail(server.url, "importDelegates")).map((e) => keyOf(e.id));
      const updates = await auditTrail(server.url, "updatePerson");
      expect(updates.map((e) => e.after!.biography)).toEqual(sent.map((s) => s.biography));
      // At least one update was sent while the import held the lock (before it reported) and was written after it.
      const lastImported = Math.max(...imported);
      expect(sent.filter((s, i) => !s.importReported && keyOf(updates[i].id) > lastImported).length).toBeGreaterThan(0);
    } finally {
      await stop(server);
    }
  }, 120_000);

  test("with a short bound, a server write the import holds up past it is refused with 503 and Retry-After, and nothing of it is written", async () => {
    const { server, sent, cli } = await updatesDuringImport(100);
    try {
      expect(cli.stdout).toMatch(/5000 rows: 5000 created/);
      expect(sent.filter((s) => s.outcome !== "written" && s.outcome !== "refused")).toEqual([]);
      expect(sent.filter((s) => s.outcome === "refused" && !s.importReported).length).toBeGreaterThan(0);
      const updates = await auditTrail(server.url, "updatePerson");
      expect(updates.map((e) => e.after!.biography)).toEqual(sent.filter((s) => s.outcome === "written").map((s) => s.biography));
    } finally {
      await stop(server);
    }
  }, 120_000);
});

describe("npm run seed beside a running server", () => {
  test("waits for the write lock while the server writes, re-creates a seeded row that went missing, and every server write lands", async () => {
    const file = tempDbFile();
    const server = await startCompiledServer(envFor(file));
    try {
      const person = await firstPerson(server.url);
      // A seeded figure gone from the database (not through the API): the seed run has something to write.
      const db = new Database(file);
      db.prepare(`DELETE FROM statistic WHERE "seedKey" IS NOT NULL AND id = (SELECT MIN(id) FROM statistic)`).run();
      db.close();
      const seed = startScript("seeds/cli.js", [], envFor(file));
      let finished = false;
      void seed.done.then(() => (finished = true));
      const sent: { biography: string; outcome: string }[] = [];
      // Four clients updating one after another each, so that commits keep coming while the seed runs.
      await Promise.all(
        [0, 1, 2, 3].map(async (client) => {
          for (let i = 0; !finished; i++) {
            const biography = `播种期间${client}-${i}`;
            sent.push({ biography, outcome: outcome(await postGraphQL(server.url, UPDATE, { id: person, biography }, ORGANISER)) });
          }
        }),
      );
      const result = await seed.done;
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/: 1 created, /);
      expect(sent.filter((s) => s.outcome !== "written")).toEqual([]);
      const written = (await auditTrail(server.url, "updatePerson")).map((e) => e.after!.biography).sort();
      expect(written).toEqual(sent.map((s) => s.biography).sort());
    } finally {
      await stop(server);
    }
  }, 120_000);
});

describe("start-up", () => {
  // Each process loads the code, says so, and sleeps until told to go (a line on its standard input):
  // then all open the file as every command does (ormconfig.ts) at once, and read.
  const OPEN = `
    const [dist, file] = process.argv.slice(1);
    const { openDataSource } = require(dist + "/ormconfig");
    process.stdin.once("data", () =>
      openDataSource({ kind: "sqlite", file, logging: false })
        .then((ds) => ds.query("PRAGMA journal_mode").then(([row]) => console.log(row.journal_mode)))
        .catch((error) => console.log(error.code ?? "", error.message))
        .finally(() => process.exit(0)),
    );
    console.log("ready");`;

  test("processes opening one new file at the same instant all open it, in WAL mode", async () => {
    // Two connections turning a new, empty file to WAL at once: one was refused at once with
    // SQLITE_BUSY (a lock upgrade SQLite will not wait for), and its process exited at start.
    const outcomes: string[] = [];
    for (let round = 0; round < 12; round++) {
      const file = tempDbFile();
      const opened = Array.from({ length: 6 }, () => startNode(["-e", OPEN, DIST, file], {}, true));
      while (!opened.every((p) => p.stdout().includes("ready"))) {
        if (opened.some((p) => p.child.exitCode !== null)) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      for (const p of opened) p.child.stdin!.write("go\n");
      for (const p of opened) outcomes.push((await p.done).stdout.replace("ready", "").trim());
    }
    expect(outcomes).toHaveLength(72);
    expect(outcomes.filter((o) => o !== "wal")).toEqual([]);
  }, 90_000);

  test("opening a new file waits for another connection reading it, rather than failing", async () => {
    // The same lock, without the timing: a connection that read the new file before it was WAL holds
    // a lock that turning it to WAL must wait for. The driver waited inside SQLite, the event loop
    // stopped, so the reader (ended by a timer) never let go, and the open failed after 5 s.
    const file = tempDbFile();
    const reader = new Database(file);
    reader.exec("BEGIN");
    reader.prepare("SELECT COUNT(*) FROM sqlite_master").get();
    setTimeout(() => reader.exec("COMMIT"), 300);
    try {
      const ds = await openDataSource({ kind: "sqlite", file, logging: false });
      expect((await ds.query("PRAGMA journal_mode"))[0].journal_mode).toBe("wal");
      await ds.destroy();
    } finally {
      reader.close();
    }
  });

  const COUNTS = `{ people { totalCount } organisations { totalCount } honours { totalCount } congresses { totalCount }
    proposals { totalCount } sourceDocuments { totalCount } statistics { totalCount } }`;

  test("two servers started together on an empty database both serve, and the seed is loaded once", async () => {
    const single = await startCompiledServer(envFor(tempDbFile()));
    const expected = (await postGraphQL(single.url, COUNTS)).body;
    await stop(single);

    for (let attempt = 0; attempt < 3; attempt++) {
      const env = envFor(tempDbFile());
      const started = await Promise.allSettled([startCompiledServer(env), startCompiledServer(env)]);
      const servers = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
      try {
        expect(started.map((s) => (s.status === "rejected" ? String(s.reason).slice(0, 500) : "serving"))).toEqual(["serving", "serving"]);
        for (const s of servers) expect((await postGraphQL(s.url, COUNTS)).body).toEqual(expected);
        expect(servers.filter((s) => /seeded an empty database/.test(s.output()))).toHaveLength(1);
      } finally {
        await stop(...servers);
      }
    }
  }, 120_000);
});
