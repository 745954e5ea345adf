import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { ADMIN_ONLY, ORGANISER_OR_ADMIN } from "../auth/roles";
import { applyPatch, citationFor, deleteAudited, insertAudited, runWrite, updateAudited } from "../services/write";
import { CreateCongressInput, UpdateCongressInput } from "./types/congress.input";
import { Citation, Congress } from "../entities";
import type { Context } from "../context";
import { ConnectionArgs } from "../relay/connection";
import { expectGlobalId } from "../relay/global-id";
import { paginate } from "../relay/paginate";
import { citationOf } from "./shared";
import { peopleOfParent } from "../loaders/people-pages";
import { CongressConnection, PersonConnection } from "./types/connections";
import { NameOrder, nameSortKeys, personSortKeys } from "./types/order";

@Resolver(() => Congress)
export class CongressResolver {
  @Authorized(ORGANISER_OR_ADMIN)
  @Mutation(() => Congress, { description: "Adds a congress. Organiser or admin." })
  createCongress(@Arg("input", () => CreateCongressInput, { description: "The new congress." }) input: CreateCongressInput, @Ctx() ctx: Context) {
    return runWrite(ctx, "createCongress", async (w) =>
      insertAudited(w, Congress, "Congress", {
        name: input.name.trim(),
        nameEn: input.nameEn ?? null,
        session: input.session ?? null,
        level: input.level ?? null,
        region: input.region ?? null,
        year: input.year ?? null,
        citationId: input.citation ? await citationFor(w.m, input.citation, "input.citation") : null,
      }),
    );
  }

  @Authorized(ORGANISER_OR_ADMIN)
  @Mutation(() => Congress, { description: "Corrects a congress: fields left out stay, null clears. Organiser or admin." })
  updateCongress(
    @Arg("id", () => ID, { description: "The congress." }) id: string,
    @Arg("input", () => UpdateCongressInput, { description: "What changes." }) input: UpdateCongressInput,
    @Ctx() ctx: Context,
  ) {
    return runWrite(ctx, "updateCongress", (w) =>
      updateAudited(w, Congress, "Congress", id, (congress) =>
        applyPatch(congress, { ...input, name: input.name?.trim() ?? input.name }, ["name", "nameEn", "session", "level", "region", "year"], ["name"]),
      ),
    );
  }

  @Authorized(ADMIN_ONLY)
  @Mutation(() => ID, { description: "Deletes a congress and its seats. Admin only." })
  deleteCongress(@Arg("id", () => ID, { description: "The congress." }) id: string, @Ctx() ctx: Context) {
    return runWrite(ctx, "deleteCongress", (w) => deleteAudited(w, Congress, "Congress", id));
  }

  @Query(() => Congress, { nullable: true, description: "A congress by global id; null if there is none." })
  congress(@Arg("id", () => ID, { description: "Global id of a Congress." }) id: string, @Ctx() ctx: Context) {
    return ctx.loaders.congress.load(expectGlobalId(id, "Congress", "id"));
  }

  @Query(() => CongressConnection, { description: "Congresses in the directory." })
  async congresses(
    @Arg("orderBy", () => NameOrder, { nullable: true, description: "Sort order; default NAME ASC." }) orderBy: NameOrder | null,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: Context,
  ) {
    const qb = ctx.ds.getRepository(Congress).createQueryBuilder("c");
    return new CongressConnection(await paginate(qb, page, nameSortKeys(orderBy), ctx));
  }

  @FieldResolver(() => PersonConnection, { description: "Delegates holding a seat at this congress, by pinyin." })
  async delegates(@Root() congress: Congress, @Args() page: ConnectionArgs, @Ctx() ctx: Context) {
    return new PersonConnection(await peopleOfParent(ctx, "congress", congress.id, page, personSortKeys(null)));
  }

  @FieldResolver(() => Citation, { nullable: true, description: "The quote that names the congress." })
  source(@Root() congress: Congress, @Ctx() ctx: Context) {
    return citationOf(congress, ctx);
  }
}
