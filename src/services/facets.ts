import type { SqlReader } from "../db";
import type { Dialect } from "../db/dialect";
import { Sql } from "../db/sql";
import type { HonourLevel } from "../entities";
import { NodeTypeName, toGlobalId } from "../relay/global-id";
import type { PeopleFilter } from "./people-filter";
import { inIndex } from "./facet-index";
import { PeopleSelection } from "./people-selection";

/** One bucket of a facet: its key (an enum value, a global id, a year, a delegation), label and count of people. */
export interface FacetBucket {
  key: string;
  label: string;
  count: number;
}

/**
 * The buckets of one facet as a read thread sends them: a column each. Thousands of small objects
 * cost more to copy between threads than their strings and an Int32Array (bucketsOf makes them on
 * the main thread).
 */
export interface FacetColumns {
  keys: string[];
  labels: string[];
  counts: Int32Array;
}

export function bucketsOf({ keys, labels, counts }: FacetColumns): FacetBucket[] {
  return keys.map((key, i) => ({ key, label: labels[i], count: counts[i] }));
}

const LEVEL_LABELS: Record<HonourLevel, string> = {
  NATIONAL: "国家级 National",
  PROVINCIAL: "省级 Provincial",
  MUNICIPAL: "市级 Municipal",
  COUNTY: "县级 County",
  ENTERPRISE: "企业级 Enterprise",
  OTHER: "其他 Other",
};

export type FacetName = "byHonourLevel" | "byHonour" | "byEmployer" | "byDelegation" | "byCongress" | "byAwardYear";

/** A facet's bucket as SQL answers it (and the facet index): [key, label, count]. */
export type Bucket = [string | number, string, number];

interface Facet {
  /** `SELECT key, label, n` grouped, over `matching` (the ids of the people the filter selects). */
  select: string;
  /** Whether the select reads `span` (each year of each award of the matching people). */
  span?: boolean;
  key: (key: string | number) => string;
  label?: (key: string | number, label: string) => string;
}

const globalKey = (type: NodeTypeName) => (key: string | number) => toGlobalId(type, Number(key));

/**
 * The rows of `table` (aliased) that belong to the matching people (`personId` is the column naming
 * them), and `where`: FROM … WHERE. SQLite materialises the matching ids once, makes them an IN
 * list (a b-tree in id order) for each facet, and seeks each one's rows through the person-leading
 * index. The earlier form, `matching CROSS JOIN table`, ran the CTE as a co-routine yielding ids
 * in the order it found them (by honour, for an honour filter); a plain join let the planner scan
 * every award or person for each facet instead. The award facets gain from the IN list; the seat
 * facets lose a little, since each builds its own list.
 */
const ofMatching = (table: string, personId: string, where = "") =>
  `FROM ${table} WHERE ${personId} IN (SELECT id FROM matching)${where ? ` AND ${where}` : ""}`;

/**
 * Buckets that are rows of `table`: counted by the foreign key (`grouped` answers ref and n), then
 * each bucket's name looked up. Grouping by the joined row's id and name read that row once per
 * award, and the planner scanned the congresses outside the matching people.
 */
const byRow = (table: string, grouped: string) =>
  `SELECT x.ref AS key, (SELECT r.name FROM "${table}" r WHERE r.id = x.ref) AS label, x.n AS n FROM (${grouped}) x`;

const FACETS: Record<FacetName, Facet> = {
  byHonourLevel: {
    select: `SELECT h.level AS key, h.level AS label, COUNT(DISTINCT a."personId") AS n ${ofMatching(`award a JOIN honour h ON h.id = a."honourId"`, `a."personId"`)} GROUP BY h.level`,
    key: String,
    label: (key) => LEVEL_LABELS[key as HonourLevel] ?? String(key),
  },
  byHonour: {
    select: byRow("honour", `SELECT a."honourId" AS ref, COUNT(DISTINCT a."personId") AS n ${ofMatching("award a", `a."personId"`)} GROUP BY a."honourId"`),
    key: globalKey("Honour"),
  },
  byEmployer: {
    select: byRow(
      "organisation",
      `SELECT p."employerId" AS ref, COUNT(*) AS n ${ofMatching("person p", "p.id", `p."employerId" IS NOT NULL`)} GROUP BY p."employerId"`,
    ),
    key: globalKey("Organisation"),
  },
  byDelegation: {
    select: `SELECT s.delegation AS key, s.delegation AS label, COUNT(DISTINCT s."personId") AS n ${ofMatching("seat s", `s."personId"`, "s.delegation IS NOT NULL")} GROUP BY s.delegation`,
    key: String,
  },
  byCongress: {
    select: byRow(
      "congress",
      `SELECT s."congressId" AS ref, COUNT(DISTINCT s."personId") AS n ${ofMatching("seat s", `s."personId"`)} GROUP BY s."congressId"`,
    ),
    key: globalKey("Congress"),
  },
  byAwardYear: {
    select: `SELECT y AS key, CAST(y AS TEXT) AS label, COUNT(DISTINCT "personId") AS n FROM span GROUP BY y`,
    span: true,
    key: String,
  },
};

const SPAN = `span("personId", y, "yearTo") AS (
  SELECT a."personId", a."yearFrom", COALESCE(a."yearTo", a."yearFrom") ${ofMatching("award a", `a."personId"`, `a."yearFrom" IS NOT NULL`)}
  UNION ALL SELECT "personId", y + 1, "yearTo" FROM span WHERE y < "yearTo")`;

/** A facet a query asks for, and how many of its buckets (null: all). */
export interface Asked {
  facet: FacetName;
  first: number | null;
}

/**
 * The buckets of the facets asked, as one statement: the matching ids are selected once (SQLite
 * keeps a common table read several times), each facet is a scalar subquery answering its buckets
 * as one JSON array, largest first, ties by label, then key (names need not be unique).
 */
export function facetsQuery(dialect: Dialect, ids: Sql, asked: readonly Asked[]): Sql {
  const tables = [`matching(id) AS (${ids.text})`];
  if (asked.some((a) => FACETS[a.facet].span)) tables.push(SPAN);
  const order = `n DESC, label ASC, key ASC`;
  const columns = asked.map(
    (a) => `(${dialect.jsonArrays(["key", "label", "n"], `(${FACETS[a.facet].select}${a.first === null ? "" : ` ORDER BY ${order} LIMIT ?`}) AS f`, order)})`,
  );
  return {
    text: `WITH RECURSIVE ${tables.join(", ")} SELECT '[' || ${columns.join(" || ',' || ")} || ']' AS "facets"`,
    params: [...ids.params, ...asked.flatMap((a) => (a.first === null ? [] : [a.first]))],
  };
}

/** The facets `asked` names, each once, as far as the largest `first` (all when one asks for all), in a fixed order. */
function toCount(asked: readonly Asked[]): Asked[] {
  return (Object.keys(FACETS) as FacetName[]).flatMap((facet) => {
    const firsts = asked.filter((a) => a.facet === facet).map((a) => a.first);
    if (!firsts.length) return [];
    return [{ facet, first: firsts.includes(null) ? null : Math.max(...(firsts as number[])) }];
  });
}

/** The buckets of `counted` (as SQL or the index answers them) for each of `asked`, in order. */
function answer(asked: readonly Asked[], counted: readonly Asked[], buckets: Bucket[][]): FacetColumns[] {
  const byFacet = new Map(
    buckets.map((list, i) => {
      const { key, label } = FACETS[counted[i].facet];
      const columns: FacetColumns = {
        keys: list.map(([k]) => key(k)),
        labels: list.map(([k, l]) => (label ? label(k, l) : l)),
        counts: Int32Array.from(list, ([, , n]) => Number(n)),
      };
      return [counted[i].facet, columns];
    }),
  );
  return asked.map((a) => {
    const all = byFacet.get(a.facet)!;
    if (a.first === null || a.first >= all.keys.length) return all;
    return { keys: all.keys.slice(0, a.first), labels: all.labels.slice(0, a.first), counts: all.counts.slice(0, a.first) };
  });
}

/**
 * The buckets of `asked`, in order, counted by SQL. Each facet is counted once, however many
 * fields ask for it (aliases with different `first`), and the facets go in a fixed order: one
 * statement text per set of facets, not per field order. What the facet index must answer too.
 */
export async function countFacetsInSql(db: SqlReader, filter: PeopleFilter | null, asked: readonly Asked[]): Promise<FacetColumns[]> {
  const selection = new PeopleSelection(db.dialect, filter);
  const counted = toCount(asked);
  const { text, params } = facetsQuery(db.dialect, selection.idsQuery(), counted);
  const [{ facets }] = await db.rows<{ facets: string }>(text, params);
  return answer(asked, counted, JSON.parse(facets) as Bucket[][]);
}

/**
 * The buckets of `asked`, in order: counted in memory from the facet index (src/services/facet-index.ts)
 * over the ids the filter's SQL selects, all of one state of the database (inIndex). A reader that is not isolated
 * (the main thread's, which writes too and so cannot tell its own writes from its version) counts in
 * SQL.
 */
export async function countFacets(db: SqlReader, filter: PeopleFilter | null, asked: readonly Asked[]): Promise<FacetColumns[]> {
  if (!db.isolated) return countFacetsInSql(db, filter, asked);
  const counted = toCount(asked);
  const count = async () => {
    const { index, positions } = await inIndex(db, new PeopleSelection(db.dialect, filter));
    return index.count(positions, counted);
  };
  const buckets = await PeopleSelection.inOneState(db, [filter], count);
  return answer(asked, counted, buckets);
}
