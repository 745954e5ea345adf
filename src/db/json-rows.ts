import type { DataSource, EntityMetadata, ObjectLiteral } from "typeorm";
import type { ColumnMetadata } from "typeorm/metadata/ColumnMetadata";
import type { Dialect } from "./dialect";

/**
 * Entity rows read as one JSON array, built by the engine (Dialect.jsonArrays) and parsed once:
 * cheaper than a driver making an object of every row, and one value per read, so that a
 * request's reads of one tick can share a statement (src/db/read-batch.ts). hydrate, below,
 * makes the entities from the parsed rows.
 */

/** Columns of one entity to read (all of them, or a projection's choice) and a short key naming the choice. */
export interface ColumnSet {
  readonly columns: readonly ColumnMetadata[];
  readonly key: string;
}

/** The set of `columns` (in the order given: the entity's metadata order). */
export function columnSet(columns: readonly ColumnMetadata[]): ColumnSet {
  return { columns, key: columns.map((c) => c.propertyName).join(",") };
}

/**
 * A query answering one column, "rows": the JSON array of the rows of `from` (a table with
 * conditions, or a subquery), in `orderBy` order (null: in no particular order), each row an array
 * of the values of `set`'s columns, in its order (hydrate, below, names them). `column` names a
 * column as `from` exposes it.
 * Arrays rather than objects: keys repeated on every row were most of the text, and every character
 * costs three times: the engine writing it, the driver turning it into a JS string, JSON.parse reading it.
 */
export function jsonRowsQuery(
  dialect: Dialect,
  set: ColumnSet,
  from: string,
  orderBy: string | null,
  column: (c: ColumnMetadata) => string = (c) => `"${c.databaseName}"`,
): string {
  return dialect.jsonArrays(set.columns.map(column), from, orderBy);
}

/**
 * The columns whose JSON value is not yet the property's value (booleans, dates, JSON): TypeORM
 * converts those, as its own hydration would. Integers and text are already right as parsed.
 */
const AS_READ = new Set<unknown>(["integer", "int", "varchar", "text", Number, String]);

interface Layout {
  /** Property names, in the order of jsonRowsQuery's values. */
  names: string[];
  /** Per column, the column to convert, or null when the parsed value is already right. */
  convert: (ColumnMetadata | null)[];
}
const layouts = new WeakMap<ColumnSet, Layout>();

function layoutOf(metadata: EntityMetadata, set: ColumnSet): Layout {
  let layout = layouts.get(set);
  if (!layout) {
    if (set.columns.some((c) => c.embeddedMetadata || c.isVirtual)) throw new Error(`json-rows: ${metadata.name} has embedded or virtual columns`);
    layout = {
      names: set.columns.map((c) => c.propertyName),
      convert: set.columns.map((c) => (!AS_READ.has(c.type) || c.transformer ? c : null)),
    };
    layouts.set(set, layout);
  }
  return layout;
}

/**
 * The entities of the rows that jsonRowsQuery answered for `set`, parsed; columns outside the set
 * are left out (undefined). Each is made as TypeORM's own hydration makes entities, without
 * calling the constructor (EntityMetadata.create with fromDeserializer): an object of the entity's
 * prototype, its properties set in column order, so that all rows of one set share a hidden class.
 */
export function hydrate<E extends ObjectLiteral>(ds: DataSource, metadata: EntityMetadata, set: ColumnSet, values: unknown[][]): E[] {
  const { names, convert } = layoutOf(metadata, set);
  const prototype = (metadata.target as { prototype: object }).prototype;
  const entities = new Array<E>(values.length);
  for (let r = 0; r < values.length; r++) {
    const row = values[r];
    const entity = Object.create(prototype) as Record<string, unknown>;
    for (let i = 0; i < names.length; i++) {
      const c = convert[i];
      entity[names[i]] = c === null ? row[i] : ds.driver.prepareHydratedValue(row[i], c);
    }
    entities[r] = entity as E;
  }
  return entities;
}
