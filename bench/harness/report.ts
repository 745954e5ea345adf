import { execSync } from "child_process";
import fs from "fs";
import os from "os";

export function machine() {
  let nproc = os.cpus().length;
  try {
    nproc = Number(execSync("nproc", { encoding: "utf8" }).trim()) || nproc;
  } catch {
    // keep os.cpus()
  }
  let cpu = os.cpus()[0]?.model ?? "unknown";
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? cpu;
  } catch {
    // keep os.cpus()
  }
  return {
    nproc,
    cpu,
    node: process.version,
    memoryGb: Math.round(os.totalmem() / 1073741824),
    os: `${os.type()} ${os.release()}`,
    loadAverageAtStart: os.loadavg(),
  };
}

export const fmt = (v: number | null | undefined, digits = 1) => (v === null || v === undefined || Number.isNaN(v) ? "–" : v.toFixed(digits));
/** The median of `values` (the mean of the middle two for an even count); NaN when there are none. */
export const medianOf = (values: number[]) => {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  return sorted.length ? (sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2 : NaN;
};
/** A value judged against a lower bound, rounded down: what it shows passes exactly when the value does. */
export const fmtAtLeast = (v: number, digits: number) => fmt(Math.floor(v * 10 ** digits) / 10 ** digits, digits);
/** A value judged against an upper bound, rounded up, for the same reason. */
export const fmtAtMost = (v: number, digits: number) => fmt(Math.ceil(v * 10 ** digits) / 10 ** digits, digits);

export interface Target {
  name: string;
  measured: string;
  pass: boolean;
}
