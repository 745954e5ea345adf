import fs from "fs";
import os from "os";
import path from "path";
import { runScript } from "./helpers/processes";

/**
 * Keeps the benchmark harness from rotting: `npm run bench -- --quick` on small data must run every
 * query against the server, the data floor and the naive server and report. No timing is asserted.
 */
test("npm run bench -- --quick runs end to end and reports every figure", () => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bench-quick-")), "results.json");
  const result = runScript("scripts/bench.js", ["--quick", "--rounds", "2", "--duration", "0.5", "--out", out], {}, 230_000);
  if (result.status !== 0) throw new Error(`bench --quick exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  const results = JSON.parse(fs.readFileSync(out, "utf8"));
  console.log(
    result.stdout
      .split("\n")
      .filter((l) => /PASS|FAIL/.test(l))
      .join("\n"),
  );
  const rows = JSON.stringify(results);
  for (const label of ["transport", "profile", "delegates", "honour", "search"]) expect(rows).toContain(label);
  expect(result.stdout).toMatch(/\| query \| server \| req\/s \|/);
  // Two interleaved rounds: every row keeps both rounds' figures and reports the median one.
  for (const key of [
    "server.transport",
    "floor.transport",
    "floor.statement",
    "server.delegates",
    "floor.delegates",
    "naive.delegates",
    "server.honourFilter",
    "workers.profile",
  ]) {
    expect(results.runs[key].roundsRps).toHaveLength(2);
    expect(results.runs[key].roundsRps).toContain(results.runs[key].rps);
    // the event loop's CPU per request (jiffies of 10 ms: a short quick run may see none)
    expect(results.runs[key].mainThreadUs).toBeGreaterThanOrEqual(0);
  }
  expect(result.stdout).toMatch(/\| main thread µs\/request \|/);
  // what one SQL statement costs the bare data floor, beside its own `{ __typename }`
  expect(result.stdout).toMatch(/One statement on a bare server .* ran at \d+\.\d% of the req\/s/);
  expect(results.judged.statementVsBareRps).toBeGreaterThan(0);
  // and the ratios the targets compare, round by round
  for (const values of Object.values<number[]>(results.ratiosByRound)) {
    expect(values).toHaveLength(2);
    for (const v of values) expect(v).toBeGreaterThan(0);
  }
  // judged on the median of the rounds' ratios: with two rounds, the mean of the two
  const [a, b] = results.ratiosByRound.profileVsTransportRps;
  expect(results.judged.profileVsTransportRps).toBeCloseTo((a + b) / 2, 10);
  const verdict = results.targets.find((t: { name: string }) => t.name.startsWith("profile page"));
  expect(verdict.pass).toBe(results.judged.profileVsTransportRps >= 0.5);
  const floorVerdict = results.targets.find((t: { name: string }) => t.name.startsWith("profile page ≥ 75%"));
  expect(floorVerdict.pass).toBe(results.judged.profileServerVsFloorRps >= 0.75);
  // the slow-read probe: idle, then beside each slow load, every probe answered and judged
  expect(results.probe.rows.map((r: { kind: string }) => r.kind)).toEqual(["facets", "counts", "search", "names"]);
  for (const row of results.probe.rows) {
    expect(row.probes).toBeGreaterThan(0);
    expect(row.loadErrors).toBe(0);
    const target = results.targets.find((t: { name: string }) => t.name.includes(row.label));
    expect(target.pass).toBe(row.probeP99 < 50 && row.probeP50 <= 2 * results.probe.idleP50);
  }
}, 240_000);
