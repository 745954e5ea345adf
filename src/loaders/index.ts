import DataLoader from "dataloader";
import { hydrate, jsonRowsQuery } from "../db/json-rows";
import { preparedAll } from "../db/prepared";
import { DataSource, EntityTarget, ObjectLiteral } from "typeorm";
import {
  AuditEntry, Award, Citation, Congress, Honour, HonourTally, Organisation, Person, Position, Proposal, Seat, SourceDocument,
} from "../entities";

/** Keeps every IN (…) list well under SQLite's bound-parameter limit. */
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

/** Rows of `entity` whose `column` is one of `keys`, in id order, as entity instances (src/db/json-rows.ts). */
async function rowsWhereIn<E extends ObjectLiteral>(ds: DataSource, entity: EntityTarget<E>, column: string, keys: readonly number[]): Promise<E[]> {
  const metadata = ds.getMetadata(entity);
  const [{ rows }] = await preparedAll<{ rows: string }>(ds, jsonRowsQuery(metadata, `"${metadata.tableName}" WHERE "${column}" ${IN_KEYS}`, `"id"`), [
    JSON.stringify(keys),
  ]);
  return hydrate<E>(ds, metadata, rows);
}

function byId<E extends ObjectLiteral & { id: number }>(ds: DataSource, options: Opts, entity: EntityTarget<E>) {
  return new DataLoader<number, E | null>(
    async (ids) => {
      const rows = await rowsWhereIn(ds, entity, "id", ids);
      const found = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => found.get(id) ?? null);
    },
    options,
  );
}

/** Rows of `entity` whose `column` is one of the keys, grouped per key, in id order. */
function manyBy<E extends ObjectLiteral & { id: number }>(ds: DataSource, options: Opts, entity: EntityTarget<E>, column: keyof E & string) {
  return new DataLoader<number, E[]>(
    async (keys) => {
      const rows = await rowsWhereIn(ds, entity, column, keys);
      const groups = new Map<number, E[]>(keys.map((k) => [k, []]));
      for (const row of rows) groups.get(row[column] as number)?.push(row);
      return keys.map((k) => groups.get(k) ?? []);
    },
    options,
  );
}

/**
 * Ids on the far side of a join table, grouped per key: one statement per batch. The rows
 * themselves then come through the far side's byId loader, which batches them in turn.
 */
function linkedIds(ds: DataSource, options: Opts, table: string, keyColumn: string, valueColumn: string) {
  return new DataLoader<number, number[]>(
    async (keys) => {
      const rows = await preparedAll<{ k: number; v: number }>(
        ds,
        `SELECT "${keyColumn}" AS k, "${valueColumn}" AS v FROM "${table}" WHERE "${keyColumn}" ${IN_KEYS} ORDER BY "${valueColumn}"`,
        [JSON.stringify(keys)],
      );
      const groups = new Map<number, number[]>(keys.map((k) => [k, []]));
      for (const row of rows) groups.get(Number(row.k))?.push(Number(row.v));
      return keys.map((k) => groups.get(k) ?? []);
    },
    options,
  );
}

/** Per-request loaders (never shared between requests, so one viewer never sees another's cache). */
export function createLoaders(ds: DataSource, loaderOptions: LoaderOptions = { batch: true }) {
  const options: Opts = loaderOptions.batch ? { maxBatchSize: MAX_BATCH } : { batch: false, cache: false };
  return {
    person: byId(ds, options, Person),
    organisation: byId(ds, options, Organisation),
    honour: byId(ds, options, Honour),
    award: byId(ds, options, Award),
    proposal: byId(ds, options, Proposal),
    congress: byId(ds, options, Congress),
    position: byId(ds, options, Position),
    seat: byId(ds, options, Seat),
    sourceDocument: byId(ds, options, SourceDocument),
    citation: byId(ds, options, Citation),
    auditEntry: byId(ds, options, AuditEntry),

    positionsByPerson: manyBy(ds, options, Position, "personId"),
    positionsByOrganisation: manyBy(ds, options, Position, "organisationId"),
    seatsByPerson: manyBy(ds, options, Seat, "personId"),
    awardsByPerson: manyBy(ds, options, Award, "personId"),
    awardsByOrganisation: manyBy(ds, options, Award, "organisationId"),
    childrenByOrganisation: manyBy(ds, options, Organisation, "parentId"),
    talliesByHonour: manyBy(ds, options, HonourTally, "honourId"),

    proposalIdsByPerson: linkedIds(ds, options, "proposal_author", "personId", "proposalId"),
    authorIdsByProposal: linkedIds(ds, options, "proposal_author", "proposalId", "personId"),
    citationIdsByPerson: linkedIds(ds, options, "person_citation", "personId", "citationId"),

    recipientCountByHonour: new DataLoader<number, number>(
      async (ids) => {
        const rows: { honourId: number; n: number }[] = await ds
          .getRepository(Award)
          .createQueryBuilder("a")
          .select(`a."honourId"`, "honourId")
          .addSelect(`COUNT(DISTINCT a."personId") + COUNT(DISTINCT a."organisationId")`, "n")
          .where(`a."honourId" IN (:...ids)`, { ids: [...ids] })
          .groupBy(`a."honourId"`)
          .getRawMany();
        const counts = new Map(rows.map((r) => [Number(r.honourId), Number(r.n)]));
        return ids.map((id) => counts.get(id) ?? 0);
      },
      options,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** Loads many ids through a byId loader, dropping ids that no longer exist. */
export async function loadAll<T>(loader: DataLoader<number, T | null>, ids: readonly number[]): Promise<T[]> {
  const rows = await loader.loadMany(ids);
  return rows.filter((row): row is T => row !== null && !(row instanceof Error));
}
