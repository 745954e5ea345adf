import { ChildProcess, spawn } from "child_process";
import fs from "fs";
import http from "http";
import { DatabaseConfig, projectRoot, SERVER_NODE_FLAGS } from "../../src/config";
import { freePort } from "./ports";

/** Child processes of the benchmark (servers, floors, peers) on loopback ports, and plain HTTP to them. */

/** Something in the harness broke (as opposed to a slow or failing measurement). */
export class HarnessError extends Error {}

export const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/** A request slower than this counts as a timeout (reported, not a harness failure). */
export const REQUEST_TIMEOUT_S = 30;

const children = new Set<Child>();

export class Child {
  readonly proc: ChildProcess;
  readonly lines: string[] = [];
  sqlCount = 0;
  sqlSeen: string[] = [];
  recordSql = false;
  readonly exited: Promise<number | null>;
  exitCode: number | null | undefined = undefined;
  private listeners: ((line: string) => void)[] = [];
  /** Set when the harness ends it, so that an exit of its own is told apart. */
  stopping = false;

  constructor(
    readonly name: string,
    script: string,
    env: NodeJS.ProcessEnv,
    nodeFlags: readonly string[],
  ) {
    this.proc = spawn(process.execPath, [...nodeFlags, script], { cwd: projectRoot(), env, stdio: ["ignore", "pipe", "pipe"] });
    children.add(this);
    this.exited = new Promise((ok) =>
      this.proc.once("exit", (code, signal) => {
        this.exitCode = code;
        children.delete(this);
        // A process that ends by itself mid-run: what it said last is the only clue to why.
        if (!this.stopping) console.error(`\n${this.name} exited by itself (code ${code}, signal ${signal}):\n${this.tail()}`);
        ok(code);
      }),
    );
    for (const stream of [this.proc.stdout!, this.proc.stderr!]) {
      let rest = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => {
        const parts = (rest + chunk).split("\n");
        rest = parts.pop() ?? "";
        for (const line of parts) this.line(line);
      });
    }
  }

  private line(line: string) {
    if (line.startsWith("sql: ")) {
      this.sqlCount++;
      if (this.recordSql) this.sqlSeen.push(line.slice(5));
      return;
    }
    this.lines.push(line);
    if (this.lines.length > 200) this.lines.shift();
    for (const l of this.listeners) l(line);
  }

  onLine(listener: (line: string) => void) {
    this.listeners.push(listener);
  }

  get pid(): number {
    return this.proc.pid ?? -1;
  }

  tail(): string {
    return this.lines.slice(-20).join("\n");
  }

  async stop(): Promise<void> {
    if (this.exitCode !== undefined) return;
    this.stopping = true;
    this.proc.kill("SIGTERM");
    const done = await Promise.race([this.exited.then(() => true), sleep(5000).then(() => false)]);
    if (!done) {
      this.proc.kill("SIGKILL");
      await this.exited;
    }
  }
}

export function stopAll() {
  for (const child of children) {
    if (child.exitCode !== undefined) continue;
    child.stopping = true;
    child.proc.kill("SIGKILL");
  }
}

export interface HttpResult {
  status: number;
  body: string;
  ms: number;
}

export const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

export function request(port: number, method: "GET" | "POST", urlPath: string, body?: string, timeoutMs = 30000): Promise<HttpResult> {
  return new Promise((ok, fail) => {
    const t0 = performance.now();
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        method,
        path: urlPath,
        agent: method === "GET" ? undefined : agent,
        headers: body ? { "content-type": "application/json", "content-length": Buffer.byteLength(body) } : {},
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => ok({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - t0 }));
        res.on("error", fail);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${method} ${urlPath} timed out after ${timeoutMs} ms`)));
    req.on("error", fail);
    req.end(body);
  });
}

export interface Started {
  child: Child;
  port: number;
  /** spawn → first 200 from /healthz */
  startupMs: number;
}

/** The servers (real and naive) start as `npm start` starts them; the data floor is plain node. */
export async function startProcess(
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
  nodeFlags: readonly string[] = SERVER_NODE_FLAGS,
  timeoutMs = 30000,
): Promise<Started> {
  if (!fs.existsSync(script)) throw new HarnessError(`${script} does not exist: compile first (npx tsc -p tsconfig.json)`);
  const port = await freePort();
  const t0 = performance.now();
  const child = new Child(name, script, { ...env, PORT: String(port) }, nodeFlags);
  while (performance.now() - t0 < timeoutMs) {
    if (child.exitCode !== undefined) throw new HarnessError(`${name} exited (code ${child.exitCode}) before answering /healthz:\n${child.tail()}`);
    try {
      const res = await request(port, "GET", "/healthz", undefined, 1000);
      if (res.status === 200) return { child, port, startupMs: performance.now() - t0 };
    } catch {
      // not listening yet
    }
    await sleep(10);
  }
  await child.stop();
  throw new HarnessError(`${name} did not answer /healthz within ${timeoutMs / 1000} s:\n${child.tail()}`);
}

/** DATABASE_URL of a bench database: a SQLite file's path, or its config. */
export function databaseUrl(db: string | DatabaseConfig): string {
  if (typeof db === "string") return `sqlite:${db}`;
  return db.kind === "sqlite" ? `sqlite:${db.file}` : db.url;
}

export function serverEnv(db: string | DatabaseConfig, dataloaders: boolean, logging: boolean): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl(db),
    DB_LOGGING: String(logging),
    DATALOADERS: String(dataloaders),
    NODE_ENV: "production",
    // Measure how slow a slow query really is instead of its TIMEOUT answer, and let one client
    // (the load generator) spend what it likes; every other limit stays at its production default.
    EXECUTION_TIMEOUT_MS: String(REQUEST_TIMEOUT_S * 1000),
    COST_BUDGET_PER_MINUTE: "0",
  };
  delete env.AUTH_TOKENS;
  return env;
}

/** The server with WORKERS=n, once all n workers listen (/healthz answers as soon as one does). */
export async function startWorkers(script: string, db: string | DatabaseConfig, n: number): Promise<Started> {
  const t0 = performance.now();
  const started = await startProcess(`WORKERS=${n}`, script, { ...serverEnv(db, true, false), WORKERS: String(n) });
  let listening = started.child.lines.filter((l) => l.includes("delegate directory on")).length;
  started.child.onLine((l) => (listening += l.includes("delegate directory on") ? 1 : 0));
  while (listening < n) {
    if (started.child.exitCode !== undefined || performance.now() - t0 > 30000)
      throw new HarnessError(`WORKERS=${n}: ${listening} workers listening:\n${started.child.tail()}`);
    await sleep(10);
  }
  return { ...started, startupMs: performance.now() - t0 };
}
