import type DataLoader from "dataloader";
import { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from "typeorm";
import { hydrate, jsonRowsQuery } from "../db/json-rows";
import { readEach, readInBatches } from "../db/read-batch";
import {
  AuditEntry, Award, Citation, Congress, Honour, HonourTally, Organisation, Person, Position, Proposal, Seat, SourceDocument,
} from "../entities";
import { Projection } from "./projection";
import { BatchReads, HeldLoader, IncludeRead, LoaderDef, Read, RequestSource, RowLoader } from "./row-loader";

export { andThen, HeldLoader, loadAll, prefetch, RowLoader } from "./row-loader";

/** Keys per batch at most: keeps each statement's JSON key list and its result bounded. */
const MAX_BATCH = 500;

/**
 * Batching on (the default) or off: off, each load is its own query and nothing is cached,
 * which is what a server without DataLoader does (measured by the benchmark as the naive server).
 */
export interface LoaderOptions {
  batch: boolean;
}

/**
 * The keys of a read, for `FROM`: a table "keys" of one column "key", bound as one parameter
 * (keysParam). Several keys come as a JSON array walked by json_each; a single key is bound as
 * itself, and SQLite then reads a table joined to it as `column = ?`: a profile page's reads
 * are all of one key, and json_each cost each of its twelve reads a virtual-table cursor and a
 * JSON parse (SQLite thread per statement, interleaved: 83-113 -> 64-71 µs).
 */
function keys(one: boolean): string {
  return one ? `(SELECT ? AS "key") AS "keys"` : `(SELECT "value" AS "key" FROM json_each(?)) AS "keys"`;
}

/**
 * `table` joined to the keys, for `FROM`: the rows whose `column` is one of the keys.
 * `column IN (SELECT value FROM json_each(?))` made SQLite copy the keys into a temporary b-tree
 * first, once per read; walking the keys and seeking the index does not (prepared, same rows,
 * alternating rounds: a profile page's statement 120-202 -> 97-105 µs, a delegates page's loader
 * statement 619-719 -> 560-660 µs). A batch's keys are distinct (DataLoader's), so the join
 * repeats no row; columns must be named with the table's name.
 */
function joinKeys(table: string, column: string, one: boolean): string {
  return `${keys(one)} JOIN "${table}" ON "${table}"."${column}" = "keys"."key"`;
}

/**
 * A read's rows of one entity (the columns of a projection), from `from`, as entity instances
 * (src/db/json-rows.ts), in no particular order: callers that answer lists put them in order
 * themselves (inOrder). An ORDER BY in the aggregate made SQLite build a temporary b-tree for
 * every read (a page cache, a zeroed page, an insert per row); a profile page's one statement has
 * twelve reads, and without the sorts it took about a quarter less time (profile 267-298 ->
 * 201-224 µs; a delegates page's loader statement 1.2-1.5 -> 0.9 ms).
 */
function rowsRead<E extends ObjectLiteral>(ds: DataSource, metadata: EntityMetadata, projection: Projection, from: string): Read<E[]> {
  const set = projection.columns(metadata);
  return {
    sql: jsonRowsQuery(set, from, null, (c) => `"${metadata.tableName}"."${c.databaseName}"`),
    take: (value) => hydrate<E>(ds, metadata, set, value as unknown[][]),
  };
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

/** [key, value] pairs (a query's JSON array of pairs) grouped per key, values in ascending order. */
function pairsByKey(value: unknown, keys: readonly number[]): Map<number, number[]> {
  const groups = new Map<number, number[]>(keys.map((k) => [k, []]));
  for (const [k, v] of value as [number, number][]) groups.get(k)?.push(v);
  for (const values of groups.values()) inOrder(values, itself);
  return groups;
}

/**
 * A to-one relation read with the rows that point to it: the rows of `entity` whose ids `refs`
 * answers for the batch's keys, read in the same statement as the batch itself and primed into
 * the loader `into` names. A page of awards then comes with its honours, instead of a second
 * round trip once the awards are in.
 */
interface Include {
  entity: EntityTarget<{ id: number }>;
  into(loaders: Loaders): RowLoader<any, Loaders, Projection>;
  /** SELECT of the related ids as "ref", from the keys (`keys(one)`), by joins only. */
  refs(one: boolean): string;
}

/**
 * The FROM of an include: for several keys, the related rows once each (`IN`: SQLite gathers the
 * ids in a temporary b-tree first); for a single key, the rows joined to the ids. A temporary
 * b-tree cost each of a profile page's seven includes its own page cache, and its memory came
 * back to the allocator after every statement, to be faulted in again by the next one (the
 * profile's statement, SQLite thread, interleaved: 135-502 µs and up to 20 page faults ->
 * 64-71 µs and none, with the single key above). A single key's relations rarely repeat a row
 * (a congress of two of one person's proposals comes twice); a page of 50 delegates' seats, all
 * in one congress, would repeat it fifty times.
 */
function includeFrom(table: string, refs: string, one: boolean): string {
  return one
    ? `(${refs}) AS "refs" JOIN "${table}" ON "${table}"."id" = "refs"."ref"`
    : `"${table}" WHERE "${table}"."id" IN (${refs})`;
}

/** Each loader's batch reads per projection and arity, built once per projection (a compiled operation keeps its projection). */
function cached<V>(build: (projection: Projection, one: boolean) => BatchReads<V, Loaders>): LoaderDef<V, Loaders, Projection> {
  const built = [new WeakMap<Projection, BatchReads<V, Loaders>>(), new WeakMap<Projection, BatchReads<V, Loaders>>()];
  return {
    reads(projection, one) {
      const byProjection = built[one ? 1 : 0];
      let reads = byProjection.get(projection);
      if (!reads) byProjection.set(projection, (reads = build(projection, one)));
      return reads;
    },
  };
}

/** A definition of rows by id: the request gets a RowLoader of it. */
type RowsDef<E> = LoaderDef<E | null, Loaders, Projection> & { rows: true };

/** The loaders' definitions for one data source: their SQL, built once per projection, and how answers become values. */
function defineLoaders(ds: DataSource): Record<LoaderName, AnyDef> {
  const meta = (entity: EntityTarget<ObjectLiteral>) => ds.getMetadata(entity);
  const includeReads = (projection: Projection, includes: readonly Include[], one: boolean): IncludeRead<Loaders>[] =>
    includes.map((inc) => {
      const metadata = meta(inc.entity);
      return { read: rowsRead(ds, metadata, projection, includeFrom(metadata.tableName, inc.refs(one), one)), into: inc.into };
    });

  /** Rows by id. */
  const byId = <E extends ObjectLiteral & { id: number }>(entity: EntityTarget<E>, includes: readonly Include[] = []) => {
    const metadata = meta(entity);
    const def = cached<E | null>((projection, one) => {
      const { sql, take } = rowsRead<E>(ds, metadata, projection, joinKeys(metadata.tableName, "id", one));
      return {
        main: {
          sql,
          take: (value, ids) => {
            const found = new Map(take(value, ids).map((row) => [row.id, row]));
            return ids.map((id) => found.get(id) ?? null);
          },
        },
        includes: includeReads(projection, includes, one),
      };
    });
    return { ...def, rows: true } as RowsDef<E>;
  };

  /** Rows of `entity` whose `column` is one of the keys, grouped per key, in id order. */
  const manyBy = <E extends ObjectLiteral & { id: number }>(entity: EntityTarget<E>, column: keyof E & string, includes: readonly Include[] = []) => {
    const metadata = meta(entity);
    return cached<E[]>((projection, one) => {
      const { sql, take } = rowsRead<E>(ds, metadata, projection, joinKeys(metadata.tableName, column, one));
      return {
        main: {
          sql,
          take: (value, keys) => {
            const groups = new Map<number, E[]>(keys.map((k) => [k, []]));
            for (const row of take(value, keys)) groups.get(row[column] as number)?.push(row);
            return keys.map((k) => inOrder(groups.get(k) ?? [], byIdOf));
          },
        },
        includes: includeReads(projection, includes, one),
      };
    });
  };

  /**
   * Ids on the far side of a join table, grouped per key: one read per batch. The rows
   * themselves come through the far side's byId loader: read in the same statement when an
   * include names them (a person's proposals), else batched by that loader in turn.
   */
  const linkedIds = (table: string, keyColumn: string, valueColumn: string, includes: readonly Include[] = []) =>
    cached<number[]>((projection, one) => ({
      main: {
        sql: `SELECT json_group_array(json_array("${table}"."${keyColumn}", "${table}"."${valueColumn}")) AS "pairs" FROM ${joinKeys(table, keyColumn, one)}`,
        take: (value, keys) => {
          const groups = pairsByKey(value, keys);
          return keys.map((k) => groups.get(k) ?? []);
        },
      },
      includes: includeReads(projection, includes, one),
    }));

  /** The ids `fk` of the rows of `table` whose `key` is one of the keys, as "ref": what an include reads. */
  const via = (table: string, fk: string, key: string) => (one: boolean) => `SELECT "${table}"."${fk}" AS "ref" FROM ${joinKeys(table, key, one)}`;
  const organisation = (l: Loaders) => l.organisation;
  const congress = (l: Loaders) => l.congress;

  return {
    // A person with the employer and the group above it (a profile page's `employer { parent }`).
    person: byId(Person, [
      { entity: Organisation, into: organisation, refs: via("person", "employerId", "id") },
      {
        entity: Organisation,
        into: organisation,
        refs: (one) => `SELECT "employer"."parentId" AS "ref" FROM ${joinKeys("person", "id", one)} JOIN "organisation" AS "employer" ON "employer"."id" = "person"."employerId"`,
      },
    ]),
    organisation: byId(Organisation),
    honour: byId(Honour),
    award: byId(Award),
    proposal: byId(Proposal),
    congress: byId(Congress),
    position: byId(Position),
    seat: byId(Seat),
    sourceDocument: byId(SourceDocument),
    citation: byId(Citation),
    auditEntry: byId(AuditEntry),

    positionsByPerson: manyBy(Position, "personId", [{ entity: Organisation, into: organisation, refs: via("position", "organisationId", "personId") }]),
    positionsByOrganisation: manyBy(Position, "organisationId"),
    seatsByPerson: manyBy(Seat, "personId", [{ entity: Congress, into: congress, refs: via("seat", "congressId", "personId") }]),
    awardsByPerson: manyBy(Award, "personId", [{ entity: Honour, into: (l) => l.honour, refs: via("award", "honourId", "personId") }]),
    awardsByOrganisation: manyBy(Award, "organisationId", [{ entity: Honour, into: (l) => l.honour, refs: via("award", "honourId", "organisationId") }]),
    childrenByOrganisation: manyBy(Organisation, "parentId"),
    talliesByHonour: manyBy(HonourTally, "honourId"),

    proposalIdsByPerson: linkedIds("proposal_author", "personId", "proposalId", [
      { entity: Proposal, into: (l) => l.proposal, refs: via("proposal_author", "proposalId", "personId") },
      {
        entity: Congress,
        into: congress,
        refs: (one) =>
          `SELECT "authored"."congressId" AS "ref" FROM ${joinKeys("proposal_author", "personId", one)} JOIN "proposal" AS "authored" ON "authored"."id" = "proposal_author"."proposalId"`,
      },
    ]),
    authorIdsByProposal: linkedIds("proposal_author", "proposalId", "personId"),
    citationIdsByPerson: linkedIds("person_citation", "personId", "citationId"),

    /** People and organisations holding each honour (the recipients count). */
    recipientCountByHonour: cached<number>((_projection, one) => ({
      main: {
        sql: `SELECT json_group_array(json_array("honourId", "n")) AS "pairs" FROM (SELECT "award"."honourId" AS "honourId", COUNT(DISTINCT "award"."personId") + COUNT(DISTINCT "award"."organisationId") AS "n" FROM ${joinKeys("award", "honourId", one)} GROUP BY "award"."honourId")`,
        take: (value, ids) => {
          const counts = pairsByKey(value, ids);
          return ids.map((id) => counts.get(id)?.[0] ?? 0);
        },
      },
      includes: [],
    })),
  };
}

type Rows<E extends { id: number }> = RowLoader<E, Loaders, Projection>;
type Values<V> = HeldLoader<V, Loaders, Projection>;

/** One request's loaders (never shared between requests, so one viewer never sees another's cache). */
export interface Loaders {
  /**
   * The columns every read of this request takes (src/loaders/projection.ts): all until the
   * operation is known (src/http/jit.ts sets its own), and list pages take the same.
   */
  projection: Projection;
  person: Rows<Person>;
  organisation: Rows<Organisation>;
  honour: Rows<Honour>;
  award: Rows<Award>;
  proposal: Rows<Proposal>;
  congress: Rows<Congress>;
  position: Rows<Position>;
  seat: Rows<Seat>;
  sourceDocument: Rows<SourceDocument>;
  citation: Rows<Citation>;
  auditEntry: Rows<AuditEntry>;
  positionsByPerson: Values<Position[]>;
  positionsByOrganisation: Values<Position[]>;
  seatsByPerson: Values<Seat[]>;
  awardsByPerson: Values<Award[]>;
  awardsByOrganisation: Values<Award[]>;
  childrenByOrganisation: Values<Organisation[]>;
  talliesByHonour: Values<HonourTally[]>;
  proposalIdsByPerson: Values<number[]>;
  authorIdsByProposal: Values<number[]>;
  citationIdsByPerson: Values<number[]>;
  recipientCountByHonour: Values<number>;
}
type LoaderName = Exclude<keyof Loaders, "projection">;
type AnyDef = LoaderDef<any, Loaders, Projection> & { rows?: true };
const definitions = new WeakMap<DataSource, Record<LoaderName, AnyDef>>();

/** Per-request loaders: each costs an object until it is used (src/loaders/row-loader.ts). */
export function createLoaders(ds: DataSource, loaderOptions: LoaderOptions = { batch: true }): Loaders {
  let defs = definitions.get(ds);
  if (!defs) definitions.set(ds, (defs = defineLoaders(ds)));
  const options: DataLoader.Options<number, any> = loaderOptions.batch ? { maxBatchSize: MAX_BATCH } : { batch: false, cache: false };
  const source: RequestSource<Loaders, Projection> = {
    read: loaderOptions.batch ? readInBatches(ds) : readEach(ds),
    options,
    batch: loaderOptions.batch,
    projection: () => loaders.projection,
    loaders: () => loaders,
  };
  const loaders = { projection: Projection.ALL } as Loaders;
  for (const name of Object.keys(defs) as LoaderName[]) {
    const def = defs[name];
    (loaders as unknown as Record<string, unknown>)[name] = def.rows ? new RowLoader(def, source) : new HeldLoader(def, source);
  }
  return loaders;
}

