import DataLoader from "dataloader";
import { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from "type-graphql";
import { EntityManager } from "typeorm";
import { ADMIN_ONLY, ORGANISER_OR_ADMIN } from "../auth/roles";
import { applyPatch, citationFor, deleteAudited, insertAudited, optionalRef, runWrite, updateAudited } from "../services/write";
import { CreatePersonInput, UpdatePersonInput } from "./types/person.input";
import { Award, Citation, Organisation, Person, Position, Proposal, Seat } from "../entities";
import type { Context } from "../context";
import { ConnectionArgs } from "../relay/connection";
import { expectGlobalId } from "../relay/global-id";
import { pageSize } from "../relay/cursors";
import { pageColumns, paginateRows } from "../relay/paginate";
import { PeopleSelection, PersonScope, SetForm } from "../services/people-selection";
import { withinDeadline } from "../db/deadline";
import { selectedFieldNames } from "./lookahead";
import { PersonConnection } from "./types/connections";
import { andThen, HeldLoader, LoaderName, Loaders, prefetch } from "../loaders";
import type { Projection } from "../loaders/projection";
import { PeopleParent, peopleOfParent } from "../loaders/people-pages";
import { PersonFilter } from "./types/person.filter";
import { PersonOrder, personSortKeys } from "./types/order";

/**
 * The one way every list of people is produced: filter, order, page. A filter on seats, honours or
 * proposals is counted first; the count is the page's totalCount and picks the page query's form.
 */
export async function listPeople(
  ctx: Context,
  filter: PersonFilter | null | undefined,
  orderBy: PersonOrder | null | undefined,
  page: ConnectionArgs,
  scope: PersonScope = {},
) {
  const selection = await withinDeadline(ctx.deadline, () => PeopleSelection.create(ctx.read, filter, scope));
  const size = pageSize(page);
  // A count that may walk much of the directory runs on a worker thread, under the request's deadline.
  const countAll = () =>
    selection.broad ? broadCounts(ctx).load({ filter: filter ?? null, scope }) : withinDeadline(ctx.deadline, () => selection.countWithTotal(ctx.read));
  let form: SetForm = "in";
  let count: (() => Promise<number>) | undefined;
  if (selection.sets.length > 0) {
    const counted = await countAll();
    form = PeopleSelection.formFor(size, counted.count, counted.total);
    count = async () => counted.count;
  }
  const { projection } = ctx.loaders;
  const metadata = ctx.ds.getMetadata(Person);
  return new PersonConnection(
    await paginateRows(
      page,
      personSortKeys(orderBy),
      (req) => withinDeadline(ctx.deadline, () => selection.page(ctx.ds, form, req, pageColumns(projection, metadata, req))),
      count ?? (async () => (await countAll()).count),
    ),
  );
}

/**
 * A congress's delegates or an organisation's people, in pinyin order: listPeople's list of the
 * scope, read with the same page of every other parent of the list being resolved.
 */
export async function parentPeople(ctx: Context, of: PeopleParent, parent: number, page: ConnectionArgs) {
  return new PersonConnection(await peopleOfParent(ctx, of, parent, page, personSortKeys(null)));
}

type CountAsked = { filter: PersonFilter | null; scope: PersonScope };
const broadCountsOf = new WeakMap<Context, DataLoader<CountAsked, { count: number; total: number }, string>>();

/** The request's broad counts of one tick, counted as one read on a worker thread. */
function broadCounts(ctx: Context): DataLoader<CountAsked, { count: number; total: number }, string> {
  let loader = broadCountsOf.get(ctx);
  if (!loader) {
    loader = new DataLoader((lists) => ctx.slow.run("countPeople", [lists], ctx.deadline, ctx.abandoned), { cacheKeyFn: (asked) => JSON.stringify(asked) });
    broadCountsOf.set(ctx, loader);
  }
  return loader;
}

/**
 * The relations of a person that are keyed by the person's own id, by the field that reads them
 * (`sources` reads them all: keep its list in step with PersonResolver.sources). When a person is
 * fetched by id, the id is known before the row is: the relations the query asks for load in the
 * same statement as the row itself, not one round trip after it. With the rows those lists point
 * to (src/loaders: includes), a profile page is one statement.
 */
const BY_PERSON_ID = new Map<string, LoaderName[]>([
  ["positions", ["positionsByPerson"]],
  ["currentPositions", ["positionsByPerson"]],
  ["seats", ["seatsByPerson"]],
  ["awards", ["awardsByPerson"]],
  ["proposals", ["proposalIdsByPerson"]],
  ["sources", ["citationIdsByPerson", "positionsByPerson", "seatsByPerson", "awardsByPerson", "proposalIdsByPerson"]],
]);

/**
 * The loaders a selection of a person asks for (see BY_PERSON_ID), found once per operation and
 * field: two operations of one document may share a fragment's field node, and select different
 * fields beside it.
 */
const prefetched = new WeakMap<object, WeakMap<object, LoaderName[]>>();

/** Loads person `id` and, in the same read, the relations `info`'s selection asks for (see BY_PERSON_ID). */
export async function loadPerson(ctx: Context, id: number, info: Pick<GraphQLResolveInfo, "fieldNodes" | "fragments" | "operation">): Promise<Person | null> {
  const { loaders } = ctx;
  // Without a cache (the naive server) nothing read ahead could be kept: each field loads its own.
  if (!ctx.batch) return loaders.person.load(id);
  let byField = prefetched.get(info.operation);
  if (!byField) prefetched.set(info.operation, (byField = new WeakMap()));
  let names = byField.get(info.fieldNodes[0]);
  if (!names) {
    const asked = new Set<LoaderName>(["person"]);
    for (const field of selectedFieldNames(info)) for (const loader of BY_PERSON_ID.get(field) ?? []) asked.add(loader);
    byField.set(info.fieldNodes[0], (names = [...asked]));
  }
  await prefetch(id, names.map((name) => loaders[name] as HeldLoader<unknown, Loaders, Projection>));
  return loaders.person.get(id);
}

/** Adds a citation to a person's own sources (once). */
async function addPersonCitation(m: EntityManager, personId: number, citationId: number) {
  const relation = m.createQueryBuilder().relation(Person, "citations").of(personId);
  const current = (await relation.loadMany<Citation>()).map((c) => c.id);
  if (!current.includes(citationId)) await relation.add(citationId);
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
        applyPatch(person, { ...input, name: input.name?.trim() ?? input.name }, ["name", "gender", "biography", "yearsOfService", "photoUrl"], ["name"]);
        const employerId = await optionalRef(w.m, Organisation, "Organisation", input.employer, "input.employer");
        if (employerId !== undefined) person.employerId = employerId;
        if (input.citation) await addPersonCitation(w.m, person.id, await citationFor(w.m, input.citation, "input.citation"));
      }),
    );
  }

  @Authorized(ADMIN_ONLY)
  @Mutation(() => ID, { description: "Deletes a person with their positions, seats and awards; returns the id. Admin only." })
  deletePerson(@Arg("id", () => ID, { description: "The person." }) id: string, @Ctx() ctx: Context) {
    return runWrite(ctx, "deletePerson", (w) => deleteAudited(w, Person, "Person", id));
  }

  @Query(() => Person, { nullable: true, description: "A person by global id; null if there is none." })
  person(@Arg("id", () => ID, { description: "Global id of a Person." }) id: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loadPerson(ctx, expectGlobalId(id, "Person", "id"), info);
  }

  @Query(() => PersonConnection, { description: "Everyone in the directory, filtered and ordered (default: by pinyin)." })
  people(
    @Arg("filter", () => PersonFilter, { nullable: true, description: "Conditions people must meet." }) filter: PersonFilter | null,
    @Arg("orderBy", () => PersonOrder, { nullable: true, description: "Sort order; default NAME_PINYIN ASC." }) orderBy: PersonOrder | null,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: Context,
  ) {
    return listPeople(ctx, filter, orderBy, page);
  }

  @Query(() => PersonConnection, { description: "People holding at least one congress seat, filtered and ordered like `people`." })
  delegates(
    @Arg("filter", () => PersonFilter, { nullable: true, description: "Conditions delegates must meet." }) filter: PersonFilter | null,
    @Arg("orderBy", () => PersonOrder, { nullable: true, description: "Sort order; default NAME_PINYIN ASC." }) orderBy: PersonOrder | null,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: Context,
  ) {
    return listPeople(ctx, filter, orderBy, page, { delegatesOnly: true });
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
