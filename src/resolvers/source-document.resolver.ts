import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { ORGANISER_OR_ADMIN } from "../auth/roles";
import { SourceDocument } from "../entities";
import type { Context } from "../context";
import { ConnectionArgs } from "../relay/connection";
import { expectGlobalId } from "../relay/global-id";
import { paginate } from "../relay/paginate";
import { applyPatch, insertAudited, runWrite, updateAudited } from "../services/write";
import { SourceDocumentConnection } from "./types/connections";
import { CreateSourceDocumentInput, UpdateSourceDocumentInput } from "./types/source-document.input";

@Resolver(() => SourceDocument)
export class SourceDocumentResolver {
  @Query(() => SourceDocument, { nullable: true, description: "A source document by global id; null if there is none." })
  sourceDocument(@Arg("id", () => ID, { description: "Global id of a SourceDocument." }) id: string, @Ctx() ctx: Context) {
    return ctx.loaders.sourceDocument.load(expectGlobalId(id, "SourceDocument", "id"));
  }

  @Query(() => SourceDocumentConnection, { description: "The documents the directory's facts are drawn from." })
  async sourceDocuments(@Args() page: ConnectionArgs, @Ctx() ctx: Context) {
    const qb = ctx.ds.getRepository(SourceDocument).createQueryBuilder("d");
    return new SourceDocumentConnection(await paginate(qb, page, [{ property: "id", direction: "ASC" }], ctx));
  }

  @Authorized(ORGANISER_OR_ADMIN)
  @Mutation(() => SourceDocument, { description: "Adds a document, verbatim, so facts can cite it. Organiser or admin." })
  createSourceDocument(@Arg("input", () => CreateSourceDocumentInput, { description: "The document." }) input: CreateSourceDocumentInput, @Ctx() ctx: Context) {
    return runWrite(ctx, "createSourceDocument", (w) =>
      insertAudited(w, SourceDocument, "SourceDocument", {
        title: input.title.trim(),
        byline: input.byline ?? null,
        text: input.text,
        seedKey: null,
        url: input.url ?? null,
        publisher: input.publisher ?? null,
        publishedOn: input.publishedOn ?? null,
      }),
    );
  }

  @Authorized(ORGANISER_OR_ADMIN)
  @Mutation(() => SourceDocument, { description: "Corrects a document's particulars (not its text): fields left out stay, null clears. Organiser or admin." })
  updateSourceDocument(
    @Arg("id", () => ID, { description: "The document." }) id: string,
    @Arg("input", () => UpdateSourceDocumentInput, { description: "What changes." }) input: UpdateSourceDocumentInput,
    @Ctx() ctx: Context,
  ) {
    return runWrite(ctx, "updateSourceDocument", (w) =>
      updateAudited(w, SourceDocument, "SourceDocument", id, (document) => {
        applyPatch(document, { ...input, title: input.title?.trim() ?? input.title }, ["title", "byline", "url", "publisher", "publishedOn"], ["title"]);
      }),
    );
  }
}
