import { Arg, Args, Ctx, ID, Query, Resolver } from "type-graphql";
import { SourceDocument } from "../entities";
import type { Context } from "../context";
import { badInput } from "../errors";
import { ConnectionArgs, MAX_PAGE } from "../relay/connection";
import { expectGlobalId, fromGlobalId, NodeTypeName } from "../relay/global-id";
import { NodeEntity } from "../relay/node";
import { paginate } from "../relay/paginate";
import { SourceDocumentConnection } from "./types/connections";

const LOADER_OF: Record<NodeTypeName, keyof Context["loaders"]> = {
  Person: "person",
  Organisation: "organisation",
  Honour: "honour",
  Award: "award",
  Proposal: "proposal",
  Congress: "congress",
  SourceDocument: "sourceDocument",
  Position: "position",
  Seat: "seat",
};

/** Fetches any node by global id; null for an id of ours that names nothing (deleted, never existed). */
function loadNode(ctx: Context, id: string, field: string): Promise<NodeEntity | null> {
  const decoded = fromGlobalId(id);
  if (!decoded) throw badInput(`${field}: "${id}" is not a global id`, field);
  const loader = ctx.loaders[LOADER_OF[decoded.type]] as unknown as { load(id: number): Promise<NodeEntity | null> };
  return loader.load(decoded.id);
}

@Resolver()
export class NodeResolver {
  @Query(() => NodeEntity, { nullable: true, description: "Any object by its global id; null if there is none." })
  node(@Arg("id", () => ID, { description: "A global id." }) id: string, @Ctx() ctx: Context) {
    return loadNode(ctx, id, "id");
  }

  @Query(() => [NodeEntity], {
    nullable: "items",
    description: `Objects by global id, in the order asked (at most ${MAX_PAGE}); null where there is none, and for a malformed id also an error at that index.`,
  })
  nodes(@Arg("ids", () => [ID], { description: "Global ids." }) ids: string[], @Ctx() ctx: Context) {
    if (ids.length > MAX_PAGE) throw badInput(`ids: at most ${MAX_PAGE} ids, got ${ids.length}`, "ids");
    // An Error in a list item becomes null there plus an error with path ["nodes", i]; the other items stand.
    return Promise.all(ids.map((id, i) => Promise.resolve().then(() => loadNode(ctx, id, `ids[${i}]`)).catch((error: unknown) => error)));
  }

  @Query(() => SourceDocument, { nullable: true, description: "A source document by global id; null if there is none." })
  sourceDocument(@Arg("id", () => ID, { description: "Global id of a SourceDocument." }) id: string, @Ctx() ctx: Context) {
    return ctx.loaders.sourceDocument.load(expectGlobalId(id, "SourceDocument", "id"));
  }

  @Query(() => SourceDocumentConnection, { description: "The documents the directory's facts are drawn from." })
  async sourceDocuments(@Args() page: ConnectionArgs, @Ctx() ctx: Context) {
    const qb = ctx.ds.getRepository(SourceDocument).createQueryBuilder("d");
    return new SourceDocumentConnection(await paginate(qb, page, [{ property: "id", direction: "ASC" }]));
  }
}
