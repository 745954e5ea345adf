import { dumpDatabase } from "./helpers/db";
import { startTestServer, TestServer } from "./helpers/server";

/** mulberry32: a small seeded PRNG, so every run tries the same inputs and a failure can be replayed. */
function prng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = Number(process.env.FUZZ_SEED ?? 20261124);
const COUNT = Number(process.env.FUZZ_COUNT ?? 600);

const HOSTILE = [
  "' OR 1=1 --",
  '"; DROP TABLE person; --',
  "%",
  "_",
  "%_%",
  "\\",
  "\u0000",
  "\u0000\u0001\u001f",
  "NEAR(a b)",
  "a OR b",
  '"unterminated',
  "*",
  "^",
  "{}",
  "[]",
  "null",
  "undefined",
  "NaN",
  "-1",
  "1e308",
  "9".repeat(40),
  "💥".repeat(50),
  "長".repeat(5000),
  "\ud800",
  "<script>alert(1)</script>",
  "../../etc/passwd",
  "${jndi:ldap://x}",
  "UGVyc29uOjE=",
  "UGVyc29uOi0x",
  "Q29uZ3Jlc3M6OTk5OTk5OTk5OTk5OTk5OTk5",
  "W10=",
  "WyJuYW1lU29ydEtleSBBU0MsaWQgQVNDIiwxZTMwOCwxXQ==",
  "",
  " ",
  "\n\t",
];

type Request = { body: string | Buffer; contentType: string; method?: string; path?: string; headers?: Record<string, string> };

function generator(random: () => number) {
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
  const hostile = () => pick(HOSTILE);
  const wrongType = () => pick<unknown>([hostile(), 12, -5, 1e9, 3.5, true, null, [], {}, [1, "a"], { a: { b: 1 } }]);
  const json = (query: string, variables?: unknown) => JSON.stringify({ query, variables });
  // A lone surrogate cannot be percent-encoded as UTF-8; send the raw invalid bytes instead.
  const enc = (text: string) => {
    try {
      return encodeURIComponent(text);
    } catch {
      return "%ED%A0%80";
    }
  };
  const templates: (() => Request)[] = [
    // every argument of reads, filled with hostile strings or wrong types (as variables and inline)
    () => ({ body: json(`query ($q: String!) { search(query: $q) { totalCount edges { snippet } } }`, { q: hostile() }), contentType: "application/json" }),
    () => ({
      body: json(`query ($f: PersonFilter) { people(filter: $f) { totalCount } }`, {
        f: {
          nameContains: hostile(),
          employer: hostile(),
          congress: hostile(),
          delegation: hostile(),
          honour: { nameContains: hostile(), id: hostile(), yearFrom: wrongType() },
        },
      }),
      contentType: "application/json",
    }),
    () => ({ body: json(`query ($id: ID!) { node(id: $id) { id } person(id: $id) { name } }`, { id: wrongType() }), contentType: "application/json" }),
    () => ({
      body: json(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: Array.from({ length: Math.floor(random() * 120) }, hostile) }),
      contentType: "application/json",
    }),
    () => ({
      body: json(`query ($a: String, $b: String, $f: Int, $l: Int) { delegates(after: $a, before: $b, first: $f, last: $l) { totalCount } }`, {
        a: hostile(),
        b: hostile(),
        f: wrongType(),
        l: wrongType(),
      }),
      contentType: "application/json",
    }),
    () => ({
      body: json(
        `{ honours(filter: { nameContains: ${JSON.stringify(hostile())} }) { nodes { name } } proposals(filter: { textContains: ${JSON.stringify(hostile())} }) { totalCount } }`,
      ),
      contentType: "application/json",
    }),
    () => ({
      body: json(`query ($f: PersonFilter) { personFacets(filter: $f) { byHonour { key } } }`, {
        f: { honours: Array.from({ length: 12 }, () => ({ level: hostile(), conferrer: hostile() })) },
      }),
      contentType: "application/json",
    }),
    // writes without a valid token must change nothing
    () => ({
      body: json(`mutation ($i: CreatePersonInput!) { createPerson(input: $i) { id } }`, { i: { name: hostile(), employer: hostile() } }),
      contentType: "application/json",
      headers: pick([{}, { authorization: `Bearer ${hostile()}` }, { authorization: hostile() }]),
    }),
    () => ({
      body: json(`mutation ($c: String!, $g: ID!) { importDelegates(csv: $c, congress: $g) { created } }`, { c: hostile(), g: hostile() }),
      contentType: "application/json",
    }),
    () => ({
      body: json(`mutation ($id: ID!) { deletePerson(id: $id) }`, { id: hostile() }),
      contentType: "application/json",
      headers: { authorization: "Bearer test-organiser" },
    }),
    // writes with a token but input that is always invalid: refused, nothing written
    () => ({
      body: json(`mutation ($i: GrantAwardInput!) { grantAward(input: $i) { id } }`, {
        i: { honour: hostile(), person: hostile(), organisation: hostile(), year: wrongType(), citation: { document: hostile(), quote: hostile() } },
      }),
      contentType: "application/json",
      headers: { authorization: "Bearer test-organiser" },
    }),
    // malformed documents and bodies
    () => ({
      body: Buffer.from(Array.from({ length: Math.floor(random() * 2000) }, () => Math.floor(random() * 256))),
      contentType: pick(["application/json", "application/graphql", "text/plain", "application/octet-stream"]),
    }),
    () => {
      const s = json(`{ delegates { totalCount nodes { name } } }`);
      return { body: s.slice(0, Math.floor(random() * s.length)), contentType: "application/json" };
    },
    () => ({ body: json("{ ".repeat(50 + Math.floor(random() * 500)) + "__typename" + " }".repeat(50)), contentType: "application/json" }),
    () => ({
      body: json(`{ ${Array.from({ length: 200 + Math.floor(random() * 2000) }, (_, i) => `a${i}: __typename`).join(" ")} }`),
      contentType: "application/json",
    }),
    () => ({ body: json(`query ($v: String) { __typename }`, { v: "x".repeat(200_000 + Math.floor(random() * 1_000_000)) }), contentType: "application/json" }),
    () => ({
      body: json(`query ($f: PersonFilter) { people(filter: $f) { totalCount } }`, { f: JSON.parse("[".repeat(2000) + "]".repeat(2000)) }),
      contentType: "application/json",
    }),
    () => ({ body: json(hostile()), contentType: "application/json" }),
    () => ({ body: JSON.stringify({ query: wrongType(), variables: wrongType(), operationName: wrongType() }), contentType: "application/json" }),
    () => ({
      body: "",
      contentType: "application/json",
      method: pick(["GET", "PUT", "DELETE", "PATCH"]),
      path: pick([
        "/graphql",
        `/graphql?query=${enc(hostile())}`,
        `/export/delegates.csv?congress=${enc(hostile())}`,
        `/ide/${enc(hostile())}`,
        "/%00",
        "/graphql/../healthz",
      ]),
    }),
  ];
  return () => pick(templates)();
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

test(`fuzz: ${COUNT} seeded hostile requests: no 5xx, no stack trace, no crash, no data changed`, async () => {
  const before = await dumpDatabase(server.ds);
  const next = generator(prng(SEED));
  const statuses: Record<number, number> = {};
  const failures: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    const req = next();
    const method = req.method ?? "POST";
    // HTTP header values are bytes: hostile text goes in as its Latin-1 shadow.
    const headers = Object.fromEntries(Object.entries(req.headers ?? {}).map(([k, v]) => [k, v.replace(/[^\x20-\x7e\xa0-\xff]/g, "?")]));
    const res = await fetch(server.url + (req.path ?? "/graphql"), {
      method,
      headers: { "content-type": req.contentType, ...(method === "GET" ? { "apollo-require-preflight": "true" } : {}), ...headers },
      body: method === "GET" ? undefined : (req.body as string),
    });
    const text = await res.text();
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    if (res.status >= 500) failures.push(`#${i} ${res.status}: ${String(req.body).slice(0, 200)} → ${text.slice(0, 200)}`);
    if (/\bat [\w.<>]+ \(|node_modules|\/work\/|\.ts:\d+|stacktrace/.test(text)) failures.push(`#${i} leaked internals: ${text.slice(0, 300)}`);
  }
  console.log(`fuzz: tried ${COUNT} inputs (seed ${SEED}); HTTP statuses ${JSON.stringify(statuses)}`);
  expect(failures).toEqual([]);
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  expect(await dumpDatabase(server.ds)).toEqual(before);
}, 120_000);
