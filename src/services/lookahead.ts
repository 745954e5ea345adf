import { DocumentNode, FieldNode, GraphQLResolveInfo, Kind, SelectionSetNode } from "graphql";

type Selection = Pick<GraphQLResolveInfo, "fieldNodes" | "fragments">;

/** The fragments `document` defines, by name, as a resolver's info holds them (no prototype: a spread of "constructor" finds nothing). */
export function fragmentsOf(document: DocumentNode): Selection["fragments"] {
  const fragments: Selection["fragments"] = Object.create(null) as Selection["fragments"];
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  return fragments;
}

/** The fields the selection sets of `fieldNodes` ask for, through inline fragments and fragment spreads (each spread read once). */
function fieldsOf(fieldNodes: readonly FieldNode[], fragments: Selection["fragments"]): FieldNode[] {
  return fieldsIn(
    fieldNodes.map((node) => node.selectionSet),
    fragments,
  );
}

/** The fields `sets` ask for, through inline fragments and fragment spreads (each spread read once, as graphql-js collects them). */
export function fieldsIn(sets: readonly (SelectionSetNode | undefined)[], fragments: Selection["fragments"]): FieldNode[] {
  const fields: FieldNode[] = [];
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        walk(fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const set of sets) walk(set);
  return fields;
}

/**
 * The names of the fields a resolver's own selection asks for, through inline fragments and
 * fragment spreads. Directives are not evaluated: a field under @skip counts as asked for, so a
 * prefetch built on this may read a little more than the answer needs, never less.
 */
export function selectedFieldNames(info: Selection): Set<string> {
  return new Set(fieldsOf(info.fieldNodes, info.fragments).map((field) => field.name.value));
}

/** The names of the fields a connection's selection asks of each node: under `nodes` and under `edges { node }`. */
export function nodeFieldNames(info: Selection): Set<string> {
  const named = (fields: FieldNode[], name: string) => fields.filter((field) => field.name.value === name);
  const connection = fieldsOf(info.fieldNodes, info.fragments);
  const nodes = [...named(connection, "nodes"), ...named(fieldsOf(named(connection, "edges"), info.fragments), "node")];
  return selectedFieldNames({ fieldNodes: nodes, fragments: info.fragments });
}

/** Whether a connection's selection asks for anything of its page (edges, nodes, pageInfo), not its totalCount alone. */
export function asksForPage(info: Selection): boolean {
  for (const name of selectedFieldNames(info)) if (name !== "totalCount" && name !== "__typename") return true;
  return false;
}
