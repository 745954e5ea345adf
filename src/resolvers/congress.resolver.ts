import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { Citation, Congress } from "../entities";
import type { Context } from "../context";
import { ConnectionArgs } from "../relay/connection";
import { expectGlobalId } from "../relay/global-id";
import { paginate } from "../relay/paginate";
import { citationOf } from "./fact.resolver";
import { listPeople } from "./person.resolver";
import { CongressConnection, PersonConnection } from "./types/connections";
import { NameOrder, nameSortKeys } from "./types/name-order";

@Resolver(() => Congress)
export class CongressResolver {
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
    return new CongressConnection(await paginate(qb, page, nameSortKeys(orderBy)));
  }

  @FieldResolver(() => PersonConnection, { description: "Delegates holding a seat at this congress, by pinyin." })
  delegates(@Root() congress: Congress, @Args() page: ConnectionArgs, @Ctx() ctx: Context) {
    return listPeople(ctx, { congress: congress.globalId }, null, page);
  }

  @FieldResolver(() => Citation, { nullable: true, description: "The quote that names the congress." })
  source(@Root() congress: Congress, @Ctx() ctx: Context) {
    return citationOf(congress, ctx);
  }
}
