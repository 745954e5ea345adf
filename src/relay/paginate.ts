import { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { DriverUtils } from "typeorm/driver/DriverUtils";
import type { ColumnMetadata } from "typeorm/metadata/ColumnMetadata";
import { hydrate, jsonRowsQuery } from "../db/json-rows";
import type { Projection } from "../loaders/projection";
import { badInput } from "../errors";
import { ConnectionArgs, DEFAULT_PAGE, MAX_PAGE, Page } from "./connection";

export type Direction = "ASC" | "DESC";

/** One key of a list's order: an entity property (a non-null column) and its direction. */
export interface SortKey {
  property: string;
  direction: Direction;
}

let paramSeq = 0;

function checkSize(value: number | null | undefined, field: "first" | "last"): number | null {
  if (value === null || value === undefined) return null;
  if (value < 0) throw badInput(`${field} must not be negative, got ${value}`, field);
  if (value > MAX_PAGE) throw badInput(`${field} may be at most ${MAX_PAGE}, got ${value}`, field);
  return value;
}

/** Keys whose cursor values must be positive integers: row ids, and positions in a ranked list. */
const INTEGER_KEYS = new Set(["id", "position"]);

/** What a cursor is valid for: the sort keys it holds values of, e.g. "nameSortKey ASC,id ASC". */
function orderSignature(keys: SortKey[]): string {
  return keys.map((k) => `${k.property} ${k.direction}`).join(",");
}

function encodeCursor(signature: string, values: unknown[]): string {
  return Buffer.from(JSON.stringify([signature, ...values]), "utf8").toString("base64");
}

/**
 * The sort values a cursor holds. A cursor made under another order (or by hand) is refused:
 * compared against the wrong columns it would silently skip rows.
 */
function decodeCursor(cursor: string, keys: SortKey[], field: "after" | "before"): unknown[] {
  try {
    const [signature, ...values] = JSON.parse(Buffer.from(cursor, "base64").toString("utf8"));
    const valid =
      signature === orderSignature(keys) &&
      values.length === keys.length &&
      values.every((v: unknown, i: number) =>
        // every sort key but ids and positions is a text column
        INTEGER_KEYS.has(keys[i].property) ? Number.isSafeInteger(v) && (v as number) > 0 : typeof v === "string",
      );
    if (valid) return values;
  } catch {
    // fall through: not one of our cursors
  }
  throw badInput(`${field}: "${cursor}" is not a cursor of this list in this order`, field);
}

/**
 * Adds "comes after `values` in this order" (or before, with `invert`) as a keyset condition:
 * (k1 > v1) OR (k1 = v1 AND k2 > v2) OR … — portable SQL, and it uses the sort indexes.
 */
function whereBeyond<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, keys: SortKey[], values: unknown[], invert: boolean) {
  const seq = ++paramSeq;
  const params: Record<string, unknown> = {};
  const ors: string[] = [];
  keys.forEach((key, i) => {
    const ands = keys.slice(0, i).map((k, j) => `${qb.alias}.${k.property} = :c${seq}_${j}`);
    const ascending = (key.direction === "ASC") !== invert;
    ands.push(`${qb.alias}.${key.property} ${ascending ? ">" : "<"} :c${seq}_${i}`);
    ors.push(`(${ands.join(" AND ")})`);
    params[`c${seq}_${i}`] = values[i];
  });
  qb.andWhere(`(${ors.join(" OR ")})`, params);
}

/**
 * The rows of an ordered, limited query over one entity (alias columns as TypeORM names them),
 * read as one JSON array (src/db/json-rows.ts) in the same order: the projection's columns and the
 * sort keys, which the cursors hold.
 */
async function pageRows<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, keys: SortKey[], backwards: boolean, projection: Projection): Promise<T[]> {
  const metadata = qb.expressionMap.mainAlias!.metadata;
  const set = projection.columns(metadata, keys.map((k) => k.property));
  const [sql, params] = qb.select(set.columns.map((c) => `${qb.alias}.${c.propertyName}`)).getQueryAndParameters();
  const aliased = (c: ColumnMetadata) => `"${DriverUtils.buildAlias(qb.connection.driver, undefined, qb.alias, c.databaseName)}"`;
  const order = keys
    .map((k) => `${aliased(metadata.findColumnWithPropertyName(k.property)!)} ${(k.direction === "ASC") !== backwards ? "ASC" : "DESC"}`)
    .join(", ");
  const [{ rows }] = await qb.connection.query(jsonRowsQuery(set, `(${sql}) "page"`, order, aliased), params);
  return hydrate<T>(qb.connection, metadata, set, JSON.parse(rows));
}

/** The number of items a page asks for (`first`, else `last`, else the default), checked. */
export function pageSize(args: ConnectionArgs): number {
  const first = checkSize(args.first, "first");
  const last = checkSize(args.last, "last");
  if (first !== null && last !== null) throw badInput("pass first or last, not both", "last");
  return last ?? first ?? DEFAULT_PAGE;
}

/**
 * Relay cursor pagination over a filtered query, both ways. Keyset cursors hold the sort values
 * of the row, so a page costs one indexed query however deep it is; `id` breaks ties. Rows have
 * the columns of the request's `projection` (src/loaders/projection.ts). `count` replaces the
 * default total (a COUNT over `base`) when the caller has a cheaper one.
 */
export async function paginate<T extends ObjectLiteral>(
  base: SelectQueryBuilder<T>,
  args: ConnectionArgs,
  order: SortKey[],
  { projection, count = () => base.clone().getCount() }: { projection: Projection; count?: () => Promise<number> },
): Promise<Page<T>> {
  const size = pageSize(args);
  const last = args.last ?? null;
  const keys = order.some((k) => k.property === "id")
    ? order
    : [...order, { property: "id", direction: order.length ? order[order.length - 1].direction : "ASC" } as SortKey];
  const after = args.after ? decodeCursor(args.after, keys, "after") : null;
  const before = args.before ? decodeCursor(args.before, keys, "before") : null;

  const qb = base.clone();
  if (after) whereBeyond(qb, keys, after, false);
  if (before) whereBeyond(qb, keys, before, true);

  const backwards = last !== null;
  for (const [i, key] of keys.entries()) {
    const ascending = (key.direction === "ASC") !== backwards;
    const column = `${qb.alias}.${key.property}`;
    if (i === 0) qb.orderBy(column, ascending ? "ASC" : "DESC");
    else qb.addOrderBy(column, ascending ? "ASC" : "DESC");
  }
  const rows = await pageRows(qb.take(undefined).limit(size + 1), keys, backwards, projection);
  const more = rows.length > size;
  const nodes = rows.slice(0, size);
  if (backwards) nodes.reverse();

  const signature = orderSignature(keys);
  const edges = nodes.map((node) => ({ node, cursor: encodeCursor(signature, keys.map((k) => (node as Record<string, unknown>)[k.property])) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: backwards ? before !== null : more,
      hasPreviousPage: backwards ? more : after !== null,
      startCursor: edges.length ? edges[0].cursor : null,
      endCursor: edges.length ? edges[edges.length - 1].cursor : null,
    },
    totalCount: count,
  };
}

/**
 * Relay pagination over a list already in memory (ranked search results): cursors are positions.
 * Both directions behave as `paginate` does.
 */
export function paginateList<T>(items: T[], args: ConnectionArgs): Page<T> {
  const size = pageSize(args);
  const last = args.last ?? null;
  const positionKey: SortKey[] = [{ property: "position", direction: "ASC" }];
  const position = (cursor: string, field: "after" | "before") => (decodeCursor(cursor, positionKey, field)[0] as number) - 1;
  let start = args.after ? position(args.after, "after") + 1 : 0;
  let end = args.before ? Math.min(position(args.before, "before"), items.length) : items.length;
  end = Math.max(start, end);
  const windowStart = start;
  const windowEnd = end;
  if (last !== null) start = Math.max(start, end - size);
  else end = Math.min(end, start + size);
  const signature = orderSignature(positionKey);
  // Positions are stored 1-based, as every integer key is positive.
  const edges = items.slice(start, end).map((node, i) => ({ node, cursor: encodeCursor(signature, [start + i + 1]) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: end < windowEnd || (last !== null && args.before != null && end < items.length),
      hasPreviousPage: start > windowStart || (last === null && args.after != null && start > 0),
      startCursor: edges.length ? edges[0].cursor : null,
      endCursor: edges.length ? edges[edges.length - 1].cursor : null,
    },
    totalCount: async () => items.length,
  };
}
