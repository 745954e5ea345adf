import {
  DocumentNode,
  getNamedType,
  GraphQLCompositeType,
  GraphQLSchema,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
} from "graphql";
import { getMetadataStorage } from "type-graphql";
import type { ColumnMetadata } from "typeorm/metadata/ColumnMetadata";
import { EntityMetadata } from "typeorm";
import { ColumnSet, columnSet } from "../db/json-rows";
import { fragmentsOf } from "../services/lookahead";

/**
 * Which columns of each entity a request reads, in its loaders and its list pages: the columns
 * behind the fields its operation selects, and every column that no field shows (the id, foreign
 * keys, sort keys: what resolvers, loaders and cursors work with), but none that only SQL reads.
 *
 * Rows were read whole: a 50-row delegates page carried every person's biography, every
 * honour's pinyin and English name and every row's seed key: JSON that SQLite wrote, sqlite3
 * turned into a string and JSON.parse read again, for an answer that shows none
 * of them. Entities of one request all have the same columns (one operation), so a row held by
 * a loader serves every field that operation can ask of it.
 */

/** Columns only SQL reads (search, sorting, the seed loader): never part of an entity read for an answer. */
const SQL_ONLY: Record<string, readonly string[]> = {
  "*": ["seedKey"],
  Person: ["namePinyinKey", "nameInitials"],
};

/**
 * Fields computed from columns that fields of other names show: the field also needs them; and
 * a person's employer, the one reader of its key, so that a page of people asked for their ids
 * alone reads no person (src/relay/cursors.ts, pageQuery). Every other resolver reads columns no
 * field shows (foreign keys, citationId), which are always read. tests/projection.test.ts asks
 * every field of every type alone and compares with whole rows.
 */
const ALSO_READS: Record<string, Record<string, readonly string[]>> = {
  Award: { year: ["yearFrom", "yearTo"] },
  Organisation: { nameDerived: ["nameAsWritten"] },
  Person: { employer: ["employerId"] },
};

/**
 * Columns a field of another type reads: always read. Person.currentPositions keeps the
 * positions whose `current` is true, whether or not the operation shows `current`.
 */
const ALWAYS_READ: Record<string, readonly string[]> = {
  Position: ["current"],
};

/** What each column of an entity needs to be read: always, never, or one of the fields that show it. */
interface EntityColumns {
  /** The entity's GraphQL object type. */
  typeName: string;
  /** The columns an entity is read with: TypeORM's own reads leave out those marked `select: false`, and so do the app's. */
  columns: ColumnMetadata[];
  /** Per column of `columns`: null = always; [] = never; else the GraphQL fields that show it. */
  shownBy: (readonly string[] | null)[];
  all: ColumnSet;
}

const entityColumns = new WeakMap<EntityMetadata, EntityColumns>();

function columnsOfEntity(metadata: EntityMetadata): EntityColumns {
  let known = entityColumns.get(metadata);
  if (known) return known;
  const storage = getMetadataStorage();
  const cls = metadata.target as new () => object;
  // type-graphql fields of the class and its superclasses, by the property they show
  const fields = storage.fields.filter((f) => f.target === cls || cls.prototype instanceof f.target);
  const typeName = storage.objectTypes.find((o) => o.target === cls)?.name ?? metadata.name;
  const sqlOnly = new Set([...SQL_ONLY["*"], ...(SQL_ONLY[typeName] ?? [])]);
  const also = ALSO_READS[typeName] ?? {};
  const always = ALWAYS_READ[typeName] ?? [];
  const columns = metadata.columns.filter((c) => c.isSelect);
  const shownBy = columns.map((c) => {
    if (sqlOnly.has(c.propertyName)) return [];
    if (always.includes(c.propertyName)) return null;
    const by = fields.filter((f) => f.name === c.propertyName).map((f) => f.schemaName);
    for (const [field, columns] of Object.entries(also)) if (columns.includes(c.propertyName)) by.push(field);
    return by.length ? by : null;
  });
  known = { typeName, columns, shownBy, all: columnSet(columns) };
  entityColumns.set(metadata, known);
  return known;
}

/** The fields an operation selects, per object type: a projection's input. */
type Selected = ReadonlyMap<string, ReadonlySet<string>>;

export class Projection {
  /** Every column of every entity: what reads outside an operation get (exports, tests). */
  static readonly ALL = new Projection(null);

  private readonly sets = new Map<string, ColumnSet>();

  /** `selected` null: every column. */
  constructor(private readonly selected: Selected | null) {}

  /**
   * The columns to read of `metadata`'s rows, in metadata order, plus the properties `also`
   * names (a list's sort keys, which its cursors hold).
   */
  columns(metadata: EntityMetadata, also: readonly string[] = []): ColumnSet {
    const entity = columnsOfEntity(metadata);
    if (this.selected === null) return entity.all;
    const cacheKey = also.length ? `${metadata.name} ${also.join(",")}` : metadata.name;
    let set = this.sets.get(cacheKey);
    if (!set) {
      const fields = this.selected.get(entity.typeName) ?? new Set<string>();
      set = columnSet(
        entity.columns.filter((c, i) => {
          const by = entity.shownBy[i];
          return by === null || by.some((f) => fields.has(f)) || also.includes(c.propertyName);
        }),
      );
      this.sets.set(cacheKey, set);
    }
    return set;
  }
}

/**
 * The projection of one operation of `document` (src/http/operation.ts keeps it per operation).
 * Directives are not evaluated: a field under @skip counts as selected, which reads
 * a column too many, never one too few.
 */
export function projectionOf(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): Projection {
  return new Projection(selectedFields(schema, document, operation));
}

/** Every (object type, field) the operation can resolve: a field asked of an interface or union counts for each of its types. */
function selectedFields(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): Selected {
  const fragments = fragmentsOf(document);
  const selected = new Map<string, Set<string>>();
  const walked = new Set<string>();
  const walk = (type: GraphQLCompositeType, set: SelectionSetNode) => {
    const types = isAbstractType(type) ? schema.getPossibleTypes(type) : [type];
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        for (const t of types) {
          let fields = selected.get(t.name);
          if (!fields) selected.set(t.name, (fields = new Set()));
          fields.add(name);
        }
        const definition = isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
        const inner = definition && getNamedType(definition.type);
        if (selection.selectionSet && inner && isCompositeType(inner)) walk(inner, selection.selectionSet);
      } else {
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments[selection.name.value];
        if (!fragment) continue;
        const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
        if (!condition || !isCompositeType(condition)) continue;
        // a fragment spread twice under the same type adds nothing the second time
        if (selection.kind === Kind.FRAGMENT_SPREAD) {
          const seen = `${selection.name.value} ${type.name}`;
          if (walked.has(seen)) continue;
          walked.add(seen);
        }
        walk(condition, fragment.selectionSet);
      }
    }
  };
  const root = schema.getRootType(operation.operation);
  if (root) walk(root, operation.selectionSet);
  return selected;
}
