import { EntityMetadata, ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { DriverUtils } from "typeorm/driver/DriverUtils";
import type { ColumnMetadata } from "typeorm/metadata/ColumnMetadata";
import { ColumnSet, hydrate, jsonRowsQuery } from "../db/json-rows";
import type { ConnectionArgs, Page } from "./connection";
import { decodeCursor, directionOf, encodeCursor, keysetCondition, orderSignature, orderTerms, PageRequest, pageSize, SortKey } from "./cursors";
import type { SqlReader } from "../db/reader";

let paramSeq = 0;

/**
 * What picks the columns a page reads: the request's projection (src/loaders/projection.ts).
 * Pagination needs only this of it, so relay/ does not depend on the loaders.
 */
export interface ColumnChoice {
  columns(metadata: EntityMetadata, also?: readonly string[]): ColumnSet;
}

/**
 * What of a request pagination reads: the columns to take, and the reader its statements go to
 * (the request's, held to its deadline: SqlReader.until).
 */
export interface PageContext {
  projection: ColumnChoice;
  read: SqlReader;
}

/** The columns a page reads: the projection's, and the sort keys, which its cursors hold. */
export function pageColumns(projection: ColumnChoice, metadata: EntityMetadata, req: PageRequest): ColumnSet {
  return projection.columns(
    metadata,
    req.keys.map((k) => k.property),
  );
}

/**
 * The rows of a page of a TypeORM query over one entity, read as one JSON array
 * (src/db/json-rows.ts) in the page's order: the projection's columns and the sort keys, which
 * the cursors hold.
 */
async function queryBuilderRows<T extends ObjectLiteral>(
  base: SelectQueryBuilder<T>,
  req: PageRequest,
  projection: ColumnChoice,
  read: SqlReader,
): Promise<T[]> {
  const qb = base.clone();
  const metadata = qb.expressionMap.mainAlias!.metadata;
  const property = (p: string) => `${qb.alias}.${p}`;
  for (const [values, invert] of [
    [req.after, false],
    [req.before, true],
  ] as const) {
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
  const rows = await read.json(jsonRowsQuery(read.dialect, set, `(${sql}) "page"`, order, aliased), params);
  return hydrate<T>(qb.connection, metadata, set, rows as unknown[][]);
}

/** How many rows a TypeORM query over one entity answers, counted as TypeORM's getCount counts them (distinct ids). */
async function queryBuilderCount(base: SelectQueryBuilder<ObjectLiteral>, read: SqlReader): Promise<number> {
  const qb = base.clone();
  const [id] = qb.expressionMap.mainAlias!.metadata.primaryColumns;
  const [sql, params] = qb
    .select(`COUNT(DISTINCT ${qb.escape(qb.alias)}.${qb.escape(id.databaseName)})`, "n")
    .orderBy()
    .getQueryAndParameters();
  const [{ n }] = await read.rows<{ n: number | string }>(sql, params);
  return Number(n);
}

/**
 * Relay cursor pagination over a filtered TypeORM query, both ways. Keyset cursors hold the sort
 * values of the row, so a page costs one indexed query however deep it is; `id` breaks ties.
 * Rows have the columns of the request's projection (src/loaders/projection.ts); the page and its
 * count are read through the request's reader: neither starts past the request's deadline, nor runs
 * on past it where the engine can end a statement.
 */
export function paginate<T extends ObjectLiteral>(base: SelectQueryBuilder<T>, args: ConnectionArgs, order: SortKey[], ctx: PageContext): Promise<Page<T>> {
  const { projection, read } = ctx;
  return paginateRows(
    args,
    order,
    (req) => queryBuilderRows(base, req, projection, read),
    () => queryBuilderCount(base, read),
  );
}

/**
 * An item of a keyset page; its cursor (the row's sort values) is encoded when asked for. A page
 * shown by its `nodes` needs none but pageInfo's two: a 50-row page encoded 50.
 */
class KeysetEdge<T> {
  constructor(
    readonly node: T,
    private readonly signature: string,
    private readonly keys: readonly SortKey[],
  ) {}

  get cursor(): string {
    return encodeCursor(
      this.signature,
      this.keys.map((k) => (this.node as Record<string, unknown>)[k.property]),
    );
  }
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
    : [...order, { property: "id", direction: order.length ? order[order.length - 1].direction : "ASC" }];
  const after = args.after ? decodeCursor(args.after, keys, "after") : null;
  const before = args.before ? decodeCursor(args.before, keys, "before") : null;
  const backwards = last !== null;
  const read = await rows({ keys, after, before, backwards, limit: size + 1 });
  const more = read.length > size;
  const nodes = read.slice(0, size);
  if (backwards) nodes.reverse();

  const signature = orderSignature(keys);
  const edges = nodes.map((node) => new KeysetEdge(node, signature, keys));
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
