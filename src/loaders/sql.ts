import { DataSource, EntityMetadata, EntityTarget } from "typeorm";
import { Dialect, dialectOf } from "../db";
import { ColumnSet, hydrate } from "../db/json-rows";
import type { Loaders } from "./index";
import { Projection } from "./projection";
import { BatchReads, LoaderDef, RowLoader } from "./row-loader";

/*
 * The SQL of the loaders' batch reads, and how their answers become values: src/loaders/index.ts
 * names each loader with one of these shapes.
 */

/**
 * `table` joined to the keys of a read, for `FROM`: the rows whose `column` is one of the keys,
 * bound as one parameter (Dialect.keysParam). A single key is bound as itself, so the engine reads
 * the table as `column = ?`: a profile page's reads are all of one key. Joining the keys, rather
 * than `column IN (keys)`, walks them and seeks the index instead of copying them into a
 * temporary b-tree first. A batch's keys are distinct (DataLoader's), so the join repeats no row;
 * columns must be named with the table's name.
 */
export function joinKeys(dialect: Dialect, table: string, column: string, one: boolean): string {
  return `${one ? dialect.oneKeyTable() : dialect.keyTable()} JOIN "${table}" ON "${table}"."${column}" = "keys"."key"`;
}

/** `list` in ascending order of `of` (it usually is already: SQLite walks the key's index in rowid order). */
export function inOrder<T>(list: T[], of: (item: T) => number): T[] {
  for (let i = 1; i < list.length; i++) {
    if (of(list[i - 1]) > of(list[i])) return list.sort((a, b) => of(a) - of(b));
  }
  return list;
}
export const byIdOf = (row: { id: number }) => row.id;
const itself = (n: number) => n;

/** [key, value] pairs (a query's JSON array of pairs) grouped per key, values in ascending order. */
export function pairsByKey(value: unknown, keys: readonly number[]): Map<number, number[]> {
  const groups = new Map<number, number[]>(keys.map((k) => [k, []]));
  for (const [k, v] of value as [number, number][]) groups.get(k)?.push(v);
  for (const values of groups.values()) inOrder(values, itself);
  return groups;
}

/**
 * A to-one relation read with the rows that point to it: the row of `entity` whose id is `fk` of
 * the loader's own rows (or of an earlier include's, `from`), joined as `as`, read in the same
 * statement as the batch itself and primed into the loader `into` names. A page of awards then
 * comes with its honours, instead of a second round trip once the awards are in.
 */
export interface Include<E extends { id: number } = { id: number }> {
  entity: EntityTarget<E>;
  into: (loaders: Loaders) => RowLoader<E, Loaders, Projection>;
  fk: string;
  /** The include whose rows hold `fk` (its `as`); the loader's own rows when left out. */
  from?: string;
  as: string;
}

/** An include, its loader checked to hold rows of its entity (an Include<Honour> primed into the organisation loader does not compile). */
export function include<E extends { id: number }>(inc: Include<E>): Include {
  return inc;
}

/** `set`'s columns, named with the table or alias `name` that shows them. */
export function columnsOf(set: ColumnSet, name: string): string[] {
  return set.columns.map((c) => `"${name}"."${c.databaseName}"`);
}

/** An include under a projection: its columns as the joined row shows them, and how they become a row. */
interface IncludePart {
  include: Include;
  metadata: EntityMetadata;
  set: ColumnSet;
  /** The set's columns under the include's alias. */
  columns: string[];
  /** Where the id is among the columns: null there is no related row. */
  idAt: number;
  rows(values: unknown[][]): { id: number }[];
}

/**
 * What a loader reads for a batch. Several keys: its own rows, and each include as a read of its
 * own, the related rows once each (`IN`: SQLite gathers their ids in a temporary b-tree first).
 * A single key: one read, its rows LEFT JOINed to their includes, each row the loader's columns
 * then each include's. A profile page's twelve reads were seven includes by `IN`: every temporary
 * b-tree had its own page cache, whose memory went back to the allocator after each statement to
 * be faulted in again by the next; as joins, and as five reads instead of twelve, they fault in no
 * pages and take a fraction of the time. A single key's relations rarely repeat a row (a congress
 * of two of one person's proposals comes twice; priming keeps the first); a page of 50 delegates'
 * seats, all in one congress, would repeat it fifty times, which is why several keys keep `IN`.
 */
export function keyedReads<V>(
  ds: DataSource,
  table: string,
  column: string,
  includes: readonly Include[],
  own: (projection: Projection) => { columns: string[]; answer: (rows: unknown[][], keys: readonly number[]) => V[] },
): LoaderDef<V, Loaders, Projection> {
  const dialect = dialectOf(ds);
  const parts = (projection: Projection): IncludePart[] =>
    includes.map((include) => {
      const metadata = ds.getMetadata(include.entity);
      const set = projection.columns(metadata);
      const idAt = set.columns.findIndex((c) => c.propertyName === "id");
      if (idAt < 0) throw new Error(`loaders: an include of ${metadata.name} must read its id`);
      return {
        include,
        metadata,
        set,
        columns: columnsOf(set, include.as),
        idAt,
        rows: (values) => hydrate(ds, metadata, set, values),
      };
    });
  const joinOf = (inc: Include, kind: "JOIN" | "LEFT JOIN") =>
    `${kind} "${ds.getMetadata(inc.entity).tableName}" AS "${inc.as}" ON "${inc.as}"."id" = "${inc.from ?? table}"."${inc.fk}"`;
  /** The includes `inc` is reached through, outermost first. */
  const chain = (inc: Include): Include[] => {
    const from = inc.from === undefined ? undefined : includes.find((i) => i.as === inc.from);
    return from ? [...chain(from), from] : [];
  };
  // No ORDER BY in the aggregate: it made SQLite build a temporary b-tree for every read (a page
  // cache, a zeroed page, an insert per row); callers that answer lists put them in order
  // themselves (inOrder), which is cheaper than the sorts were.
  const rowsOf = (columns: string[], from: string) => dialect.jsonArrays(columns, from, null);

  return cached((projection, one, withIncludes) => {
    const { columns, answer } = own(projection);
    const included = withIncludes ? parts(projection) : [];
    if (!one || !included.length) {
      return {
        main: { sql: rowsOf(columns, joinKeys(dialect, table, column, one)), take: (value, keys) => answer(value as unknown[][], keys) },
        includes: included.map((part) => {
          const related = part.metadata.tableName;
          const refs = `SELECT "${part.include.from ?? table}"."${part.include.fk}" FROM ${joinKeys(dialect, table, column, one)} ${chain(part.include)
            .map((i) => joinOf(i, "JOIN"))
            .join(" ")}`;
          return {
            read: {
              sql: rowsOf(columnsOf(part.set, related), `"${related}" WHERE "${related}"."id" IN (${refs})`),
              take: (value) => part.rows(value as unknown[][]),
            },
            into: part.include.into,
          };
        }),
      };
    }
    const joins = included.map((part) => joinOf(part.include, "LEFT JOIN")).join(" ");
    return {
      main: {
        sql: rowsOf([...columns, ...included.flatMap((part) => part.columns)], `${joinKeys(dialect, table, column, true)} ${joins}`),
        take: (value, keys, loaders) => {
          const rows = value as unknown[][];
          let at = columns.length;
          for (const part of included) {
            const from = at;
            at += part.columns.length;
            const related = rows.filter((row) => row[from + part.idAt] !== null).map((row) => row.slice(from, at));
            const into = part.include.into(loaders);
            for (const row of part.rows(related)) into.prime(row);
          }
          return answer(
            rows.map((row) => row.slice(0, columns.length)),
            keys,
          );
        },
      },
      includes: [],
    };
  });
}

/** Each loader's batch reads per projection, arity and includes, built once per projection (a compiled operation keeps its projection). */
export function cached<V>(build: (projection: Projection, one: boolean, includes: boolean) => BatchReads<V, Loaders>): LoaderDef<V, Loaders, Projection> {
  const built = [0, 1, 2, 3].map(() => new WeakMap<Projection, BatchReads<V, Loaders>>());
  return {
    reads(projection, one, includes) {
      const byProjection = built[(one ? 1 : 0) + (includes ? 2 : 0)];
      let reads = byProjection.get(projection);
      if (!reads) byProjection.set(projection, (reads = build(projection, one, includes)));
      return reads;
    },
  };
}
