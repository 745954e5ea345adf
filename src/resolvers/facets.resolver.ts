import DataLoader from "dataloader";
import { Arg, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from "type-graphql";
import { DataSource } from "typeorm";
import { preparedAll } from "../db/prepared";
import { Sql } from "../db/sql";
import { statementQueue, withinDeadline } from "../db/statement-queue";
import { HonourLevel } from "../entities";
import { badInput } from "../errors";
import type { Context } from "../context";
import { NodeTypeName, toGlobalId } from "../relay/global-id";
import { PeopleSelection } from "../services/people-selection";
import { PersonFilter } from "./types/person.filter";

@ObjectType({ simpleResolvers: true, description: "One bucket of a facet." })
export class FacetCount {
  @Field(() => String, { description: "Machine key: an enum value, a global id, a year or a delegation name." })
  key: string;

  @Field(() => String, { description: "Human label for the bucket." })
  label: string;

  @Field(() => Int, { description: "People matching the filter who fall in this bucket." })
  count: number;
}

const LEVEL_LABELS: Record<HonourLevel, string> = {
  NATIONAL: "国家级 National",
  PROVINCIAL: "省级 Provincial",
  MUNICIPAL: "市级 Municipal",
  COUNTY: "县级 County",
  ENTERPRISE: "企业级 Enterprise",
  OTHER: "其他 Other",
};

type FacetName = "byHonourLevel" | "byHonour" | "byEmployer" | "byDelegation" | "byCongress" | "byAwardYear";

/** A facet's bucket as SQL answers it: [key, label, count]. */
type Bucket = [string | number, string, number];

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
 * every award (196,000) or person for each facet instead. With the server's 16 MiB page cache, all
 * six facets at 100,000 people: municipal-level filter (46,000 people) 553-625 -> 502-532 ms,
 * provincial (14,700) 187 -> 152-158 ms, national (2,900) 34-35 -> 33-35 ms. The award facets
 * gain, the seat facets lose a little (each builds its own list: 46 -> 57-60 ms at municipal).
 */
const ofMatching = (table: string, personId: string, where = "") =>
  `FROM ${table} WHERE ${personId} IN matching${where ? ` AND ${where}` : ""}`;

/**
 * Buckets that are rows of `table`: counted by the foreign key (`grouped` answers ref and n), then
 * each bucket's name looked up. Grouping by the joined row's id and name read that row once per
 * award (52,000 for a provincial-level filter at 100,000 people), and the planner scanned the
 * congresses outside the matching people: the congress facet 76 -> 14 ms, honours 116-162 -> 67-109 ms.
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
    select: byRow("organisation", `SELECT p."employerId" AS ref, COUNT(*) AS n ${ofMatching("person p", "p.id", `p."employerId" IS NOT NULL`)} GROUP BY p."employerId"`),
    key: globalKey("Organisation"),
  },
  byDelegation: {
    select: `SELECT s.delegation AS key, s.delegation AS label, COUNT(DISTINCT s."personId") AS n ${ofMatching("seat s", `s."personId"`, "s.delegation IS NOT NULL")} GROUP BY s.delegation`,
    key: String,
  },
  byCongress: {
    select: byRow("congress", `SELECT s."congressId" AS ref, COUNT(DISTINCT s."personId") AS n ${ofMatching("seat s", `s."personId"`)} GROUP BY s."congressId"`),
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
interface Asked {
  facet: FacetName;
  first: number | null;
}

/**
 * The buckets of the facets asked, as one statement: the matching ids are selected once (SQLite
 * keeps a common table read several times), each facet is a scalar subquery answering its buckets
 * as one JSON array, largest first, ties by label, then key (names need not be unique).
 */
export function facetsQuery(ids: Sql, asked: readonly Asked[]): Sql {
  const tables = [`matching(id) AS (${ids.text})`];
  if (asked.some((a) => FACETS[a.facet].span)) tables.push(SPAN);
  const order = `ORDER BY n DESC, label ASC, key ASC`;
  const columns = asked.map(
    (a) => `(SELECT json_group_array(json_array(key, label, n) ${order}) FROM (${FACETS[a.facet].select}${a.first === null ? "" : ` ${order} LIMIT ?`}) AS f)`,
  );
  return {
    text: `WITH RECURSIVE ${tables.join(", ")} SELECT '[' || ${columns.join(" || ',' || ")} || ']' AS "facets"`,
    params: [...ids.params, ...asked.flatMap((a) => (a.first === null ? [] : [a.first]))],
  };
}

/**
 * The buckets of `asked`, in order. Each facet is counted once, however many fields ask for it
 * (aliases with different `first`), as far as the largest `first` (all when one asks for all),
 * and the facets go in a fixed order: one statement text per set of facets, not per field order.
 */
async function readFacets(ds: DataSource, selection: PeopleSelection, asked: readonly Asked[], deadline: number): Promise<FacetCount[][]> {
  const counted = (Object.keys(FACETS) as FacetName[]).flatMap((facet) => {
    const firsts = asked.filter((a) => a.facet === facet).map((a) => a.first);
    if (!firsts.length) return [];
    return [{ facet, first: firsts.includes(null) ? null : Math.max(...(firsts as number[])) }];
  });
  const { text, params } = facetsQuery(selection.idsQuery(), counted);
  const [{ facets }] = await statementQueue(ds).run(() => preparedAll<{ facets: string }>(ds, text, params), deadline);
  const byFacet = new Map(
    (JSON.parse(facets) as Bucket[][]).map((buckets, i) => {
      const { key, label } = FACETS[counted[i].facet];
      return [counted[i].facet, buckets.map(([k, l, n]) => ({ key: key(k), label: label ? label(k, l) : l, count: Number(n) }))] as const;
    }),
  );
  return asked.map((a) => {
    const buckets = byFacet.get(a.facet)!;
    return a.first === null ? buckets : buckets.slice(0, a.first);
  });
}

@ObjectType({
  description: "Counts of the people matching a filter, by facet. A person counts once per bucket and may be in several buckets. The facets asked are counted together, in one SQL statement; those not asked are not counted.",
})
export class PersonFacets {
  /** The buckets of each facet asked (not a GraphQL field): the fields resolved in one tick are one read. */
  readonly buckets: DataLoader<Asked, FacetCount[], string>;

  /** `deadline`: the request's (Context.deadline); the statement is interrupted past it. */
  constructor(ds: DataSource, selection: PeopleSelection, deadline: number) {
    this.buckets = new DataLoader((asked) => readFacets(ds, selection, asked, deadline), { cacheKeyFn: (a) => `${a.facet} ${a.first}` });
  }
}

/** `first` of a facet field: how many buckets, or all. */
function firstArg(first: number | null | undefined): number | null {
  if (first == null) return null;
  if (first < 0) throw badInput(`first must not be negative, got ${first}`, "first");
  return first;
}

const FIRST = { nullable: true, description: "At most this many buckets, the largest first; every bucket when left out." } as const;

@Resolver(() => PersonFacets)
export class FacetsResolver {
  @Query(() => PersonFacets, { description: "Counts of the people matching `filter`, grouped up to six ways; the facets asked are counted by one SQL statement." })
  async personFacets(
    @Arg("filter", () => PersonFilter, { nullable: true, description: "Conditions people must meet." }) filter: PersonFilter | null,
    @Ctx() ctx: Context,
  ): Promise<PersonFacets> {
    // The name lookup reads on the loaders' connection: the reports connection's statements go through the facets' queue.
    const selection = await withinDeadline(ctx.deadline, () => PeopleSelection.create(ctx.ds, filter));
    return new PersonFacets(ctx.reports, selection, ctx.deadline);
  }

  @FieldResolver(() => [FacetCount], { description: "By level of the honours they received." })
  byHonourLevel(@Root() facets: PersonFacets, @Arg("first", () => Int, FIRST) first: number | null) {
    return facets.buckets.load({ facet: "byHonourLevel", first: firstArg(first) });
  }

  @FieldResolver(() => [FacetCount], { description: "By honour received." })
  byHonour(@Root() facets: PersonFacets, @Arg("first", () => Int, FIRST) first: number | null) {
    return facets.buckets.load({ facet: "byHonour", first: firstArg(first) });
  }

  @FieldResolver(() => [FacetCount], { description: "By current employer." })
  byEmployer(@Root() facets: PersonFacets, @Arg("first", () => Int, FIRST) first: number | null) {
    return facets.buckets.load({ facet: "byEmployer", first: firstArg(first) });
  }

  @FieldResolver(() => [FacetCount], { description: "By congress delegation (seats with no delegation stated are left out)." })
  byDelegation(@Root() facets: PersonFacets, @Arg("first", () => Int, FIRST) first: number | null) {
    return facets.buckets.load({ facet: "byDelegation", first: firstArg(first) });
  }

  @FieldResolver(() => [FacetCount], { description: "By congress at which they hold a seat." })
  byCongress(@Root() facets: PersonFacets, @Arg("first", () => Int, FIRST) first: number | null) {
    return facets.buckets.load({ facet: "byCongress", first: firstArg(first) });
  }

  @FieldResolver(() => [FacetCount], { description: "By year of an award (a range counts in each of its years)." })
  byAwardYear(@Root() facets: PersonFacets, @Arg("first", () => Int, FIRST) first: number | null) {
    return facets.buckets.load({ facet: "byAwardYear", first: firstArg(first) });
  }
}
