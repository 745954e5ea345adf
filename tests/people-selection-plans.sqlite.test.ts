import { DataSource } from "typeorm";
import { readerOf } from "../src/db";
import { toGlobalId } from "../src/relay/global-id";
import { PeopleSelection } from "../src/services/people-selection";
import { generate } from "../bench/generator/generate";
import { query } from "./helpers/database";
import { startTestServer, TestServer } from "./helpers/server";

/**
 * SQLite's query plans for people filters: they read the covering indexes alone. (PostgreSQL plans
 * by its own statistics; its speed is the benchmark's.)
 */
let server: TestServer;
let ds: DataSource;
beforeAll(async () => {
  server = await startTestServer({ seed: (d) => generate(d, { people: 2000, seed: 7 }).then(() => undefined) });
  ds = server.ds;
}, 120_000);
afterAll(() => server.close());

test("an honour filter finds its people from the award index alone (no award row read)", async () => {
  for (const filter of [{ honour: { level: "PROVINCIAL" as never } }, { honour: { level: "PROVINCIAL" as never, yearFrom: 2015 } }]) {
    const { text: sql, params } = new PeopleSelection(readerOf(ds).dialect, filter).idsQuery();
    const plan: { detail: string }[] = await query(ds, `EXPLAIN QUERY PLAN ${sql}`, params);
    const award = plan.map((p) => p.detail).filter((d) => /\b(SCAN|SEARCH) a\b/.test(d));
    expect(award.length).toBeGreaterThan(0);
    for (const step of award) expect(step).toMatch(/COVERING INDEX/);
  }
});

test("a congress's delegates are counted from the seat index alone: one seat per person and congress, so no DISTINCT", async () => {
  const [{ id }] = await query(ds, `SELECT "congressId" AS id FROM seat GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1`);
  const selection = new PeopleSelection(readerOf(ds).dialect, { congress: toGlobalId("Congress", id) });
  const { text: sql, params } = selection.idsQuery();
  // With DISTINCT, SQLite reads every seat row (5,000 at the largest bench congress: 1.4 ms against 0.2 ms).
  const plan: { detail: string }[] = await query(ds, `EXPLAIN QUERY PLAN SELECT COUNT(*) FROM (${sql})`, params);
  const seat = plan.map((p) => p.detail).filter((d) => /\b(SCAN|SEARCH) s\b/.test(d));
  expect(seat).toHaveLength(1);
  // Searched by congress or scanned whole, as the planner weighs the statistics of this engine version: the index alone either way.
  expect(seat[0]).toMatch(/^(SEARCH s USING COVERING INDEX \S+ \(congressId=\?\)|SCAN s USING COVERING INDEX \S+)$/);
  const [{ n }] = await query(ds, `SELECT COUNT(DISTINCT "personId") AS n FROM seat WHERE "congressId" = ?`, [id]);
  expect((await selection.countWithTotal(readerOf(ds))).count).toBe(n);
});

test("the bench generator leaves the planner its statistics: a connection opened on the file before any server plans with them", async () => {
  // Without them, a connection that never runs PRAGMA optimize (the data floor's, a peer's) planned a
  // congress's delegates page by scanning every seat: 630 ms a page instead of 1-7 ms.
  const stats: { tbl: string; idx: string | null; stat: string }[] = await query(ds, `SELECT tbl, idx, stat FROM sqlite_stat1`);
  for (const table of ["person", "seat", "award", "proposal_author", "organisation"]) {
    const rows = stats.filter((s) => s.tbl === table && s.idx !== null);
    expect(rows.length).toBeGreaterThan(0);
    // "rows per index, then rows per distinct key prefix": the whole table was counted
    for (const row of rows) expect(Number(row.stat.split(" ")[0])).toBeGreaterThan(100);
  }
});
