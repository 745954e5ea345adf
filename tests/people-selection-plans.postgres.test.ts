import { DataSource } from "typeorm";
import { readerOf } from "../src/db";
import { PeopleSelection } from "../src/services/people-selection";
import { generate } from "../bench/generator/generate";
import { query } from "./helpers/database";
import { startTestServer, TestServer } from "./helpers/server";

/**
 * PostgreSQL's plans for a page of people under the "exists" form (many matches): the sort index
 * is walked and each person probed, rather than every match joined and sorted first.
 */
let server: TestServer;
let ds: DataSource;
beforeAll(async () => {
  server = await startTestServer({ seed: (d) => generate(d, { people: 2000, seed: 7 }).then(() => undefined) });
  ds = server.ds;
  await query(ds, "ANALYZE");
}, 120_000);
afterAll(() => server.close());

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Parent Relationship"?: string;
  "Join Type"?: string;
  Plans?: PlanNode[];
}

/** Every node of `plan`, with whether it runs as a subplan of a node above it. */
function nodes(plan: PlanNode, inSubplan = false): { node: PlanNode; inSubplan: boolean }[] {
  const here = inSubplan || plan["Parent Relationship"] === "SubPlan";
  return [{ node: plan, inSubplan: here }, ...(plan.Plans ?? []).flatMap((p) => nodes(p, here))];
}

test("a page of an honour filter under the exists form probes each person's awards as the sort index is walked", async () => {
  const db = readerOf(ds);
  for (const filter of [{ honour: { level: "PROVINCIAL" as never } }, { honour: { level: "ENTERPRISE" as never, yearFrom: 2015 } }]) {
    const selection = new PeopleSelection(db.dialect, filter);
    const where = selection.where("exists");
    const page = `SELECT p.id FROM "person" p WHERE ${where.text} ORDER BY p."nameSortKey", p.id LIMIT 21`;
    const [{ "QUERY PLAN": explained }] = await query<{ "QUERY PLAN": [{ Plan: PlanNode }] }[]>(ds, `EXPLAIN (FORMAT JSON) ${page}`, where.params);
    const all = nodes(explained[0].Plan);
    // Flattened into a semi-join, the awards are read once for every match, outside any subplan.
    expect(all.filter((n) => n.node["Join Type"]?.includes("Semi"))).toEqual([]);
    const awardReads = all.filter((n) => n.node["Relation Name"] === "award");
    expect(awardReads.length).toBeGreaterThan(0);
    expect(awardReads.every((n) => n.inSubplan)).toBe(true);
    // And the page is the one the "in" form finds.
    const inForm = selection.where("in");
    const ids = async (w: { text: string; params: unknown[] }) =>
      (await query<{ id: number }[]>(ds, `SELECT p.id FROM "person" p WHERE ${w.text} ORDER BY p."nameSortKey", p.id LIMIT 21`, w.params)).map((r) => r.id);
    const walked = await ids(where);
    expect(walked.length).toBeGreaterThan(0);
    expect(walked).toEqual(await ids(inForm));
  }
});
