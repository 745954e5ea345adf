import "reflect-metadata";
import cluster from "cluster";
import { openDirectory } from "./boot";
import { markWorker, runPrimary } from "./cluster";
import { databaseLabel, loadConfig } from "./config";
import { log, setLogLevel } from "./log";

/** How long SIGTERM waits for requests in flight before closing their connections. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main() {
  const config = loadConfig();
  setLogLevel(config.logLevel);
  // WORKERS=1 (the default) serves from this process, with no primary in between.
  if (config.workers > 1 && cluster.isPrimary) return runPrimary(config);
  markWorker();
  const { ds, seeded } = await openDirectory(config.database);
  if (seeded) log("info", "seeded an empty database", { created: seeded.created, database: databaseLabel(config.database) });
  // Loaded here, not above: a WORKERS=N primary never serves, and need not hold Apollo and the schema.
  const { createServer } = await import("./server");
  const server = await createServer(ds, config, { eagerThreads: true });
  const http = server.http.listen(config.port, () => {
    log("info", `delegate directory on http://localhost:${config.port}/graphql`, {
      port: config.port,
      database: databaseLabel(config.database),
      production: config.production,
      ide: config.ide,
    });
  });
  // A port in use (EADDRINUSE) or not ours to take (EACCES): one clear line and exit 1, not a stack trace.
  http.on("error", (error: NodeJS.ErrnoException) => {
    console.error(`cannot listen on port ${config.port}: ${error.code ?? error.message}`);
    process.exit(1);
  });

  // SIGTERM: stop accepting, let requests in flight finish, then close the database cleanly.
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log("info", "shutting down", { signal });
    // A failure while closing is logged and ends the process too, rather than leaving it half stopped.
    http.close(() => {
      server
        .stop()
        .then(() => ds.destroy())
        .then(
          () => {
            log("info", "stopped");
            process.exit(0);
          },
          (error) => {
            log("error", "shutdown failed", { error });
            process.exit(1);
          },
        );
    });
    http.closeIdleConnections();
    setTimeout(() => http.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
