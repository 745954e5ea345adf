import DataLoader from "dataloader";
import { ColumnSet, hydrate, jsonRowsQuery } from "../db/json-rows";
import { ReadJson, readEach, readInBatches } from "../db/read-batch";
import { Projection } from "./projection";
import { HeldLoader, RowLoader } from "./row-loader";
import { DataSource, EntityTarget, ObjectLiteral } from "typeorm";
import {
  AuditEntry, Award, Citation, Congress, Honour, HonourTally, Organisation, Person, Position, Proposal, Seat, SourceDocument,
} from "../entities";

export { andThen, HeldLoader, loadAll, RowLoader } from "./row-loader";

/** Keys per batch at most: keeps each statement's JSON key list and its result bounded. */
const MAX_BATCH = 500;

/**
 * Batching on (the default) or off: off, each load is its own query and nothing is cached,
 * which is what a server without DataLoader does (measured by the benchmark as the naive server).
 */
export interface LoaderOptions {
  batch: boolean;
}
type Opts = DataLoader.Options<number, any>;

/** `IN` over a JSON array bound as one parameter: one SQL text (one prepared statement) for any number of keys. */
const IN_KEYS = `IN (SELECT "value" FROM json_each(?))`;

/**
 * `table` joined to the keys (a JSON array bound as one parameter), for `FROM`: the rows whose
 * `column` is one of the keys. `column IN (SELECT value FROM json_each(?))` made SQLite copy the
 * keys into a temporary b-tree first, once per read; walking the keys and seeking the index does
 * not (prepared, same rows, alternating rounds: a profile page's statement 120-202 -> 97-105 µs,
 * a delegates page's loader statement 619-719 -> 560-660 µs). A batch's keys are distinct
 * (DataLoader's), so the join repeats no row; columns must be named with the table's name.
 */
function joinKeys(table: string, column: string): string {
  return `(SELECT "value" AS "key" FROM json_each(?)) AS "keys" JOIN "${table}" ON "${table}"."${column}" = "keys"."key"`;
}

/** What every loader is built from: the data source, how reads reach it, DataLoader's options. */
interface Source {
  ds: DataSource;
  read: ReadJson;
  options: Opts;
  /** Batching (and with it includes: without a cache there is nothing to prime). */
  batch: boolean;
  projection: () => Projection;
}

/** The text of each rows query, by columns and FROM clause: built once, not per batch (it is also the prepared statement's key). */
const rowQueries = new WeakMap<ColumnSet, Map<string, string>>();

/**
 * Rows of `entity` from `from` (the entity's table under its own name, with conditions whose one
 * parameter is the keys as a JSON array), as entity instances (src/db/json-rows.ts), in no
 * particular order: callers that answer lists put them in order themselves (inOrder). An ORDER BY
 * in the aggregate made SQLite build a temporary b-tree for every read (a page cache, a zeroed
 * page, an insert per row); a profile page's one statement has twelve reads, and without the sorts
 * it took about a quarter less time (profile 267-298 -> 201-224 µs; a delegates page's loader
 * statement 1.2-1.5 -> 0.9 ms).
 */
async function rowsFrom<E extends ObjectLiteral>({ ds, read, projection }: Source, entity: EntityTarget<E>, from: string, keys: readonly number[]): Promise<E[]> {
  const metadata = ds.getMetadata(entity);
  const set = projection().columns(metadata);
  let texts = rowQueries.get(set);
  if (!texts) rowQueries.set(set, (texts = new Map()));
  let sql = texts.get(from);
  if (sql === undefined) texts.set(from, (sql = jsonRowsQuery(set, from, null, (c) => `"${metadata.tableName}"."${c.databaseName}"`)));
  return hydrate<E>(ds, metadata, set, (await read(sql, [JSON.stringify(keys)])) as unknown[][]);
}

/** `list` in ascending order of `of` (it usually is already: SQLite walks the key's index in rowid order). */
function inOrder<T>(list: T[], of: (item: T) => number): T[] {
  for (let i = 1; i < list.length; i++) {
    if (of(list[i - 1]) > of(list[i])) return list.sort((a, b) => of(a) - of(b));
  }
  return list;
}
const byIdOf = (row: { id: number }) => row.id;
const itself = (n: number) => n;

/** Rows of `entity` whose `column` is one of `keys`. */
function rowsWhereIn<E extends ObjectLiteral>(source: Source, entity: EntityTarget<E>, column: string, keys: readonly number[]): Promise<E[]> {
  return rowsFrom(source, entity, joinKeys(source.ds.getMetadata(entity).tableName, column), keys);
}

/**
 * A to-one relation read with the rows that point to it: the rows of `entity` whose ids the
 * subquery `ids` answers for the batch's keys, read in the same tick as the batch itself (so in
 * the same statement, src/db/read-batch.ts) and primed into the entity's loader. A page of awards
 * then comes with its honours, instead of a second round trip once the awards are in.
 */
interface Include {
  entity: EntityTarget<{ id: number }>;
  loader: RowLoader<any>;
  /** SELECT of the related ids, with the keys as its one parameter (joinKeys). */
  ids: string;
}

/**
 * Reads `includes` for `keys` alongside `main` and primes their loaders; answers what `main`
 * answers. Without batching there is no cache to prime, and the naive server reads nothing extra.
 */
async function withIncludes<T>(source: Source, includes: readonly Include[], keys: readonly number[], main: Promise<T>): Promise<T> {
  if (!source.batch || includes.length === 0) return main;
  const related = includes.map((inc) => {
    const table = source.ds.getMetadata(inc.entity).tableName;
    return rowsFrom(source, inc.entity, `"${table}" WHERE "${table}"."id" IN (${inc.ids})`, keys);
  });
  const [result, ...rows] = await Promise.all([main, ...related]);
  rows.forEach((list, i) => {
    for (const row of list) includes[i].loader.prime(row);
  });
  return result;
}

/** [key, value] pairs of `sql` (a query answering a JSON array of pairs), grouped per key, values in ascending order. */
async function pairsByKey(read: ReadJson, sql: string, keys: readonly number[]): Promise<Map<number, number[]>> {
  const groups = new Map<number, number[]>(keys.map((k) => [k, []]));
  for (const [k, v] of (await read(sql, [JSON.stringify(keys)])) as [number, number][]) groups.get(k)?.push(v);
  for (const values of groups.values()) inOrder(values, itself);
  return groups;
}

function byId<E extends ObjectLiteral & { id: number }>(source: Source, entity: EntityTarget<E>, includes: readonly Include[] = []) {
  return new RowLoader<E>(
    async (ids) => {
      const rows = await withIncludes(source, includes, ids, rowsWhereIn(source, entity, "id", ids));
      const found = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => found.get(id) ?? null);
    },
    source.options,
  );
}

/** Rows of `entity` whose `column` is one of the keys, grouped per key, in id order. */
function manyBy<E extends ObjectLiteral & { id: number }>(source: Source, entity: EntityTarget<E>, column: keyof E & string, includes: readonly Include[] = []) {
  return new HeldLoader<E[]>(
    async (keys) => {
      const rows = await withIncludes(source, includes, keys, rowsWhereIn(source, entity, column, keys));
      const groups = new Map<number, E[]>(keys.map((k) => [k, []]));
      for (const row of rows) groups.get(row[column] as number)?.push(row);
      return keys.map((k) => inOrder(groups.get(k) ?? [], byIdOf));
    },
    source.options,
  );
}

/**
 * Ids on the far side of a join table, grouped per key: one read per batch. The rows
 * themselves come through the far side's byId loader: read in the same statement when an
 * include names them (a person's proposals), else batched by that loader in turn.
 */
function linkedIds(source: Source, table: string, keyColumn: string, valueColumn: string, includes: readonly Include[] = []) {
  const sql = `SELECT json_group_array(json_array("${table}"."${keyColumn}", "${table}"."${valueColumn}")) AS "pairs" FROM ${joinKeys(table, keyColumn)}`;
  return new HeldLoader<number[]>(async (keys) => {
    const groups = await withIncludes(source, includes, keys, pairsByKey(source.read, sql, keys));
    return keys.map((k) => groups.get(k) ?? []);
  }, source.options);
}

/** Per-request loaders (never shared between requests, so one viewer never sees another's cache). */
export function createLoaders(ds: DataSource, loaderOptions: LoaderOptions = { batch: true }) {
  const projection = () => loaders.projection;
  const s: Source = loaderOptions.batch
    ? { ds, read: readInBatches(ds), options: { maxBatchSize: MAX_BATCH }, batch: true, projection }
    : { ds, read: readEach(ds), options: { batch: false, cache: false }, batch: false, projection };
  const organisation = byId(s, Organisation);
  const honour = byId(s, Honour);
  const proposal = byId(s, Proposal);
  const congress = byId(s, Congress);
  /** The to-one relation every client of these lists asks for (the honour of an award, …), read with them. */
  const via = (table: string, fk: string, key: string) => `SELECT "${table}"."${fk}" FROM ${joinKeys(table, key)}`;
  const employers = via("person", "employerId", "id");
  const proposalsOfPeople = via("proposal_author", "proposalId", "personId");
  const loaders = {
    /**
     * The columns every read of this request takes (src/loaders/projection.ts): all until the
     * operation is known (src/http/jit.ts sets its own), and list pages take the same.
     */
    projection: Projection.ALL,
    // A person with the employer and the group above it (a profile page's `employer { parent }`).
    person: byId(s, Person, [
      { entity: Organisation, loader: organisation, ids: employers },
      { entity: Organisation, loader: organisation, ids: `SELECT "parentId" FROM "organisation" WHERE "id" IN (${employers})` },
    ]),
    organisation,
    honour,
    award: byId(s, Award),
    proposal,
    congress,
    position: byId(s, Position),
    seat: byId(s, Seat),
    sourceDocument: byId(s, SourceDocument),
    citation: byId(s, Citation),
    auditEntry: byId(s, AuditEntry),

    positionsByPerson: manyBy(s, Position, "personId", [{ entity: Organisation, loader: organisation, ids: via("position", "organisationId", "personId") }]),
    positionsByOrganisation: manyBy(s, Position, "organisationId"),
    seatsByPerson: manyBy(s, Seat, "personId", [{ entity: Congress, loader: congress, ids: via("seat", "congressId", "personId") }]),
    awardsByPerson: manyBy(s, Award, "personId", [{ entity: Honour, loader: honour, ids: via("award", "honourId", "personId") }]),
    awardsByOrganisation: manyBy(s, Award, "organisationId", [{ entity: Honour, loader: honour, ids: via("award", "honourId", "organisationId") }]),
    childrenByOrganisation: manyBy(s, Organisation, "parentId"),
    talliesByHonour: manyBy(s, HonourTally, "honourId"),

    proposalIdsByPerson: linkedIds(s, "proposal_author", "personId", "proposalId", [
      { entity: Proposal, loader: proposal, ids: proposalsOfPeople },
      { entity: Congress, loader: congress, ids: `SELECT "congressId" FROM "proposal" WHERE "id" IN (${proposalsOfPeople})` },
    ]),
    authorIdsByProposal: linkedIds(s, "proposal_author", "proposalId", "personId"),
    citationIdsByPerson: linkedIds(s, "person_citation", "personId", "citationId"),

    /** People and organisations holding each honour (the recipients count). */
    recipientCountByHonour: new DataLoader<number, number>(async (ids) => {
      const counts = await pairsByKey(
        s.read,
        `SELECT json_group_array(json_array("honourId", "n")) AS "pairs" FROM (SELECT "honourId", COUNT(DISTINCT "personId") + COUNT(DISTINCT "organisationId") AS "n" FROM "award" WHERE "honourId" ${IN_KEYS} GROUP BY "honourId")`,
        ids,
      );
      return ids.map((id) => counts.get(id)?.[0] ?? 0);
    }, s.options),
  };
  return loaders;
}

export type Loaders = ReturnType<typeof createLoaders>;
