import DataLoader from "dataloader";
import { DataSource, EntityTarget, ObjectLiteral } from "typeorm";
import { Dialect, dialectOf } from "../db";
import { hydrate, jsonRowsQuery } from "../db/json-rows";
import { Sql, sql } from "../db/sql";
import type { ConnectionArgs, Page } from "../relay/connection";
import { orderTerms, PageRequest, pageQuery, PageSource, SortKey } from "../relay/cursors";
import { pageColumns, paginateRows } from "../relay/paginate";
import type { Projection } from "./projection";
import type { RequestSource } from "./row-loader";

/** The parent a read's conditions are about: the key column of the read's key table (Dialect.keyTable). */
export const PARENT = `"keys"."key"`;

/**
 * Which rows of a table are one parent's (an organisation's awards, a congress's delegates): the
 * table, named `alias`, under conditions that name the parent as PARENT.
 */
export interface Children {
  /** Names the list among a request's reads: one text per name, whatever the parent. */
  name: string;
  entity: EntityTarget<ObjectLiteral>;
  alias: string;
  where: Sql;
  /** A query of the parent's number of rows, naming it as PARENT; by default COUNT(*) of the table under `where`. */
  count?: Sql;
  /** Where a page in `keys` order is read from, `column` naming the table's columns; by default the table under `where`. */
  source?: (keys: readonly SortKey[], column: (property: string) => string) => PageSource;
}

/** The rows of `entity` whose `fk` (a property) is the parent. */
export function byForeignKey(ds: DataSource, entity: EntityTarget<ObjectLiteral>, fk: string): Children {
  const metadata = ds.getMetadata(entity);
  const column = metadata.findColumnWithPropertyName(fk)!.databaseName;
  return { name: `${metadata.name}.${fk}`, entity, alias: "t", where: sql(`t."${column}" = ${PARENT}`) };
}

/** The key table of `keys`: a single key bound as itself (Dialect.oneKeyTable), as the other loaders read it. */
const keysOf = (dialect: Dialect, keys: readonly number[]) => (keys.length === 1 ? dialect.oneKeyTable() : dialect.keyTable());

/**
 * Pages of the rows that belong to a parent (an organisation's awards, positions, child
 * organisations and people, a congress's delegates, an honour's awards), for connections nested
 * under a list: every parent's page of one field, asked in the same tick, comes from one read.
 * Each parent's page is a subquery of its own, correlated to the parent (the engine runs the one
 * parent's page query once per parent: the same plan, bounded by the page, not by the parent's
 * rows), and its JSON is one value of the read's row per parent. The reads join the request's
 * wave like the other loaders' (src/db/read-batch.ts).
 *
 * One per request (never shared: a viewer never sees another's cache); each field's arguments
 * (order, cursors, size) and columns make their own DataLoader.
 */
export class ChildPages<L> {
  private readonly loaders = new Map<string, DataLoader<number, unknown>>();
  private readonly values = new Map<string, Promise<unknown>>();
  private readonly dialect: Dialect;

  constructor(
    private readonly ds: DataSource,
    private readonly source: RequestSource<L, Projection>,
  ) {
    this.dialect = dialectOf(ds);
  }

  /** The loader named `key`, made on first need from `batch`. */
  private loader<V>(key: string, batch: (parents: readonly number[]) => Promise<V[]>): DataLoader<number, V> {
    // The loader named `key` was made from this same `batch`, so its values are V.
    let loader = this.loaders.get(key) as DataLoader<number, V> | undefined;
    if (!loader) this.loaders.set(key, (loader = new DataLoader<number, V>(batch, this.source.options)));
    return loader;
  }

  /** Per parent of `parents`, the JSON of `perParent` (a query naming the parent as PARENT), in one read. */
  private async perParent(parents: readonly number[], perParent: Sql): Promise<unknown[]> {
    const text = this.dialect.jsonArrays([PARENT, this.dialect.jsonValue(perParent.text)], keysOf(this.dialect, parents), null);
    const found = new Map((await this.source.read(text, [...perParent.params, this.source.keysParam(parents)])) as [number, unknown][]);
    return parents.map((p) => found.get(p));
  }

  /** The page `req` asks of `children` of `parent`, in the page's order (backwards for `last`). */
  rows<E extends ObjectLiteral>(children: Children, parent: number, req: PageRequest): Promise<E[]> {
    const metadata = this.ds.getMetadata(children.entity);
    const set = pageColumns(this.source.projection(), metadata, req);
    const loader = this.loader<E[]>(`rows ${children.name} ${set.key} ${JSON.stringify(req)}`, async (parents) => {
      const name = (property: string) => metadata.findColumnWithPropertyName(property)!.databaseName;
      const column = (property: string) => `${children.alias}."${name(property)}"`;
      const source = children.source?.(req.keys, column) ?? { from: `"${metadata.tableName}" ${children.alias}`, where: children.where, column };
      const page = pageQuery(source, req, set.columns, children.alias);
      const rows = jsonRowsQuery(
        this.dialect,
        set,
        `(${page.text}) "page"`,
        orderTerms(req.keys, req.backwards, (p) => `"${name(p)}"`),
      );
      const pages = await this.perParent(parents, { text: rows, params: page.params });
      return pages.map((values) => hydrate<E>(this.ds, metadata, set, (values ?? []) as unknown[][]));
    });
    return loader.load(parent);
  }

  /** How many rows `children` has for `parent` (a connection's totalCount), counted with the other parents'. */
  count(children: Children, parent: number): Promise<number> {
    const loader = this.loader<number>(`count ${children.name}`, async (parents) => {
      const table = `"${this.ds.getMetadata(children.entity).tableName}" ${children.alias}`;
      const count = children.count ?? {
        text: `SELECT COUNT(*) FROM ${table}${children.where.text ? ` WHERE ${children.where.text}` : ""}`,
        params: children.where.params,
      };
      // As an array of one number, so that each parent's value is JSON whatever the engine.
      const counts = await this.perParent(parents, {
        text: this.dialect.jsonArrays(['"n"'], `(SELECT (${count.text}) AS "n") AS "counted"`, null),
        params: count.params,
      });
      return counts.map((value) => Number((value as number[][] | undefined)?.[0]?.[0] ?? 0));
    });
    return loader.load(parent);
  }

  /** The JSON `query` answers (one that no parent changes, without parameters), read once per request, in the wave that first asks. */
  once(query: string): Promise<unknown> {
    let value = this.values.get(query);
    if (!value) this.values.set(query, (value = this.source.read(query, [])));
    return value;
  }

  /** A connection's page of `children` of `parent` in `order` (src/relay/paginate.ts), read and counted with the other parents'. */
  page<E extends ObjectLiteral>(children: Children, parent: number, args: ConnectionArgs, order: SortKey[]): Promise<Page<E>> {
    return paginateRows<E>(
      args,
      order,
      (req) => this.rows<E>(children, parent, req),
      () => this.count(children, parent),
    );
  }
}
