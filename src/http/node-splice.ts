import {
  getNamedType,
  isObjectType,
  Kind,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
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
 * People the database answers as JSON: the `nodes` of a field that lists people (`people`,
 * `delegates`, a congress's `delegates`, an organisation's `people`), or the `node` of each of its
 * `edges` (Relay's shape). Not a profile page's `person`:
 * the one person and the relations it asks for are one statement already (src/services/people.ts
 * loadPerson), and writing it as JSON measured no faster (two statements then: the person to know
 * it is there, and its JSON).
 */
interface Site {
  /** Response keys from the operation's root to the objects holding the people (connections, edges), through lists' items on the way. */
  path: string[];
  /** The response key of the people in each: a connection's `nodes`, or an edge's `node` (one person). */
  key: string;
  edge: boolean;
  /** NodeJson.compile's statement for their selection. */
  sql: string;
}

/** How an operation's pages of people are answered: `document` is executed, then `sites` are filled in (fillSites). */
export interface Splice {
  document: DocumentNode;
  sites: Site[];
}

/** `{ id }`: what the executor answers of people the database writes; fillSites reads the ids. */
const IDS_ONLY: SelectionSetNode = { kind: Kind.SELECTION_SET, selections: [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: "id" } }] };

/**
 * The pages of people of `operation` whose nodes NodeJson can write, and the document the executor
 * runs in its place: each such `nodes` (or edge's `node`) asks for ids alone, so the executor reads the
 * page (filter, order, cursors, counts: the resolvers' one way) and makes no object of any field
 * of its people. A list is found through fields alone (not fragments), from the root down through
 * objects and lists of them (`congresses { nodes { delegates { nodes } } }`), each field's response
 * key shared with no other selection (fragments merge fields of one key; graphql-js's merging is not
 * repeated here). Null: none.
 */
export function planSplice(schema: GraphQLSchema, json: NodeJson, document: DocumentNode, operation: OperationDefinitionNode): Splice | null {
  const fragments = fragmentsOf(document);
  const sites: Site[] = [];
  const replaced = new Map<FieldNode, FieldNode>();
  const walk = (type: GraphQLObjectType, set: SelectionSetNode, path: string[]) => {
    const keys = keyCounts(set, fragments);
    for (const selection of set.selections) {
      if (selection.kind !== Kind.FIELD || selection.directives?.length || !selection.selectionSet) continue;
      const key = selection.alias?.value ?? selection.name.value;
      const field = type.getFields()[selection.name.value];
      const inner = field && getNamedType(field.type);
      if (!isObjectType(inner) || keys.get(key) !== 1) continue;
      const edge = type.name === "PersonEdge" && selection.name.value === "node";
      if (edge || (type.name === "PersonConnection" && selection.name.value === "nodes")) {
        const sql = json.compile([selection], fragments);
        if (sql !== null) {
          sites.push({ path, key, edge, sql });
          replaced.set(selection, { ...selection, selectionSet: IDS_ONLY });
          continue;
        }
      }
      walk(inner, selection.selectionSet, [...path, key]);
    }
  };
  const root = schema.getQueryType();
  if (root) walk(root, operation.selectionSet, []);
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

function personId(node: unknown): number {
  const { id } = node as { id: string };
  const decoded = fromGlobalId(id);
  if (!decoded) throw new Error(`not a person's id: ${id}`);
  return decoded.id;
}

/** The objects at `path` under `value`, through lists: each connection a site names in the executor's answer. */
function objectsAt(value: unknown, path: readonly string[], at = 0, found: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (value === null || value === undefined) return found;
  if (Array.isArray(value)) for (const item of value) objectsAt(item, path, at, found);
  else if (at === path.length) found.push(value as Record<string, unknown>);
  else objectsAt((value as Record<string, unknown>)[path[at]], path, at + 1, found);
  return found;
}

/**
 * Puts each site's people, as the database writes them, in place of the ids the executor answered
 * (`data`: its answer, without errors): one statement a site, for the people of every connection it
 * names. Rejects when a read fails or a person is gone: the caller then answers the operation as it
 * would without the splice.
 */
export async function fillSites(sites: readonly Site[], data: Record<string, unknown>, ctx: Context): Promise<void> {
  await Promise.all(
    sites.map(async (site) => {
      // The connections or edges in the executor's answer (none where a field on the way answered null).
      const holders = objectsAt(data, site.path);
      const ids = holders.map((holder) => (site.edge ? [holder[site.key]] : (holder[site.key] as unknown[])).map(personId));
      const people = await peopleJson(ctx.read, site.sql, ids.flat());
      let next = 0;
      holders.forEach((holder, i) => {
        const own = people.slice(next, (next += ids[i].length));
        holder[site.key] = new RawJson(site.edge ? own[0] : `[${own.join(",")}]`);
      });
    }),
  );
}
