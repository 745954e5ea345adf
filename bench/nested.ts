import "reflect-metadata";
import { AddressInfo } from "net";
import { performance } from "perf_hooks";
import { sqlLogger } from "../ormconfig";
import { openDirectory } from "../src/boot";
import { loadConfig } from "../src/config";
import { createServer } from "../src/server";
import { parseArgs, positiveInt } from "./args";

/**
 * Connections nested under a list (issue 19, item 3): statements per request and latency of
 * congresses' delegates, organisations' people and honours' awards, one request at a time.
 *
 *   node dist/bench/nested.js --db /tmp/copy-of-bench.sqlite [--rounds 20]
 *
 * The database is migrated on open: give it a copy, not data/bench.sqlite itself.
 */
export const NESTED: { label: string; query: string }[] = [
  {
    label: "5 congresses × 20 delegates",
    query: `{ congresses(first: 5) { edges { node { name delegates(first: 20) { totalCount edges { cursor node { name employer { name } } } pageInfo { hasNextPage endCursor } } } } } }`,
  },
  {
    label: "50 organisations × 10 people",
    query: `{ organisations(first: 50) { edges { node { name people(first: 10) { totalCount edges { cursor node { name employer { name } } } pageInfo { hasNextPage endCursor } } } } } }`,
  },
  {
    label: "50 honours × 10 awards",
    query: `{ honours(first: 50) { edges { node { name awards(first: 10) { totalCount edges { cursor node { year recipient { __typename } } } pageInfo { hasNextPage endCursor } } } } } }`,
  },
  {
    // batched before too (ROW_NUMBER() OVER (PARTITION BY the foreign key)): the read's new form must not cost more
    label: "50 organisations × 10 awards, 10 positions, 10 children",
    query: `{ organisations(first: 50) { nodes { name awardsConnection(first: 10) { totalCount nodes { year } } positionsConnection(first: 10) { totalCount nodes { title } } childrenConnection(first: 10) { totalCount nodes { name } } } } }`,
  },
];

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const file = typeof args.db === "string" ? args.db : "";
  if (!file) throw new Error("--db <file> is required");
  const rounds = positiveInt(args.rounds, "rounds", 20);
  const config = { ...loadConfig({ LOG_LEVEL: "silent" }), database: { kind: "sqlite" as const, file, logging: false } };
  const { ds } = await openDirectory(config.database);
  const server = await createServer(ds, config);
  const http = await new Promise<import("http").Server>((resolve) => {
    const s = server.http.listen(0, "127.0.0.1", () => resolve(s));
  });
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
  const ask = async (query: string) => {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
    const answer = (await res.json()) as { errors?: unknown[] };
    if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  };
  try {
    for (const { label, query } of NESTED) {
      await ask(query);
      const statements: string[] = [];
      const unsubscribe = sqlLogger(ds).subscribe((s) => statements.push(s));
      await ask(query);
      unsubscribe();
      const times: number[] = [];
      for (let i = 0; i < rounds; i++) {
        const started = performance.now();
        await ask(query);
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(1);
      console.log(`${label}: ${statements.length} statements; ms min ${at(0)} p50 ${at(0.5)} max ${at(1)} (${rounds} rounds)`);
    }
  } finally {
    await new Promise((resolve) => http.close(resolve));
    await server.stop();
    await ds.destroy();
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
