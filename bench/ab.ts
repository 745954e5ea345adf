import "reflect-metadata";
import path from "path";
import { SERVER_NODE_FLAGS } from "../src/config";
import { openSqliteReader as openSql } from "./generator/sqlite";
import { checked, sameData } from "./harness/check";
import { loadRun, RunResult } from "./harness/measure";
import { serverEnv, startProcess, Started, stopAll } from "./harness/processes";
import { parseArgs, positiveInt } from "./args";
import { pickQueries, QueryKind } from "./queries";

/**
 * Two builds of the server side by side, for a change whose cost is smaller than the machine's
 * drift from one minute to the next (bench/README.md, "A/B"). Each directory is a compiled
 * checkout (its dist/src/index.js, run with the Node options of its dist/src/config.js, or the
 * harness's own for a build older than SERVER_NODE_FLAGS, printed at the start); both
 * servers run at once on the same database, idle but for the one under load, and every round runs
 * each query on both, back to back, in alternating order.
 *
 *   node dist/bench/ab.js --db /tmp/bench.sqlite --a /tmp/before --b /tmp/after
 *        [--queries profile,delegates] [--rounds 5] [--duration 5] [--warmup 1] [--connections 4] [--gc]
 *
 * Prints every round (req/s, main-thread CPU per request, p50) and, per query, the medians and the
 * median of the per-round ratios B/A with their range. --gc also counts the collections each side
 * made per 1,000 requests (node --trace-gc).
 */

interface Side {
  name: string;
  server: Started;
  scavenges: number;
  markCompacts: number;
}

interface Sample extends RunResult {
  scavengesPer1k: number;
  markCompactsPer1k: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (n: number | null, digits = 0) => (n === null || Number.isNaN(n) ? "-" : n.toFixed(digits));

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const known = new Set(["db", "a", "b", "queries", "rounds", "duration", "warmup", "connections", "gc"]);
  for (const key of Object.keys(args)) if (!known.has(key)) throw new Error(`unknown option --${key}`);
  if (typeof args.db !== "string" || typeof args.a !== "string" || typeof args.b !== "string") throw new Error("--db FILE --a DIR --b DIR are required");
  const db = path.resolve(args.db);
  const kinds = (typeof args.queries === "string" ? args.queries : "profile,delegates").split(",") as QueryKind[];
  const rounds = positiveInt(args.rounds, "rounds", 5);
  const opts = {
    duration: args.duration === undefined ? 5 : Number(args.duration),
    warmup: args.warmup === undefined ? 1 : Number(args.warmup),
    connections: positiveInt(args.connections, "connections", 4),
  };
  const gc = args.gc === true;

  const { sql, close } = openSql(db);
  const picked = await pickQueries(sql);
  await close();
  const specs = kinds.map((kind) => {
    const spec = picked.specs.find((s) => s.kind === kind);
    if (!spec) throw new Error(`unknown query ${kind}; one of ${picked.specs.map((s) => s.kind).join(", ")}`);
    return spec;
  });

  // Each build runs with its own Node options (its SERVER_NODE_FLAGS), so a change of them is measured like any other.
  const sideFlags = async (dir: string): Promise<readonly string[]> => {
    const config = (await import(path.join(path.resolve(dir), "dist", "src", "config.js"))) as { SERVER_NODE_FLAGS?: readonly string[] };
    const own = config.SERVER_NODE_FLAGS ?? SERVER_NODE_FLAGS;
    return gc ? [...own, "--trace-gc"] : own;
  };

  const sides: Side[] = [];
  for (const [label, dir] of [
    ["A", args.a],
    ["B", args.b],
  ] as const) {
    const script = path.join(path.resolve(dir), "dist", "src", "index.js");
    const flags = await sideFlags(dir);
    const side: Side = {
      name: `${label} ${path.basename(dir)}`,
      server: await startProcess(label, script, serverEnv(db, true, false), flags),
      scavenges: 0,
      markCompacts: 0,
    };
    side.server.child.onLine((line) => {
      if (line.includes(": Scavenge")) side.scavenges++;
      else if (line.includes(": Mark-Compact")) side.markCompacts++;
    });
    sides.push(side);
    console.log(`${side.name}: started in ${fmt(side.server.startupMs)} ms (node ${flags.join(" ")})`);
  }

  // Both must answer the same data, or the comparison means nothing.
  for (const spec of specs) {
    for (const req of spec.requests) {
      const [a, b] = [await checked(sides[0].server.port, req, sides[0].name), await checked(sides[1].server.port, req, sides[1].name)];
      const diff = sameData(a, b);
      if (diff) throw new Error(`${spec.kind}: A and B answer different data: ${diff}`);
    }
  }
  console.log(
    `same data for ${specs.map((s) => `${s.requests.length} ${s.kind}`).join(", ")}; ${rounds} rounds of ${opts.duration} s, ${opts.connections} connections`,
  );

  const samples = new Map<QueryKind, Sample[][]>(kinds.map((k) => [k, [[], []]]));
  for (let round = 1; round <= rounds; round++) {
    for (const spec of specs) {
      const order = round % 2 ? [0, 1] : [1, 0];
      for (const i of order) {
        const side = sides[i];
        const before = { s: side.scavenges, m: side.markCompacts };
        const run = await loadRun(side.server.port, side.server.child.pid, spec.requests, opts);
        const per1k = (n: number) => (run.requests ? (n * 1000) / run.requests : NaN);
        samples.get(spec.kind)![i].push({ ...run, scavengesPer1k: per1k(side.scavenges - before.s), markCompactsPer1k: per1k(side.markCompacts - before.m) });
      }
      const [a, b] = samples.get(spec.kind)!.map((s) => s[s.length - 1]);
      const gcText = (s: Sample) => (gc ? ` gc/1k ${fmt(s.scavengesPer1k, 1)}s ${fmt(s.markCompactsPer1k, 2)}mc` : "");
      const side = (s: Sample) => `${fmt(s.rps).padStart(6)} req/s main ${fmt(s.mainThreadUs).padStart(5)} µs p50 ${fmt(s.p50, 1)} ms${gcText(s)}`;
      console.log(
        `round ${round} ${spec.kind.padEnd(10)} A ${side(a)} | B ${side(b)} | B/A req/s ${fmt(b.rps / a.rps, 3)} main ${fmt((b.mainThreadUs ?? NaN) / (a.mainThreadUs ?? NaN), 3)} (other load ${fmt(a.otherCpuCores, 2)}/${fmt(b.otherCpuCores, 2)} cores)`,
      );
    }
  }

  console.log(`\nmedians (A = ${sides[0].name}, B = ${sides[1].name})`);
  for (const spec of specs) {
    const [a, b] = samples.get(spec.kind)!;
    const rpsRatios = a.map((s, i) => b[i].rps / s.rps);
    const mainRatios = a.map((s, i) => (b[i].mainThreadUs ?? NaN) / (s.mainThreadUs ?? NaN));
    const range = (xs: number[]) => `${fmt(Math.min(...xs), 3)}-${fmt(Math.max(...xs), 3)}`;
    const med = (xs: Sample[], f: (s: Sample) => number | null) => fmt(median(xs.map((s) => f(s) ?? NaN)), 1);
    console.log(
      `${spec.kind.padEnd(10)} req/s A ${med(a, (s) => s.rps)} B ${med(b, (s) => s.rps)}, B/A ${fmt(median(rpsRatios), 3)} (rounds ${range(rpsRatios)}); ` +
        `main µs/req A ${med(a, (s) => s.mainThreadUs)} B ${med(b, (s) => s.mainThreadUs)}, B/A ${fmt(median(mainRatios), 3)} (rounds ${range(mainRatios)}); ` +
        `peak RSS A ${fmt(Math.max(...a.map((s) => s.peakRssMb ?? 0)))} B ${fmt(Math.max(...b.map((s) => s.peakRssMb ?? 0)))} MB` +
        (gc
          ? `; gc/1k A ${med(a, (s) => s.scavengesPer1k)}s ${med(a, (s) => s.markCompactsPer1k)}mc B ${med(b, (s) => s.scavengesPer1k)}s ${med(b, (s) => s.markCompactsPer1k)}mc`
          : ""),
    );
  }
  for (const side of sides) await side.server.child.stop();
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      stopAll();
      process.exit(1);
    },
  );
}
