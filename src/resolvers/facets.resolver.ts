import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from "type-graphql";
import { HonourLevel } from "../entities";
import type { Context } from "../context";
import { toGlobalId } from "../relay/global-id";
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

@ObjectType({ simpleResolvers: true, description: "Counts of the people matching a filter, by facet. A person counts once per bucket and may be in several buckets." })
export class PersonFacets {
  @Field(() => [FacetCount], { description: "By level of the honours they received." })
  byHonourLevel: FacetCount[];

  @Field(() => [FacetCount], { description: "By honour received." })
  byHonour: FacetCount[];

  @Field(() => [FacetCount], { description: "By current employer." })
  byEmployer: FacetCount[];

  @Field(() => [FacetCount], { description: "By congress delegation (seats with no delegation stated are left out)." })
  byDelegation: FacetCount[];

  @Field(() => [FacetCount], { description: "By congress at which they hold a seat." })
  byCongress: FacetCount[];

  @Field(() => [FacetCount], { description: "By year of an award (a range counts in each of its years)." })
  byAwardYear: FacetCount[];
}

const LEVEL_LABELS: Record<HonourLevel, string> = {
  NATIONAL: "国家级 National",
  PROVINCIAL: "省级 Provincial",
  MUNICIPAL: "市级 Municipal",
  COUNTY: "县级 County",
  ENTERPRISE: "企业级 Enterprise",
  OTHER: "其他 Other",
};

type Row = { key: string | number; label: string; n: number };

@Resolver()
export class FacetsResolver {
  @Query(() => PersonFacets, { description: "Counts of the people matching `filter`, grouped six ways; one grouped SQL query per facet." })
  async personFacets(
    @Arg("filter", () => PersonFilter, { nullable: true, description: "Conditions people must meet." }) filter: PersonFilter | null,
    @Ctx() ctx: Context,
  ): Promise<PersonFacets> {
    const { text: sql, params } = new PeopleSelection(filter).idsQuery();
    // Buckets come back as one JSON array (as rows do in src/db/json-rows.ts): a facet can have
    // thousands of buckets, and sqlite3's per-column properties made most of its garbage.
    const run = async (select: string, toKey: (r: Row) => string, toLabel: (r: Row) => string = (r) => r.label, ctes = "") => {
      const [{ buckets }]: { buckets: string }[] = await ctx.ds.query(
        `WITH RECURSIVE matching(id) AS (${sql})${ctes}, facet AS (${select})
         SELECT json_group_array(json_object('key', key, 'label', label, 'n', n) ORDER BY n DESC, label ASC) AS buckets FROM facet`,
        params,
      );
      return (JSON.parse(buckets) as Row[]).map((r) => ({ key: toKey(r), label: toLabel(r), count: Number(r.n) }));
    };
    const awardsOfMatching = `FROM award a JOIN matching m ON m.id = a."personId" JOIN honour h ON h.id = a."honourId"`;
    const [byHonourLevel, byHonour, byEmployer, byDelegation, byCongress, byAwardYear] = await Promise.all([
      run(`SELECT h.level AS key, h.level AS label, COUNT(DISTINCT a."personId") AS n ${awardsOfMatching} GROUP BY h.level`,
        (r) => String(r.key), (r) => LEVEL_LABELS[r.key as HonourLevel] ?? String(r.key)),
      run(`SELECT h.id AS key, h.name AS label, COUNT(DISTINCT a."personId") AS n ${awardsOfMatching} GROUP BY h.id, h.name`,
        (r) => toGlobalId("Honour", Number(r.key))),
      run(`SELECT o.id AS key, o.name AS label, COUNT(*) AS n FROM person p JOIN matching m ON m.id = p.id JOIN organisation o ON o.id = p."employerId" GROUP BY o.id, o.name`,
        (r) => toGlobalId("Organisation", Number(r.key))),
      run(`SELECT s.delegation AS key, s.delegation AS label, COUNT(DISTINCT s."personId") AS n FROM seat s JOIN matching m ON m.id = s."personId" WHERE s.delegation IS NOT NULL GROUP BY s.delegation`,
        (r) => String(r.key)),
      run(`SELECT c.id AS key, c.name AS label, COUNT(DISTINCT s."personId") AS n FROM seat s JOIN matching m ON m.id = s."personId" JOIN congress c ON c.id = s."congressId" GROUP BY c.id, c.name`,
        (r) => toGlobalId("Congress", Number(r.key))),
      run(`SELECT y AS key, CAST(y AS TEXT) AS label, COUNT(DISTINCT "personId") AS n FROM span GROUP BY y`,
        (r) => String(r.key), (r) => r.label,
        `, span("personId", y, "yearTo") AS (
             SELECT a."personId", a."yearFrom", COALESCE(a."yearTo", a."yearFrom") FROM award a JOIN matching m ON m.id = a."personId" WHERE a."yearFrom" IS NOT NULL
             UNION ALL SELECT "personId", y + 1, "yearTo" FROM span WHERE y < "yearTo")`),
    ]);
    return { byHonourLevel, byHonour, byEmployer, byDelegation, byCongress, byAwardYear };
  }
}
