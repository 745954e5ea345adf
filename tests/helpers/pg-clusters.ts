import { execFileSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { Client } from "pg";
import { freePort } from "./processes";

/** Where Debian's PostgreSQL 15 keeps initdb, pg_ctl and pg_basebackup. */
export const PG_BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";

/** PostgreSQL refuses to run as root: as root, its programs are run as the postgres user. */
function run(program: string, args: string[]): void {
  const file = path.join(PG_BIN, program);
  const [cmd, argv] = process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", file, ...args]] : [file, args];
  execFileSync(cmd, argv, { stdio: "pipe", timeout: 60_000 });
}

/** A PostgreSQL cluster of the test's own, on its own port and data folder (never the shared one on 5432). */
export class Cluster {
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  /** The URL of database `name` on this cluster. */
  url(name = "postgres"): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${name}`;
  }

  /** A new cluster in `root`, started: what a test stops, crashes and starts while the shared one serves other tests. */
  static async standalone(root: string): Promise<Cluster> {
    return Cluster.init(path.join(root, "standalone"), []);
  }

  /** A new primary cluster in `root`, allowing replication from 127.0.0.1 without a password. */
  static async primary(root: string): Promise<Cluster> {
    return Cluster.init(path.join(root, "primary"), ["wal_level = replica", "max_wal_senders = 4"], "host replication all 127.0.0.1/32 trust\n");
  }

  private static async init(dir: string, settings: string[], hba = ""): Promise<Cluster> {
    const cluster = new Cluster(dir, await freePort());
    run("initdb", ["-D", cluster.dir, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"]);
    if (hba) fs.appendFileSync(path.join(cluster.dir, "pg_hba.conf"), hba);
    // A test's data need not survive a crash of the machine; every commit is still written to the WAL
    // before it is acknowledged, so a crash of the server loses none, and the WAL position read after a
    // commit is past it (what a test waits for a replica to replay).
    cluster.configure([...settings, "fsync = off", "full_page_writes = off"]);
    cluster.start();
    return cluster;
  }

  /** A streaming replica of `primary` in `root`, made with pg_basebackup -R (standby.signal and primary_conninfo). */
  static async replicaOf(primary: Cluster, root: string): Promise<Cluster> {
    const cluster = new Cluster(path.join(root, "replica"), await freePort());
    run("pg_basebackup", ["-h", "127.0.0.1", "-p", String(primary.port), "-U", "postgres", "-D", cluster.dir, "-R", "-X", "stream", "-c", "fast"]);
    cluster.configure([]);
    cluster.start();
    return cluster;
  }

  /** Sets the port and the socket folder (later lines of postgresql.conf win), and `settings`. */
  private configure(settings: string[]): void {
    const lines = [`port = ${this.port}`, "listen_addresses = '127.0.0.1'", `unix_socket_directories = '${path.dirname(this.dir)}'`, ...settings];
    fs.appendFileSync(path.join(this.dir, "postgresql.conf"), lines.join("\n") + "\n");
  }

  start(): void {
    run("pg_ctl", ["-D", this.dir, "-l", `${this.dir}.log`, "-w", "-t", "30", "start"]);
  }

  stop(): void {
    run("pg_ctl", ["-D", this.dir, "-m", "fast", "-w", "-t", "30", "stop"]);
  }

  /** Stops the server at once, as a crash would: connections are cut, nothing is shut down cleanly. */
  crash(): void {
    run("pg_ctl", ["-D", this.dir, "-m", "immediate", "-w", "-t", "30", "stop"]);
  }

  /** Stops the cluster if it runs (a test that failed half-way). */
  stopIfRunning(): void {
    if (fs.existsSync(path.join(this.dir, "postmaster.pid"))) this.stop();
  }

  /** The rows `sql` answers on database `name` of this cluster. */
  async query<T = Record<string, unknown>>(sql: string, name = "postgres"): Promise<T[]> {
    const client = new Client({ connectionString: this.url(name) });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  }
}

/** A temp folder the postgres user may write in. */
export function clusterRoot(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "directory-clusters-"));
  if (process.getuid?.() === 0) execFileSync("chown", ["postgres:postgres", root]);
  return root;
}
