import { ChildProcess, execFileSync, spawn, spawnSync } from "child_process";
import fs from "fs";
import path from "path";
import { SERVER_NODE_FLAGS } from "../../src/config";
import { freePort } from "../../bench/harness/ports";

export { freePort };

export const ROOT = path.join(__dirname, "..", "..");
export const DIST = path.join(ROOT, "dist");

/** The compiled scripts exist once `npm test` has run its build step. */
export function requireBuild(file: string): string {
  const full = path.join(DIST, file);
  if (!fs.existsSync(full)) throw new Error(`${full} is missing: run \`npm run build\` (npm test does it first)`);
  return full;
}

/** Runs a compiled script to completion. */
export function runScript(file: string, args: string[], env: Record<string, string>, timeoutMs = 60_000) {
  const result = spawnSync(process.execPath, [requireBuild(file), ...args], { env: { ...process.env, ...env }, encoding: "utf8", timeout: timeoutMs });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts a compiled script and does not wait (runScript would hold up the test's own event loop meanwhile). */
export function startScript(file: string, args: string[], env: Record<string, string>) {
  return startNode([requireBuild(file), ...args], env);
}

/** Starts node with `args` (a script and its arguments, or -e and code) and does not wait; `stdin`: a pipe to write to. */
export function startNode(args: string[], env: Record<string, string> = {}, stdin = false) {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: [stdin ? "pipe" : "ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  const done = exited(child).then((status) => ({ status, stdout, stderr }));
  return { child, done, stdout: () => stdout };
}

/**
 * Caps the size of the files process `pid` may write (RLIMIT_FSIZE, set with util-linux's
 * prlimit): at 1 byte no write to any file goes through, as on a full disk, and "unlimited" gives
 * the room back. Node ignores SIGXFSZ, so the process lives and its writes fail with EFBIG.
 */
export function limitFileSize(pid: number, bytes: number | "unlimited"): void {
  execFileSync("prlimit", ["--pid", String(pid), `--fsize=${bytes}:`]);
}

/** Starts the compiled server (what `npm start` runs) and waits until /healthz answers. */
export async function startCompiledServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; output: () => string; startMs: number }> {
  const port = await freePort();
  const started = Date.now();
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, requireBuild("src/index.js")], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: ${out}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { child, url, output: () => out, startMs: Date.now() - started };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill("SIGKILL");
  throw new Error(`server did not answer /healthz in 15 s: ${out}`);
}

/** Resolves when `child` has ended (at once if it has): its exit code, or null when a signal ended it. */
export function exited(child: ChildProcess): Promise<number | null> {
  const ended = child.exitCode !== null || child.signalCode !== null;
  return new Promise((resolve) => (ended ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code))));
}

/** A line of a server's log (src/log.ts): JSON, one object per line. */
export interface LogLine {
  level: string;
  msg: string;
  [field: string]: unknown;
}

/**
 * The JSON log lines a compiled server (its primary and workers share its stdout) printed so far.
 * `every`: each non-empty line of its output must be one (a log collector reads nothing else);
 * otherwise lines that are not JSON (a crash's stack on stderr) are left out.
 */
export function logLines(server: { output: () => string }, every = false): LogLine[] {
  const lines = server
    .output()
    .split("\n")
    .filter((line) => (every ? line.trim() !== "" : line.startsWith("{")));
  return lines.map((line) => {
    try {
      return JSON.parse(line) as LogLine;
    } catch {
      throw new Error(`not a JSON log line: ${line}`);
    }
  });
}
