import { joinSql, sql, type Sql } from "../db/sql";
import { badInput } from "../errors";
import type { ConnectionArgs, Page } from "./connection";

/**
 * Keyset cursors, page sizes and the SQL of a page's order: what every list shares, the worker
 * threads' too (search pages there), so nothing here loads TypeORM or the schema.
 */

/** Items a page has when neither `first` nor `last` says, and at most. */
export const DEFAULT_PAGE = 20;
export const MAX_PAGE = 100;

export type Direction = "ASC" | "DESC";

/** One key of a list's order: an entity property (a non-null column) and its direction. */
export interface SortKey {
  property: string;
  direction: Direction;
}

function checkSize(value: number | null | undefined, field: "first" | "last"): number | null {
  if (value === null || value === undefined) return null;
  if (value < 0) throw badInput(`${field} must not be negative, got ${value}`, field);
  if (value > MAX_PAGE) throw badInput(`${field} may be at most ${MAX_PAGE}, got ${value}`, field);
  return value;
}

/** Keys whose cursor values must be positive integers: row ids, and positions in a ranked list. */
const INTEGER_KEYS = new Set(["id", "position"]);

/** What a cursor is valid for: the sort keys it holds values of, e.g. "nameSortKey ASC,id ASC". */
export function orderSignature(keys: SortKey[]): string {
  return keys.map((k) => `${k.property} ${k.direction}`).join(",");
}

export function encodeCursor(signature: string, values: unknown[]): string {
  return Buffer.from(JSON.stringify([signature, ...values]), "utf8").toString("base64");
}

/**
 * The sort values a cursor holds. A cursor made under another order (or by hand) is refused:
 * compared against the wrong columns it would silently skip rows.
 */
export function decodeCursor(cursor: string, keys: SortKey[], field: "after" | "before"): unknown[] {
  try {
    const [signature, ...values] = JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as unknown[];
    const valid =
      signature === orderSignature(keys) &&
      values.length === keys.length &&
      values.every((v, i) =>
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
 * Where a page's rows are read from: `from` (a FROM clause naming the listed table by its alias,
 * perhaps joined), under `where`, with `column` naming each sort key's column for the keyset and
 * the ORDER BY. A list whose order another table's index holds reads it from there.
 */
export interface PageSource {
  from: string;
  where: Sql;
  column: (property: string) => string;
  /**
   * A FROM clause holding the sort keys without the listed table: a page whose columns are all sort
   * keys reads it alone, taking each key as `column` names it (a congress's delegates in pinyin
   * order: the seats' index holds the person's id and sort key). Whichever executor asks: a page
   * asked for `id` alone reads no person, as a spliced page does (src/http/node-splice.ts).
   */
  keysFrom?: string;
}

/** A column a page reads: its property (a sort key's, perhaps) and its name in the table. */
export interface PageColumn {
  propertyName: string;
  databaseName: string;
}

/**
 * The statement reading the page `req` asks of `source`: `columns` of the listed table (`alias`),
 * past the cursors, in the page's order, `req.limit` rows at most (its last parameter).
 */
export function pageQuery(source: PageSource, req: PageRequest, columns: readonly PageColumn[], alias: string): Sql {
  const where = joinSql(
    [
      source.where,
      req.after ? keysetCondition(req.keys, req.after, false, source.column) : sql(""),
      req.before ? keysetCondition(req.keys, req.before, true, source.column) : sql(""),
    ],
    " AND ",
  );
  const keysAlone = source.keysFrom !== undefined && columns.every((c) => req.keys.some((k) => k.property === c.propertyName));
  const select = columns.map((c) => `${keysAlone ? source.column(c.propertyName) : `${alias}."${c.databaseName}"`} AS "${c.databaseName}"`).join(", ");
  const text =
    `SELECT ${select} FROM ${keysAlone ? source.keysFrom : source.from}${where.text ? ` WHERE ${where.text}` : ""} ` +
    `ORDER BY ${orderTerms(req.keys, req.backwards, source.column)} LIMIT ?`;
  return { text, params: [...where.params, req.limit] };
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
export function directionOf(key: SortKey, backwards: boolean): Direction {
  return (key.direction === "ASC") !== backwards ? "ASC" : "DESC";
}

/** ORDER BY terms of a page read `backwards` or not, each key's column named by `column`. */
export function orderTerms(keys: SortKey[], backwards: boolean, column: (property: string) => string): string {
  return keys.map((k) => `${column(k.property)} ${directionOf(k, backwards)}`).join(", ");
}

/** The number of items a page asks for (`first`, else `last`, else the default), checked. */
export function pageSize(args: ConnectionArgs): number {
  const first = checkSize(args.first, "first");
  const last = checkSize(args.last, "last");
  if (first !== null && last !== null) throw badInput("pass first or last, not both", "last");
  return last ?? first ?? DEFAULT_PAGE;
}

/** Where a page of a ranked list sits: items start..end-1 (0-based) of `total`, and its page info but the cursors. */
export interface ListWindow {
  start: number;
  end: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

const POSITION_KEY: SortKey[] = [{ property: "position", direction: "ASC" }];
const POSITION_SIGNATURE = orderSignature(POSITION_KEY);

/** The cursor of the item at `index` (0-based) of a ranked list: positions are stored 1-based, as every integer key is positive. */
export function positionCursor(index: number): string {
  return encodeCursor(POSITION_SIGNATURE, [index + 1]);
}

/**
 * The part of a ranked list of `total` items a page asks for (cursors are positions). `bounds`
 * without a total: items after `from` (0-based start) and before `to` (end), `last` counting back
 * from `to` or the end, for a reader that picks the page before it knows the total.
 */
export function listBounds(args: ConnectionArgs): { size: number; from: number; to: number | null; last: boolean } {
  const size = pageSize(args);
  const position = (cursor: string, field: "after" | "before") => (decodeCursor(cursor, POSITION_KEY, field)[0] as number) - 1;
  return { size, from: args.after ? position(args.after, "after") + 1 : 0, to: args.before ? position(args.before, "before") : null, last: args.last != null };
}

/** The window of a list of `total` items that a page asks for: what paginateList answers, for lists ranked elsewhere (in SQL). */
export function listWindow(total: number, args: ConnectionArgs): ListWindow {
  const { size, from, to, last } = listBounds(args);
  let start = from;
  let end = to !== null ? Math.min(to, total) : total;
  end = Math.max(start, end);
  const windowStart = start;
  const windowEnd = end;
  if (last) start = Math.max(start, end - size);
  else end = Math.min(end, start + size);
  return {
    start,
    end,
    hasNextPage: end < windowEnd || (last && args.before != null && end < total),
    hasPreviousPage: start > windowStart || (!last && args.after != null && start > 0),
  };
}

/**
 * Relay pagination over a list already in memory: cursors are positions. Both directions behave
 * as `paginate` does.
 */
export function paginateList<T>(items: T[], args: ConnectionArgs): Page<T> {
  const { start, end, hasNextPage, hasPreviousPage } = listWindow(items.length, args);
  const edges = items.slice(start, end).map((node, i) => ({ node, cursor: positionCursor(start + i) }));
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: edges.length ? edges[0].cursor : null,
      endCursor: edges.length ? edges[edges.length - 1].cursor : null,
    },
    totalCount: async () => items.length,
  };
}
