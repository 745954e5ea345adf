import { MaxLength } from "class-validator";
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { ORGANISER_OR_ADMIN } from "../auth/roles";
import { Citation, Organisation, Statistic } from "../entities";
import { statisticProblem } from "../entities/statistic.entity";
import type { Context } from "../context";
import { badInput } from "../errors";
import { ConnectionArgs } from "../relay/connection";
import { expectGlobalId } from "../relay/global-id";
import { paginate } from "../relay/paginate";
import { containsPattern } from "../db/like";
import { dialectOf } from "../db";
import { applyPatch, citationFor, deleteAudited, findRef, insertAudited, runWrite, updateAudited } from "../services/write";
import { citationOf } from "./shared";
import { Capped, cappedList, LIST_CAP } from "./shared";
import { StatisticConnection } from "./types/connections";
import { CreateStatisticInput, UpdateStatisticInput } from "./types/statistic.input";

@InputType({ description: "Narrows a list of statistics; all given conditions must hold." })
export class StatisticFilter {
  @Field(() => ID, { nullable: true, description: "Given for this organisation." })
  organisation?: string | null;

  @Field(() => String, { nullable: true, description: "This metric key exactly, e.g. NEW_UNIONS." })
  @MaxLength(64)
  metric?: string | null;

  @Field(() => String, { nullable: true, description: "Part of the label, e.g. 工会." })
  @MaxLength(200)
  labelContains?: string | null;

  @Field(() => Int, { nullable: true, description: "This calendar year (statistics whose year the source fixes)." })
  year?: number | null;

  @Field(() => String, { nullable: true, description: "This period exactly, as written, e.g. 去年." })
  @MaxLength(100)
  period?: string | null;
}

/** The whole row must make sense after a write: BAD_USER_INPUT naming the input field otherwise. */
function checkStatistic(row: Statistic): Statistic {
  const problem = statisticProblem(row);
  if (problem) throw badInput(`input.${problem[0]}: ${problem[1]}`, `input.${problem[0]}`);
  return row;
}

@Resolver(() => Statistic)
export class StatisticResolver {
  @Authorized(ORGANISER_OR_ADMIN)
  @Mutation(() => Statistic, { description: "Records a figure a source gives about an organisation. Organiser or admin." })
  createStatistic(@Arg("input", () => CreateStatisticInput, { description: "The statistic." }) input: CreateStatisticInput, @Ctx() ctx: Context) {
    return runWrite(ctx, "createStatistic", async (w) => {
      const values = {
        organisationId: (await findRef(w.m, Organisation, "Organisation", input.organisation, "input.organisation")).id,
        metric: input.metric,
        label: input.label,
        value: input.value,
        unit: input.unit?.trim() ?? null,
        period: input.period ?? null,
        year: input.year ?? null,
        approximate: input.approximate,
        outOf: input.outOf ?? null,
        note: input.note ?? null,
      };
      checkStatistic(values as Statistic);
      return insertAudited(w, Statistic, "Statistic", { ...values, citationId: await citationFor(w.m, input.citation, "input.citation") });
    });
  }

  @Authorized(ORGANISER_OR_ADMIN)
  @Mutation(() => Statistic, { description: "Corrects a statistic: fields left out stay, null clears. Organiser or admin." })
  updateStatistic(
    @Arg("id", () => ID, { description: "The statistic." }) id: string,
    @Arg("input", () => UpdateStatisticInput, { description: "What changes." }) input: UpdateStatisticInput,
    @Ctx() ctx: Context,
  ) {
    return runWrite(ctx, "updateStatistic", (w) =>
      updateAudited(w, Statistic, "Statistic", id, async (row) => {
        // label and period come cleaned as names (@IsName); a unit is text as written, only trimmed.
        const trimmed = { ...input, unit: input.unit?.trim() ?? input.unit };
        applyPatch(
          row,
          trimmed,
          ["metric", "label", "value", "unit", "period", "year", "approximate", "outOf", "note"],
          ["metric", "label", "value", "approximate"],
        );
        if (input.organisation === null) throw badInput("input.organisation: may not be null", "input.organisation");
        if (input.organisation !== undefined)
          row.organisationId = (await findRef(w.m, Organisation, "Organisation", input.organisation, "input.organisation")).id;
        if (input.citation) row.citationId = await citationFor(w.m, input.citation, "input.citation");
        checkStatistic(row);
      }),
    );
  }

  @Authorized(ORGANISER_OR_ADMIN)
  @Mutation(() => ID, { description: "Removes a statistic recorded in error; returns its id. Organiser or admin." })
  deleteStatistic(@Arg("id", () => ID, { description: "The statistic." }) id: string, @Ctx() ctx: Context) {
    return runWrite(ctx, "deleteStatistic", (w) => deleteAudited(w, Statistic, "Statistic", id));
  }

  @Query(() => Statistic, { nullable: true, description: "A statistic by global id; null if there is none." })
  statistic(@Arg("id", () => ID, { description: "Global id of a Statistic." }) id: string, @Ctx() ctx: Context) {
    return ctx.loaders.statistic.load(expectGlobalId(id, "Statistic", "id"));
  }

  @Query(() => StatisticConnection, { description: "Figures the sources give about organisations, in order of entry (the seed's in the report's order)." })
  async statistics(
    @Arg("filter", () => StatisticFilter, { nullable: true, description: "Conditions statistics must meet." }) filter: StatisticFilter | null,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: Context,
  ) {
    const qb = ctx.ds.getRepository(Statistic).createQueryBuilder("s");
    if (filter?.organisation) {
      qb.andWhere(`s."organisationId" = :sOrg`, { sOrg: expectGlobalId(filter.organisation, "Organisation", "filter.organisation") });
    }
    if (filter?.metric) qb.andWhere(`s.metric = :sMetric`, { sMetric: filter.metric });
    if (filter?.labelContains) qb.andWhere(dialectOf(qb.connection).contains("s.label", ":sLabel"), { sLabel: containsPattern(filter.labelContains) });
    if (filter?.year != null) qb.andWhere(`s.year = :sYear`, { sYear: filter.year });
    if (filter?.period) qb.andWhere(`s.period = :sPeriod`, { sPeriod: filter.period });
    return new StatisticConnection(await paginate(qb, page, [{ property: "id", direction: "ASC" }], ctx));
  }

  @FieldResolver(() => Organisation, { description: "The organisation the source gives the figure for." })
  organisation(@Root() statistic: Statistic, @Ctx() ctx: Context) {
    return ctx.loaders.organisation.get(statistic.organisationId);
  }

  @FieldResolver(() => Citation, { description: "The quote that gives the figure." })
  source(@Root() statistic: Statistic, @Ctx() ctx: Context) {
    return citationOf(statistic, ctx);
  }
}

/** Organisation.statistics, kept here beside the rest of the statistics. */
@Resolver(() => Organisation)
export class OrganisationStatisticsResolver {
  @FieldResolver(() => [Statistic], {
    description: `Figures the sources give about this organisation, in order of entry: at most ${LIST_CAP}; \`Query.statistics(filter: { organisation })\` pages through them all.`,
  })
  @Capped()
  statistics(@Root() org: Organisation, @Ctx() ctx: Context) {
    return cappedList(ctx, Statistic, "organisationId", org.id);
  }
}
