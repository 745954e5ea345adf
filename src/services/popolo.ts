import { DataSource, EntityTarget, MoreThan, ObjectLiteral } from "typeorm";
import { Congress, Organisation, Person, Position, Seat } from "../entities";
import { statementQueue } from "../db/statement-queue";
import { toGlobalId } from "../relay/global-id";

/** Rows read per query while exporting: memory stays bounded by this, not by the directory's size. */
export const POPOLO_CHUNK = 1000;

const year = (y: number | null) => (y === null ? undefined : String(y));

/** One list of the export: which rows, and each row in Popolo's shape. */
interface Section<E extends ObjectLiteral & { id: number }> {
  entity: EntityTarget<E>;
  item: (row: E) => object;
}
const section = <E extends ObjectLiteral & { id: number }>(entity: EntityTarget<E>, item: (row: E) => object): Section<E> => ({ entity, item });

/**
 * The directory in Popolo's JSON shape (popoloproject.com): persons, organizations (congresses
 * among them, as legislatures) and memberships (positions, and congress seats with their
 * delegation as the label), so other civic-data tools can read it.
 */
const LISTS: [string, Section<any>[]][] = [
  [
    "persons",
    [
      section(Person, (p: Person) => ({
        id: toGlobalId("Person", p.id),
        name: p.name,
        other_names: [{ name: p.namePinyin, note: "pinyin" }],
        gender: p.gender?.toLowerCase(),
        biography: p.biography ?? undefined,
        image: p.photoUrl ?? undefined,
      })),
    ],
  ],
  [
    "organizations",
    [
      section(Organisation, (o: Organisation) => ({
        id: toGlobalId("Organisation", o.id),
        name: o.name,
        classification: o.kind.toLowerCase(),
        parent_id: o.parentId === null ? undefined : toGlobalId("Organisation", o.parentId),
        area: o.region ? { name: o.region } : undefined,
      })),
      section(Congress, (c: Congress) => ({
        id: toGlobalId("Congress", c.id),
        name: c.name,
        other_names: c.nameEn ? [{ name: c.nameEn, note: "English" }] : undefined,
        classification: "congress",
        founding_date: year(c.year),
        area: c.region ? { name: c.region } : undefined,
      })),
    ],
  ],
  [
    "memberships",
    [
      section(Position, (p: Position) => ({
        id: toGlobalId("Position", p.id),
        person_id: toGlobalId("Person", p.personId),
        organization_id: toGlobalId("Organisation", p.organisationId),
        role: p.title,
        start_date: year(p.yearFrom),
        end_date: year(p.yearTo),
      })),
      section(Seat, (s: Seat) => ({
        id: toGlobalId("Seat", s.id),
        person_id: toGlobalId("Person", s.personId),
        organization_id: toGlobalId("Congress", s.congressId),
        role: "delegate",
        label: s.delegation ?? undefined,
      })),
    ],
  ],
];

/**
 * The export as text, produced as it is read: `chunk` rows per query in id order, the next
 * chunk read only when the consumer asks (stream.pipeline into the response waits while the
 * client is slow). Built whole in memory, the export of 100,000 people (39 MB of JSON) took the
 * server to 606 MB. The text is what JSON.stringify of the whole object would give.
 *
 * The first query runs before the first byte, so a database that fails at once still gets an
 * error response; a failure later can only cut the text short. The chunks are separate reads,
 * not one snapshot: rows written while an export runs may or may not be in it, and a membership
 * can name a person added after the persons were read.
 */
export async function* popoloText(ds: DataSource, chunk = POPOLO_CHUNK): AsyncGenerator<string> {
  // Through the connection's queue: facets on the same connection may be interrupted (src/db/statement-queue.ts).
  const read = (entity: EntityTarget<any>, after: number) =>
    statementQueue(ds).run(() => ds.getRepository(entity).find({ where: { id: MoreThan(after) }, order: { id: "ASC" }, take: chunk }) as Promise<{ id: number }[]>);
  let ahead: { id: number }[] | null = await read(LISTS[0][1][0].entity, 0);
  yield "{";
  for (const [i, [name, sections]] of LISTS.entries()) {
    yield `${i ? "," : ""}${JSON.stringify(name)}:[`;
    let first = true;
    for (const { entity, item } of sections) {
      for (let after = 0; ; ) {
        const rows = ahead ?? (await read(entity, after));
        ahead = null;
        if (!rows.length) break;
        yield (first ? "" : ",") + rows.map((row) => JSON.stringify(item(row))).join(",");
        first = false;
        after = rows[rows.length - 1].id;
      }
    }
    yield "]";
  }
  yield "}";
}
