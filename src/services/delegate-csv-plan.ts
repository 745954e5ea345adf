import { EntityManager, In } from "typeorm";
import { Congress, Honour, Organisation, Person, Seat } from "../entities";
import { toGlobalId } from "../relay/global-id";
import { Column, group } from "./delegate-csv-format";
import type { HonourItem, ImportError, Row } from "./delegate-csv-rows";

/** Loads `values` of `column` in chunks (SQLite's bound-parameter limit). */
export async function findIn<E extends object>(m: EntityManager, entity: new () => E, column: keyof E & string, values: unknown[]): Promise<E[]> {
  const unique = [...new Set(values)];
  const found: E[] = [];
  for (let i = 0; i < unique.length; i += 500) {
    found.push(...(await m.getRepository(entity).find({ where: { [column]: In(unique.slice(i, i + 500)) } as never })));
  }
  return found;
}

/** What one row of the file comes to once its references are resolved: the person it is (null: a new one), its employer, its honours. */
export interface RowPlan {
  r: Row;
  person: Person | null;
  employer: Organisation | null;
  honours: (HonourItem & { honour: Honour })[];
}

/** An import with every reference resolved, ready to apply: nothing is written while it is made. */
export interface ImportPlan {
  congress: Congress;
  plans: RowPlan[];
  /** The seats at the congress of the people the rows may be, by person id. */
  seats: Map<number, Seat>;
}

/**
 * Resolves every row of an import into `congressId` before anything is written: people are
 * matched (id column; else the same name with a seat at this congress, at the same employer if
 * several have one; else the same name at the same employer; else the only person of that name),
 * never duplicated. Problems go to `errors`; the plan holds only if there are none.
 */
export async function planImport(m: EntityManager, rows: Row[], congressId: number, errors: ImportError[]): Promise<ImportPlan> {
  const congress = await m.getRepository(Congress).findOneByOrFail({ id: congressId });
  const byName = group(
    await findIn(
      m,
      Person,
      "name",
      rows.map((r) => r.name),
    ),
    (p) => p.name,
  );
  const byId = new Map(
    (
      await findIn(
        m,
        Person,
        "id",
        rows.filter((r) => r.id).map((r) => r.id),
      )
    ).map((p) => [p.id, p]),
  );
  const orgsByName = group(await findIn(m, Organisation, "name", rows.map((r) => r.employer).filter(Boolean)), (o) => o.name);
  const honoursByName = group(
    await findIn(
      m,
      Honour,
      "name",
      rows.flatMap((r) => r.honours.map((h) => h.name)),
    ),
    (h) => h.name,
  );
  const candidateIds = [...[...byName.values()].flat().map((p) => p.id), ...byId.keys()];
  const seats = new Map((await findIn(m, Seat, "personId", candidateIds)).filter((s) => s.congressId === congressId).map((s) => [s.personId, s]));
  const orgNames = new Map(
    (
      await findIn(
        m,
        Organisation,
        "id",
        [...byName.values()]
          .flat()
          .map((p) => p.employerId)
          .filter(Boolean),
      )
    ).map((o) => [o.id, o.name]),
  );

  const seen = new Map<number, number>();
  /**
   * Rows that add a person. One name twice is two people only at two different employers, which
   * is also how the next import tells them apart; at one employer, or with none, a row repeats.
   */
  const newPeople = new Map<string, Row[]>();
  const newPerson = (r: Row, fail: (column: Column, message: string) => void) => {
    const earlier = newPeople.get(r.name) ?? [];
    const same = earlier.find((e) => e.employer === r.employer);
    const unplaced = earlier.find((e) => e.employer === null) ?? (r.employer === null ? earlier[0] : undefined);
    if (same) fail("name", `row ${r.row} repeats row ${same.row}: both add a new person named ${r.name}${r.employer ? ` at ${r.employer}` : ""}`);
    else if (unplaced)
      fail("employer", `row ${r.row} and row ${unplaced.row} both add a new person named ${r.name}; give each its employer to tell them apart`);
    newPeople.set(r.name, [...earlier, r]);
  };
  const plans = rows.map((r): RowPlan => {
    const fail = (column: Column | null, message: string) => errors.push({ row: r.row, column, message });
    let person: Person | null = null;
    if (r.id !== null) {
      person = byId.get(r.id) ?? null;
      if (!person) fail("id", `no person with id ${toGlobalId("Person", r.id)}`);
      else if (person.name !== r.name) fail("name", `id ${toGlobalId("Person", r.id)} is ${person.name}, not ${r.name}`);
    } else {
      const namesakes = byName.get(r.name) ?? [];
      const atEmployer = (people: Person[]) => people.filter((p) => r.employer !== null && p.employerId !== null && orgNames.get(p.employerId) === r.employer);
      const seated = namesakes.filter((p) => seats.has(p.id));
      // Namesakes seated here are told apart by employer, as newPerson lets one file create them.
      const pick = [atEmployer(seated), seated, atEmployer(namesakes)].find((list) => list.length) ?? namesakes;
      if (pick.length > 1) fail("name", `${pick.length} people are named ${r.name}; add the id column to say which`);
      else if (pick.length) person = pick[0];
      else newPerson(r, fail);
    }
    if (person) {
      const first = seen.get(person.id);
      if (first) fail("name", `row ${r.row} repeats row ${first}: both are the same person`);
      else seen.set(person.id, r.row);
    }
    const employers = r.employer ? (orgsByName.get(r.employer) ?? []) : [];
    if (employers.length > 1) fail("employer", `${employers.length} organisations are named ${r.employer}; rename one first`);
    const honours = r.honours.map((h) => {
      const found = honoursByName.get(h.name) ?? [];
      if (found.length !== 1)
        fail("honours", found.length ? `${found.length} honours are named ${h.name}` : `unknown honour "${h.name}"; add it first (createHonour)`);
      return { ...h, honour: found[0] };
    });
    return { r, person, employer: employers[0] ?? null, honours };
  });
  return { congress, plans, seats };
}
