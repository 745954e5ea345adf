import { Arg, Authorized, createUnionType, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import { ORGANISER_OR_ADMIN } from "../auth/roles";
import { badInput } from "../errors";
import { citationFor, deleteAudited, findRef, insertAudited, runWrite } from "../services/write";
import { GrantAwardInput } from "./types/award.input";
import { Award, Citation, Honour, Organisation, Person } from "../entities";
import type { Context } from "../context";
import { citationOf } from "./shared";

export const Recipient = createUnionType({
  name: "Recipient",
  description: "Who received an award: a person or an organisation.",
  types: () => [Person, Organisation] as const,
});

/** The year fields of an award input as a range: a single year, a range, or nothing. */
function yearRange(input: GrantAwardInput): { yearFrom: number | null; yearTo: number | null } {
  if (input.year != null && (input.yearFrom != null || input.yearTo != null)) {
    throw badInput("input.year: give year, or yearFrom/yearTo, not both", "input.year");
  }
  if (input.year != null) return { yearFrom: input.year, yearTo: input.year };
  if (input.yearTo != null && input.yearFrom == null) throw badInput("input.yearFrom: a range needs its first year", "input.yearFrom");
  if (input.yearFrom != null && input.yearTo != null && input.yearFrom > input.yearTo) {
    throw badInput(`input.yearTo: ${input.yearTo} is before yearFrom ${input.yearFrom}`, "input.yearTo");
  }
  return { yearFrom: input.yearFrom ?? null, yearTo: input.yearTo ?? input.yearFrom ?? null };
}

@Resolver(() => Award)
export class AwardResolver {
  @Authorized(ORGANISER_OR_ADMIN)
  @Mutation(() => Award, { description: "Records an honour conferred on one person or one organisation. Organiser or admin." })
  grantAward(@Arg("input", () => GrantAwardInput, { description: "The award." }) input: GrantAwardInput, @Ctx() ctx: Context) {
    return runWrite(ctx, "grantAward", async (w) => {
      if ((input.person == null) === (input.organisation == null)) {
        throw badInput("input.person: give exactly one recipient, a person or an organisation", "input.person");
      }
      if (input.repeated && input.times != null) {
        throw badInput("input.repeated: repeated means more than once with no count given (多次); with times, leave it out", "input.repeated");
      }
      const years = yearRange(input);
      return insertAudited(w, Award, "Award", {
        honourId: (await findRef(w.m, Honour, "Honour", input.honour, "input.honour")).id,
        personId: input.person ? (await findRef(w.m, Person, "Person", input.person, "input.person")).id : null,
        organisationId: input.organisation ? (await findRef(w.m, Organisation, "Organisation", input.organisation, "input.organisation")).id : null,
        ...years,
        times: input.times ?? null,
        consecutive: input.consecutive,
        repeated: input.repeated,
        rank: input.rank ?? null,
        note: input.note ?? null,
        citationId: await citationFor(w.m, input.citation, "input.citation"),
      });
    });
  }

  @Authorized(ORGANISER_OR_ADMIN)
  @Mutation(() => ID, { description: "Removes an award recorded in error; returns its id. Organiser or admin." })
  revokeAward(@Arg("id", () => ID, { description: "The award." }) id: string, @Ctx() ctx: Context) {
    return runWrite(ctx, "revokeAward", (w) => deleteAudited(w, Award, "Award", id));
  }

  @FieldResolver(() => Honour, { description: "The honour conferred." })
  honour(@Root() award: Award, @Ctx() ctx: Context) {
    return ctx.loaders.honour.get(award.honourId);
  }

  @FieldResolver(() => Recipient, { description: "The person or organisation that received it." })
  recipient(@Root() award: Award, @Ctx() ctx: Context) {
    return award.personId !== null ? ctx.loaders.person.get(award.personId) : ctx.loaders.organisation.get(award.organisationId as number);
  }

  @FieldResolver(() => Citation, { description: "The quote that states this award." })
  source(@Root() award: Award, @Ctx() ctx: Context) {
    return citationOf(award, ctx);
  }
}
