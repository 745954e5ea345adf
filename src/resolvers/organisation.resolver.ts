import { MaxLength } from "class-validator";
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root } from "type-graphql";
import { EntityManager, SelectQueryBuilder } from "typeorm";
import { ADMIN_ONLY, ORGANISER_OR_ADMIN } from "../auth/roles";
import { badInput } from "../errors";
import { applyPatch, citationFor, deleteAudited, insertAudited, optionalRef, runWrite, updateAudited } from "../services/write";
import { CreateOrganisationInput, UpdateOrganisationInput } from "./types/organisation.input";
import { Award, Citation, Organisation, OrganisationKind, Position } from "../entities";
import { nameAsWrittenProblem } from "../entities/organisation.entity";
import type { Context } from "../context";
import { ConnectionArgs } from "../relay/connection";
import { expectGlobalId } from "../relay/global-id";
import { paginate } from "../relay/paginate";
import { containsPattern } from "../db/like";
import { dialectOf } from "../db";
import { cappedList, Capped, citationOf, childPage, ENTRY_ORDER, LIST_CAP } from "./shared";
import { peopleOfParent } from "../loaders/people-pages";
import { AwardConnection, OrganisationConnection, PersonConnection, PositionConnection } from "./types/connections";
import { NameOrder, nameSortKeys, personSortKeys } from "./types/order";

@InputType({ description: "Narrows a list of organisations; all given conditions must hold." })
export class OrganisationFilter {
  @Field(() => String, { nullable: true, description: "Part of the name." })
  @MaxLength(200)
  nameContains?: string | null;

  @Field(() => OrganisationKind, { nullable: true, description: "Kind of organisation." })
  kind?: OrganisationKind | null;

  @Field(() => ID, { nullable: true, description: "Directly under this parent organisation." })
  parent?: string | null;
}

function organisationsQuery(qb: SelectQueryBuilder<Organisation>, filter: OrganisationFilter | null) {
  if (filter?.nameContains) qb.andWhere(dialectOf(qb.connection).contains("o.name", ":oName"), { oName: containsPattern(filter.nameContains) });
  if (filter?.kind) qb.andWhere(`o.kind = :oKind`, { oKind: filter.kind });
  if (filter?.parent) qb.andWhere(`o."parentId" = :oParent`, { oParent: expectGlobalId(filter.parent, "Organisation", "filter.parent") });
  return qb;
}

/** A parent may not be the organisation itself or anything under it. */
async function checkParent(m: EntityManager, orgId: number, parentId: number | null) {
  for (let at = parentId, hops = 0; at !== null && hops < 100; hops++) {
    if (at === orgId) throw badInput("input.parent: an organisation cannot sit under itself or under a body below it", "input.parent");
    at = (await m.getRepository(Organisation).findOneBy({ id: at }))?.parentId ?? null;
  }
}

/** BAD_USER_INPUT naming input.nameAsWritten where it equals the name (see nameAsWrittenProblem). */
function checkNameAsWritten(org: Pick<Organisation, "name" | "nameAsWritten">): void {
  const problem = nameAsWrittenProblem(org);
  if (problem) throw badInput(`input.nameAsWritten: ${problem}`, "input.nameAsWritten");
}

@Resolver(() => Organisation)
export class OrganisationResolver {
  @Authorized(ORGANISER_OR_ADMIN)
  @Mutation(() => Organisation, { description: "Adds an organisation. Organiser or admin." })
  createOrganisation(
    @Arg("input", () => CreateOrganisationInput, { description: "The new organisation." }) input: CreateOrganisationInput,
    @Ctx() ctx: Context,
  ) {
    // name and nameAsWritten come cleaned as names (@IsName), so that equal means equal once cleaned.
    checkNameAsWritten({ name: input.name, nameAsWritten: input.nameAsWritten ?? null });
    return runWrite(ctx, "createOrganisation", async (w) =>
      insertAudited(w, Organisation, "Organisation", {
        name: input.name,
        nameAsWritten: input.nameAsWritten ?? null,
        kind: input.kind,
        region: input.region ?? null,
        parentId: (await optionalRef(w.m, Organisation, "Organisation", input.parent, "input.parent")) ?? null,
        citationId: input.citation ? await citationFor(w.m, input.citation, "input.citation") : null,
      }),
    );
  }

  @Authorized(ORGANISER_OR_ADMIN)
  @Mutation(() => Organisation, { description: "Corrects an organisation: fields left out stay, null clears. Organiser or admin." })
  updateOrganisation(
    @Arg("id", () => ID, { description: "The organisation." }) id: string,
    @Arg("input", () => UpdateOrganisationInput, { description: "What changes." }) input: UpdateOrganisationInput,
    @Ctx() ctx: Context,
  ) {
    return runWrite(ctx, "updateOrganisation", (w) =>
      updateAudited(w, Organisation, "Organisation", id, async (org) => {
        applyPatch(org, input, ["name", "nameAsWritten", "kind", "region"], ["name", "kind"]);
        checkNameAsWritten(org);
        const parentId = await optionalRef(w.m, Organisation, "Organisation", input.parent, "input.parent");
        if (parentId !== undefined) {
          await checkParent(w.m, org.id, parentId);
          org.parentId = parentId;
        }
        if (input.citation) org.citationId = await citationFor(w.m, input.citation, "input.citation");
      }),
    );
  }

  @Authorized(ADMIN_ONLY)
  @Mutation(() => ID, { description: "Deletes an organisation (people it employed keep no employer; its positions and awards go). Admin only." })
  deleteOrganisation(@Arg("id", () => ID, { description: "The organisation." }) id: string, @Ctx() ctx: Context) {
    return runWrite(ctx, "deleteOrganisation", (w) => deleteAudited(w, Organisation, "Organisation", id));
  }

  @Query(() => Organisation, { nullable: true, description: "An organisation by global id; null if there is none." })
  organisation(@Arg("id", () => ID, { description: "Global id of an Organisation." }) id: string, @Ctx() ctx: Context) {
    return ctx.loaders.organisation.load(expectGlobalId(id, "Organisation", "id"));
  }

  @Query(() => OrganisationConnection, { description: "Every organisation in the directory." })
  async organisations(
    @Arg("filter", () => OrganisationFilter, { nullable: true, description: "Conditions organisations must meet." }) filter: OrganisationFilter | null,
    @Arg("orderBy", () => NameOrder, { nullable: true, description: "Sort order; default NAME ASC." }) orderBy: NameOrder | null,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: Context,
  ) {
    const qb = organisationsQuery(ctx.ds.getRepository(Organisation).createQueryBuilder("o"), filter);
    return new OrganisationConnection(await paginate(qb, page, nameSortKeys(orderBy), ctx));
  }

  @Query(() => OrganisationConnection, { description: "Organisations that employ at least one person listed." })
  async employers(
    @Arg("filter", () => OrganisationFilter, { nullable: true, description: "Conditions employers must meet." }) filter: OrganisationFilter | null,
    @Arg("orderBy", () => NameOrder, { nullable: true, description: "Sort order; default NAME ASC." }) orderBy: NameOrder | null,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: Context,
  ) {
    const qb = organisationsQuery(ctx.ds.getRepository(Organisation).createQueryBuilder("o"), filter);
    qb.andWhere(`o.id IN (SELECT pe."employerId" FROM person pe WHERE pe."employerId" IS NOT NULL)`);
    return new OrganisationConnection(await paginate(qb, page, nameSortKeys(orderBy), ctx));
  }

  @FieldResolver(() => Organisation, { nullable: true, description: "The body this one sits under (a union under its company, a company under its group)." })
  parent(@Root() org: Organisation, @Ctx() ctx: Context) {
    return org.parentId === null ? null : ctx.loaders.organisation.get(org.parentId);
  }

  @FieldResolver(() => [Organisation], {
    description: `Bodies directly under this one, in order of entry: at most ${LIST_CAP}.`,
    deprecationReason: "Capped at 100: use childrenConnection, which pages through them all.",
  })
  @Capped()
  children(@Root() org: Organisation, @Ctx() ctx: Context) {
    return cappedList(ctx, Organisation, "parentId", org.id);
  }

  @FieldResolver(() => OrganisationConnection, { description: "Bodies directly under this one, by name (or as ordered)." })
  async childrenConnection(
    @Root() org: Organisation,
    @Arg("orderBy", () => NameOrder, { nullable: true, description: "Sort order; default NAME ASC." }) orderBy: NameOrder | null,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: Context,
  ) {
    return new OrganisationConnection(await childPage(ctx, Organisation, "parentId", org.id, page, nameSortKeys(orderBy)));
  }

  @FieldResolver(() => [Award], {
    description: `Honours the organisation itself received, in order of entry: at most ${LIST_CAP}.`,
    deprecationReason: "Capped at 100: use awardsConnection, which pages through them all.",
  })
  @Capped()
  awards(@Root() org: Organisation, @Ctx() ctx: Context) {
    return cappedList(ctx, Award, "organisationId", org.id);
  }

  @FieldResolver(() => AwardConnection, { description: "Honours the organisation itself received, in order of entry." })
  async awardsConnection(@Root() org: Organisation, @Args() page: ConnectionArgs, @Ctx() ctx: Context) {
    return new AwardConnection(await childPage(ctx, Award, "organisationId", org.id, page, ENTRY_ORDER));
  }

  @FieldResolver(() => [Position], {
    description: `Titles people hold here, in order of entry: at most ${LIST_CAP}.`,
    deprecationReason: "Capped at 100: use positionsConnection, which pages through them all.",
  })
  @Capped()
  positions(@Root() org: Organisation, @Ctx() ctx: Context) {
    return cappedList(ctx, Position, "organisationId", org.id);
  }

  @FieldResolver(() => PositionConnection, { description: "Titles people hold here, in order of entry." })
  async positionsConnection(@Root() org: Organisation, @Args() page: ConnectionArgs, @Ctx() ctx: Context) {
    return new PositionConnection(await childPage(ctx, Position, "organisationId", org.id, page, ENTRY_ORDER));
  }

  @FieldResolver(() => PersonConnection, { description: "People employed here or holding a title here, by pinyin." })
  async people(@Root() org: Organisation, @Args() page: ConnectionArgs, @Ctx() ctx: Context) {
    return new PersonConnection(await peopleOfParent(ctx, "organisation", org.id, page, personSortKeys(null)));
  }

  @FieldResolver(() => Citation, { nullable: true, description: "The quote that names the organisation." })
  source(@Root() org: Organisation, @Ctx() ctx: Context) {
    return citationOf(org, ctx);
  }
}
