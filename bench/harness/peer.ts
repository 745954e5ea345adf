import { spawnSync } from "child_process";
import fs from "fs";
import path from "path";
import { projectRoot } from "../../src/config";
import { HarnessError } from "./processes";

/**
 * PostGraphile 4 lives in its own package, bench/postgraphile (it needs graphql 15, the app 16),
 * so that the app's `npm ci` never installs it. Installs that package from its lockfile when its
 * node_modules is missing or older than the lockfile, and returns the entry script to run.
 */
export function postGraphileScript(): string {
  const dir = path.join(projectRoot(), "bench", "postgraphile");
  const lock = path.join(dir, "package-lock.json");
  // npm writes this file at the end of an install: its absence means none finished.
  const installed = path.join(dir, "node_modules", ".package-lock.json");
  const stale = !fs.existsSync(installed) || fs.statSync(installed).mtimeMs < fs.statSync(lock).mtimeMs;
  if (stale) {
    console.log(`installing PostGraphile into ${path.relative(projectRoot(), dir)}/node_modules (npm ci)…`);
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const r = spawnSync(npm, ["ci", "--prefix", dir, "--no-audit", "--no-fund"], { stdio: "inherit" });
    if (r.status !== 0) throw new HarnessError(`npm ci in ${dir} failed (${r.error?.message ?? `exit ${r.status}`})`);
  }
  return path.join(dir, "server.js");
}
