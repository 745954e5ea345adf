import { query } from "./helpers/database";
import { DataSource, EntityTarget, In, ObjectLiteral } from "typeorm";
import { AuditEntry, Award, Citation, Congress, Honour, HonourTally, Organisation, Person, Position, Proposal, Seat, SourceDocument } from "../src/entities";
import { createLoaders, HeldLoader, Loaders, prefetch } from "../src/loaders";
import type { Projection } from "../src/loaders/projection";
import { generate } from "../bench/generator/generate";
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
  const rows: { id: number }[] = await query(
    ds,
    `SELECT id FROM "${table}" WHERE id % 7 = 1 OR id IN (SELECT MIN(id) FROM "${table}") OR id IN (SELECT MAX(id) FROM "${table}") ORDER BY id LIMIT 60`,
  );
  return rows.map((r) => r.id);
}

const byIdLoaders: [string, EntityTarget<ObjectLiteral>, keyof Loaders][] = [
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
  for (const row of loaded) expect(Object.getPrototypeOf(row)).toBe((entity as { prototype: object }).prototype);
  // one key at a time: the read of a single key (bound as itself, not as a JSON array) gives the same rows
  const one = createLoaders(ds)[loader] as { load(id: number): Promise<unknown> };
  for (const [i, id] of ids.slice(0, 5).entries()) expect(await one.load(id)).toEqual(expected[i]);
});

test("rows grouped by a foreign key are TypeORM's too, in id order", async () => {
  const people = await sampleIds("person");
  const loaders = createLoaders(ds);
  for (const [entity, loader] of [
    [Award, loaders.awardsByPerson],
    [Seat, loaders.seatsByPerson],
    [Position, loaders.positionsByPerson],
  ] as const) {
    const expected = await ds.getRepository(entity).find({ where: { personId: In(people) }, order: { id: "ASC" } });
    const loaded = (await (loader as { loadMany(ids: number[]): Promise<unknown[][]> }).loadMany(people)).flat() as ObjectLiteral[];
    expect(loaded.sort((a, b) => a.id - b.id)).toEqual(expected);
  }
  const honours = (await query(ds, `SELECT DISTINCT "honourId" AS id FROM honour_tally`)).map((r: { id: number }) => r.id);
  const tallies = (await loaders.talliesByHonour.loadMany(honours)).flat() as ObjectLiteral[];
  expect(tallies.sort((a, b) => a.id - b.id)).toEqual(await ds.getRepository(HonourTally).find({ where: { honourId: In(honours) }, order: { id: "ASC" } }));
});

/** People with the most relations (positions, seats, awards, proposals, an employer with a parent), one that does not exist, and people whose LEFT JOINs answer nulls. */
async function prefetchedPeople(): Promise<number[]> {
  const people: number[] = (
    await query(
      ds,
      `SELECT p.id FROM person p LEFT JOIN organisation e ON e.id = p."employerId"
        ORDER BY (CASE WHEN e."parentId" IS NOT NULL THEN 1 ELSE 0 END) + (SELECT COUNT(*) FROM proposal_author pa WHERE pa."personId" = p.id) + (SELECT COUNT(*) FROM award a WHERE a."personId" = p.id) + (SELECT COUNT(*) FROM seat s WHERE s."personId" = p.id) DESC, p.id LIMIT 8`,
    )
  ).map((r: { id: number }) => r.id);
  people.push(999_999); // no such person: held as null, relations empty
  // and people without an employer, or whose employer has no parent group (their LEFT JOINs answer nulls)
  for (const sql of [
    `SELECT id FROM person WHERE "employerId" IS NULL LIMIT 2`,
    `SELECT p.id FROM person p JOIN organisation e ON e.id = p."employerId" WHERE e."parentId" IS NULL LIMIT 2`,
  ]) {
    people.push(...(await query(ds, sql)).map((r: { id: number }) => r.id));
  }
  return people;
}

const BY_PERSON = ["person", "positionsByPerson", "seatsByPerson", "awardsByPerson", "proposalIdsByPerson"] as const;

/** What `loaders` hold for person `id` after a prefetch: the same values, and the same rows they point to, as batched loads give. */
async function expectHeldAsLoaded(loaders: Loaders, id: number): Promise<void> {
  const batched = createLoaders(ds);
  const expected = await Promise.all(BY_PERSON.map((name) => batched[name].loadMany([id, -1]).then((values) => values[0])));
  expect(BY_PERSON.map((name) => loaders[name].get(id))).toEqual(expected);
  // the rows those values point to were read in the same statement, and are the rows a load gives
  const person = loaders.person.get(id) as Person | null;
  const related: [keyof Loaders, number[]][] = [
    [
      "organisation",
      [person?.employerId ?? null, ...(loaders.positionsByPerson.get(id) as Position[]).map((p) => p.organisationId)].filter((x): x is number => x !== null),
    ],
    ["congress", (loaders.seatsByPerson.get(id) as Seat[]).map((s) => s.congressId)],
    ["honour", (loaders.awardsByPerson.get(id) as Award[]).map((a) => a.honourId)],
    ["proposal", loaders.proposalIdsByPerson.get(id) as number[]],
  ];
  const employer = person?.employerId ? (loaders.organisation.get(person.employerId) as Organisation) : null;
  if (employer?.parentId) related.push(["organisation", [employer.parentId]]);
  related.push([
    "congress",
    (loaders.proposalIdsByPerson.get(id) as number[]).map((p) => (loaders.proposal.get(p) as Proposal).congressId).filter((c): c is number => c !== null),
  ]);
  // a relation the person lacks (no employer, no parent) holds nothing: no row under a null id
  for (const name of ["organisation", "congress", "honour", "proposal"] as const) expect(loaders[name].has(null as unknown as number)).toBe(false);
  for (const [name, ids] of related) {
    const held = loaders[name] as { has(id: number): boolean; get(id: number): unknown };
    for (const rid of ids) {
      expect(held.has(rid)).toBe(true);
      expect(held.get(rid)).toEqual(await (batched[name] as { load(id: number): Promise<unknown> }).load(rid));
    }
  }
}

const wanted = (loaders: Loaders, name: keyof Loaders, keys: number[]) => [loaders[name] as HeldLoader<unknown, Loaders, Projection>, keys] as const;

test("a prefetch of one person holds the same values, and primes the same related rows, as batched loads", async () => {
  for (const id of await prefetchedPeople()) {
    const loaders = createLoaders(ds);
    await prefetch(BY_PERSON.map((name) => wanted(loaders, name, [id])));
    await expectHeldAsLoaded(loaders, id);
  }
});

test("a prefetch of many people and of other keys at once (a list's page) holds what batched loads give, each value under its own key", async () => {
  const people = await prefetchedPeople();
  const loaders = createLoaders(ds);
  // a page reads its people's relations by person id and their employers by organisation id, in one statement
  const employers = (await query(ds, `SELECT DISTINCT "employerId" AS id FROM person WHERE id IN (${people.join(",")}) AND "employerId" IS NOT NULL`)).map(
    (r: { id: number }) => r.id,
  );
  expect(employers.length).toBeGreaterThan(1);
  await prefetch([...BY_PERSON.map((name) => wanted(loaders, name, people)), wanted(loaders, "organisation", employers)]);
  const batched = createLoaders(ds);
  for (const id of employers) expect(loaders.organisation.get(id)).toEqual(await batched.organisation.load(id));
  for (const id of people) await expectHeldAsLoaded(loaders, id);
});
