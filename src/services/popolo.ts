import type { SqlReader } from "../db";
import type { Congress, Organisation, Person, Position, Seat } from "../entities";
import { toGlobalId } from "../relay/global-id";

/** Rows read per query while exporting: memory stays bounded by this, not by the directory's size. */
export const POPOLO_CHUNK = 1000;

const year = (y: number | null) => (y === null ? undefined : String(y));

/**
 * Popolo's other_names of the names given, each with its note; an empty or missing one left out
 * (a congress written by a release before its pinyin has none until a start fills it in).
 */
const otherNames = (...names: [string | null, string][]) => {
  const given = names.filter(([name]) => name).map(([name, note]) => ({ name, note }));
  return given.length ? given : undefined;
};

/** One list of the export: which table's rows (its columns are named as the entity's properties), and each row in Popolo's shape. */
interface Section {
  table: string;
  item: (row: { id: number }) => object;
}
/** A section whose rows are E: the table's SELECT * gives each row in that shape. */
const section = <E extends { id: number }>(table: string, item: (row: E) => object): Section => ({ table, item: item as (row: { id: number }) => object });

/**
 * The directory in Popolo's JSON shape (popoloproject.com): persons, organizations (congresses
 * among them, as legislatures) and memberships (positions, and congress seats with their
 * delegation as the label), so other civic-data tools can read it.
 */
const LISTS: [string, Section[]][] = [
  [
    "persons",
    [
      section("person", (p: Person) => ({
        id: toGlobalId("Person", p.id),
        name: p.name,
        other_names: otherNames([p.namePinyin, "pinyin"]),
        gender: p.gender?.toLowerCase(),
        biography: p.biography ?? undefined,
        image: p.photoUrl ?? undefined,
      })),
    ],
  ],
  [
    "organizations",
    [
      section("organisation", (o: Organisation) => ({
        id: toGlobalId("Organisation", o.id),
        name: o.name,
        other_names: otherNames([o.namePinyin, "pinyin"]),
        classification: o.kind.toLowerCase(),
        parent_id: o.parentId === null ? undefined : toGlobalId("Organisation", o.parentId),
        area: o.region ? { name: o.region } : undefined,
      })),
      section("congress", (c: Congress) => ({
        id: toGlobalId("Congress", c.id),
        name: c.name,
        other_names: otherNames([c.namePinyin, "pinyin"], [c.nameEn, "English"]),
        classification: "congress",
        founding_date: year(c.year),
        area: c.region ? { name: c.region } : undefined,
      })),
    ],
  ],
  [
    "memberships",
    [
      section("position", (p: Position) => ({
        id: toGlobalId("Position", p.id),
        person_id: toGlobalId("Person", p.personId),
        organization_id: toGlobalId("Organisation", p.organisationId),
        role: p.title,
        start_date: year(p.yearFrom),
        end_date: year(p.yearTo),
      })),
      section("seat", (s: Seat) => ({
        id: toGlobalId("Seat", s.id),
        person_id: toGlobalId("Person", s.personId),
        organization_id: toGlobalId("Congress", s.congressId),
        role: "delegate",
        label: s.delegation ?? undefined,
      })),
    ],
  ],
];

/** Up to `chunk` items of section `sectionAt` of list `listAt` after id `after`, as JSON text joined by commas, and the last id read (null: none left). */
export async function popoloChunk(
  db: SqlReader,
  listAt: number,
  sectionAt: number,
  after: number,
  chunk = POPOLO_CHUNK,
): Promise<{ text: string; last: number | null }> {
  const { table, item } = LISTS[listAt][1][sectionAt];
  const rows = await db.rows<{ id: number }>(`SELECT * FROM "${table}" WHERE "id" > ? ORDER BY "id" LIMIT ?`, [after, chunk]);
  return { text: rows.map((row) => JSON.stringify(item(row))).join(","), last: rows.length ? rows[rows.length - 1].id : null };
}

/** Reads one chunk of the export (popoloChunk, on a worker thread in the server). */
export type PopoloReader = (listAt: number, sectionAt: number, after: number) => Promise<{ text: string; last: number | null }>;

/**
 * The export as text, produced as it is read: a chunk of rows at a time in id order, the next
 * chunk read only when the consumer asks (stream.pipeline into the response waits while the
 * client is slow). Built whole in memory, a large directory's export took the server far past its
 * memory budget. The text is what JSON.stringify of the whole object would give.
 *
 * The first chunk is read before the text is handed back (this promise rejects if it fails), so
 * that the route can still answer an error before its first byte; a failure later can only cut the
 * text short. The chunks are separate reads, not one snapshot: rows written while an export runs
 * may or may not be in it, and a membership can name a person added after the persons were read.
 */
export async function popoloText(read: PopoloReader): Promise<AsyncGenerator<string>> {
  return popoloParts(read, await read(0, 0, 0));
}

async function* popoloParts(read: PopoloReader, first: { text: string; last: number | null }): AsyncGenerator<string> {
  let ahead: { text: string; last: number | null } | null = first;
  yield "{";
  for (const [listAt, [name, sections]] of LISTS.entries()) {
    yield `${listAt ? "," : ""}${JSON.stringify(name)}:[`;
    let first = true;
    for (let sectionAt = 0; sectionAt < sections.length; sectionAt++) {
      for (let after = 0; ;) {
        const chunk: { text: string; last: number | null } = ahead ?? (await read(listAt, sectionAt, after));
        ahead = null;
        if (chunk.last === null) break;
        yield (first ? "" : ",") + chunk.text;
        first = false;
        after = chunk.last;
      }
    }
    yield "]";
  }
  yield "}";
}
