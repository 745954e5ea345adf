import {
  getNamedType,
  GraphQLObjectType,
  isAbstractType,
  isEnumType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
} from "graphql";
import type { DataSource } from "typeorm";
import { dialectOf, type Dialect, type SqlReader } from "../db";
import { encodeGlobalId, NODE_TYPES, type NodeTypeName } from "../relay/global-id";

/**
 * A page of people written as JSON by the database, in the shape the query asks for: one
 * statement for the page's nodes, and no JavaScript object for any of their fields. A delegates
 * page of 50 people asks for about 1,500 fields; resolving each through the executor cost about
 * twice what reading them costs (bench/README.md, "The delegates page as the database writes it").
 *
 * Only what the database can answer exactly as the resolvers do is compiled: a type's columns
 * (the GraphQL fields without a resolver of their own that name a column: text, numbers, booleans,
 * enums), `id`, `__typename`, the computed fields and relations listed below, through fragments
 * and aliases. Anything else in a selection (a field with arguments, a directive, a field read by
 * a resolver of its own, such as `sources`) leaves the page to the executor: compile answers null.
 */

/**
 * A relation of a type: the row its foreign key names (joined to the parent's row), or the rows
 * `where` names for the parent (a list, read by a subquery), in id order.
 */
type Relation = { type: NodeTypeName; fk: string } | { type: NodeTypeName; where: (parent: string, alias: string) => string };

const one = (type: NodeTypeName, fk: string): Relation => ({ type, fk });
const many = (type: NodeTypeName, fk: string): Relation => ({ type, where: (parent, alias) => `${alias}."${fk}" = ${parent}."id"` });

/** The relations the resolvers answer (src/resolvers), lists in the order they answer them in: by id. */
const RELATIONS: Partial<Record<NodeTypeName, Record<string, Relation>>> = {
  Person: {
    employer: one("Organisation", "employerId"),
    positions: many("Position", "personId"),
    seats: many("Seat", "personId"),
    awards: many("Award", "personId"),
    proposals: {
      type: "Proposal",
      where: (parent, alias) => `${alias}."id" IN (SELECT "proposalId" FROM "proposal_author" WHERE "personId" = ${parent}."id")`,
    },
  },
  Organisation: { parent: one("Organisation", "parentId") },
  Position: { organisation: one("Organisation", "organisationId") },
  Seat: { congress: one("Congress", "congressId") },
  Award: { honour: one("Honour", "honourId") },
  Proposal: { congress: one("Congress", "congressId") },
};

/** Fields computed from a row's columns: the SQL of the entity's getter (Award.year). */
const COMPUTED: Partial<Record<NodeTypeName, Record<string, (alias: string) => string>>> = {
  Award: {
    year: (a) => `CASE WHEN ${a}."yearFrom" IS NOT NULL AND (${a}."yearTo" IS NULL OR ${a}."yearTo" = ${a}."yearFrom") THEN ${a}."yearFrom" END`,
  },
};

/**
 * A global id as the database writes it: the object `{"$":"Type:id"}` (jsonObject writes no
 * spaces). No GraphQL name is "$", and a string's quotes are escaped, so the text `{"$":"` is
 * never anything else.
 */
const ID_MARK = '{"$":"';

/**
 * The database's JSON with each of its ids encoded: a scan with indexOf, twice as fast as a regular
 * expression's replace; the id's text is encoded as it stands (no parse and print of its number).
 */
function encodeIds(json: string): string {
  let out = "";
  let from = 0;
  for (let mark = json.indexOf(ID_MARK); mark >= 0; mark = json.indexOf(ID_MARK, from)) {
    const close = json.indexOf('"}', mark + ID_MARK.length);
    out += json.slice(from, mark) + '"' + encodeGlobalId(json.slice(mark + ID_MARK.length, close)) + '"';
    from = close + 2;
  }
  return out + json.slice(from);
}

/** The most keys of one object: PostgreSQL's concat (jsonObject) takes 100 arguments, two a key. */
const MAX_KEYS = 50;
/**
 * The most rows joined to one row (to-one relations, each a LEFT JOIN): SQLite joins at most 64
 * tables in one FROM. A selection asking for more (aliases of employer { parent { parent … } })
 * is executed field by field rather than sent to fail.
 */
const MAX_JOINS = 32;

class Unsupported extends Error {}

export class NodeJson {
  private readonly dialect: Dialect;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly ds: DataSource,
  ) {
    this.dialect = dialectOf(ds);
  }

  /**
   * The statement answering, for the people whose ids it is given (Dialect.keysParam), each
   * person's id and JSON ("id", "json") as `fields` (the field nodes of a list of Person, merged)
   * select them; null when the selection asks for anything compile does not answer.
   */
  compile(fields: readonly FieldNode[], fragments: Record<string, FragmentDefinitionNode>): string | null {
    const type = this.schema.getType("Person") as GraphQLObjectType;
    let aliases = 0;
    const next = () => `"n${aliases++}"`;
    const table = (name: NodeTypeName) => `"${this.ds.getMetadata(name).tableName}"`;

    const selections = (nodes: readonly FieldNode[]) => nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
    /** The rows of `type` named `alias`, joined in `from` with the rows their to-one relations name (LEFT JOINs added to `joins`). */
    const object = (type: GraphQLObjectType, sets: readonly SelectionSetNode[], alias: string, joins: string[]): string => {
      const typeName = type.name as NodeTypeName;
      if (!(NODE_TYPES as readonly string[]).includes(typeName)) throw new Unsupported();
      const metadata = this.ds.getMetadata(typeName);
      const entries: [string, string][] = [];
      for (const [key, nodes] of collect(this.schema, type, sets, fragments)) {
        const name = nodes[0].name.value;
        if (nodes.some((node) => node.arguments?.length || node.directives?.length)) throw new Unsupported();
        if (name === "__typename") {
          entries.push([key, this.dialect.jsonScalar(`CAST('${typeName}' AS TEXT)`)]);
          continue;
        }
        if (name === "id") {
          entries.push([key, this.dialect.jsonObject([["$", this.dialect.jsonScalar(`'${typeName}:' || ${alias}."id"`)]])]);
          continue;
        }
        const computed = COMPUTED[typeName]?.[name];
        if (computed) {
          entries.push([key, this.dialect.jsonScalar(computed(alias))]);
          continue;
        }
        const relation = RELATIONS[typeName]?.[name];
        if (relation) {
          const inner = next();
          const target = this.schema.getType(relation.type) as GraphQLObjectType;
          if ("fk" in relation) {
            // The row is joined: its object is written with its parent's, never parsed again.
            if (joins.length === MAX_JOINS) throw new Unsupported();
            joins.push(`LEFT JOIN ${table(relation.type)} ${inner} ON ${inner}."id" = ${alias}."${relation.fk}"`);
            entries.push([key, `CASE WHEN ${inner}."id" IS NULL THEN NULL ELSE ${object(target, selections(nodes), inner, joins)} END`]);
          } else {
            const own: string[] = [];
            const value = object(target, selections(nodes), inner, own);
            entries.push([
              key,
              this.dialect.jsonList(value, [`${table(relation.type)} ${inner}`, ...own].join(" "), relation.where(alias, inner), `${inner}."id"`),
            ]);
          }
          continue;
        }
        const field = type.getFields()[name];
        const column = metadata.columns.find((c) => c.propertyName === name);
        const named = field && getNamedType(field.type);
        const listed = field && (isListType(field.type) || (isNonNullType(field.type) && isListType(field.type.ofType)));
        if (!field || field.resolve || !column || column.transformer || listed || !(isScalarType(named) || isEnumType(named))) throw new Unsupported();
        if (isScalarType(named) && !["String", "Int", "Boolean"].includes(named.name)) throw new Unsupported();
        const sql = `${alias}."${column.databaseName}"`;
        entries.push([key, named.name === "Boolean" ? this.dialect.jsonBoolean(sql) : this.dialect.jsonScalar(sql)]);
      }
      if (entries.length === 0 || entries.length > MAX_KEYS) throw new Unsupported();
      return this.dialect.jsonObject(entries);
    };

    try {
      const alias = next();
      const joins: string[] = [];
      const value = object(type, selections(fields), alias, joins);
      return `SELECT ${alias}."id" AS "id", ${value} AS "json" FROM ${[`${table("Person")} ${alias}`, ...joins].join(" ")} WHERE ${this.dialect.inKeys(`${alias}."id"`)}`;
    } catch (error) {
      if (error instanceof Unsupported) return null;
      throw error;
    }
  }
}

/**
 * The fields of `sets` on an object of `type` by response key, in the order they come, through
 * inline fragments and fragment spreads whose type condition `type` meets (graphql-js's
 * collectFields, without directives: compile refuses them).
 */
function collect(
  schema: GraphQLSchema,
  type: GraphQLObjectType,
  sets: readonly SelectionSetNode[],
  fragments: Record<string, FragmentDefinitionNode>,
): Map<string, FieldNode[]> {
  const fields = new Map<string, FieldNode[]>();
  // As graphql-js's doesFragmentConditionMatch: the type itself, or an interface or union that holds it.
  const applies = (condition: string | undefined) => {
    if (!condition || condition === type.name) return true;
    const abstract = schema.getType(condition);
    return isAbstractType(abstract) && schema.isSubType(abstract, type);
  };
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.directives?.length) throw new Unsupported();
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const list = fields.get(key);
        if (list) list.push(selection);
        else fields.set(key, [selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (applies(selection.typeCondition?.name.value)) walk(selection.selectionSet);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments[selection.name.value];
        if (!fragment) throw new Unsupported();
        if (applies(fragment.typeCondition.name.value)) walk(fragment.selectionSet);
      }
    }
  };
  for (const set of sets) walk(set);
  return fields;
}

/**
 * The JSON texts of the people `ids` (in that order) as `sql` (NodeJson.compile) writes them. Fails
 * when one of them is gone (deleted since the page was read): the caller answers the page another way.
 */
export async function peopleJson(read: SqlReader, sql: string, ids: readonly number[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await read.rows<{ id: number; json: string }>(sql, [read.dialect.keysParam(ids)]);
  const byId = new Map(rows.map((row) => [row.id, row.json]));
  return ids.map((id) => {
    const json = byId.get(id);
    if (json === undefined) throw new Error(`person ${id} is gone`);
    return encodeIds(json);
  });
}
