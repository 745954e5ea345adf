import { DataSource } from "typeorm";
import { Congress, Organisation, Person, Position, Seat } from "../entities";
import { toGlobalId } from "../relay/global-id";

/**
 * The directory in Popolo's JSON shape (popoloproject.com): persons, organizations (congresses
 * among them, as legislatures) and memberships (positions, and congress seats with their
 * delegation as the label), so other civic-data tools can read it.
 */
export async function popoloExport(ds: DataSource) {
  const [people, organisations, congresses, positions, seats] = await Promise.all([
    ds.getRepository(Person).find({ order: { id: "ASC" } }),
    ds.getRepository(Organisation).find({ order: { id: "ASC" } }),
    ds.getRepository(Congress).find({ order: { id: "ASC" } }),
    ds.getRepository(Position).find({ order: { id: "ASC" } }),
    ds.getRepository(Seat).find({ order: { id: "ASC" } }),
  ]);
  const year = (y: number | null) => (y === null ? undefined : String(y));
  return {
    persons: people.map((p) => ({
      id: toGlobalId("Person", p.id),
      name: p.name,
      other_names: [{ name: p.namePinyin, note: "pinyin" }],
      gender: p.gender?.toLowerCase(),
      biography: p.biography ?? undefined,
    })),
    organizations: [
      ...organisations.map((o) => ({
        id: toGlobalId("Organisation", o.id),
        name: o.name,
        classification: o.kind.toLowerCase(),
        parent_id: o.parentId === null ? undefined : toGlobalId("Organisation", o.parentId),
        area: o.region ? { name: o.region } : undefined,
      })),
      ...congresses.map((c) => ({
        id: toGlobalId("Congress", c.id),
        name: c.name,
        other_names: c.nameEn ? [{ name: c.nameEn, note: "English" }] : undefined,
        classification: "congress",
        founding_date: year(c.year),
        area: c.region ? { name: c.region } : undefined,
      })),
    ],
    memberships: [
      ...positions.map((p) => ({
        id: toGlobalId("Position", p.id),
        person_id: toGlobalId("Person", p.personId),
        organization_id: toGlobalId("Organisation", p.organisationId),
        role: p.title,
        start_date: year(p.yearFrom),
        end_date: year(p.yearTo),
      })),
      ...seats.map((s) => ({
        id: toGlobalId("Seat", s.id),
        person_id: toGlobalId("Person", s.personId),
        organization_id: toGlobalId("Congress", s.congressId),
        role: "delegate",
        label: s.delegation ?? undefined,
      })),
    ],
  };
}
