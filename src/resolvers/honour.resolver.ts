import { MaxLength } from "class-validator";
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { ADMIN_ONLY, ORGANISER_OR_ADMIN } from "../auth/roles";
import { applyPatch, citationFor, deleteAudited, insertAudited, optionalRef, runWrite, updateAudited } from "../services/write";
import { CreateHonourInput, UpdateHonourInput } from "./types/honour.input";
import { Award, Citation, Honour, HonourCategory, HonourLevel, HonourTally, Organisation } from "../entities";
import type { Context } from "../context";
import { ConnectionArgs } from "../relay/connection";
import { expectGlobalId } from "../relay/global-id";
import { paginate } from "../relay/paginate";
import { byForeignKey } from "../loaders/pages";
import { containsPattern } from "../db/like";
import { dialectOf } from "../db";
import { citationOf } from "./shared";
import { AwardConnection, HonourConnection } from "./types/connections";
import { NameOrder, nameSortKeys } from "./types/order";

@InputType({ description: "Narrows a list of honours; all given conditions must hold." })
export class HonourFilter {
  @Field(() => String, { nullable: true, description: "Part of the name, e.g. 劳动." })
  @MaxLength(200)
  nameContains?: string | null;

  @Field(() => HonourLevel, { nullable: true, description: "Level of the conferring body." })
  level?: HonourLevel | null;

  @Field(() => HonourCategory, { nullable: true, description: "What the honour recognises." })
  category?: HonourCategory | null;

  @Field(() => ID, { nullable: true, description: "Conferred by this organisation." })
  conferrer?: string | null;
}

@Resolver(() => HonourTally)
export class HonourTallyResolver {
  @FieldResolver(() => Citation, { description: "The quote that gives the count." })
  source(@Root() tally: HonourTally, @Ctx() ctx: Context) {
    return citationOf(tally, ctx);
  }
}

@Resolver(() => Honour)
export class HonourResolver {
  @Authorized(ORGANISER_OR_ADMIN)
  @Mutation(() => Honour, { description: "Adds an honour. Organiser or admin." })
  createHonour(@Arg("input", () => CreateHonourInput, { description: "The new honour." }) input: CreateHonourInput, @Ctx() ctx: Context) {
    return runWrite(ctx, "createHonour", async (w) =>
      insertAudited(w, Honour, "Honour", {
        name: input.name.trim(),
        nameEn: input.nameEn ?? null,
        level: input.level,
        category: input.category,
        conferrerId: (await optionalRef(w.m, Organisation, "Organisation", input.conferrer, "input.conferrer")) ?? null,
        citationId: input.citation ? await citationFor(w.m, input.citation, "input.citation") : null,
      }),
    );
  }

  @Authorized(ORGANISER_OR_ADMIN)
  @Mutation(() => Honour, { description: "Corrects an honour: fields left out stay, null clears. Organiser or admin." })
  updateHonour(
    @Arg("id", () => ID, { description: "The honour." }) id: string,
    @Arg("input", () => UpdateHonourInput, { description: "What changes." }) input: UpdateHonourInput,
    @Ctx() ctx: Context,
  ) {
    return runWrite(ctx, "updateHonour", (w) =>
      updateAudited(w, Honour, "Honour", id, async (honour) => {
        applyPatch(honour, { ...input, name: input.name?.trim() ?? input.name }, ["name", "nameEn", "level", "category"], ["name", "level", "category"]);
        const conferrerId = await optionalRef(w.m, Organisation, "Organisation", input.conferrer, "input.conferrer");
        if (conferrerId !== undefined) honour.conferrerId = conferrerId;
        if (input.citation) honour.citationId = await citationFor(w.m, input.citation, "input.citation");
      }),
    );
  }

  @Authorized(ADMIN_ONLY)
  @Mutation(() => ID, { description: "Deletes an honour and every award of it. Admin only." })
  deleteHonour(@Arg("id", () => ID, { description: "The honour." }) id: string, @Ctx() ctx: Context) {
    return runWrite(ctx, "deleteHonour", (w) => deleteAudited(w, Honour, "Honour", id));
  }

  @Query(() => Honour, { nullable: true, description: "An honour by global id; null if there is none." })
  honour(@Arg("id", () => ID, { description: "Global id of an Honour." }) id: string, @Ctx() ctx: Context) {
    return ctx.loaders.honour.load(expectGlobalId(id, "Honour", "id"));
  }

  @Query(() => HonourConnection, { description: "Honours, filtered and ordered (default: by name)." })
  async honours(
    @Arg("filter", () => HonourFilter, { nullable: true, description: "Conditions honours must meet." }) filter: HonourFilter | null,
    @Arg("orderBy", () => NameOrder, { nullable: true, description: "Sort order; default NAME ASC." }) orderBy: NameOrder | null,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: Context,
  ) {
    const qb = ctx.ds.getRepository(Honour).createQueryBuilder("h");
    if (filter?.nameContains) qb.andWhere(dialectOf(qb.connection).contains("h.name", ":hName"), { hName: containsPattern(filter.nameContains) });
    if (filter?.level) qb.andWhere(`h.level = :hLevel`, { hLevel: filter.level });
    if (filter?.category) qb.andWhere(`h.category = :hCategory`, { hCategory: filter.category });
    if (filter?.conferrer) {
      qb.andWhere(`h."conferrerId" = :hConferrer`, { hConferrer: expectGlobalId(filter.conferrer, "Organisation", "filter.conferrer") });
    }
    return new HonourConnection(await paginate(qb, page, nameSortKeys(orderBy), ctx));
  }

  @FieldResolver(() => AwardConnection, { description: "Conferrals of this honour, in order of entry." })
  async awards(@Root() honour: Honour, @Args() page: ConnectionArgs, @Ctx() ctx: Context) {
    // Read with the same page of every other honour of the list being resolved.
    return new AwardConnection(
      await ctx.loaders.pages.page<Award>(byForeignKey(ctx.ds, Award, "honourId"), honour.id, page, [{ property: "id", direction: "ASC" }]),
    );
  }

  @FieldResolver(() => Int, { description: "How many distinct people and organisations received it." })
  recipientCount(@Root() honour: Honour, @Ctx() ctx: Context) {
    return ctx.loaders.recipientCountByHonour.load(honour.id);
  }

  @FieldResolver(() => [HonourTally], { description: "Counts of recipients the sources give without naming them." })
  tallies(@Root() honour: Honour, @Ctx() ctx: Context) {
    return ctx.loaders.talliesByHonour.get(honour.id);
  }

  @FieldResolver(() => Organisation, { nullable: true, description: "Who confers it, where the source says." })
  conferrer(@Root() honour: Honour, @Ctx() ctx: Context) {
    return honour.conferrerId === null ? null : ctx.loaders.organisation.get(honour.conferrerId);
  }

  @FieldResolver(() => Citation, { nullable: true, description: "The quote that names the honour." })
  source(@Root() honour: Honour, @Ctx() ctx: Context) {
    return citationOf(honour, ctx);
  }
}
