import cluster, { Worker } from "cluster";
import { openDirectory } from "./boot";
import { Config, databaseLabel } from "./config";
import { log, setProcessLogFields } from "./log";

/**
 * WORKERS=N: this process (the primary) prepares the database, then runs N server processes that
 * share its port through node:cluster, which hands each new connection to the next worker in turn.
 * The workers share nothing but the database file: a write in one takes the database's write lock,
 * so writes of different workers queue for it as writes of separate servers on one file do.
 */

/** A worker that dies is replaced after this, doubled for each other death in the last minute. */
export const RESTART_DELAY_MS = 250;
const MAX_RESTART_DELAY_MS = 30_000;
const CRASH_WINDOW_MS = 60_000;
/** How long SIGTERM waits for workers beyond their own grace period before killing them. */
const STOP_WAIT_MS = 20_000;

/** Migrates and seeds once here, then serves from `config.workers` processes; resolves when it started them. */
export async function runPrimary(config: Config): Promise<void> {
  setProcessLogFields({ pid: process.pid, primary: true });
  // Workers open the database anew and find nothing left to migrate or seed.
  const { ds, seeded } = await openDirectory(config.database);
  if (seeded) log("info", "seeded an empty database", { created: seeded.created, database: databaseLabel(config.database) });
  await ds.destroy();

  let stopping = false;
  let served = false;
  const crashes: number[] = [];
  const fork = () => {
    const worker = cluster.fork();
    log("info", "worker started", { workerId: worker.id, workerPid: worker.process.pid });
  };
  cluster.on("listening", () => (served = true));
  cluster.on("exit", (worker: Worker, code: number | null, signal: string | null) => {
    if (stopping) return;
    const died = { workerId: worker.id, workerPid: worker.process.pid, code, signal };
    // The first workers failing to start (the port taken, the database unreadable) fail the start,
    // as one process would; a replacement would fail in the same way, for ever.
    if (!served) {
      log("error", "a worker failed to start; stopping", died);
      void stopWorkers(1);
      return;
    }
    const now = Date.now();
    crashes.push(now);
    while (crashes[0] < now - CRASH_WINDOW_MS) crashes.shift();
    const delayMs = Math.min(MAX_RESTART_DELAY_MS, RESTART_DELAY_MS * 2 ** (crashes.length - 1));
    log("error", "worker died; replacing it", { ...died, delayMs });
    setTimeout(() => stopping || fork(), delayMs);
  });

  // SIGTERM or SIGINT: each worker stops as a lone server does (requests in flight finish), then this process exits.
  const stopWorkers = async (exitCode: number) => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
    const exits = workers.map((w) => new Promise<number | null>((resolve) => w.once("exit", (code) => resolve(code))));
    for (const w of workers) w.process.kill("SIGTERM");
    const killer = setTimeout(() => workers.forEach((w) => w.process.kill("SIGKILL")), STOP_WAIT_MS);
    const codes = await Promise.all(exits);
    clearTimeout(killer);
    log("info", "stopped", { workers: workers.length });
    process.exit(exitCode || (codes.every((c) => c === 0) ? 0 : 1));
  };
  const shutdown = (signal: string) => {
    if (stopping) return;
    log("info", "shutting down", { signal });
    void stopWorkers(0);
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));

  for (let i = 0; i < config.workers; i++) fork();
  log("info", `serving from ${config.workers} worker processes`, { port: config.port, workers: config.workers });
}

/** In a worker: its log lines name it. */
export function markWorker(): void {
  if (cluster.isWorker) setProcessLogFields({ pid: process.pid, worker: cluster.worker!.id });
}
