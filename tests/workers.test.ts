import { MAX_WORKERS } from "../src/config";
import { RESTART_DELAY_MS } from "../src/cluster";
import { auditTrail, firstPerson, outcome, postGraphQL } from "./helpers/http";
import { exited, logLines as readLog, runScript, startCompiledServer, type LogLine } from "./helpers/processes";
import { freshDatabaseUrl } from "./helpers/database";

// WORKERS=N: one primary process and N server processes (node:cluster) on one port and one database file.

const ORGANISER = "workers-organiser";
const ADMIN = "workers-admin";
const UPDATE = `mutation ($id: ID!, $biography: String!) { updatePerson(id: $id, input: { biography: $biography }) { biography } }`;
const COUNTS = `{ people { totalCount } organisations { totalCount } honours { totalCount } congresses { totalCount }
  proposals { totalCount } sourceDocuments { totalCount } statistics { totalCount } }`;

type Server = Awaited<ReturnType<typeof startCompiledServer>>;

/** The fields of the cluster's log lines these tests read. */
interface ClusterLine extends LogLine {
  pid?: number;
  worker?: number;
  primary?: boolean;
  requestId?: string;
  workerPid?: number;
  signal?: string | null;
  delayMs?: number;
}

function envFor(databaseUrl: string, extra: Record<string, string> = {}) {
  return { DATABASE_URL: databaseUrl, AUTH_TOKENS: `organiser:${ORGANISER},admin:${ADMIN}`, LOG_LEVEL: "info", ...extra };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const logLines = (server: Server) => readLog(server) as ClusterLine[];

/** Waits until `count` log lines match (a worker takes seconds to start). */
async function waitForLog(server: Server, match: (line: ClusterLine) => boolean, count = 1): Promise<ClusterLine[]> {
  for (let i = 0; i < 600; i++) {
    const found = logLines(server).filter(match);
    if (found.length >= count) return found;
    if (server.child.exitCode !== null) break;
    await sleep(50);
  }
  throw new Error(`expected ${count} matching log lines:\n${server.output().slice(-3000)}`);
}

const listening = (l: ClusterLine) => l.msg.startsWith("delegate directory on");

/** Starts WORKERS=n and waits until all n workers listen; their pids in start order. */
async function startWorkers(databaseUrl: string, n: number, extra: Record<string, string> = {}) {
  const server = await startCompiledServer(envFor(databaseUrl, { WORKERS: String(n), ...extra }));
  const workerPids = (await waitForLog(server, listening, n)).map((l) => l.pid!);
  return { server, workerPids };
}

/**
 * Sends `n` queries at once (fetch opens a connection for each request in flight, and the cluster
 * hands each new connection to the next worker) and returns the pids that logged answering them.
 */
async function pidsAnswering(server: Server, n: number): Promise<Set<number>> {
  const tag = `probe${Math.random().toString(36).slice(2)}-`;
  const answers = await Promise.all(
    Array.from({ length: n }, (_, i) => postGraphQL(server.url, `{ people(first: 1) { totalCount } }`, {}, undefined, { "x-request-id": `${tag}${i}` })),
  );
  expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
  const lines = await waitForLog(server, (l) => l.msg === "request" && !!l.requestId?.startsWith(tag), n);
  return new Set(lines.map((l) => l.pid!));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGKILL for the primary first (so that it replaces no one), then for every worker it logged. */
async function killAll(server: Server) {
  server.child.kill("SIGKILL");
  await exited(server.child);
  for (const pid of new Set(logLines(server).flatMap((l) => (l.worker ? [l.pid!] : [])))) if (alive(pid)) process.kill(pid, "SIGKILL");
}

describe("WORKERS=2: two server processes on one port", () => {
  test("on an empty database: the primary migrates and seeds once, and both workers answer, each from its own process", async () => {
    const single = await startCompiledServer(envFor(await freshDatabaseUrl()));
    const expected = (await postGraphQL(single.url, COUNTS)).body;
    single.child.kill("SIGKILL");
    await exited(single.child);

    const { server, workerPids } = await startWorkers(await freshDatabaseUrl(), 2);
    try {
      expect(new Set(workerPids).size).toBe(2);
      expect(workerPids).not.toContain(server.child.pid);
      const seeded = logLines(server).filter((l) => l.msg === "seeded an empty database");
      expect(seeded.map((l) => l.pid)).toEqual([server.child.pid]);
      expect(await pidsAnswering(server, 40)).toEqual(new Set(workerPids));
      // Whichever worker answers, the directory was seeded once (four requests at once: both answer).
      for (const answer of await Promise.all([1, 2, 3, 4].map(() => postGraphQL(server.url, COUNTS)))) expect(answer.body).toEqual(expected);
    } finally {
      await killAll(server);
    }
  }, 60_000);

  test("200 concurrent updates through both workers: none is an internal error, every acknowledged one is durable and audited in order", async () => {
    const file = await freshDatabaseUrl();
    const { server, workerPids } = await startWorkers(file, 2);
    const person = await firstPerson(server.url);
    const values = Array.from({ length: 200 }, (_, i) => `工人进程${i}`);
    const outcomes = await Promise.all(
      values.map(async (biography, i) =>
        outcome(await postGraphQL(server.url, UPDATE, { id: person, biography }, ORGANISER, { "x-request-id": `write-${i}` })),
      ),
    );
    const writers = await waitForLog(server, (l) => l.msg === "request" && !!l.requestId?.startsWith("write-"), values.length);
    await killAll(server);

    expect(new Set(writers.map((l) => l.pid))).toEqual(new Set(workerPids));
    expect(outcomes.filter((o) => o !== "written" && o !== "refused")).toEqual([]);
    const acknowledged = values.filter((_, i) => outcomes[i] === "written");
    const again = await startCompiledServer(envFor(file));
    try {
      const trail = await auditTrail(again.url, "updatePerson", ADMIN);
      expect(trail.map((e) => e.after!.biography).sort()).toEqual([...acknowledged].sort());
      // One after another across both processes: each update saw the value the one before it wrote.
      for (let i = 1; i < trail.length; i++) expect(trail[i].before!.biography).toBe(trail[i - 1].after!.biography);
    } finally {
      again.child.kill("SIGKILL");
      await exited(again.child);
    }
  }, 90_000);

  test("a worker killed with SIGKILL is replaced, after a delay that doubles when another dies soon after; the port answers meanwhile", async () => {
    const { server, workerPids } = await startWorkers(await freshDatabaseUrl(), 2);
    try {
      process.kill(workerPids[0], "SIGKILL");
      const [died] = await waitForLog(server, (l) => l.msg === "worker died; replacing it");
      expect(died).toMatchObject({ pid: server.child.pid, workerPid: workerPids[0], signal: "SIGKILL", delayMs: RESTART_DELAY_MS });
      // Every request in the meantime is answered (by the other worker, or the replacement once it is up).
      const meanwhile = await pidsAnswering(server, 10);
      expect(meanwhile.has(workerPids[0])).toBe(false);

      const replacement = (await waitForLog(server, listening, 3))[2].pid!;
      expect(workerPids).not.toContain(replacement);
      expect(await pidsAnswering(server, 40)).toEqual(new Set([workerPids[1], replacement]));

      process.kill(replacement, "SIGKILL");
      const [, again] = await waitForLog(server, (l) => l.msg === "worker died; replacing it", 2);
      expect(again).toMatchObject({ workerPid: replacement, delayMs: 2 * RESTART_DELAY_MS });
      const next = (await waitForLog(server, listening, 4))[3].pid!;
      expect(await pidsAnswering(server, 40)).toEqual(new Set([workerPids[1], next]));
    } finally {
      await killAll(server);
    }
  }, 90_000);

  // NODE_ENV=production as deployed (tests/durability.sqlite.test.ts: why it matters for SIGTERM).
  test("SIGTERM to the primary: a request in flight in a worker finishes, every worker stops as a lone server does, and it exits 0", async () => {
    const { server, workerPids } = await startWorkers(await freshDatabaseUrl(), 2, { NODE_ENV: "production" });
    const csv = ["name,delegation", ...Array.from({ length: 2000 }, (_, i) => `停机${i},一团`)].join("\n");
    const congress = Buffer.from("Congress:1").toString("base64");
    const inFlight = postGraphQL(
      server.url,
      `mutation ($csv: String!, $c: ID!) { importDelegates(csv: $csv, congress: $c) { created } }`,
      { csv, c: congress },
      ORGANISER,
    );
    await sleep(150);
    server.child.kill("SIGTERM");
    expect((await inFlight).body).toEqual({ data: { importDelegates: { created: 2000 } } });
    expect(await exited(server.child)).toBe(0);
    // Each worker stopped as a lone server does (its database closed), and none is left.
    const stopped = logLines(server).filter((l) => l.msg === "stopped");
    for (const pid of workerPids) expect(stopped.map((l) => l.pid)).toContain(pid);
    expect(workerPids.filter(alive)).toEqual([]);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  }, 60_000);

  test("a port in use: the workers cannot listen, and the start fails with their message and exit 1", async () => {
    const first = await startCompiledServer(envFor(await freshDatabaseUrl()));
    try {
      const port = new URL(first.url).port;
      const result = runScript("src/index.js", [], { ...envFor(await freshDatabaseUrl()), WORKERS: "2", PORT: port });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`^cannot listen on port ${port}: EADDRINUSE$`, "m"));
      expect(result.stdout).toMatch(/"msg":"a worker failed to start; stopping"/);
    } finally {
      first.child.kill("SIGKILL");
      await exited(first.child);
    }
  }, 60_000);

  test.each(["0", "two", "1.5", String(MAX_WORKERS + 1)])("WORKERS=%s is refused at start with a message naming it", async (value) => {
    const result = runScript("src/index.js", [], { ...envFor(await freshDatabaseUrl()), WORKERS: value });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(`WORKERS must be auto or a whole number from 1 to ${MAX_WORKERS}, got "${value}"`);
  });
});
