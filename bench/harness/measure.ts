import autocannon from "autocannon";
import fs from "fs";
import type { GraphQLRequest } from "../queries";
import { HarnessError, request, REQUEST_TIMEOUT_S, sleep } from "./processes";

/** Load runs and what the harness measures of a process during them (/proc: CPU, RSS). */

export function rssKb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** Busy jiffies of the whole machine (all CPUs), from /proc/stat. */
export function machineBusy(): number | null {
  try {
    const f = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal
    return f[0] + f[1] + f[2] + f[5] + f[6] + (f[7] ?? 0);
  } catch {
    return null;
  }
}

/** utime + stime of a process (all its threads), jiffies; with `thread`, of that thread alone (the main thread's id is the pid). */
export function processBusy(pid: number | "self", thread?: number): number | null {
  try {
    const text = fs.readFileSync(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, "utf8");
    const f = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return Number(f[11]) + Number(f[12]);
  } catch {
    return null;
  }
}

/** The process and its children: a WORKERS=N server is its primary and the workers it forked. */
export function family(pid: number): number[] {
  try {
    return [pid, ...fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").split(/\s+/).filter(Boolean).map(Number)];
  } catch {
    return [pid];
  }
}

/** processBusy summed over `pids`; with `mainThreads`, over each one's main thread. */
export function familyBusy(pids: number[], mainThreads = false): number | null {
  let total = 0;
  for (const pid of pids) {
    const busy = processBusy(pid, mainThreads ? pid : undefined);
    if (busy === null) return null;
    total += busy;
  }
  return total;
}

/** The largest RSS among `pids`: the RSS target is per process. */
export function largestRssKb(pids: number[]): number | null {
  const sizes = pids.map((pid) => rssKb(pid)).filter((kb): kb is number => kb !== null);
  return sizes.length ? Math.max(...sizes) : null;
}

/**
 * Waits until the process has gone quiet (under 5% of a core over 200 ms): autocannon stops at
 * the end of a run without waiting for requests in flight, and a slow query's backlog must not be
 * billed to the next run.
 */
export async function waitIdle(pids: number[], maxMs = 60000): Promise<void> {
  const t0 = performance.now();
  while (performance.now() - t0 < maxMs) {
    const a = familyBusy(pids);
    await sleep(200);
    const b = familyBusy(pids);
    if (a === null || b === null || b - a <= 1) return;
  }
}

export function percentile(sorted: Float64Array, p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/**
 * Median of sequential requests on an otherwise idle process (no queueing): the service time. Each
 * of the query's variants is asked once first, untimed, so that what a process does once (compile
 * a document, prepare its statements, optimise the code that answers it) is not counted as the
 * service time of the first requests (it was: the facet query's three variants made a median of
 * its first three requests after start-up); then one timed pass, at least 3 requests, until
 * `budgetMs` (from the first untimed request) is spent.
 */
export async function idleLatency(port: number, requests: GraphQLRequest[], who: string, budgetMs: number): Promise<number> {
  const ask = async (req: GraphQLRequest) => {
    const res = await request(port, "POST", "/graphql", JSON.stringify(req), REQUEST_TIMEOUT_S * 1000);
    if (res.status !== 200) throw new HarnessError(`${who}: ${req.operationName} answered ${res.status}`);
    return res.ms;
  };
  const t0 = performance.now();
  for (const req of requests) await ask(req);
  const times: number[] = [];
  for (let i = 0; i < Math.max(3, requests.length) && (times.length < 3 || performance.now() - t0 < budgetMs); i++) {
    times.push(await ask(requests[i % requests.length]));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export interface RunResult {
  /** Median latency of single sequential requests before the run (service time, no queueing). */
  idleMs?: number;
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  timeouts: number;
  peakRssMb: number | null;
  idleRssMb: number | null;
  /** CPU cores used by the process under test, and by the harness (autocannon), during the run. */
  serverCpuCores: number | null;
  /**
   * CPU time of the server's main thread (the event loop: everything but SQL, GC helpers and
   * compilation) per answered request, µs. Under load it is the resource the server runs out of
   * first, and it moves less with the machine's mood than req/s does (10 ms resolution).
   */
  mainThreadUs: number | null;
  harnessCpuCores: number | null;
  /** CPU cores used by everything else on the machine during the run: noise. */
  otherCpuCores: number | null;
}

export function cannon(
  port: number,
  bodies: string[],
  connections: number,
  duration: number,
  onResponse?: (ms: number, status: number) => void,
): Promise<autocannon.Result> {
  return new Promise((ok, fail) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}/graphql`,
        connections,
        duration,
        timeout: REQUEST_TIMEOUT_S,
        requests: bodies.map((body) => ({ method: "POST", path: "/graphql", headers: { "content-type": "application/json" }, body })),
      },
      (err: unknown, result: autocannon.Result) => (err ? fail(err instanceof Error ? err : new Error(JSON.stringify(err))) : ok(result)),
    );
    if (onResponse) instance.on("response", (_client, statusCode, _bytes, ms) => onResponse(ms, statusCode));
  });
}

export async function loadRun(
  port: number,
  pid: number,
  requests: GraphQLRequest[],
  opts: { warmup: number; connections: number; duration: number },
): Promise<RunResult> {
  const bodies = requests.map((r) => JSON.stringify(r));
  if (opts.warmup > 0) await cannon(port, bodies, opts.connections, opts.warmup);
  const pids = family(pid);
  await waitIdle(pids);
  const idle = largestRssKb(pids);
  let latencies = new Float64Array(1 << 16);
  let n = 0;
  let peak = idle ?? 0;
  const sampler = setInterval(() => {
    const kb = largestRssKb(pids);
    if (kb !== null && kb > peak) peak = kb;
  }, 100);
  const before = { machine: machineBusy(), server: familyBusy(pids), main: familyBusy(pids, true), self: processBusy("self"), t: performance.now() };
  let result: autocannon.Result;
  try {
    result = await cannon(port, bodies, opts.connections, opts.duration, (ms, status) => {
      if (status < 200 || status >= 300) return;
      if (n === latencies.length) {
        const grown = new Float64Array(latencies.length * 2);
        grown.set(latencies);
        latencies = grown;
      }
      latencies[n++] = ms;
    });
  } finally {
    clearInterval(sampler);
  }
  const kb = largestRssKb(pids);
  if (kb !== null && kb > peak) peak = kb;
  const after = { machine: machineBusy(), server: familyBusy(pids), main: familyBusy(pids, true), self: processBusy("self"), t: performance.now() };
  const tick = 100; // USER_HZ on Linux
  const cores = (a: number | null, b: number | null) => (a === null || b === null ? null : (b - a) / tick / ((after.t - before.t) / 1000));
  const serverCpu = cores(before.server, after.server);
  const harnessCpu = cores(before.self, after.self);
  const machineCpu = cores(before.machine, after.machine);
  await waitIdle(pids);
  const sorted = latencies.slice(0, n).sort();
  const seconds = result.duration || opts.duration;
  return {
    requests: n,
    seconds,
    rps: n / seconds,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: n ? sorted[n - 1] : NaN,
    errors: result.errors,
    non2xx: result.non2xx,
    timeouts: result.timeouts,
    peakRssMb: peak ? peak / 1024 : null,
    idleRssMb: idle !== null ? idle / 1024 : null,
    serverCpuCores: serverCpu,
    mainThreadUs: before.main === null || after.main === null || n === 0 ? null : ((after.main - before.main) * (1e6 / tick)) / n,
    harnessCpuCores: harnessCpu,
    otherCpuCores: machineCpu !== null && serverCpu !== null && harnessCpu !== null ? Math.max(0, machineCpu - serverCpu - harnessCpu) : null,
  };
}
