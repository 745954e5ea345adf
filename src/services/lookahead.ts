import { GraphQLResolveInfo, Kind, SelectionSetNode } from "graphql";

/**
 * The names of the fields a resolver's own selection asks for, through inline fragments and
 * fragment spreads. Directives are not evaluated: a field under @skip counts as asked for, so a
 * prefetch built on this may read a little more than the answer needs, never less.
 */
export function selectedFieldNames(info: Pick<GraphQLResolveInfo, "fieldNodes" | "fragments">): Set<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        walk(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) walk(node.selectionSet);
  return names;
}

/** Whether a connection's selection asks for anything of its page (edges, nodes, pageInfo), not its totalCount alone. */
export function asksForPage(info: Pick<GraphQLResolveInfo, "fieldNodes" | "fragments">): boolean {
  for (const name of selectedFieldNames(info)) if (name !== "totalCount" && name !== "__typename") return true;
  return false;
}
