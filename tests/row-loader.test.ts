import { andThen, HeldLoader, RowLoader } from "../src/loaders/row-loader";

/**
 * RowLoader (src/loaders/row-loader.ts) answers rows already read as plain values, so that
 * graphql-jit resolves those fields without a promise. Whatever it answers at once must be what
 * a load would answer; anything not yet read must still go through one batched load.
 */
type Row = { id: number; name: string };

function rows(options: { cache?: boolean; batch?: boolean } = {}) {
  const batches: number[][] = [];
  const loader = new RowLoader<Row>(async (ids) => {
    batches.push([...ids]);
    return ids.map((id) => (id === 404 ? null : { id, name: `row ${id}` }));
  }, options);
  return { loader, batches };
}

test("a row read once is answered at once, a missing one as null, an unread one through a batch", async () => {
  const { loader, batches } = rows();
  const unread = loader.get(1);
  expect(unread).toBeInstanceOf(Promise);
  expect(await Promise.all([unread, loader.get(404), loader.load(2)])).toEqual([{ id: 1, name: "row 1" }, null, { id: 2, name: "row 2" }]);
  expect(batches).toEqual([[1, 404, 2]]);
  expect(loader.get(1)).toEqual({ id: 1, name: "row 1" });
  expect(loader.get(404)).toBeNull();
  expect(loader.getAll([2, 404, 1])).toEqual([{ id: 2, name: "row 2" }, { id: 1, name: "row 1" }]);
  expect(batches).toHaveLength(1);
});

test("primed rows are answered at once and by load, without a batch; a later prime does not replace a row read", async () => {
  const { loader, batches } = rows();
  loader.prime({ id: 5, name: "primed" });
  expect(loader.get(5)).toEqual({ id: 5, name: "primed" });
  expect(await loader.load(5)).toEqual({ id: 5, name: "primed" });
  await loader.load(6);
  loader.prime({ id: 6, name: "stale" });
  expect(loader.get(6)).toEqual({ id: 6, name: "row 6" });
  expect(await loader.load(6)).toEqual({ id: 6, name: "row 6" });
  // getAll with one row unread loads them all, in order
  expect(await loader.getAll([5, 7])).toEqual([{ id: 5, name: "primed" }, { id: 7, name: "row 7" }]);
  expect(batches).toEqual([[6], [7]]);
});

test("without a cache (the naive server) nothing is held: every get is a load", async () => {
  const { loader, batches } = rows({ cache: false, batch: false });
  await loader.load(1);
  loader.prime({ id: 2, name: "primed" });
  expect(loader.get(1)).toBeInstanceOf(Promise);
  expect(await loader.get(2)).toEqual({ id: 2, name: "row 2" });
  expect(batches).toEqual([[1], [1], [2]]);
});

test("lists by key (a person's seats) are held the same way: at once once read, through one batch before", async () => {
  const batches: number[][] = [];
  const lists = new HeldLoader<number[]>(async (keys) => {
    batches.push([...keys]);
    return keys.map((k) => (k === 0 ? [] : [k * 10, k * 10 + 1]));
  }, {});
  const pending = lists.get(1);
  expect(pending).toBeInstanceOf(Promise);
  expect(await Promise.all([pending, lists.get(0)])).toEqual([[10, 11], []]);
  expect(lists.get(1)).toEqual([10, 11]);
  expect(lists.get(0)).toEqual([]);
  expect(batches).toEqual([[1, 0]]);
});

test("andThen applies a function at once to a value, and later to a promise", async () => {
  expect(andThen(2, (n) => n + 1)).toBe(3);
  const later = andThen(Promise.resolve(2), (n) => n + 1);
  expect(later).toBeInstanceOf(Promise);
  expect(await later).toBe(3);
});
