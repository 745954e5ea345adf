import { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, ID, Info, Query, Resolver } from "type-graphql";
import type { Context } from "../context";
import { requireRole } from "../auth/roles";
import { badInput } from "../errors";
import { MAX_PAGE } from "../relay/cursors";
import { fromGlobalId, NodeTypeName } from "../relay/global-id";
import { NodeEntity } from "../relay/node";
import { loadPerson } from "../services/people";

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
  AuditEntry: "auditEntry",
  Statistic: "statistic",
};

/** Fetches any node by global id; null for an id of ours that names nothing (deleted, never existed). */
function loadNode(ctx: Context, id: string, field: string, info: GraphQLResolveInfo): Promise<NodeEntity | null> {
  const decoded = fromGlobalId(id);
  if (!decoded) throw badInput(`${field}: "${id}" is not a global id`, field);
  if (decoded.type === "AuditEntry") requireRole(ctx.viewer, "admin");
  if (decoded.type === "Person") return loadPerson(ctx, decoded.id, info);
  const loader = ctx.loaders[LOADER_OF[decoded.type]] as unknown as { load(id: number): Promise<NodeEntity | null> };
  return loader.load(decoded.id);
}

@Resolver()
export class NodeResolver {
  @Query(() => NodeEntity, { nullable: true, description: "Any object by its global id; null if there is none." })
  node(@Arg("id", () => ID, { description: "A global id." }) id: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loadNode(ctx, id, "id", info);
  }

  @Query(() => [NodeEntity], {
    nullable: "items",
    description: `Objects by global id, in the order asked (at most ${MAX_PAGE}); null where there is none, and for a malformed id also an error at that index.`,
  })
  nodes(@Arg("ids", () => [ID], { description: "Global ids." }) ids: string[], @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    if (ids.length > MAX_PAGE) throw badInput(`ids: at most ${MAX_PAGE} ids, got ${ids.length}`, "ids");
    // An Error in a list item becomes null there plus an error with path ["nodes", i]; the other items stand.
    return Promise.all(
      ids.map((id, i) =>
        Promise.resolve()
          .then(() => loadNode(ctx, id, `ids.${i}`, info))
          .catch((error: unknown) => error),
      ),
    );
  }
}
