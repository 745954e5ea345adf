import { EntityMetadata, ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { DriverUtils } from "typeorm/driver/DriverUtils";
import type { ColumnMetadata } from "typeorm/metadata/ColumnMetadata";
import { ColumnSet, hydrate, jsonRowsQuery } from "../db/json-rows";
import type { Projection } from "../loaders/projection";
import type { Context } from "../context";
import { withinDeadline } from "../db/statement-queue";
import { badInput } from "../errors";
import type { Sql } from "../db/sql";
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

/** Which way a page reads its list: `keys` order, or backwards for `last`. */
export interface PageRequest {
  /** The list's order, ending with `id` (the tie-breaker). */
  keys: SortKey[];
  /** Sort values the rows must come after, and before (decoded cursors). */
  after: unknown[] | null;
  before: unknown[] | null;
  /** Read from the end of the list (`last`): rows come back in reverse order. */
  backwards: boolean;
  /** Rows to read at most (one more than the page, to know whether there are more). */
  limit: number;
}

/**
 * "Comes after `values` in this order" (or before, with `invert`) as a keyset condition, with
 * `column` naming each sort key's column and the values bound by position:
 * (k1 > v1) OR (k1 = v1 AND k2 > v2) OR … — portable SQL, and it uses the sort indexes.
 */
export function keysetCondition(keys: SortKey[], values: unknown[], invert: boolean, column: (property: string) => string): Sql {
  const ors: string[] = [];
  const params: unknown[] = [];
  keys.forEach((key, i) => {
    const ands = keys.slice(0, i).map((k, j) => {
      params.push(values[j]);
      return `${column(k.property)} = ?`;
    });
    const ascending = (key.direction === "ASC") !== invert;
    ands.push(`${column(key.property)} ${ascending ? ">" : "<"} ?`);
    params.push(values[i]);
    ors.push(`(${ands.join(" AND ")})`);
  });
  return { text: `(${ors.join(" OR ")})`, params };
}

/** The direction a key is read in, `backwards` or not. */
function directionOf(key: SortKey, backwards: boolean): Direction {
  return (key.direction === "ASC") !== backwards ? "ASC" : "DESC";
}

/** ORDER BY terms of a page read `backwards` or not, each key's column named by `column`. */
export function orderTerms(keys: SortKey[], backwards: boolean, column: (property: string) => string): string {
  return keys.map((k) => `${column(k.property)} ${directionOf(k, backwards)}`).join(", ");
}

/** The columns a page reads: the projection's, and the sort keys, which its cursors hold. */
export function pageColumns(projection: Projection, metadata: EntityMetadata, req: PageRequest): ColumnSet {
  return projection.columns(metadata, req.keys.map((k) => k.property));
}

/**
 * The rows of a page of a TypeORM query over one entity, read as one JSON array
 * (src/db/json-rows.ts) in the page's order: the projection's columns and the sort keys, which
 * the cursors hold.
 */
async function queryBuilderRows<T extends ObjectLiteral>(base: SelectQueryBuilder<T>, req: PageRequest, projection: Projection): Promise<T[]> {
  const qb = base.clone();
  const metadata = qb.expressionMap.mainAlias!.metadata;
  const property = (p: string) => `${qb.alias}.${p}`;
  for (const [values, invert] of [[req.after, false], [req.before, true]] as const) {
    if (!values) continue;
    // TypeORM takes named parameters only
    const condition = keysetCondition(req.keys, values, invert, property);
    const seq = ++paramSeq;
    let i = 0;
    const params: Record<string, unknown> = {};
    qb.andWhere(
      condition.text.replace(/\?/g, () => {
        params[`c${seq}_${i}`] = condition.params[i];
        return `:c${seq}_${i++}`;
      }),
      params,
    );
  }
  req.keys.forEach((key, i) => {
    if (i === 0) qb.orderBy(property(key.property), directionOf(key, req.backwards));
    else qb.addOrderBy(property(key.property), directionOf(key, req.backwards));
  });
  const set = pageColumns(projection, metadata, req);
  const [sql, params] = qb
    .select(set.columns.map((c) => property(c.propertyName)))
    .take(undefined)
    .limit(req.limit)
    .getQueryAndParameters();
  const aliased = (c: ColumnMetadata) => `"${DriverUtils.buildAlias(qb.connection.driver, undefined, qb.alias, c.databaseName)}"`;
  const order = orderTerms(req.keys, req.backwards, (p) => aliased(metadata.findColumnWithPropertyName(p)!));
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
 * Relay cursor pagination over a filtered TypeORM query, both ways. Keyset cursors hold the sort
 * values of the row, so a page costs one indexed query however deep it is; `id` breaks ties.
 * Rows have the columns of the request's projection (src/loaders/projection.ts); neither the page
 * nor its count starts past the request's deadline.
 */
export function paginate<T extends ObjectLiteral>(
  base: SelectQueryBuilder<T>,
  args: ConnectionArgs,
  order: SortKey[],
  ctx: Pick<Context, "loaders" | "deadline">,
): Promise<Page<T>> {
  const { projection } = ctx.loaders;
  return paginateRows(
    args,
    order,
    (req) => withinDeadline(ctx.deadline, () => queryBuilderRows(base, req, projection)),
    () => withinDeadline(ctx.deadline, () => base.clone().getCount()),
  );
}

/**
 * Relay cursor pagination over any ordered list, both ways: `rows` reads what a PageRequest
 * asks for (the keys' sort values must be on each row, for the cursors); `count` gives the total.
 */
export async function paginateRows<T extends ObjectLiteral>(
  args: ConnectionArgs,
  order: SortKey[],
  rows: (req: PageRequest) => Promise<T[]>,
  count: () => Promise<number>,
): Promise<Page<T>> {
  const size = pageSize(args);
  const last = args.last ?? null;
  const keys = order.some((k) => k.property === "id")
    ? order
    : [...order, { property: "id", direction: order.length ? order[order.length - 1].direction : "ASC" } as SortKey];
  const after = args.after ? decodeCursor(args.after, keys, "after") : null;
  const before = args.before ? decodeCursor(args.before, keys, "before") : null;
  const backwards = last !== null;
  const read = await rows({ keys, after, before, backwards, limit: size + 1 });
  const more = read.length > size;
  const nodes = read.slice(0, size);
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
