import fs from "fs";
import { freshDatabaseUrl } from "./helpers/database";
import { exited, startCompiledServer } from "./helpers/processes";

const SECONDS = Number(process.env.LOAD_SECONDS ?? 5);
const READERS = Number(process.env.LOAD_READERS ?? 16);
const WRITERS = Number(process.env.LOAD_WRITERS ?? 4);
const TOKEN = "load-test-token";

function percentile(sorted: number[], p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

test(
  `load: ${READERS} readers and ${WRITERS} writers for ${SECONDS} s on loopback: every acknowledged write kept, no busy or transaction errors`,
  async () => {
    const server = await startCompiledServer({ DATABASE_URL: await freshDatabaseUrl(), AUTH_TOKENS: `organiser:${TOKEN}`, LOG_LEVEL: "warn" });
    const post = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
      const started = performance.now();
      const res = await fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = await res.json();
      return { status: res.status, body, ms: performance.now() - started };
    };
    const ids = (await post(`{ delegates { nodes { id } } honours(first: 5) { nodes { id } } sourceDocuments { nodes { id } } }`)).body.data;
    const reads = [
      () =>
        post(
          `{ delegates(first: 50) { totalCount nodes { name employer { name } awards { year honour { name level } } proposals { title } seats { delegation congress { name } } } } }`,
        ),
      () =>
        post(
          `query ($id: ID!) { person(id: $id) { name namePinyin positions { title organisation { name } } awards { honour { name } source { quote } } sources { quote } } }`,
          { id: ids.delegates.nodes[0].id },
        ),
      () => post(`{ search(query: "清远") { totalCount edges { matchedField node { __typename } } } }`),
      () => post(`{ search(query: "wang") { totalCount } personFacets { byHonourLevel { key count } } }`),
    ];
    const readMs: number[] = [];
    const writeMs: number[] = [];
    const problems: string[] = [];
    const acknowledged: string[] = [];
    const deadline = Date.now() + SECONDS * 1000;
    const check = (kind: string, r: { status: number; body: { errors?: { message: string; extensions?: { code?: string } }[] } }) => {
      if (r.status !== 200 || r.body.errors) problems.push(`${kind} ${r.status}: ${JSON.stringify(r.body.errors ?? r.body).slice(0, 200)}`);
    };
    let n = 0;
    const reader = async () => {
      for (let i = 0; Date.now() < deadline; i++) {
        const r = await reads[i % reads.length]();
        readMs.push(r.ms);
        check("read", r);
      }
    };
    const writer = async (w: number) => {
      for (let i = 0; Date.now() < deadline; i++) {
        const name = `负载${w}-${i}`;
        const kind = i % 3;
        const r =
          kind === 0
            ? await post(`mutation ($n: String!) { createPerson(input: { name: $n }) { id } }`, { n: name }, TOKEN)
            : kind === 1
              ? await post(
                  `mutation ($id: ID!, $y: Int) { updatePerson(id: $id, input: { yearsOfService: $y }) { id } }`,
                  { id: ids.delegates.nodes[1].id, y: (n++ % 60) + 1 },
                  TOKEN,
                )
              : await post(
                  `mutation ($h: ID!, $p: ID!, $d: ID!) { grantAward(input: { honour: $h, person: $p, citation: { document: $d, quote: "清远市总工会" } }) { id } }`,
                  { h: ids.honours.nodes[w % 5].id, p: ids.delegates.nodes[0].id, d: ids.sourceDocuments.nodes[0].id },
                  TOKEN,
                );
        writeMs.push(r.ms);
        check("write", r);
        if (kind === 0 && r.body.data?.createPerson) acknowledged.push(name);
      }
    };
    const rss: number[] = [];
    const sampler = setInterval(() => {
      try {
        const status = fs.readFileSync(`/proc/${server.child.pid}/status`, "utf8");
        rss.push(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
      } catch {
        // not on Linux: no RSS figure
      }
    }, 200);
    await Promise.all([...Array.from({ length: READERS }, reader), ...Array.from({ length: WRITERS }, (_, w) => writer(w))]);
    clearInterval(sampler);

    const found = (await post(`{ people(filter: { nameContains: "负载" }) { totalCount } }`)).body.data.people.totalCount;
    server.child.kill("SIGTERM");
    await exited(server.child);

    readMs.sort((a, b) => a - b);
    writeMs.sort((a, b) => a - b);
    const fmt = (xs: number[]) =>
      `n=${xs.length} rps=${(xs.length / SECONDS).toFixed(0)} p50=${percentile(xs, 50).toFixed(1)}ms p99=${percentile(xs, 99).toFixed(1)}ms`;
    console.log(
      `load (${SECONDS}s, ${READERS} readers, ${WRITERS} writers): reads ${fmt(readMs)}; writes ${fmt(writeMs)}; acknowledged creates ${acknowledged.length}, found ${found}; peak RSS ${rss.length ? Math.max(...rss).toFixed(0) : "?"} MB`,
    );
    expect(problems.filter((p) => /BUSY|transaction/i.test(p))).toEqual([]);
    expect(problems).toEqual([]);
    expect(found).toBe(acknowledged.length);
    expect(writeMs.length).toBeGreaterThan(10);
  },
  (SECONDS + 60) * 1000,
);
