import { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from "type-graphql";
import { EntityManager } from "typeorm";
import { ADMIN_ONLY, ORGANISER_OR_ADMIN } from "../auth/roles";
import { addPersonCitation, applyPatch, citationFor, deleteAudited, insertAudited, optionalRef, runWrite, updateAudited } from "../services/write";
import { CreatePersonInput, UpdatePersonInput } from "./types/person.input";
import { Award, Citation, Organisation, Person, Position, Proposal, Seat } from "../entities";
import type { Context } from "../context";
import { badInput } from "../errors";
import { ConnectionArgs } from "../relay/connection";
import { expectGlobalId } from "../relay/global-id";
import { PersonConnection } from "./types/connections";
import { andThen } from "../loaders";
import { listPeople, loadPerson } from "../services/people";
import { PersonFilter } from "./types/person.filter";
import { PersonOrder, personSortKeys } from "./types/order";

/** A proposal has one or more authors: deleting the only one would leave it with none, which no write may make. */
async function refuseIfSoleAuthor(m: EntityManager, person: Person): Promise<void> {
  const proposals = await m
    .getRepository(Proposal)
    .createQueryBuilder("p")
    .innerJoin("p.authors", "mine", "mine.id = :person", { person: person.id })
    .where(`NOT EXISTS (SELECT 1 FROM "proposal_author" "o" WHERE "o"."proposalId" = "p"."id" AND "o"."personId" <> :person)`)
    .select(["p.id", "p.title"])
    .orderBy("p.id")
    .getMany();
  if (!proposals.length) return;
  const shown = proposals.slice(0, 3).map((p) => p.title);
  const titles = shown.join("; ") + (proposals.length > shown.length ? `; and ${proposals.length - shown.length} more` : "");
  const count = `${proposals.length} proposal${proposals.length > 1 ? "s" : ""}`;
  throw badInput(`id: ${person.name} is the only author of ${count} (${titles}); give them another author or delete them first`, "id");
}

@Resolver(() => Person)
export class PersonResolver {
  @Authorized(ORGANISER_OR_ADMIN)
  @Mutation(() => Person, { description: "Adds a person. Organiser or admin." })
  createPerson(@Arg("input", () => CreatePersonInput, { description: "The new person." }) input: CreatePersonInput, @Ctx() ctx: Context) {
    return runWrite(ctx, "createPerson", async (w) => {
      const person = await insertAudited(w, Person, "Person", {
        name: input.name.trim(),
        gender: input.gender ?? null,
        biography: input.biography ?? null,
        yearsOfService: input.yearsOfService ?? null,
        photoUrl: input.photoUrl ?? null,
        note: input.note ?? null,
        employerId: (await optionalRef(w.m, Organisation, "Organisation", input.employer, "input.employer")) ?? null,
      });
      if (input.citation) await addPersonCitation(w.m, person.id, await citationFor(w.m, input.citation, "input.citation"));
      return person;
    });
  }

  @Authorized(ORGANISER_OR_ADMIN)
  @Mutation(() => Person, { description: "Corrects a person: fields left out stay, null clears. Organiser or admin." })
  updatePerson(
    @Arg("id", () => ID, { description: "The person." }) id: string,
    @Arg("input", () => UpdatePersonInput, { description: "What changes." }) input: UpdatePersonInput,
    @Ctx() ctx: Context,
  ) {
    return runWrite(ctx, "updatePerson", (w) =>
      updateAudited(w, Person, "Person", id, async (person) => {
        applyPatch(
          person,
          { ...input, name: input.name?.trim() ?? input.name },
          ["name", "gender", "biography", "yearsOfService", "photoUrl", "note"],
          ["name"],
        );
        const employerId = await optionalRef(w.m, Organisation, "Organisation", input.employer, "input.employer");
        if (employerId !== undefined) person.employerId = employerId;
        if (input.citation) await addPersonCitation(w.m, person.id, await citationFor(w.m, input.citation, "input.citation"));
      }),
    );
  }

  @Authorized(ADMIN_ONLY)
  @Mutation(() => ID, {
    description:
      "Deletes a person with their positions, seats and awards; returns the id. Refused while they are a proposal's only author (a proposal has one or more). Admin only.",
  })
  deletePerson(@Arg("id", () => ID, { description: "The person." }) id: string, @Ctx() ctx: Context) {
    return runWrite(ctx, "deletePerson", (w) => deleteAudited(w, Person, "Person", id, (person) => refuseIfSoleAuthor(w.m, person)));
  }

  @Query(() => Person, { nullable: true, description: "A person by global id; null if there is none." })
  person(@Arg("id", () => ID, { description: "Global id of a Person." }) id: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loadPerson(ctx, expectGlobalId(id, "Person", "id"), info);
  }

  @Query(() => PersonConnection, { description: "Everyone in the directory, filtered and ordered (default: by pinyin)." })
  async people(
    @Arg("filter", () => PersonFilter, { nullable: true, description: "Conditions people must meet." }) filter: PersonFilter | null,
    @Arg("orderBy", () => PersonOrder, { nullable: true, description: "Sort order; default NAME_PINYIN ASC." }) orderBy: PersonOrder | null,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return new PersonConnection(await listPeople(ctx, filter, personSortKeys(orderBy), page, info));
  }

  @Query(() => PersonConnection, { description: "People holding at least one congress seat, filtered and ordered like `people`." })
  async delegates(
    @Arg("filter", () => PersonFilter, { nullable: true, description: "Conditions delegates must meet." }) filter: PersonFilter | null,
    @Arg("orderBy", () => PersonOrder, { nullable: true, description: "Sort order; default NAME_PINYIN ASC." }) orderBy: PersonOrder | null,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return new PersonConnection(await listPeople(ctx, filter, personSortKeys(orderBy), page, info, { delegatesOnly: true }));
  }

  @FieldResolver(() => Organisation, { nullable: true, description: "Current employer; null where the source does not say." })
  employer(@Root() person: Person, @Ctx() ctx: Context) {
    return person.employerId === null ? null : ctx.loaders.organisation.get(person.employerId);
  }

  @FieldResolver(() => [Position], { description: "Titles the person holds or held, with their organisations." })
  positions(@Root() person: Person, @Ctx() ctx: Context) {
    return ctx.loaders.positionsByPerson.get(person.id);
  }

  @FieldResolver(() => [Position], { description: "The positions marked current (held now), with their organisations: what a profile's header shows." })
  currentPositions(@Root() person: Person, @Ctx() ctx: Context) {
    return andThen(ctx.loaders.positionsByPerson.get(person.id), (positions) => positions.filter((p) => p.current === true));
  }

  @FieldResolver(() => [Seat], { description: "Congress seats: which congress, which delegation." })
  seats(@Root() person: Person, @Ctx() ctx: Context) {
    return ctx.loaders.seatsByPerson.get(person.id);
  }

  @FieldResolver(() => [Award], { description: "Honours the person received." })
  awards(@Root() person: Person, @Ctx() ctx: Context) {
    return ctx.loaders.awardsByPerson.get(person.id);
  }

  @FieldResolver(() => [Proposal], { description: "Proposals the person authored or co-authored." })
  proposals(@Root() person: Person, @Ctx() ctx: Context) {
    return andThen(ctx.loaders.proposalIdsByPerson.get(person.id), (ids) => ctx.loaders.proposal.getAll(ids));
  }

  @FieldResolver(() => [Citation], {
    description: "Every quote that supports a fact about the person: identity and biography, positions, seats, awards, proposals.",
  })
  async sources(@Root() person: Person, @Ctx() ctx: Context) {
    const { loaders } = ctx;
    const [own, positions, seats, awards, proposalIds] = await Promise.all([
      loaders.citationIdsByPerson.load(person.id),
      loaders.positionsByPerson.load(person.id),
      loaders.seatsByPerson.load(person.id),
      loaders.awardsByPerson.load(person.id),
      loaders.proposalIdsByPerson.load(person.id),
    ]);
    const proposals = await loaders.proposal.getAll(proposalIds);
    const ids = new Set<number>(own);
    for (const fact of [...positions, ...seats, ...awards, ...proposals]) {
      if (fact.citationId !== null) ids.add(fact.citationId);
    }
    return loaders.citation.getAll([...ids]);
  }
}
