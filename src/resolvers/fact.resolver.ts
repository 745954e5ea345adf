import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Citation, Congress, Organisation, Position, Seat, SourceDocument } from "../entities";
import type { Context } from "../context";

/** Resolves the citation a fact row points at (null for facts recorded without one). */
export function citationOf(fact: { citationId: number | null }, ctx: Context) {
  return fact.citationId === null ? null : ctx.loaders.citation.load(fact.citationId);
}

@Resolver(() => Position)
export class PositionResolver {
  @FieldResolver(() => Organisation, { description: "Where the title is held." })
  organisation(@Root() position: Position, @Ctx() ctx: Context) {
    return ctx.loaders.organisation.load(position.organisationId);
  }

  @FieldResolver(() => Citation, { nullable: true, description: "The quote that states this position." })
  source(@Root() position: Position, @Ctx() ctx: Context) {
    return citationOf(position, ctx);
  }
}

@Resolver(() => Seat)
export class SeatResolver {
  @FieldResolver(() => Congress, { description: "The congress the seat is at." })
  congress(@Root() seat: Seat, @Ctx() ctx: Context) {
    return ctx.loaders.congress.load(seat.congressId);
  }

  @FieldResolver(() => Citation, { nullable: true, description: "The quote that states this seat." })
  source(@Root() seat: Seat, @Ctx() ctx: Context) {
    return citationOf(seat, ctx);
  }
}

@Resolver(() => Citation)
export class CitationResolver {
  @FieldResolver(() => SourceDocument, { description: "The document quoted." })
  document(@Root() citation: Citation, @Ctx() ctx: Context) {
    return ctx.loaders.sourceDocument.load(citation.documentId);
  }
}
