import DataLoader from "dataloader";
import { Arg, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from "type-graphql";
import { DataSource } from "typeorm";
import { preparedAll } from "../db/prepared";
import { Sql } from "../db/sql";
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
const AWARDS_OF_MATCHING = `FROM award a JOIN matching m ON m.id = a."personId" JOIN honour h ON h.id = a."honourId"`;

const FACETS: Record<FacetName, Facet> = {
  byHonourLevel: {
    select: `SELECT h.level AS key, h.level AS label, COUNT(DISTINCT a."personId") AS n ${AWARDS_OF_MATCHING} GROUP BY h.level`,
    key: String,
    label: (key) => LEVEL_LABELS[key as HonourLevel] ?? String(key),
  },
  byHonour: {
    select: `SELECT h.id AS key, h.name AS label, COUNT(DISTINCT a."personId") AS n ${AWARDS_OF_MATCHING} GROUP BY h.id, h.name`,
    key: globalKey("Honour"),
  },
  byEmployer: {
    select: `SELECT o.id AS key, o.name AS label, COUNT(*) AS n FROM person p JOIN matching m ON m.id = p.id JOIN organisation o ON o.id = p."employerId" GROUP BY o.id, o.name`,
    key: globalKey("Organisation"),
  },
  byDelegation: {
    select: `SELECT s.delegation AS key, s.delegation AS label, COUNT(DISTINCT s."personId") AS n FROM seat s JOIN matching m ON m.id = s."personId" WHERE s.delegation IS NOT NULL GROUP BY s.delegation`,
    key: String,
  },
  byCongress: {
    select: `SELECT c.id AS key, c.name AS label, COUNT(DISTINCT s."personId") AS n FROM seat s JOIN matching m ON m.id = s."personId" JOIN congress c ON c.id = s."congressId" GROUP BY c.id, c.name`,
    key: globalKey("Congress"),
  },
  byAwardYear: {
    select: `SELECT y AS key, CAST(y AS TEXT) AS label, COUNT(DISTINCT "personId") AS n FROM span GROUP BY y`,
    span: true,
    key: String,
  },
};

const SPAN = `span("personId", y, "yearTo") AS (
  SELECT a."personId", a."yearFrom", COALESCE(a."yearTo", a."yearFrom") FROM award a JOIN matching m ON m.id = a."personId" WHERE a."yearFrom" IS NOT NULL
  UNION ALL SELECT "personId", y + 1, "yearTo" FROM span WHERE y < "yearTo")`;

/** A facet a query asks for, and how many of its buckets (null: all). */
interface Asked {
  facet: FacetName;
  first: number | null;
}

/**
 * The buckets of the facets asked, as one statement: the matching ids are selected once (SQLite
 * keeps a common table read several times), each facet is a scalar subquery answering its buckets
 * as one JSON array, largest first, ties by label.
 */
export function facetsQuery(ids: Sql, asked: readonly Asked[]): Sql {
  const tables = [`matching(id) AS (${ids.text})`];
  if (asked.some((a) => FACETS[a.facet].span)) tables.push(SPAN);
  const order = `ORDER BY n DESC, label ASC`;
  const columns = asked.map(
    (a) => `(SELECT json_group_array(json_array(key, label, n) ${order}) FROM (${FACETS[a.facet].select}${a.first === null ? "" : ` ${order} LIMIT ?`}))`,
  );
  return {
    text: `WITH RECURSIVE ${tables.join(", ")} SELECT '[' || ${columns.join(" || ',' || ")} || ']' AS "facets"`,
    params: [...ids.params, ...asked.flatMap((a) => (a.first === null ? [] : [a.first]))],
  };
}

async function readFacets(ds: DataSource, selection: PeopleSelection, asked: readonly Asked[]): Promise<FacetCount[][]> {
  const { text, params } = facetsQuery(selection.idsQuery(), asked);
  const [{ facets }] = await preparedAll<{ facets: string }>(ds, text, params);
  return (JSON.parse(facets) as Bucket[][]).map((buckets, i) => {
    const { key, label } = FACETS[asked[i].facet];
    return buckets.map(([k, l, n]) => ({ key: key(k), label: label ? label(k, l) : l, count: Number(n) }));
  });
}

@ObjectType({
  description: "Counts of the people matching a filter, by facet. A person counts once per bucket and may be in several buckets. The facets asked are counted together, in one SQL statement; those not asked are not counted.",
})
export class PersonFacets {
  /** The buckets of each facet asked (not a GraphQL field): the fields resolved in one tick are one read. */
  readonly buckets: DataLoader<Asked, FacetCount[], string>;

  constructor(ds: DataSource, selection: PeopleSelection) {
    this.buckets = new DataLoader((asked) => readFacets(ds, selection, asked), { cacheKeyFn: (a) => `${a.facet} ${a.first}` });
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
  personFacets(
    @Arg("filter", () => PersonFilter, { nullable: true, description: "Conditions people must meet." }) filter: PersonFilter | null,
    @Ctx() ctx: Context,
  ): PersonFacets {
    return new PersonFacets(ctx.ds, new PeopleSelection(filter));
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
