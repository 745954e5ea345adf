import DataLoader from "dataloader";

/**
 * A DataLoader by number key that also answers at once for the values it already holds.
 *
 * DataLoader answers every load with a promise, a cache hit too (and only at its next dispatch),
 * and a resolver that returns a promise costs graphql-jit a promise chain per field. A 50-row
 * delegates page asks for about 250 rows that are already in hand (an award's honour, read with
 * the awards; a seat's congress) and 200 lists read in the same statement as the people (their
 * seats, awards, proposals): as promises they were a fifth of what the page allocated.
 * `get` hands those over as plain values; anything not yet read goes through `load` as before.
 * Without a cache (the naive server) nothing is held, and `get` is `load`.
 */
export class HeldLoader<V> {
  private readonly values = new Map<number, V>();
  private readonly loader: DataLoader<number, V>;

  constructor(
    batch: (keys: readonly number[]) => Promise<V[]>,
    private readonly options: DataLoader.Options<number, V>,
  ) {
    this.loader = new DataLoader<number, V>(async (keys) => {
      const found = await batch(keys);
      if (!this.holds) return found;
      // A value primed while this batch was out (read by the same statement) stays the one handed out.
      return keys.map((key, i) => {
        if (!this.values.has(key)) this.values.set(key, found[i]);
        return this.values.get(key) as V;
      });
    }, options);
  }

  protected get holds(): boolean {
    return this.options.cache !== false;
  }

  load(key: number): Promise<V> {
    return this.loader.load(key);
  }

  loadMany(keys: readonly number[]): Promise<(V | Error)[]> {
    return this.loader.loadMany(keys);
  }

  /** Whether the value of `key` has been read (or primed). */
  has(key: number): boolean {
    return this.values.has(key);
  }

  /** The value at once when it has been read, else a promise of it. */
  get(key: number): V | Promise<V> {
    return this.values.has(key) ? (this.values.get(key) as V) : this.loader.load(key);
  }

  /** A value read some other way: later loads and gets answer it (unless one was already read). */
  protected primeValue(key: number, value: V): void {
    if (!this.holds) return;
    if (!this.values.has(key)) this.values.set(key, value);
    this.loader.prime(key, value);
  }
}

/** Rows by id (null: no such row). */
export class RowLoader<E extends { id: number }> extends HeldLoader<E | null> {
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
    this.primeValue(row.id, row);
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
