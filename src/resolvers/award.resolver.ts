import { createUnionType, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import { Award, Citation, Honour, Organisation, Person } from "../entities";
import type { Context } from "../context";
import { citationOf } from "./fact.resolver";

export const Recipient = createUnionType({
  name: "Recipient",
  description: "Who received an award: a person or an organisation.",
  types: () => [Person, Organisation] as const,
  resolveType: (value) => value.nodeType,
});

@Resolver(() => Award)
export class AwardResolver {
  @FieldResolver(() => Honour, { description: "The honour conferred." })
  honour(@Root() award: Award, @Ctx() ctx: Context) {
    return ctx.loaders.honour.load(award.honourId);
  }

  @FieldResolver(() => Recipient, { description: "The person or organisation that received it." })
  recipient(@Root() award: Award, @Ctx() ctx: Context) {
    return award.personId !== null ? ctx.loaders.person.load(award.personId) : ctx.loaders.organisation.load(award.organisationId as number);
  }

  @FieldResolver(() => Int, { nullable: true, description: "The year, when a single one is known; see yearFrom/yearTo for ranges." })
  year(@Root() award: Award): number | null {
    return award.yearFrom !== null && (award.yearTo === null || award.yearTo === award.yearFrom) ? award.yearFrom : null;
  }

  @FieldResolver(() => Citation, { description: "The quote that states this award." })
  source(@Root() award: Award, @Ctx() ctx: Context) {
    return citationOf(award, ctx);
  }
}
