import DataLoader from "dataloader";
import { Arg, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from "type-graphql";
import type { SlowReader } from "../db/slow-reads";
import type { SlowTasks } from "../services/slow-tasks";
import { badInput } from "../errors";
import type { Context } from "../context";
import { Asked, bucketsOf, FacetBucket } from "../services/facets";
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

@ObjectType({
  description:
    "Counts of the people matching a filter, by facet. A person counts once per bucket and may be in several buckets. The facets asked are counted together, in one pass over the matching people; those not asked are not counted.",
})
export class PersonFacets {
  /** The buckets of each facet asked (not a GraphQL field): the fields resolved in one tick are one read. */
  readonly buckets: DataLoader<Asked, FacetBucket[], string>;

  /** Counted on a worker thread (src/services/facets.ts), ended past the request's deadline (Context.deadline). */
  constructor(slow: SlowReader<SlowTasks>, filter: PersonFilter | null, deadline: number, abandoned: AbortSignal) {
    this.buckets = new DataLoader(async (asked) => (await slow.run("facets", [filter, asked], deadline, abandoned)).map(bucketsOf), {
      cacheKeyFn: (a) => `${a.facet} ${a.first}`,
    });
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
  @Query(() => PersonFacets, {
    description: "Counts of the people matching `filter`, grouped up to six ways; the facets asked are counted together, in one pass.",
  })
  personFacets(
    @Arg("filter", () => PersonFilter, { nullable: true, description: "Conditions people must meet." }) filter: PersonFilter | null,
    @Ctx() ctx: Context,
  ): PersonFacets {
    return new PersonFacets(ctx.slow, filter, ctx.deadline, ctx.abandoned());
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
