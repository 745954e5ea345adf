import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from "type-graphql";
import { MaxLength } from "class-validator";
import { Brackets } from "typeorm";
import { Citation, Congress, Person, Proposal } from "../entities";
import type { Context } from "../context";
import { loadAll } from "../loaders";
import { ConnectionArgs } from "../relay/connection";
import { expectGlobalId } from "../relay/global-id";
import { paginate } from "../relay/paginate";
import { containsPattern, LIKE_ESCAPE } from "../search/like";
import { citationOf } from "./fact.resolver";
import { ProposalConnection } from "./types/connections";
import { OrderDirection } from "./types/order";

@InputType({ description: "Narrows a list of proposals; all given conditions must hold." })
export class ProposalFilter {
  @Field(() => ID, { nullable: true, description: "Brought to this congress." })
  congress?: string | null;

  @Field(() => ID, { nullable: true, description: "Authored or co-authored by this person." })
  author?: string | null;

  @Field(() => String, { nullable: true, description: "Part of the title, summary or topic." })
  @MaxLength(200)
  textContains?: string | null;
}

@Resolver(() => Proposal)
export class ProposalResolver {
  @Query(() => ProposalConnection, { description: "Proposals, newest record first or as ordered." })
  async proposals(
    @Arg("filter", () => ProposalFilter, { nullable: true, description: "Conditions proposals must meet." }) filter: ProposalFilter | null,
    @Arg("direction", () => OrderDirection, { defaultValue: OrderDirection.ASC, description: "Order of entry." }) direction: OrderDirection,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: Context,
  ) {
    const qb = ctx.ds.getRepository(Proposal).createQueryBuilder("pr");
    if (filter?.congress) qb.andWhere(`pr."congressId" = :congress`, { congress: expectGlobalId(filter.congress, "Congress", "filter.congress") });
    if (filter?.author) {
      qb.andWhere(`EXISTS (SELECT 1 FROM proposal_author pa WHERE pa."proposalId" = pr.id AND pa."personId" = :author)`, {
        author: expectGlobalId(filter.author, "Person", "filter.author"),
      });
    }
    if (filter?.textContains) {
      const text = containsPattern(filter.textContains);
      qb.andWhere(
        new Brackets((w) =>
          w
            .where(`pr.title LIKE :text ${LIKE_ESCAPE}`)
            .orWhere(`pr.summary LIKE :text ${LIKE_ESCAPE}`)
            .orWhere(`pr.topic LIKE :text ${LIKE_ESCAPE}`),
        ),
        { text },
      );
    }
    return new ProposalConnection(await paginate(qb, page, [{ property: "id", direction }]));
  }

  @FieldResolver(() => [Person], { description: "Who brings the proposal." })
  async authors(@Root() proposal: Proposal, @Ctx() ctx: Context) {
    return loadAll(ctx.loaders.person, await ctx.loaders.authorIdsByProposal.load(proposal.id));
  }

  @FieldResolver(() => Congress, { nullable: true, description: "The congress it is brought to." })
  congress(@Root() proposal: Proposal, @Ctx() ctx: Context) {
    return proposal.congressId === null ? null : ctx.loaders.congress.load(proposal.congressId);
  }

  @FieldResolver(() => Citation, { description: "The quote that states the proposal." })
  source(@Root() proposal: Proposal, @Ctx() ctx: Context) {
    return citationOf(proposal, ctx);
  }
}
