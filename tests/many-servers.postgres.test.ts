import { Client } from "pg";
import { freshDatabase } from "./helpers/database";
import { exited, startCompiledServer } from "./helpers/processes";
import { healthStatus, HttpAnswer, outcome, postGraphQL } from "./helpers/http";

// Many stateless server processes over one PostgreSQL database, as behind a load balancer: a write
// acknowledged by any of them is there for all, one of them dying does not lose or break anything,
// and several starting together on an empty database migrate and seed it once.

const ORGANISER = "many-servers-organiser";
const CREATE = `mutation ($name: String!) { createPerson(input: { name: $name }) { id name } }`;
const READ = `query ($id: ID!) { node(id: $id) { ... on Person { name } } }`;
const NAMES = `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Person { id name } } }`;
const COUNTS = `{ people { totalCount } organisations { totalCount } honours { totalCount } congresses { totalCount }
  proposals { totalCount } sourceDocuments { totalCount } statistics { totalCount } }`;

type Server = Awaited<ReturnType<typeof startCompiledServer>>;

async function databaseUrl(): Promise<string> {
  const db = await freshDatabase();
  if (db.kind !== "postgres") throw new Error("a *.postgres.test.ts file runs under npm run test:postgres");
  return db.url;
}

const envFor = (url: string) => ({ DATABASE_URL: url, AUTH_TOKENS: `organiser:${ORGANISER}`, LOG_LEVEL: "info", READ_THREADS: "1" });

async function stop(...servers: Server[]) {
  for (const s of servers) s.child.kill("SIGKILL");
  await Promise.all(servers.map((s) => exited(s.child)));
}

/** An answer, or the socket-level failure of a request to a server that died under it. */
async function send(server: Server, query: string, variables: Record<string, unknown>, token?: string): Promise<HttpAnswer | "no answer"> {
  try {
    return await postGraphQL(server.url, query, variables, token);
  } catch (error) {
    if (!killed.has(server)) throw new Error(`${server.url} is running but did not answer: ${String(error)}`, { cause: error });
    return "no answer";
  }
}

/** The servers the test has SIGKILLed (their exit may not have been seen yet). */
const killed = new Set<Server>();

/** The names of the people `ids` name, as `server` reads them (null for an id it does not find). */
async function namesOf(server: Server, ids: string[]): Promise<(string | null)[]> {
  const names: (string | null)[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    const answer = await postGraphQL(server.url, NAMES, { ids: ids.slice(i, i + 100) });
    expect(answer.body.errors).toBeUndefined();
    names.push(...answer.body.data.nodes.map((n: { name: string } | null) => n?.name ?? null));
  }
  return names;
}

describe("three server processes on one PostgreSQL database", () => {
  test("300 concurrent writes spread over them with reads in between, one SIGKILLed half-way: every acknowledged write is read back from both survivors, and nothing answered INTERNAL_SERVER_ERROR", async () => {
    const url = await databaseUrl();
    const servers = await Promise.all([0, 1, 2].map(() => startCompiledServer(envFor(url))));
    const [a, b, victim] = servers;
    const alive = () => servers.filter((s) => !killed.has(s));
    const writes: { name: string; answer: HttpAnswer | "no answer" }[] = [];
    const reads: (HttpAnswer | "no answer")[] = [];
    let answered = 0;
    let next = 0;

    try {
      // 30 clients, each sending writes one after another to the servers in turn (a dead one's share
      // goes to the others, as a load balancer would send it), reading each acknowledged one back
      // from another server.
      await Promise.all(
        Array.from({ length: 30 }, async () => {
          for (let i = next++; i < 300; i = next++) {
            const name = `多服务器${i}`;
            const live = alive();
            const server = killed.has(servers[i % 3]) ? live[i % live.length] : servers[i % 3];
            const answer = await send(server, CREATE, { name }, ORGANISER);
            writes.push({ name, answer });
            if (++answered === 150) {
              killed.add(victim);
              victim.child.kill("SIGKILL");
            }
            if (answer !== "no answer" && outcome(answer) === "written") {
              const other = alive().find((s) => s !== server) ?? a;
              const read = await send(other, READ, { id: answer.body.data.createPerson.id });
              reads.push(read);
              if (read !== "no answer" && !read.body.errors) expect(read.body.data.node).toEqual({ name });
            }
          }
        }),
      );
      await exited(victim.child);

      // Every answer was data or the contract's 503 refusal; only requests to the killed server went unanswered.
      const described = (answer: HttpAnswer | "no answer") => (answer === "no answer" ? answer : outcome(answer));
      expect(writes.map((w) => described(w.answer)).filter((o) => o !== "written" && o !== "refused" && o !== "no answer")).toEqual([]);
      expect(reads.map(described).filter((o) => o !== "written" && o !== "refused" && o !== "no answer")).toEqual([]);
      expect(JSON.stringify([...writes.map((w) => w.answer), ...reads])).not.toContain("INTERNAL_SERVER_ERROR");
      expect(writes.filter((w) => w.answer === "no answer").length).toBeLessThan(100);

      const acknowledged = writes.flatMap((w) => (w.answer !== "no answer" && outcome(w.answer) === "written" ? [w.answer.body.data.createPerson] : []));
      // Most were written (a refusal is allowed, but the servers share the write lock rather than fight over it).
      expect(acknowledged.length).toBeGreaterThan(150);
      for (const survivor of [a, b]) {
        expect(await healthStatus(survivor.url)).toBe(200);
        expect(
          await namesOf(
            survivor,
            acknowledged.map((p) => p.id),
          ),
        ).toEqual(acknowledged.map((p) => p.name));
      }
    } finally {
      await stop(...servers);
    }
  }, 120_000);

  test("three servers started together on an empty database all serve it, migrated and seeded once", async () => {
    const single = await startCompiledServer(envFor(await databaseUrl()));
    const expected = (await postGraphQL(single.url, COUNTS)).body;
    await stop(single);
    expect(expected.data.people.totalCount).toBeGreaterThan(0);

    const url = await databaseUrl();
    const started = await Promise.allSettled([0, 1, 2].map(() => startCompiledServer(envFor(url))));
    const servers = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
    try {
      expect(started.map((s) => (s.status === "rejected" ? String(s.reason).slice(0, 500) : "serving"))).toEqual(["serving", "serving", "serving"]);
      for (const s of servers) expect((await postGraphQL(s.url, COUNTS)).body).toEqual(expected);
      expect(servers.filter((s) => /seeded an empty database/.test(s.output()))).toHaveLength(1);
      // Each migration is recorded once: no server ran one that another had run.
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query(`SELECT name, count(*)::int AS times FROM migrations GROUP BY name`);
        expect(rows.length).toBeGreaterThan(0);
        expect(rows.filter((r) => r.times !== 1)).toEqual([]);
      } finally {
        await client.end();
      }
    } finally {
      await stop(...servers);
    }
  }, 120_000);
});
