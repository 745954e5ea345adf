import { DataSource, EntityTarget, In, ObjectLiteral } from "typeorm";
import { AuditEntry, Award, Citation, Congress, Honour, HonourTally, Organisation, Person, Position, Proposal, Seat, SourceDocument } from "../src/entities";
import { createLoaders } from "../src/loaders";
import { generate } from "../scripts/bench-data";
import { ok, startTestServer, TestServer } from "./helpers/server";

/**
 * The loaders read rows as JSON arrays and make the entities themselves (src/db/json-rows.ts),
 * bypassing TypeORM's hydration. Every entity they read must come out exactly as TypeORM's own
 * find() makes it: same class, same properties, same converted values (booleans, dates, JSON).
 */
let server: TestServer;
let ds: DataSource;

beforeAll(async () => {
  server = await startTestServer({ seed: (d) => generate(d, { people: 300, seed: 3 }).then(() => undefined) });
  ds = server.ds;
  // An audit entry (JSON and date columns) through a real write.
  ok(await server.gql(`mutation { createPerson(input: { name: "测试人" }) { id } }`, {}, { authorization: "Bearer test-organiser" }));
}, 120_000);
afterAll(() => server.close());

/** Some ids of each table: the first, the last and a spread between. */
async function sampleIds(table: string): Promise<number[]> {
  const rows: { id: number }[] = await ds.query(`SELECT id FROM "${table}" WHERE id % 7 = 1 OR id IN (SELECT MIN(id) FROM "${table}") OR id IN (SELECT MAX(id) FROM "${table}") ORDER BY id LIMIT 60`);
  return rows.map((r) => r.id);
}

const byIdLoaders: [string, EntityTarget<ObjectLiteral>, keyof ReturnType<typeof createLoaders>][] = [
  ["person", Person, "person"],
  ["organisation", Organisation, "organisation"],
  ["honour", Honour, "honour"],
  ["award", Award, "award"],
  ["proposal", Proposal, "proposal"],
  ["congress", Congress, "congress"],
  ["position", Position, "position"],
  ["seat", Seat, "seat"],
  ["source_document", SourceDocument, "sourceDocument"],
  ["citation", Citation, "citation"],
  ["audit_entry", AuditEntry, "auditEntry"],
];

test.each(byIdLoaders)("%s rows read by id are the entities TypeORM would make", async (table, entity, loader) => {
  const ids = await sampleIds(table);
  expect(ids.length).toBeGreaterThan(0);
  const expected = await ds.getRepository(entity).find({ where: { id: In(ids) }, order: { id: "ASC" } });
  const loaded = await (createLoaders(ds)[loader] as { loadMany(ids: number[]): Promise<unknown[]> }).loadMany(ids);
  expect(loaded).toEqual(expected);
  for (const row of loaded) expect(Object.getPrototypeOf(row)).toBe((entity as Function).prototype);
});

test("rows grouped by a foreign key are TypeORM's too, in id order", async () => {
  const people = await sampleIds("person");
  const loaders = createLoaders(ds);
  for (const [entity, loader] of [
    [Award, loaders.awardsByPerson],
    [Seat, loaders.seatsByPerson],
    [Position, loaders.positionsByPerson],
  ] as const) {
    const expected = await ds.getRepository(entity as EntityTarget<ObjectLiteral>).find({ where: { personId: In(people) }, order: { id: "ASC" } });
    const loaded = (await (loader as { loadMany(ids: number[]): Promise<unknown[][]> }).loadMany(people)).flat() as ObjectLiteral[];
    expect(loaded.sort((a, b) => a.id - b.id)).toEqual(expected);
  }
  const honours = (await ds.query(`SELECT DISTINCT "honourId" AS id FROM honour_tally`)).map((r: { id: number }) => r.id);
  const tallies = (await loaders.talliesByHonour.loadMany(honours)).flat() as ObjectLiteral[];
  expect(tallies.sort((a, b) => a.id - b.id)).toEqual(await ds.getRepository(HonourTally).find({ where: { honourId: In(honours) }, order: { id: "ASC" } }));
});
