import { andThen, BatchReads, HeldLoader, LoaderDef, prefetch, RequestSource, RowLoader } from "../src/loaders/row-loader";

/** A prefetch of one key for each of `loaders`: what a profile page asks. */
const prefetchOne = <L, P>(key: number, loaders: HeldLoader<unknown, L, P>[]) => prefetch(loaders.map((loader) => [loader, [key]] as const));

/**
 * The request's loaders (src/loaders/row-loader.ts) answer values already read as plain values,
 * so that the executor resolves those fields without a promise. Whatever they answer at once must
 * be what a load would answer; anything not yet read must still go through one batched load, and
 * a prefetch must read all its loaders' values, and the rows they point to, in one read.
 * Here the database is a function: each read answers the keys it was given, as rows.
 */
type Row = { id: number; name: string };
type Loaders = { rows: RowLoader<Row, Loaders, null>; lists: HeldLoader<number[], Loaders, null> };

function setup(options: { cache?: boolean; batch?: boolean; fail?: boolean } = {}) {
  const reads: { sql: string; params: unknown[] }[] = [];
  const keysOf = (param: unknown): number[] => (typeof param === "number" ? [param] : JSON.parse(param as string));
  const source: RequestSource<Loaders, null> = {
    async read(sql, params) {
      reads.push({ sql, params });
      if (options.fail) throw new Error("the database is gone");
      // a prefetch reads several reads as one, answering their values as one array
      if (sql.startsWith("SELECT '['")) return params.map(keysOf);
      return keysOf(params[0]);
    },
    keysParam: (keys) => (keys.length === 1 ? keys[0] : JSON.stringify(keys)),
    options: options.cache === false ? { cache: false, batch: options.batch ?? false } : {},
    projection: () => null,
    loaders: () => loaders,
  };
  const rowsDef: LoaderDef<Row | null, Loaders, null> = {
    reads: (): BatchReads<Row | null, Loaders> => ({
      main: {
        sql: "SELECT 'rows'",
        take: (value, keys) => keys.map((id) => ((value as number[]).includes(id) && id !== 404 ? { id, name: `row ${id}` } : null)),
      },
      includes: [],
    }),
  };
  // lists of a key point to rows (their ids k*10, k*10+1), which the lists' batch reads too
  // (without a cache, the definition is asked for no includes: src/loaders keyedReads)
  const listsDef: LoaderDef<number[], Loaders, null> = {
    reads: (_projection, _one, withIncludes): BatchReads<number[], Loaders> => ({
      main: { sql: "SELECT 'lists'", take: (_value, keys) => keys.map((k) => (k === 0 ? [] : [k * 10, k * 10 + 1])) },
      includes: !withIncludes
        ? []
        : [
            {
              read: {
                sql: "SELECT 'listed rows'",
                take: (_value, keys) => keys.flatMap((k) => (k === 0 ? [] : [k * 10, k * 10 + 1])).map((id) => ({ id, name: `listed ${id}` })),
              },
              into: (l: Loaders) => l.rows,
            },
          ],
    }),
  };
  const loaders: Loaders = { rows: new RowLoader(rowsDef, source), lists: new HeldLoader(listsDef, source) };
  return { loaders, reads };
}

test("a row read once is answered at once, a missing one as null, an unread one through a batch", async () => {
  const { loaders, reads } = setup();
  const loader = loaders.rows;
  const unread = loader.get(1);
  expect(unread).toBeInstanceOf(Promise);
  expect(await Promise.all([unread, loader.get(404), loader.load(2)])).toEqual([{ id: 1, name: "row 1" }, null, { id: 2, name: "row 2" }]);
  // several keys are bound as one JSON array
  expect(reads).toEqual([{ sql: "SELECT 'rows'", params: ["[1,404,2]"] }]);
  expect(loader.get(1)).toEqual({ id: 1, name: "row 1" });
  expect(loader.get(404)).toBeNull();
  expect(loader.getAll([2, 404, 1])).toEqual([
    { id: 2, name: "row 2" },
    { id: 1, name: "row 1" },
  ]);
  expect(reads).toHaveLength(1);
  // a single key is bound as itself
  await loader.load(3);
  expect(reads[1].params).toEqual([3]);
});

test("primed rows are answered at once and by load, without a batch; a later prime does not replace a row read", async () => {
  const { loaders, reads } = setup();
  const loader = loaders.rows;
  loader.prime({ id: 5, name: "primed" });
  expect(loader.get(5)).toEqual({ id: 5, name: "primed" });
  expect(await loader.load(5)).toEqual({ id: 5, name: "primed" });
  await loader.load(6);
  loader.prime({ id: 6, name: "stale" });
  expect(loader.get(6)).toEqual({ id: 6, name: "row 6" });
  expect(await loader.load(6)).toEqual({ id: 6, name: "row 6" });
  // getAll with one row unread loads them all, in order, reading only the unread one
  expect(await loader.getAll([5, 7])).toEqual([
    { id: 5, name: "primed" },
    { id: 7, name: "row 7" },
  ]);
  expect(reads.map((r) => r.params)).toEqual([[6], [7]]);
});

test("without a cache (the naive server) nothing is held: every get is a load, and nothing extra is read", async () => {
  const { loaders, reads } = setup({ cache: false });
  await loaders.rows.load(1);
  loaders.rows.prime({ id: 2, name: "primed" });
  expect(loaders.rows.get(1)).toBeInstanceOf(Promise);
  expect(await loaders.rows.get(2)).toEqual({ id: 2, name: "row 2" });
  await loaders.lists.load(3);
  expect(loaders.rows.has(30)).toBe(false);
  expect(reads.map((r) => r.sql)).toEqual(["SELECT 'rows'", "SELECT 'rows'", "SELECT 'rows'", "SELECT 'lists'"]);
});

test("lists by key (a person's seats) are held the same way, and the rows they point to come with them", async () => {
  const { loaders, reads } = setup();
  const pending = loaders.lists.get(1);
  expect(pending).toBeInstanceOf(Promise);
  expect(await Promise.all([pending, loaders.lists.get(0)])).toEqual([[10, 11], []]);
  expect(loaders.lists.get(1)).toEqual([10, 11]);
  expect(loaders.lists.get(0)).toEqual([]);
  expect(loaders.rows.get(11)).toEqual({ id: 11, name: "listed 11" });
  expect(reads.map((r) => r.sql)).toEqual(["SELECT 'lists'", "SELECT 'listed rows'"]);
});

test("a prefetch reads every loader's values and their includes in one read, and holds them all", async () => {
  const { loaders, reads } = setup();
  await prefetchOne(2, [loaders.rows, loaders.lists]);
  expect(reads).toHaveLength(1);
  expect(reads[0].sql).toContain("SELECT 'rows'");
  expect(reads[0].sql).toContain("SELECT 'listed rows'");
  expect(reads[0].params).toEqual([2, 2, 2]);
  expect(loaders.rows.get(2)).toEqual({ id: 2, name: "row 2" });
  expect(loaders.lists.get(2)).toEqual([20, 21]);
  expect(loaders.rows.getAll([20, 21])).toEqual([
    { id: 20, name: "listed 20" },
    { id: 21, name: "listed 21" },
  ]);
  expect(reads).toHaveLength(1);
  // a missing row is held as missing
  await prefetchOne(404, [loaders.rows]);
  expect(loaders.rows.get(404)).toBeNull();
});

test("a prefetch of several keys reads each loader's own keys, and their includes, in one read", async () => {
  const { loaders, reads } = setup();
  await prefetch([
    [loaders.rows, [1, 2, 2]],
    [loaders.lists, [3, 4]],
    [loaders.rows, []],
  ]);
  // each loader's keys bound as one parameter, its includes' with them; a key asked twice read once
  expect(reads).toHaveLength(1);
  expect(reads[0].params).toEqual(["[1,2]", "[3,4]", "[3,4]"]);
  expect(loaders.rows.getAll([1, 2])).toEqual([
    { id: 1, name: "row 1" },
    { id: 2, name: "row 2" },
  ]);
  expect(loaders.lists.get(3)).toEqual([30, 31]);
  expect(loaders.lists.get(4)).toEqual([40, 41]);
  expect(loaders.rows.get(41)).toEqual({ id: 41, name: "listed 41" });
  // keys held already are not read again: one key left is bound as itself
  await prefetch([[loaders.rows, [1, 5]]]);
  expect(reads).toHaveLength(2);
  expect(reads[1].params).toEqual([5]);
  // nothing left to read: no read at all
  await prefetch([
    [loaders.rows, [1, 2, 5]],
    [loaders.lists, []],
  ]);
  expect(reads).toHaveLength(2);
});

test("a prefetch of several keys waits for those another prefetch is reading and reads only the rest", async () => {
  const { loaders, reads } = setup();
  const first = prefetch([[loaders.rows, [6, 7]]]);
  const second = prefetch([[loaders.rows, [7, 8]]]);
  await Promise.all([first, second]);
  expect(reads.map((r) => r.params)).toEqual([["[6,7]"], [8]]);
  expect(loaders.rows.getAll([6, 7, 8])).toEqual([6, 7, 8].map((id) => ({ id, name: `row ${id}` })));
});

test("a failed prefetch rejects and holds nothing: a later get reads again", async () => {
  const { loaders, reads } = setup({ fail: true });
  await expect(prefetchOne(2, [loaders.rows, loaders.lists])).rejects.toThrow("the database is gone");
  expect(loaders.rows.has(2)).toBe(false);
  expect(loaders.lists.has(2)).toBe(false);
  const again = loaders.rows.get(2);
  expect(again).toBeInstanceOf(Promise);
  await expect(again).rejects.toThrow("the database is gone");
  expect(reads).toHaveLength(2);
});

test("a value primed while its batch is out stays the one handed out", async () => {
  const { loaders } = setup();
  const pending = loaders.rows.load(9);
  loaders.rows.prime({ id: 9, name: "primed" });
  expect(await pending).toEqual({ id: 9, name: "primed" });
  expect(loaders.rows.get(9)).toEqual({ id: 9, name: "primed" });
});

test("a prefetch reads only what is neither held nor being read: one read for the same key asked twice at once", async () => {
  const { loaders, reads } = setup();
  const first = prefetchOne(3, [loaders.rows, loaders.lists]);
  const second = prefetchOne(3, [loaders.rows, loaders.lists]);
  await Promise.all([first, second]);
  expect(reads).toHaveLength(1);
  expect(loaders.rows.get(3)).toEqual({ id: 3, name: "row 3" });
  // held now: nothing to read
  await prefetchOne(3, [loaders.rows, loaders.lists]);
  expect(reads).toHaveLength(1);
  // only the loader that does not hold the key is read
  await loaders.rows.load(4);
  reads.length = 0;
  await prefetchOne(4, [loaders.rows, loaders.lists]);
  expect(reads).toHaveLength(1);
  expect(reads[0].sql).not.toContain("'rows'");
  expect(reads[0].sql).toContain("'lists'");
  expect(loaders.lists.get(4)).toEqual([40, 41]);
});

test("a prefetch that waited on a failed one fails with it; the next reads again", async () => {
  const { loaders, reads } = setup({ fail: true });
  const both = [prefetchOne(2, [loaders.rows]), prefetchOne(2, [loaders.rows])];
  for (const attempt of both) await expect(attempt).rejects.toThrow("the database is gone");
  expect(reads).toHaveLength(1);
  await expect(prefetchOne(2, [loaders.rows])).rejects.toThrow("the database is gone");
  expect(reads).toHaveLength(2);
});

test("without a cache a prefetch refuses: nothing read ahead could be held", async () => {
  const { loaders, reads } = setup({ cache: false });
  await expect(prefetchOne(2, [loaders.rows, loaders.lists])).rejects.toThrow("without a cache");
  expect(reads).toHaveLength(0);
});

test("andThen applies a function at once to a value, and later to a promise", async () => {
  expect(andThen(2, (n) => n + 1)).toBe(3);
  const later = andThen(Promise.resolve(2), (n) => n + 1);
  expect(later).toBeInstanceOf(Promise);
  expect(await later).toBe(3);
});
