import { DataSource, EntityMetadata, ObjectLiteral } from "typeorm";
import type { ColumnMetadata } from "typeorm/metadata/ColumnMetadata";

/**
 * Entity rows read as one JSON array. sqlite3 turns every column of every row into an object
 * property through N-API, about 0.4 µs a value (148 awards x 13 columns: 0.94 ms); SQLite
 * building the array (json_group_array of json_object) and JSON.parse reading it takes half
 * that. The objects JSON.parse makes become the entities (hydrate, below).
 * SQLite-specific, like json_each: PostgreSQL would use json_agg(json_build_object(…)).
 */

/**
 * A query answering one column, "rows": the JSON array of the rows of `from` (a table with
 * conditions, or a subquery), in `orderBy` order, each row keyed by the entity's property names.
 * `column` names a column as `from` exposes it.
 */
export function jsonRowsQuery(metadata: EntityMetadata, from: string, orderBy: string, column: (c: ColumnMetadata) => string = (c) => `"${c.databaseName}"`): string {
  const fields = metadata.columns.map((c) => `'${c.propertyName}', ${column(c)}`).join(", ");
  return `SELECT json_group_array(json_object(${fields}) ORDER BY ${orderBy}) AS "rows" FROM ${from}`;
}

/**
 * The columns whose JSON value is not yet the property's value (booleans, dates, JSON): TypeORM
 * converts those, as its own hydration would. Integers and text are already right as parsed.
 */
const AS_READ = new Set<unknown>(["integer", "int", "varchar", "text", Number, String]);
const converted = new WeakMap<EntityMetadata, ColumnMetadata[]>();

function convertedColumns(metadata: EntityMetadata): ColumnMetadata[] {
  let columns = converted.get(metadata);
  if (!columns) {
    if (metadata.columns.some((c) => c.embeddedMetadata || c.isVirtual)) throw new Error(`json-rows: ${metadata.name} has embedded or virtual columns`);
    columns = metadata.columns.filter((c) => !AS_READ.has(c.type) || c.transformer);
    converted.set(metadata, columns);
  }
  return columns;
}

/**
 * The entities in a JSON array that jsonRowsQuery answered. The parsed objects become the
 * entities: their prototype is set to the entity class's, as TypeORM's own hydration makes
 * entities without calling the constructor (EntityMetadata.create with fromDeserializer). Copying
 * each value into a new instance doubled the allocation and was a tenth of a page's main thread.
 */
export function hydrate<E extends ObjectLiteral>(ds: DataSource, metadata: EntityMetadata, rows: string): E[] {
  const columns = convertedColumns(metadata);
  const prototype = (metadata.target as Function).prototype;
  const entities = JSON.parse(rows) as Record<string, unknown>[];
  for (const entity of entities) {
    Object.setPrototypeOf(entity, prototype);
    for (const c of columns) entity[c.propertyName] = ds.driver.prepareHydratedValue(entity[c.propertyName], c);
  }
  return entities as E[];
}
