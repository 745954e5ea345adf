import { DataSource, EntityTarget, ObjectLiteral } from "typeorm";
import { dialectOf, readerOf } from "../db";
import { hydrate } from "../db/json-rows";
import { readEach, readInBatches } from "../db/read-batch";
import {
  AuditEntry,
  Award,
  Citation,
  Congress,
  Honour,
  HonourTally,
  Organisation,
  Person,
  Position,
  Proposal,
  Seat,
  SourceDocument,
  Statistic,
} from "../entities";
import { ChildPages } from "./pages";
import { Projection } from "./projection";
import { BatchOptions, HeldLoader, LoaderDef, RequestSource, RowLoader } from "./row-loader";
import { byIdOf, cached, columnsOf, Include, include, inOrder, joinKeys, keyedReads, pairsByKey } from "./sql";

export { andThen, HeldLoader, loadAll, prefetch, RowLoader } from "./row-loader";

/** Keys per batch at most: keeps each statement's JSON key list and its result bounded. */
const MAX_BATCH = 500;

/**
 * Batching on (the default) or off: off, each load is its own query and nothing is cached,
 * which is what a server without DataLoader does (measured by the benchmark as the naive server).
 */
export interface LoaderOptions {
  batch: boolean;
  /** The columns the request's reads take (src/loaders/projection.ts), read at each read; all of them when not given. */
  projection?: () => Projection;
  /** The request's deadline (epoch ms, read as each statement is about to start): past it the loaders read nothing; none when not given. */
  deadline?: () => number;
}

/** A definition of rows by id: the request gets a RowLoader of it. */
type RowsDef<E> = LoaderDef<E | null, Loaders, Projection> & { rows: true };

/** The loaders' definitions for one data source: their SQL, built once per projection, and how answers become values. */
function defineLoaders(ds: DataSource): Record<LoaderName, AnyDef> {
  const dialect = dialectOf(ds);
  /** The rows of `entity` whose `column` is one of the keys, as entities (src/db/json-rows.ts), in no particular order. */
  const entityRows = <E extends ObjectLiteral, V>(
    entity: EntityTarget<E>,
    column: string,
    includes: readonly Include[],
    answer: (rows: E[], keys: readonly number[]) => V[],
  ) => {
    const metadata = ds.getMetadata(entity);
    return keyedReads<V>(ds, metadata.tableName, column, includes, (projection) => {
      const set = projection.columns(metadata);
      return {
        columns: columnsOf(set, metadata.tableName),
        answer: (rows, keys) => answer(hydrate<E>(ds, metadata, set, rows), keys),
      };
    });
  };

  /** Rows by id. */
  const byId = <E extends ObjectLiteral & { id: number }>(entity: EntityTarget<E>, includes: readonly Include[] = []): RowsDef<E> => ({
    ...entityRows<E, E | null>(entity, "id", includes, (rows, ids) => {
      const found = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => found.get(id) ?? null);
    }),
    rows: true,
  });

  /** Rows of `entity` whose `column` is one of the keys, grouped per key, in id order. */
  const manyBy = <E extends ObjectLiteral & { id: number }>(entity: EntityTarget<E>, column: keyof E & string, includes: readonly Include[] = []) =>
    entityRows<E, E[]>(entity, column, includes, (rows, keys) => {
      const groups = new Map<number, E[]>(keys.map((k) => [k, []]));
      for (const row of rows) groups.get(row[column])?.push(row);
      return keys.map((k) => inOrder(groups.get(k) ?? [], byIdOf));
    });

  /**
   * Ids on the far side of a join table, grouped per key: one read per batch. The rows
   * themselves come through the far side's byId loader: read in the same statement when an
   * include names them (a person's proposals), else batched by that loader in turn.
   */
  const linkedIds = (table: string, keyColumn: string, valueColumn: string, includes: readonly Include[] = []) =>
    keyedReads<number[]>(ds, table, keyColumn, includes, () => ({
      columns: [`"${table}"."${keyColumn}"`, `"${table}"."${valueColumn}"`],
      answer: (rows, keys) => {
        const groups = pairsByKey(rows, keys);
        return keys.map((k) => groups.get(k) ?? []);
      },
    }));

  const organisation = (l: Loaders) => l.organisation;
  const congress = (l: Loaders) => l.congress;

  return {
    // A person with the employer and the group above it (a profile page's `employer { parent }`).
    person: byId(Person, [
      include({ entity: Organisation, into: organisation, fk: "employerId", as: "employer" }),
      include({ entity: Organisation, into: organisation, fk: "parentId", from: "employer", as: "employerParent" }),
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
    statistic: byId(Statistic),

    positionsByPerson: manyBy(Position, "personId", [include({ entity: Organisation, into: organisation, fk: "organisationId", as: "workplace" })]),
    seatsByPerson: manyBy(Seat, "personId", [include({ entity: Congress, into: congress, fk: "congressId", as: "seatCongress" })]),
    awardsByPerson: manyBy(Award, "personId", [include({ entity: Honour, into: (l) => l.honour, fk: "honourId", as: "awarded" })]),
    talliesByHonour: manyBy(HonourTally, "honourId"),
    statisticsByOrganisation: manyBy(Statistic, "organisationId"),

    proposalIdsByPerson: linkedIds("proposal_author", "personId", "proposalId", [
      include({ entity: Proposal, into: (l) => l.proposal, fk: "proposalId", as: "authored" }),
      include({ entity: Congress, into: congress, fk: "congressId", from: "authored", as: "authoredCongress" }),
    ]),
    authorIdsByProposal: linkedIds("proposal_author", "proposalId", "personId"),
    citationIdsByPerson: linkedIds("person_citation", "personId", "citationId"),

    /** People and organisations holding each honour (the recipients count). */
    recipientCountByHonour: cached<number>((_projection, one) => ({
      main: {
        sql: dialect.jsonArrays(
          [`"honourId"`, `"n"`],
          `(SELECT "award"."honourId" AS "honourId", COUNT(DISTINCT "award"."personId") + COUNT(DISTINCT "award"."organisationId") AS "n" FROM ${joinKeys(dialect, "award", "honourId", one)} GROUP BY "award"."honourId") AS "counts"`,
          null,
        ),
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
  /** Pages of the rows that point to a parent, for connections under a list (an organisation's awards). */
  pages: ChildPages<Loaders>;
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
  statistic: Rows<Statistic>;
  positionsByPerson: Values<Position[]>;
  seatsByPerson: Values<Seat[]>;
  awardsByPerson: Values<Award[]>;
  talliesByHonour: Values<HonourTally[]>;
  statisticsByOrganisation: Values<Statistic[]>;
  proposalIdsByPerson: Values<number[]>;
  authorIdsByProposal: Values<number[]>;
  citationIdsByPerson: Values<number[]>;
  recipientCountByHonour: Values<number>;
}
export type LoaderName = Exclude<keyof Loaders, "pages">;
type AnyDef = LoaderDef<unknown, Loaders, Projection> & { rows?: true };
const definitions = new WeakMap<DataSource, Record<LoaderName, AnyDef>>();

/** Per-request loaders: each costs an object until it is used (src/loaders/row-loader.ts). */
export function createLoaders(ds: DataSource, loaderOptions: LoaderOptions = { batch: true }): Loaders {
  let defs = definitions.get(ds);
  if (!defs) definitions.set(ds, (defs = defineLoaders(ds)));
  const options: BatchOptions = loaderOptions.batch ? { maxBatchSize: MAX_BATCH } : { batch: false, cache: false };
  const deadline = loaderOptions.deadline ?? (() => Infinity);
  const read = loaderOptions.batch ? readInBatches(readerOf(ds), deadline) : readEach(readerOf(ds).until(deadline));
  const source: RequestSource<Loaders, Projection> = {
    read,
    keysParam: dialectOf(ds).keysParam,
    options,
    projection: loaderOptions.projection ?? (() => Projection.ALL),
    loaders: () => loaders,
  };
  const loaders = { pages: new ChildPages(ds, source) } as Loaders;
  for (const name of Object.keys(defs) as LoaderName[]) {
    const def = defs[name];
    (loaders as unknown as Record<string, unknown>)[name] = def.rows
      ? new RowLoader(def as LoaderDef<{ id: number } | null, Loaders, Projection>, source)
      : new HeldLoader(def, source);
  }
  return loaders;
}
