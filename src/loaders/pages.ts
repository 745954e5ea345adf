import DataLoader from "dataloader";
import { DataSource, EntityTarget, ObjectLiteral } from "typeorm";
import { hydrate } from "../db/json-rows";
import { joinSql, sql } from "../db/sql";
import { keysetCondition, orderTerms, PageRequest } from "../relay/cursors";
import { pageColumns } from "../relay/paginate";
import type { Projection } from "./projection";
import type { RequestSource } from "./row-loader";

/** Keys of a read, for FROM: the parents' ids bound as one JSON array. */
const PARENTS = `(SELECT "value" AS "key" FROM json_each(?)) AS "keys"`;

/**
 * Pages of the rows that point to a parent (an organisation's awards, positions, child
 * organisations), for connections nested under a list: every parent's page of one field, asked
 * in the same tick, comes from one read. Each parent's rows are numbered in the page's order by
 * a window function (ROW_NUMBER() OVER (PARTITION BY the foreign key)), so a read is bounded by
 * the page size times the parents, however many rows each parent has. The reads join the
 * request's wave like the other loaders' (src/db/read-batch.ts).
 *
 * One per request (never shared: a viewer never sees another's cache); each field's arguments
 * (order, cursors, size) and columns make their own DataLoader.
 */
export class ChildPages<L> {
  private readonly pages = new Map<string, DataLoader<number, unknown[]>>();
  private readonly counts = new Map<string, DataLoader<number, number>>();

  constructor(
    private readonly ds: DataSource,
    private readonly source: RequestSource<L, Projection>,
  ) {}

  /** The page `req` asks of the rows of `entity` whose `fk` (a property) is `parent`, in the page's order (backwards for `last`). */
  rows<E extends ObjectLiteral>(entity: EntityTarget<E>, fk: string, parent: number, req: PageRequest): Promise<E[]> {
    const metadata = this.ds.getMetadata(entity);
    const set = pageColumns(this.source.projection(), metadata, req);
    const key = `${metadata.name}.${fk} ${set.key} ${JSON.stringify(req)}`;
    let loader = this.pages.get(key);
    if (!loader) {
      const column = (property: string) => `t."${metadata.findColumnWithPropertyName(property)!.databaseName}"`;
      const fkColumn = column(fk);
      const where = joinSql(
        [
          req.after ? keysetCondition(req.keys, req.after, false, column) : sql(""),
          req.before ? keysetCondition(req.keys, req.before, true, column) : sql(""),
        ],
        " AND ",
      );
      const numbered =
        `SELECT ${fkColumn} AS "__parent", ROW_NUMBER() OVER (PARTITION BY ${fkColumn} ORDER BY ${orderTerms(req.keys, req.backwards, column)}) AS "__n", ` +
        `${set.columns.map((c) => `t."${c.databaseName}" AS "${c.databaseName}"`).join(", ")} ` +
        `FROM ${PARENTS} JOIN "${metadata.tableName}" t ON ${fkColumn} = "keys"."key"${where.text ? ` WHERE ${where.text}` : ""}`;
      const text =
        `SELECT json_group_array(json_array("__parent", "__n", ${set.columns.map((c) => `"${c.databaseName}"`).join(", ")})) AS "rows" ` +
        `FROM (${numbered}) "numbered" WHERE "__n" <= ?`;
      loader = new DataLoader<number, unknown[]>(async (parents) => {
        const found = (await this.source.read(text, [JSON.stringify(parents), ...where.params, req.limit])) as unknown[][];
        const byParent = new Map<number, unknown[][]>(parents.map((p) => [p, []]));
        for (const row of found) byParent.get(row[0] as number)?.push(row);
        return parents.map((p) => {
          const rows = byParent.get(p)!.sort((a, b) => (a[1] as number) - (b[1] as number));
          return hydrate<E>(this.ds, metadata, set, rows.map((row) => row.slice(2)));
        });
      }, this.source.options);
      this.pages.set(key, loader);
    }
    return loader.load(parent) as Promise<E[]>;
  }

  /** How many rows of `entity` have `fk` = `parent` (a connection's totalCount), counted with the other parents'. */
  count(entity: EntityTarget<ObjectLiteral>, fk: string, parent: number): Promise<number> {
    const metadata = this.ds.getMetadata(entity);
    const key = `${metadata.name}.${fk}`;
    let loader = this.counts.get(key);
    if (!loader) {
      const fkColumn = `t."${metadata.findColumnWithPropertyName(fk)!.databaseName}"`;
      const text =
        `SELECT json_group_array(json_array("parent", "n")) AS "counts" FROM ` +
        `(SELECT ${fkColumn} AS "parent", COUNT(*) AS "n" FROM ${PARENTS} JOIN "${metadata.tableName}" t ON ${fkColumn} = "keys"."key" GROUP BY ${fkColumn})`;
      loader = new DataLoader<number, number>(async (parents) => {
        const counts = new Map((await this.source.read(text, [JSON.stringify(parents)])) as [number, number][]);
        return parents.map((p) => counts.get(p) ?? 0);
      }, this.source.options);
      this.counts.set(key, loader);
    }
    return loader.load(parent);
  }
}
