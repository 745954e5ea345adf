import {
  getNamedType,
  Kind,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import type { Context } from "../context";
import { fromGlobalId } from "../relay/global-id";
import { fieldsIn, fragmentsOf } from "../services/lookahead";
import { NodeJson, peopleJson } from "../services/node-json";
import { RawJson } from "./raw-json";

/**
 * A list of people the database answers as JSON: `nodes` of a root field that lists people
 * (`people`, `delegates`). Not a profile page's `person`: the one person and the relations it asks
 * for are one statement already (src/services/people.ts loadPerson), and writing it as JSON measured
 * no faster (two statements then: the person to know it is there, and its JSON).
 */
interface Site {
  /** Response keys of the root field and of its `nodes`. */
  root: string;
  nodes: string;
  /** NodeJson.compile's statement for the selection of `nodes`. */
  sql: string;
}

/** How an operation's pages of people are answered: `document` is executed, then `sites` are filled in (fillSites). */
export interface Splice {
  document: DocumentNode;
  sites: Site[];
}

/** `nodes { id }`: what the executor answers of a page whose nodes the database writes; fillSites reads the ids. */
const IDS_ONLY: SelectionSetNode = { kind: Kind.SELECTION_SET, selections: [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: "id" } }] };

/**
 * The pages of people of `operation` whose nodes NodeJson can write, and the document the executor
 * runs in its place: each such `nodes` asks for its people's ids alone, so the executor reads the
 * page (filter, order, cursors, counts: the resolvers' one way) and makes no object of any field
 * of its people. Only a root field's own `nodes`, whose response key no other selection shares
 * (fragments merge fields of one key; graphql-js's merging is not repeated here). Null: none.
 */
export function planSplice(schema: GraphQLSchema, json: NodeJson, document: DocumentNode, operation: OperationDefinitionNode): Splice | null {
  const fragments = fragmentsOf(document);
  const rootFields = schema.getQueryType()?.getFields() ?? {};
  const rootKeys = keyCounts(operation.selectionSet, fragments);
  const sites: Site[] = [];
  const replaced = new Map<FieldNode, FieldNode>();
  for (const root of operation.selectionSet.selections) {
    if (root.kind !== Kind.FIELD || root.directives?.length || !root.selectionSet) continue;
    const field = rootFields[root.name.value];
    const rootKey = root.alias?.value ?? root.name.value;
    if (!field || getNamedType(field.type).name !== "PersonConnection" || rootKeys.get(rootKey) !== 1) continue;
    const keys = keyCounts(root.selectionSet, fragments);
    for (const nodes of root.selectionSet.selections) {
      if (nodes.kind !== Kind.FIELD || nodes.name.value !== "nodes" || nodes.directives?.length) continue;
      const nodesKey = nodes.alias?.value ?? nodes.name.value;
      if (keys.get(nodesKey) !== 1) continue;
      const sql = json.compile([nodes], fragments);
      if (sql === null) continue;
      sites.push({ root: rootKey, nodes: nodesKey, sql });
      replaced.set(nodes, { ...nodes, selectionSet: IDS_ONLY });
    }
  }
  if (sites.length === 0) return null;
  return { document: visit(document, { Field: (node) => replaced.get(node) }), sites };
}

/** How many fields of `set` answer under each response key, through fragments. */
function keyCounts(set: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const field of fieldsIn([set], fragments)) {
    const key = field.alias?.value ?? field.name.value;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function personId(node: Record<string, unknown>): number {
  const decoded = fromGlobalId(node.id as string);
  if (!decoded) throw new Error(`not a person's id: ${String(node.id)}`);
  return decoded.id;
}

/**
 * Puts each site's people, as the database writes them, in place of the ids the executor answered
 * (`data`: its answer, without errors). Rejects when a read fails or a person is gone: the caller
 * then answers the operation as it would without the splice.
 */
export async function fillSites(sites: readonly Site[], data: Record<string, unknown>, ctx: Context): Promise<void> {
  await Promise.all(
    sites.map(async (site) => {
      // The executor's answer: the connection, or null when the field answered nothing.
      const answer = data[site.root] as Record<string, unknown> | null;
      if (!answer) return;
      const people = await peopleJson(ctx.read, ctx.deadline, site.sql, (answer[site.nodes] as Record<string, unknown>[]).map(personId));
      answer[site.nodes] = new RawJson(`[${people.join(",")}]`);
    }),
  );
}
