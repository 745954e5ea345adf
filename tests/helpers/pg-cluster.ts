import { execFileSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { freePort } from "./processes";

/** Where Debian's packages put PostgreSQL 15's programs (initdb, pg_ctl), unless PG_BIN says otherwise. */
const PG_BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";

/** PostgreSQL refuses to run as root: as root, its programs run as the `postgres` user. */
function pg(program: string, args: string[]): string {
  const full = path.join(PG_BIN, program);
  const [file, argv] = process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", full, ...args]] : [full, args];
  return execFileSync(file, argv, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 30_000 });
}

/**
 * A throw-away PostgreSQL cluster of the test's own, on a free port under a temp folder, that the
 * test may stop and start (the shared server on 5432 serves other tests meanwhile).
 */
export class ScratchCluster {
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  /** Makes the cluster (UTF-8, C.UTF-8, trust authentication for `postgres`) and starts it. */
  static async create(): Promise<ScratchCluster> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scratch-pg-"));
    if (process.getuid?.() === 0) execFileSync("chown", ["postgres:postgres", dir]);
    const cluster = new ScratchCluster(dir, await freePort());
    pg("initdb", ["-D", cluster.data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
    cluster.start();
    return cluster;
  }

  private get data(): string {
    return path.join(this.dir, "data");
  }

  /** The URL of its `postgres` database. */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** Starts the server and waits until it accepts connections. */
  start(): void {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    pg("pg_ctl", ["-D", this.data, "-l", path.join(this.dir, "log"), "-o", options, "-w", "start"]);
  }

  /** Stops the server at once, as a crash would: connections are cut, nothing is shut down cleanly. */
  crash(): void {
    pg("pg_ctl", ["-D", this.data, "-m", "immediate", "-w", "stop"]);
  }

  /** Stops the server if it runs, and removes the cluster. */
  remove(): void {
    try {
      this.crash();
    } catch {
      // not running
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
