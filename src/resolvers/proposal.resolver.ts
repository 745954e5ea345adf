import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root } from "type-graphql";
import { EntityManager } from "typeorm";
import { ORGANISER_OR_ADMIN } from "../auth/roles";
import { applyPatch, citationFor, deleteAudited, findRef, insertAudited, optionalRef, runWrite, updateAudited } from "../services/write";
import { CreateProposalInput, UpdateProposalInput } from "./types/proposal.input";
import { MaxLength } from "class-validator";
import { Brackets } from "typeorm";
import { Citation, Congress, Person, Proposal } from "../entities";
import type { Context } from "../context";
import { badInput } from "../errors";
import { ConnectionArgs } from "../relay/connection";
import { expectGlobalId } from "../relay/global-id";
import { paginate } from "../relay/paginate";
import { containsPattern } from "../db/like";
import { dialectOf } from "../db";
import { citationOf } from "./shared";
import { andThen } from "../loaders";
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

/** Makes the proposal's authors exactly these people (each id checked). */
async function setAuthors(m: EntityManager, proposalId: number, authorIds: string[]) {
  const wanted: number[] = [];
  for (const [i, id] of authorIds.entries()) wanted.push((await findRef(m, Person, "Person", id, `input.authors.${i}`)).id);
  const relation = m.createQueryBuilder().relation(Proposal, "authors").of(proposalId);
  const current = (await relation.loadMany<Person>()).map((p) => p.id);
  await relation.addAndRemove(
    [...new Set(wanted)].filter((id) => !current.includes(id)),
    current.filter((id) => !wanted.includes(id)),
  );
}

@Resolver(() => Proposal)
export class ProposalResolver {
  @Authorized(ORGANISER_OR_ADMIN)
  @Mutation(() => Proposal, { description: "Records a proposal with its authors. Organiser or admin." })
  createProposal(@Arg("input", () => CreateProposalInput, { description: "The proposal." }) input: CreateProposalInput, @Ctx() ctx: Context) {
    return runWrite(ctx, "createProposal", async (w) => {
      const proposal = await insertAudited(w, Proposal, "Proposal", {
        title: input.title.trim(),
        summary: input.summary ?? null,
        topic: input.topic ?? null,
        congressId: (await optionalRef(w.m, Congress, "Congress", input.congress, "input.congress")) ?? null,
        citationId: await citationFor(w.m, input.citation, "input.citation"),
      });
      await setAuthors(w.m, proposal.id, input.authors);
      return proposal;
    });
  }

  @Authorized(ORGANISER_OR_ADMIN)
  @Mutation(() => Proposal, { description: "Corrects a proposal: fields left out stay, null clears; authors replace the list. Organiser or admin." })
  updateProposal(
    @Arg("id", () => ID, { description: "The proposal." }) id: string,
    @Arg("input", () => UpdateProposalInput, { description: "What changes." }) input: UpdateProposalInput,
    @Ctx() ctx: Context,
  ) {
    return runWrite(ctx, "updateProposal", (w) =>
      updateAudited(w, Proposal, "Proposal", id, async (proposal) => {
        applyPatch(proposal, { ...input, title: input.title?.trim() ?? input.title }, ["title", "summary", "topic"], ["title"]);
        const congressId = await optionalRef(w.m, Congress, "Congress", input.congress, "input.congress");
        if (congressId !== undefined) proposal.congressId = congressId;
        if (input.citation) proposal.citationId = await citationFor(w.m, input.citation, "input.citation");
        if (input.authors === null) throw badInput("input.authors: a proposal needs at least one author", "input.authors");
        if (input.authors) await setAuthors(w.m, proposal.id, input.authors);
      }),
    );
  }

  @Authorized(ORGANISER_OR_ADMIN)
  @Mutation(() => ID, { description: "Deletes a proposal; returns its id. Organiser or admin." })
  deleteProposal(@Arg("id", () => ID, { description: "The proposal." }) id: string, @Ctx() ctx: Context) {
    return runWrite(ctx, "deleteProposal", (w) => deleteAudited(w, Proposal, "Proposal", id));
  }

  // The default stays ASC, as the argument always declared: a client walking the list with cursors keeps its order.
  @Query(() => ProposalConnection, { description: "Proposals in order of entry: oldest entry first by default, newest first with `direction: DESC`." })
  async proposals(
    @Arg("filter", () => ProposalFilter, { nullable: true, description: "Conditions proposals must meet." }) filter: ProposalFilter | null,
    @Arg("direction", () => OrderDirection, {
      defaultValue: OrderDirection.ASC,
      description: "Order of entry: ASC oldest first (the default), DESC newest first.",
    })
    direction: OrderDirection,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: Context,
  ) {
    const qb = ctx.ds.getRepository(Proposal).createQueryBuilder("pr");
    if (filter?.congress) qb.andWhere(`pr."congressId" = :congress`, { congress: expectGlobalId(filter.congress, "Congress", "filter.congress") });
    if (filter?.author) {
      qb.andWhere(`pr.id IN (SELECT pa."proposalId" FROM proposal_author pa WHERE pa."personId" = :author)`, {
        author: expectGlobalId(filter.author, "Person", "filter.author"),
      });
    }
    if (filter?.textContains) {
      const text = containsPattern(filter.textContains);
      qb.andWhere(
        new Brackets((w) =>
          w
            .where(dialectOf(qb.connection).contains("pr.title", ":text"))
            .orWhere(dialectOf(qb.connection).contains("pr.summary", ":text"))
            .orWhere(dialectOf(qb.connection).contains("pr.topic", ":text")),
        ),
        { text },
      );
    }
    return new ProposalConnection(await paginate(qb, page, [{ property: "id", direction }], ctx));
  }

  @FieldResolver(() => [Person], { description: "Who brings the proposal." })
  authors(@Root() proposal: Proposal, @Ctx() ctx: Context) {
    return andThen(ctx.loaders.authorIdsByProposal.get(proposal.id), (ids) => ctx.loaders.person.getAll(ids));
  }

  @FieldResolver(() => Congress, { nullable: true, description: "The congress it is brought to." })
  congress(@Root() proposal: Proposal, @Ctx() ctx: Context) {
    return proposal.congressId === null ? null : ctx.loaders.congress.get(proposal.congressId);
  }

  @FieldResolver(() => Citation, { description: "The quote that states the proposal." })
  source(@Root() proposal: Proposal, @Ctx() ctx: Context) {
    return citationOf(proposal, ctx);
  }
}
