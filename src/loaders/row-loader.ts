import DataLoader from "dataloader";

/**
 * A DataLoader of rows by id that also answers at once for the rows it already holds.
 *
 * DataLoader answers every load with a promise, a cache hit too (and only at its next dispatch),
 * and a resolver that returns a promise costs graphql-jit a promise chain per field. A 50-row
 * delegates page asks for about 250 rows that are already in hand (an award's honour, read with
 * the awards; a seat's congress): as promises they were a fifth of what the page allocated.
 * `get` hands those over as plain values; anything not yet read goes through `load` as before.
 * Without a cache (the naive server) nothing is held, and `get` is `load`.
 */
export class RowLoader<E extends { id: number }> {
  private readonly rows = new Map<number, E | null>();
  private readonly loader: DataLoader<number, E | null>;

  constructor(
    batch: (ids: readonly number[]) => Promise<(E | null)[]>,
    private readonly options: DataLoader.Options<number, E | null>,
  ) {
    this.loader = new DataLoader<number, E | null>(async (ids) => {
      const found = await batch(ids);
      if (!this.holds) return found;
      // A row primed while this batch was out (read by the same statement) stays the one handed out.
      return ids.map((id, i) => {
        if (!this.rows.has(id)) this.rows.set(id, found[i]);
        return this.rows.get(id) as E | null;
      });
    }, options);
  }

  private get holds(): boolean {
    return this.options.cache !== false;
  }

  load(id: number): Promise<E | null> {
    return this.loader.load(id);
  }

  loadMany(ids: readonly number[]): Promise<(E | null | Error)[]> {
    return this.loader.loadMany(ids);
  }

  /** The row (or null: no such row) at once when it has been read, else a promise of it. */
  get(id: number): E | null | Promise<E | null> {
    const row = this.rows.get(id);
    return row !== undefined || this.rows.has(id) ? (row as E | null) : this.loader.load(id);
  }

  /** The rows of `ids` that exist, in order, at once when all have been read (else a promise): what loadAll answers. */
  getAll(ids: readonly number[]): E[] | Promise<E[]> {
    const rows: E[] = [];
    for (const id of ids) {
      if (!this.rows.has(id)) return loadAll(this, ids);
      const row = this.rows.get(id);
      if (row) rows.push(row);
    }
    return rows;
  }

  /** A row read some other way (with the rows that point to it): later loads and gets answer it. */
  prime(row: E): void {
    if (!this.holds) return;
    if (!this.rows.has(row.id)) this.rows.set(row.id, row);
    this.loader.prime(row.id, row);
  }
}

/** Loads many ids, dropping ids that no longer exist; a failed load fails the whole. */
export async function loadAll<T>(loader: { loadMany(ids: readonly number[]): Promise<(T | null | Error)[]> }, ids: readonly number[]): Promise<T[]> {
  const rows = await loader.loadMany(ids);
  const failed = rows.find((row): row is Error => row instanceof Error);
  if (failed) throw failed;
  return rows.filter((row): row is T => row !== null);
}
