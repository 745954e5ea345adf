import DataLoader from "dataloader";
import { combinedSql, ReadJson } from "../db/read-batch";

/**
 * One read of a loader: its SQL, answering one JSON value, whose one parameter is the keys
 * (keysParam), and what that value makes for those keys.
 */
export interface Read<T, L = unknown> {
  sql: string;
  /** The value's meaning for `keys`; rows it holds for other loaders go into `loaders`. */
  take(value: unknown, keys: readonly number[], loaders: L): T;
}

/** A read of rows that another loader of the request holds (src/loaders: includes). */
export interface IncludeRead<L> {
  read: Read<{ id: number }[]>;
  into(loaders: L): RowLoader<{ id: number }>;
}

/** How a request's loaders batch and cache (DataLoader's options that do not depend on the value type). */
export type BatchOptions = Pick<DataLoader.Options<number, unknown>, "batch" | "maxBatchSize" | "cache">;

/** What a loader reads for a batch: its own values, and rows it reads for other loaders in the same statement. */
export interface BatchReads<V, L> {
  main: Read<V[], L>;
  includes: readonly IncludeRead<L>[];
}

/**
 * A loader's reads, defined once per data source (their SQL texts built once per projection):
 * `one` is a read of a single key; `includes`, whether rows for other loaders are read too
 * (not without a cache: nothing could hold them). Per request there is only a HeldLoader of it.
 */
export interface LoaderDef<V, L, P> {
  reads(projection: P, one: boolean, includes: boolean): BatchReads<V, L>;
}

/** What the request's loaders share: how they read, DataLoader's options (no cache: nothing is held), the request's projection and loaders. */
export interface RequestSource<L, P> {
  read: ReadJson;
  /** The one parameter of a read of `keys` (Dialect.keysParam): one text, one prepared statement, for any number of keys but one. */
  keysParam: (keys: readonly number[]) => unknown;
  options: BatchOptions;
  projection(): P;
  loaders(): L;
}

/** Runs `reads` for `keys`, each as its own read (the reads of one tick share a statement: src/db/read-batch.ts); primes the includes; answers the main read's values. */
async function runBatch<V, L, P>(source: RequestSource<L, P>, { main, includes }: BatchReads<V, L>, keys: readonly number[]): Promise<V[]> {
  const param = [source.keysParam(keys)];
  const [own, ...related] = await Promise.all([source.read(main.sql, param), ...includes.map((inc) => source.read(inc.read.sql, param))]);
  primeIncludes(source, includes, related, keys);
  return main.take(own, keys, source.loaders());
}

function primeIncludes<L, P>(source: RequestSource<L, P>, includes: readonly IncludeRead<L>[], values: readonly unknown[], keys: readonly number[]): void {
  if (!includes.length) return;
  const loaders = source.loaders();
  includes.forEach((inc, i) => {
    const target = inc.into(loaders);
    for (const row of inc.read.take(values[i], keys, loaders)) target.prime(row);
  });
}

/**
 * A DataLoader by number key that also answers at once for the values it already holds.
 *
 * DataLoader answers every load with a promise, a cache hit too (and only at its next dispatch),
 * and a resolver that returns a promise costs the executor a promise chain per field. A delegates
 * page asks for hundreds of rows that are already in hand (an award's honour, read with the awards;
 * a seat's congress) and lists read in the same statement as the people (their seats, awards,
 * proposals): as promises they were a large part of what the page allocated.
 * `get` hands those over as plain values; anything not yet read goes through `load` as before.
 * Without a cache (the naive server) nothing is held, and `get` is `load`.
 *
 * Every request has its own (one viewer never sees another's cache), so it costs nothing until
 * used: its map and its DataLoader are made on first need, and a value held by a prefetch
 * (below) never needs the DataLoader at all.
 */
export class HeldLoader<V, L = unknown, P = unknown> {
  private values: Map<number, V> | undefined;
  private dataLoader: DataLoader<number, V> | undefined;
  /** Prefetches of this loader's values under way, by key (see prefetch). */
  coming: Map<number, Promise<void>> | undefined;

  constructor(
    readonly def: LoaderDef<V, L, P>,
    readonly source: RequestSource<L, P>,
  ) {}

  private get loader(): DataLoader<number, V> {
    if (!this.dataLoader) {
      this.dataLoader = new DataLoader<number, V>(async (keys) => {
        const found = await runBatch(this.source, this.reads(keys.length === 1), keys);
        return this.settle(keys, found);
      }, this.source.options);
    }
    return this.dataLoader;
  }

  /** This loader's reads under the request's projection. */
  reads(one: boolean): BatchReads<V, L> {
    // includes only with a cache: without one there is nothing to prime
    return this.def.reads(this.source.projection(), one, this.holds);
  }

  /** `found`, the values of `keys` just read, as handed out: a value held already (primed while they were being read) stays the one handed out. */
  settle(keys: readonly number[], found: V[]): V[] {
    if (!this.holds) return found;
    const values = (this.values ??= new Map());
    return keys.map((key, i) => {
      if (!values.has(key)) values.set(key, found[i]);
      return values.get(key) as V;
    });
  }

  private get holds(): boolean {
    return this.source.options.cache !== false;
  }

  load(key: number): Promise<V> {
    return this.values?.has(key) ? Promise.resolve(this.values.get(key) as V) : this.loader.load(key);
  }

  loadMany(keys: readonly number[]): Promise<(V | Error)[]> {
    return Promise.all(keys.map((key) => this.load(key).catch((error: Error) => error)));
  }

  /** Whether the value of `key` has been read (or primed). */
  has(key: number): boolean {
    return this.values?.has(key) ?? false;
  }

  /** The value at once when it has been read, else a promise of it. */
  get(key: number): V | Promise<V> {
    return this.values?.has(key) ? (this.values.get(key) as V) : this.loader.load(key);
  }

  /** A value read some other way: later loads and gets answer it (unless one was already read). */
  hold(key: number, value: V): void {
    if (!this.holds) return;
    const values = (this.values ??= new Map());
    if (!values.has(key)) values.set(key, value);
  }
}

/** Rows by id (null: no such row). */
export class RowLoader<E extends { id: number }, L = unknown, P = unknown> extends HeldLoader<E | null, L, P> {
  /** The rows of `ids` that exist, in order, at once when all have been read (else a promise): what loadAll answers. */
  getAll(ids: readonly number[]): E[] | Promise<E[]> {
    const rows: E[] = [];
    for (const id of ids) {
      if (!this.has(id)) return loadAll(this, ids);
      const row = this.get(id) as E | null;
      if (row) rows.push(row);
    }
    return rows;
  }

  /** A row read some other way (with the rows that point to it): later loads and gets answer it. */
  prime(row: E): void {
    this.hold(row.id, row);
  }
}

/** Loads many ids, dropping ids that no longer exist; a failed load fails the whole. */
export async function loadAll<T>(loader: { loadMany(ids: readonly number[]): Promise<(T | null | Error)[]> }, ids: readonly number[]): Promise<T[]> {
  const rows = await loader.loadMany(ids);
  const failed = rows.find((row): row is Error => row instanceof Error);
  if (failed) throw failed;
  return rows.filter((row): row is T => row !== null);
}

/** `fn` of a value that may still be coming: at once when it is here, else when it comes. */
export function andThen<T, R>(value: T | Promise<T>, fn: (value: T) => R | Promise<R>): R | Promise<R> {
  return value instanceof Promise ? value.then(fn) : fn(value);
}

/** A loader of the request and the keys whose values a prefetch reads for it. */
export type Wanted<L, P> = readonly [HeldLoader<unknown, L, P>, readonly number[]];

/**
 * The values of `wanted` loaders (of one request), each for its keys, with their includes, read in
 * one go and held: what a page asks when its fields are known before its rows are read or shown (a
 * profile page: the person's relations, keyed by the id it is asked by; a list of people: the
 * relations of the page's rows, src/services/people.ts). The resolvers then `get` every value at
 * once. DataLoader's batches would make each of those reads a promise, a callback and a queue
 * entry per loader, and every field that waits on one a promise for the executor to settle; here
 * they are one read, one promise. Without a cache (the naive server) nothing could be held:
 * callers load instead.
 */
export function prefetch<L, P>(wanted: readonly Wanted<L, P>[]): Promise<void> {
  const asked = wanted.filter(([, keys]) => keys.length > 0);
  if (!asked.length) return Promise.resolve();
  if (asked[0][0].source.options.cache === false) return Promise.reject(new Error("prefetch: without a cache nothing read ahead can be held"));
  // A value held already, or being read by another prefetch (two fields of one query asking for
  // the same person), is not read again: the first value held is the one handed out anyway.
  const waits = new Set<Promise<void>>();
  const missing: Wanted<L, P>[] = [];
  for (const [loader, keys] of asked) {
    const unread = [...new Set(keys)].filter((key) => {
      if (loader.has(key)) return false;
      const coming = loader.coming?.get(key);
      if (coming) waits.add(coming);
      return !coming;
    });
    if (unread.length) missing.push([loader, unread]);
  }
  if (missing.length) {
    const read = readAhead(missing);
    for (const [loader, keys] of missing) for (const key of keys) (loader.coming ??= new Map()).set(key, read);
    const done = () => missing.forEach(([loader, keys]) => keys.forEach((key) => loader.coming!.delete(key)));
    read.then(done, done);
    waits.add(read);
  }
  return waits.size === 1 ? [...waits][0] : Promise.all(waits).then(() => undefined);
}

async function readAhead<L, P>(wanted: readonly Wanted<L, P>[]): Promise<void> {
  const source = wanted[0][0].source;
  const batches = wanted.map(([loader, keys]) => loader.reads(keys.length === 1));
  const params = wanted.map(([, keys]) => source.keysParam(keys));
  // each loader's main read, then the includes of each, bound to the same keys as their loader's
  const reads: Read<unknown, L>[] = batches.map((batch) => batch.main);
  const readParams = [...params];
  batches.forEach((batch, i) => {
    for (const inc of batch.includes) {
      reads.push(inc.read);
      readParams.push(params[i]);
    }
  });
  const values = (await source.read(combinedSql(reads), readParams)) as unknown[];
  let next = batches.length;
  batches.forEach(({ includes }, i) => primeIncludes(source, includes, values.slice(next, (next += includes.length)), wanted[i][1]));
  const held = source.loaders();
  wanted.forEach(([loader, keys], i) => loader.settle(keys, batches[i].main.take(values[i], keys, held)));
}
