import DataLoader from "dataloader";
import { hydrate, jsonRowsQuery } from "../db/json-rows";
import { ReadJson, readEach, readInBatches } from "../db/read-batch";
import { DataSource, EntityTarget, ObjectLiteral } from "typeorm";
import {
  AuditEntry, Award, Citation, Congress, Honour, HonourTally, Organisation, Person, Position, Proposal, Seat, SourceDocument,
} from "../entities";

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

/** What every loader is built from: the data source, how reads reach it, DataLoader's options. */
interface Source {
  ds: DataSource;
  read: ReadJson;
  options: Opts;
}

/** The text of each rowsWhereIn query, by table and column: built once, not per batch (it is also the prepared statement's key). */
const rowQueries = new Map<string, string>();

/** Rows of `entity` whose `column` is one of `keys`, in id order, as entity instances (src/db/json-rows.ts). */
async function rowsWhereIn<E extends ObjectLiteral>({ ds, read }: Source, entity: EntityTarget<E>, column: string, keys: readonly number[]): Promise<E[]> {
  const metadata = ds.getMetadata(entity);
  const key = `${metadata.tableName}.${column}`;
  let sql = rowQueries.get(key);
  if (sql === undefined) rowQueries.set(key, (sql = jsonRowsQuery(metadata, `"${metadata.tableName}" WHERE "${column}" ${IN_KEYS}`, `"id"`)));
  return hydrate<E>(ds, metadata, await read(sql, [JSON.stringify(keys)]));
}

/** [key, value] pairs of `sql` (a query answering a JSON array of pairs), grouped per key in order. */
async function pairsByKey(read: ReadJson, sql: string, keys: readonly number[]): Promise<Map<number, number[]>> {
  const groups = new Map<number, number[]>(keys.map((k) => [k, []]));
  for (const [k, v] of JSON.parse(await read(sql, [JSON.stringify(keys)])) as [number, number][]) groups.get(k)?.push(v);
  return groups;
}

function byId<E extends ObjectLiteral & { id: number }>(source: Source, entity: EntityTarget<E>) {
  return new DataLoader<number, E | null>(
    async (ids) => {
      const rows = await rowsWhereIn(source, entity, "id", ids);
      const found = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => found.get(id) ?? null);
    },
    source.options,
  );
}

/** Rows of `entity` whose `column` is one of the keys, grouped per key, in id order. */
function manyBy<E extends ObjectLiteral & { id: number }>(source: Source, entity: EntityTarget<E>, column: keyof E & string) {
  return new DataLoader<number, E[]>(
    async (keys) => {
      const rows = await rowsWhereIn(source, entity, column, keys);
      const groups = new Map<number, E[]>(keys.map((k) => [k, []]));
      for (const row of rows) groups.get(row[column] as number)?.push(row);
      return keys.map((k) => groups.get(k) ?? []);
    },
    source.options,
  );
}

/**
 * Ids on the far side of a join table, grouped per key: one read per batch. The rows
 * themselves then come through the far side's byId loader, which batches them in turn.
 */
function linkedIds(source: Source, table: string, keyColumn: string, valueColumn: string) {
  const sql = `SELECT json_group_array(json_array("${keyColumn}", "${valueColumn}") ORDER BY "${valueColumn}") AS "pairs" FROM "${table}" WHERE "${keyColumn}" ${IN_KEYS}`;
  return new DataLoader<number, number[]>(async (keys) => {
    const groups = await pairsByKey(source.read, sql, keys);
    return keys.map((k) => groups.get(k) ?? []);
  }, source.options);
}

/** Per-request loaders (never shared between requests, so one viewer never sees another's cache). */
export function createLoaders(ds: DataSource, loaderOptions: LoaderOptions = { batch: true }) {
  const s: Source = loaderOptions.batch
    ? { ds, read: readInBatches(ds), options: { maxBatchSize: MAX_BATCH } }
    : { ds, read: readEach(ds), options: { batch: false, cache: false } };
  return {
    person: byId(s, Person),
    organisation: byId(s, Organisation),
    honour: byId(s, Honour),
    award: byId(s, Award),
    proposal: byId(s, Proposal),
    congress: byId(s, Congress),
    position: byId(s, Position),
    seat: byId(s, Seat),
    sourceDocument: byId(s, SourceDocument),
    citation: byId(s, Citation),
    auditEntry: byId(s, AuditEntry),

    positionsByPerson: manyBy(s, Position, "personId"),
    positionsByOrganisation: manyBy(s, Position, "organisationId"),
    seatsByPerson: manyBy(s, Seat, "personId"),
    awardsByPerson: manyBy(s, Award, "personId"),
    awardsByOrganisation: manyBy(s, Award, "organisationId"),
    childrenByOrganisation: manyBy(s, Organisation, "parentId"),
    talliesByHonour: manyBy(s, HonourTally, "honourId"),

    proposalIdsByPerson: linkedIds(s, "proposal_author", "personId", "proposalId"),
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
}

export type Loaders = ReturnType<typeof createLoaders>;

/** Loads many ids through a byId loader, dropping ids that no longer exist; a failed load fails the whole. */
export async function loadAll<T>(loader: DataLoader<number, T | null>, ids: readonly number[]): Promise<T[]> {
  const rows = await loader.loadMany(ids);
  const failed = rows.find((row): row is Error => row instanceof Error);
  if (failed) throw failed;
  return rows.filter((row): row is T => row !== null);
}
