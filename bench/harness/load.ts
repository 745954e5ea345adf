import { ONE_STATEMENT, QueryKind, QuerySpec } from "../queries";
import { peerSpec, checkPeer } from "../postgraphile-queries";
import { checked, sameData } from "./check";
import { idleLatency, loadRun, RunResult } from "./measure";
import type { Options } from "./options";
import { HarnessError, REQUEST_TIMEOUT_S, serverEnv, Started, startProcess, startWorkers } from "./processes";
import { fmt } from "./report";

export type Run = RunResult & { server: string; label: string };

export interface LoadInput {
  opts: Options;
  serverScript: string;
  floorScript: string;
  /** PostGraphile's server (bench/postgraphile/server.js), run beside ours on PostgreSQL; null on SQLite. */
  peerScript: string | null;
  spec: (kind: QueryKind) => QuerySpec;
  reference: Map<string, Record<string, unknown>>;
  /** Query kinds that are not run (the server could not answer them). */
  broken: Map<string, string>;
  startups: Record<string, number>;
  harnessErrors: string[];
}

/**
 * Phase 2: the server, the data floor, the naive server, WORKERS=2 (and PostGraphile on
 * PostgreSQL) side by side. All run at once (idle but for the one under load), and the runs are
 * interleaved in rounds, each query's runs back to back: the machine drifts (other tenants,
 * clock) by more than the differences measured, so each row is its median round.
 */
export async function runLoad(input: LoadInput): Promise<Record<string, Run[]>> {
  const { opts, spec, reference, startups, harnessErrors } = input;
  const rounds: Record<string, Run[]> = {};
  const measure = async (key: string, server: string, target: Started, s: QuerySpec) => {
    process.stdout.write(`  ${server.padEnd(12)} ${s.label.padEnd(38)} `);
    const idleMs = await idleLatency(target.port, s.requests, server, opts.quick ? 150 : 2000);
    const r = await loadRun(target.port, target.child.pid, s.requests, opts);
    (rounds[key] ??= []).push({ ...r, idleMs, server, label: s.label });
    console.log(
      `idle ${fmt(idleMs, 2)} ms | ${fmt(r.rps, 0).padStart(6)} req/s  p50 ${fmt(r.p50, 2)} ms  p99 ${fmt(r.p99, 2)} ms  peak RSS ${fmt(r.peakRssMb, 0)} MB` +
        `  cpu: server ${fmt(r.serverCpuCores, 2)} (main thread ${fmt(r.mainThreadUs, 0)} µs/request) harness ${fmt(r.harnessCpuCores, 2)} other ${fmt(r.otherCpuCores, 2)}`,
    );
    // Slowness is a result; refused connections, resets and error statuses mean something broke.
    if (r.errors - r.timeouts > 0 || r.non2xx) {
      harnessErrors.push(`${server} ${s.kind}: ${r.errors - r.timeouts} connection errors, ${r.non2xx} non-2xx responses`);
    }
    if (r.timeouts) console.log(`    (${r.timeouts} requests took over ${REQUEST_TIMEOUT_S} s)`);
  };
  const db = opts.database;
  const started: Started[] = [];
  const start = async (name: string, launch: () => Promise<Started>) => {
    const s = await launch();
    started.push(s);
    startups[name] = s.startupMs;
    return s;
  };
  try {
    const server = await start("server", () => startProcess("server", input.serverScript, serverEnv(db, true, false)));
    const floorEnv = db.kind === "sqlite" ? { ...process.env, DATABASE_FILE: db.file } : { ...process.env, DATABASE_URL: db.url };
    const floor = await start("data floor", () => startProcess("data floor", input.floorScript, floorEnv, []));
    const naive = await start("naive server", () => startProcess("naive server", input.serverScript, serverEnv(db, false, false)));
    const workers = await start("workers", () => startWorkers(input.serverScript, db, 2));
    const peerScript = input.peerScript;
    const peer =
      peerScript && db.kind === "postgres"
        ? await start("PostGraphile", () =>
            startProcess("PostGraphile", peerScript, { ...process.env, DATABASE_URL: db.url, DATABASE_POOL_SIZE: String(db.poolSize) }, []),
          )
        : null;

    await checked(server.port, spec("transport").requests[0], "server");
    // The floor and the naive server must answer the very data the server does, or they measure something else.
    for (const kind of ["profile", "delegates"] as QueryKind[]) {
      for (const req of spec(kind).requests) {
        for (const [who, other] of [
          ["data floor", floor],
          ["naive server", naive],
        ] as const) {
          const diff = sameData(reference.get(JSON.stringify(req)), await checked(other.port, req, who));
          if (diff) throw new HarnessError(`${who} answers other data than the server for ${kind} ${JSON.stringify(req.variables)}: ${diff}`);
        }
      }
    }
    for (const req of spec("profile").requests) {
      const diff = sameData(reference.get(JSON.stringify(req)), await checked(workers.port, req, "WORKERS=2"));
      if (diff) throw new HarnessError(`WORKERS=2 answers other data than the server for profile ${JSON.stringify(req.variables)}: ${diff}`);
    }
    // PostGraphile's schema is its own: its answers are checked against ours for the same people and totals.
    const peerSpecs = peer ? { profile: peerSpec(spec("profile")), delegates: peerSpec(spec("delegates")) } : null;
    if (peer && peerSpecs) {
      for (const kind of ["profile", "delegates"] as const) {
        for (const [i, req] of peerSpecs[kind].requests.entries()) {
          const ours = reference.get(JSON.stringify(spec(kind).requests[i]))!;
          const diff = checkPeer(kind, ours, await checked(peer.port, req, "PostGraphile"));
          if (diff) throw new HarnessError(`PostGraphile answers other data than the server for ${kind} ${JSON.stringify(req.variables)}: ${diff}`);
        }
      }
    }
    await checked(floor.port, ONE_STATEMENT.requests[0], "data floor");
    // The data floor's `{ __typename }` with and without one `SELECT 1` first: what one statement costs a bare server.
    // The slowest, most allocating query goes last so that its garbage does not count in the other queries' peak RSS.
    const plan: [string, string, Started, QuerySpec][] = [
      ["server.transport", "server", server, spec("transport")],
      ["floor.transport", "data floor", floor, spec("transport")],
      ["floor.statement", "data floor", floor, ONE_STATEMENT],
      ["server.profile", "server", server, spec("profile")],
      ["workers.profile", "WORKERS=2", workers, spec("profile")],
      ...(peer && peerSpecs ? [["peer.profile", "PostGraphile", peer, peerSpecs.profile] as [string, string, Started, QuerySpec]] : []),
      ["floor.profile", "data floor", floor, spec("profile")],
      ["naive.profile", "naive", naive, spec("profile")],
      ["server.delegates", "server", server, spec("delegates")],
      ...(peer && peerSpecs ? [["peer.delegates", "PostGraphile", peer, peerSpecs.delegates] as [string, string, Started, QuerySpec]] : []),
      ["floor.delegates", "data floor", floor, spec("delegates")],
      ["naive.delegates", "naive", naive, spec("delegates")],
      ["server.search3", "server", server, spec("search3")],
      ["server.search2", "server", server, spec("search2")],
      ["server.search1", "server", server, spec("search1")],
      ["server.searchPinyin", "server", server, spec("searchPinyin")],
      ["server.honourFilter", "server", server, spec("honourFilter")],
    ];
    const runnable = plan.filter(([, , , s]) => !input.broken.has(s.kind));
    console.log(`load: ${opts.connections} connections, ${opts.duration} s per query after ${opts.warmup} s warm-up, ${opts.rounds} round(s)`);
    for (let round = 1; round <= opts.rounds; round++) {
      if (opts.rounds > 1) console.log(` round ${round} of ${opts.rounds}`);
      for (const [key, name, target, querySpec] of runnable) await measure(key, name, target, querySpec);
    }
  } finally {
    await Promise.all(started.map((s) => s.child.stop()));
  }
  return rounds;
}
