import Database from "better-sqlite3";
import { tempDbFile } from "./helpers/server";
import { exited, startCompiledServer } from "./helpers/processes";

const TOKEN = "durability-test-token";

async function gql(url: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ query, variables }),
  });
  return res.json();
}

function integrityCheck(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma("integrity_check", { simple: true }) as string;
  } finally {
    db.close();
  }
}

describe("durability of the compiled server", () => {
  test("kill -9 right after acknowledged mutations: all there on restart, integrity_check ok", async () => {
    const file = tempDbFile();
    const env = { DATABASE_URL: `sqlite:${file}`, AUTH_TOKENS: `organiser:${TOKEN}`, LOG_LEVEL: "warn" };
    const server = await startCompiledServer(env);
    const names = Array.from({ length: 20 }, (_, i) => `持久${i}`);
    const acknowledged: string[] = [];
    // fire them concurrently; each acknowledged one must survive
    await Promise.all(
      names.map(async (name) => {
        const res = await gql(server.url, `mutation ($n: String!) { createPerson(input: { name: $n }) { id } }`, { n: name });
        if (res.data?.createPerson?.id) acknowledged.push(name);
      }),
    );
    server.child.kill("SIGKILL");
    await exited(server.child);
    expect(acknowledged).toHaveLength(20);

    expect(integrityCheck(file)).toBe("ok");
    const again = await startCompiledServer(env);
    const found = await gql(again.url, `{ people(filter: { nameContains: "持久" }, first: 100) { totalCount nodes { name } } }`);
    expect(found.data.people.nodes.map((n: { name: string }) => n.name).sort()).toEqual([...acknowledged].sort());
    const search = await gql(again.url, `{ search(query: "持久1") { totalCount } }`);
    expect(search.data.search.totalCount).toBeGreaterThan(0); // the search index came through too
    again.child.kill("SIGTERM");
    expect(await exited(again.child)).toBe(0);
    expect(integrityCheck(file)).toBe("ok");
  }, 60_000);

  test("SIGTERM lets a request in flight finish before the process exits", async () => {
    const file = tempDbFile();
    // As deployed: outside NODE_ENV=test (Jest's), Apollo Server would stop on the signal by itself unless told not to.
    const server = await startCompiledServer({ DATABASE_URL: `sqlite:${file}`, AUTH_TOKENS: `organiser:${TOKEN}`, LOG_LEVEL: "info", NODE_ENV: "production" });
    // a 2,000-row import takes long enough to still be running when SIGTERM arrives
    const csv = ["name,delegation", ...Array.from({ length: 2000 }, (_, i) => `在途${i},一团`)].join("\n");
    const congress = Buffer.from("Congress:1").toString("base64");
    const inFlight = gql(server.url, `mutation ($csv: String!, $c: ID!) { importDelegates(csv: $csv, congress: $c) { created errors { message } } }`, {
      csv,
      c: congress,
    });
    await new Promise((r) => setTimeout(r, 150));
    server.child.kill("SIGTERM");
    const result = await inFlight;
    expect(result.data.importDelegates).toEqual({ created: 2000, errors: [] });
    expect(await exited(server.child)).toBe(0);
    expect(server.output()).toMatch(/"msg":"shutting down"/);
    expect(server.output()).toMatch(/"msg":"stopped"/);
    // and new connections are refused once it has gone
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    expect(integrityCheck(file)).toBe("ok");
  }, 60_000);
});
