import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from "type-graphql";
import { ORGANISER_OR_ADMIN } from "../auth/roles";
import { Citation, Congress, Organisation, Person, Position, Seat, SourceDocument } from "../entities";
import type { Context } from "../context";
import { badInput } from "../errors";
import { applyPatch, citationFor, deleteAudited, findRef, insertAudited, runWrite, updateAudited } from "../services/write";
import { checkYear } from "../validation";
import { AddPositionInput, AddSeatInput, UpdateSeatInput } from "./types/membership.input";
import { citationOf } from "./shared";

@Resolver(() => Position)
export class PositionResolver {
  @Authorized(ORGANISER_OR_ADMIN)
  @Mutation(() => Position, { description: "Records a title a person holds at an organisation. Organiser or admin." })
  addPosition(@Arg("input", () => AddPositionInput, { description: "The position." }) input: AddPositionInput, @Ctx() ctx: Context) {
    return runWrite(ctx, "addPosition", async (w) => {
      if (input.yearFrom != null && input.yearTo != null && input.yearFrom > input.yearTo) {
        throw badInput(`input.yearTo: ${input.yearTo} is before yearFrom ${input.yearFrom}`, "input.yearTo");
      }
      return insertAudited(w, Position, "Position", {
        personId: (await findRef(w.m, Person, "Person", input.person, "input.person")).id,
        organisationId: (await findRef(w.m, Organisation, "Organisation", input.organisation, "input.organisation")).id,
        title: input.title.trim(),
        current: input.current ?? null,
        yearFrom: input.yearFrom ?? null,
        yearTo: input.yearTo ?? null,
        citationId: input.citation ? await citationFor(w.m, input.citation, "input.citation") : null,
      });
    });
  }

  @Authorized(ORGANISER_OR_ADMIN)
  @Mutation(() => Position, { description: "Ends a position: no longer current, with its last year if known. Organiser or admin." })
  endPosition(
    @Arg("id", () => ID, { description: "The position." }) id: string,
    @Arg("yearTo", () => Int, { nullable: true, description: "Last year held, if known." }) yearTo: number | null,
    @Ctx() ctx: Context,
  ) {
    return runWrite(ctx, "endPosition", (w) =>
      updateAudited(w, Position, "Position", id, (position) => {
        if (yearTo != null) {
          const last = checkYear(yearTo, "yearTo");
          if (position.yearFrom !== null && last < position.yearFrom) throw badInput(`yearTo: ${last} is before yearFrom ${position.yearFrom}`, "yearTo");
          position.yearTo = last;
        }
        position.current = false;
      }),
    );
  }

  @FieldResolver(() => Organisation, { description: "Where the title is held." })
  organisation(@Root() position: Position, @Ctx() ctx: Context) {
    return ctx.loaders.organisation.get(position.organisationId);
  }

  @FieldResolver(() => Citation, { nullable: true, description: "The quote that states this position." })
  source(@Root() position: Position, @Ctx() ctx: Context) {
    return citationOf(position, ctx);
  }
}

@Resolver(() => Seat)
export class SeatResolver {
  @Authorized(ORGANISER_OR_ADMIN)
  @Mutation(() => Seat, { description: "Gives a person a seat at a congress (one per congress). Organiser or admin." })
  addSeat(@Arg("input", () => AddSeatInput, { description: "The seat." }) input: AddSeatInput, @Ctx() ctx: Context) {
    return runWrite(ctx, "addSeat", async (w) => {
      const personId = (await findRef(w.m, Person, "Person", input.person, "input.person")).id;
      const congressId = (await findRef(w.m, Congress, "Congress", input.congress, "input.congress")).id;
      if (await w.m.getRepository(Seat).findOneBy({ personId, congressId })) {
        throw badInput("input.person: already holds a seat at this congress (use updateSeat to correct it)", "input.person");
      }
      return insertAudited(w, Seat, "Seat", {
        personId,
        congressId,
        delegation: input.delegation?.trim() ?? null,
        focus: input.focus ?? null,
        citationId: input.citation ? await citationFor(w.m, input.citation, "input.citation") : null,
      });
    });
  }

  @Authorized(ORGANISER_OR_ADMIN)
  @Mutation(() => Seat, { description: "Corrects a seat's delegation or focus. Organiser or admin." })
  updateSeat(
    @Arg("id", () => ID, { description: "The seat." }) id: string,
    @Arg("input", () => UpdateSeatInput, { description: "What changes." }) input: UpdateSeatInput,
    @Ctx() ctx: Context,
  ) {
    return runWrite(ctx, "updateSeat", (w) =>
      updateAudited(w, Seat, "Seat", id, (seat) =>
        applyPatch(seat, { ...input, delegation: input.delegation?.trim() ?? input.delegation }, ["delegation", "focus"]),
      ),
    );
  }

  @Authorized(ORGANISER_OR_ADMIN)
  @Mutation(() => ID, { description: "Ends (removes) a seat; returns its id. Organiser or admin." })
  endSeat(@Arg("id", () => ID, { description: "The seat." }) id: string, @Ctx() ctx: Context) {
    return runWrite(ctx, "endSeat", (w) => deleteAudited(w, Seat, "Seat", id));
  }

  @FieldResolver(() => Congress, { description: "The congress the seat is at." })
  congress(@Root() seat: Seat, @Ctx() ctx: Context) {
    return ctx.loaders.congress.get(seat.congressId);
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
    return ctx.loaders.sourceDocument.get(citation.documentId);
  }
}
