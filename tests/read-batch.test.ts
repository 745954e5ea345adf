import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { openDirectory } from "../src/boot";
import { readerOf } from "../src/db";
import { readEach, readInBatches } from "../src/db/read-batch";
import { loadAll } from "../src/loaders";
import { statementsDuring } from "./helpers/server";
import { ENGINE, freshDatabase } from "./helpers/database";

/**
 * A request's loader reads of one turn of the event loop share one statement, and on SQLite with
 * those of the other requests of that turn whose reads have the same shape (src/db/read-batch.ts).
 * Each caller must still get its own answer, a failing read must fail its callers (and no other
 * request's), a request past its deadline must read nothing, and the prepared-statement cache must
 * keep answering once it starts evicting.
 */
let ds: DataSource;
beforeAll(async () => {
  ds = (await openDirectory(await freshDatabase())).ds;
});
afterAll(() => ds.destroy());

const statementsOf = (fn: () => Promise<unknown>) => statementsDuring(ds, fn);

/** JSON text of an array of the parameters (texts, or two integers), on the suite's engine. */
const JSON_SQL = {
  sqlite: {
    echo: `SELECT json_array(?) AS "v"`,
    pair: `SELECT json_array(?, ?) AS "v"`,
    quoted: `SELECT json_array('?', ?) AS "v"`,
    parse: `SELECT json(?) AS "v"`,
  },
  postgres: {
    echo: `SELECT json_build_array(CAST(? AS text))::text AS "v"`,
    pair: `SELECT json_build_array(CAST(? AS int), CAST(? AS int))::text AS "v"`,
    quoted: `SELECT json_build_array('?'::text, CAST(? AS int))::text AS "v"`,
    parse: `SELECT CAST(? AS json)::text AS "v"`,
  },
}[ENGINE];
const echo = JSON_SQL.echo;

test("reads queued in one tick run as one statement, each caller gets its own answer", async () => {
  const read = readInBatches(readerOf(ds));
  let answers: unknown[] = [];
  const statements = await statementsOf(async () => {
    answers = await Promise.all([read(echo, ["a"]), read(JSON_SQL.pair, [1, 2]), read(echo, ["三"]), read(`SELECT '{"k":[1,"二"]}' AS "v"`, [])]);
  });
  expect(answers).toEqual([["a"], [1, 2], ["三"], { k: [1, "二"] }]);
  expect(statements).toHaveLength(1);
});

test("reads of later ticks start a new statement", async () => {
  const read = readInBatches(readerOf(ds));
  const statements = await statementsOf(async () => {
    const first = await read(echo, ["x"]);
    const second = await read(echo, [JSON.stringify(first)]);
    expect(second).toEqual(['["x"]']);
  });
  expect(statements).toHaveLength(2);
});

test("reads queued ticks later in the same turn of the event loop still join the statement", async () => {
  // What a load answered from primed rows does: DataLoader answers a cache hit at its next dispatch
  // (a nextTick after the microtasks), and the load that depends on it reads only then.
  const read = readInBatches(readerOf(ds));
  const statements = await statementsOf(async () => {
    const later = new Promise<unknown>((resolve) => {
      void Promise.resolve().then(() => process.nextTick(() => void Promise.resolve().then(() => process.nextTick(() => resolve(read(echo, ["later"]))))));
    });
    expect(await Promise.all([read(echo, ["now"]), later])).toEqual([["now"], ["later"]]);
  });
  expect(statements).toHaveLength(1);
});

test("without batching every read is its own statement (the naive server)", async () => {
  const read = readEach(readerOf(ds));
  let answers: unknown[] = [];
  const statements = await statementsOf(async () => {
    answers = await Promise.all([read(echo, ["a"]), read(echo, ["b"])]);
  });
  expect(answers).toEqual([["a"], ["b"]]);
  expect(statements).toHaveLength(2);
});

test("a failing read fails every read of its statement with the engine's error, and only those", async () => {
  const read = readInBatches(readerOf(ds));
  const results = await Promise.allSettled([read(echo, ["fine"]), read(JSON_SQL.parse, ["{not json"])]);
  expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
  expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/malformed JSON|invalid input syntax for type json/);
  // the next tick's reads are a statement of their own, and succeed
  expect(await read(echo, ["after"])).toEqual(["after"]);
});

test("more statement texts than stay prepared: evicted ones are prepared again when used", async () => {
  const texts = Array.from({ length: 300 }, (_, i) => `SELECT ${i} + ? AS "n"`);
  const first = await Promise.all(texts.map((sql) => readerOf(ds).rows<{ n: number }>(sql, [1])));
  expect(first.map(([row]) => row.n)).toEqual(texts.map((_, i) => i + 1));
  const again = await Promise.all([texts[0], texts[1], texts[299]].map((sql) => readerOf(ds).rows<{ n: number }>(sql, [10])));
  expect(again.map(([row]) => row.n)).toEqual([10, 11, 309]);
});

test("one text asked for as rows and as JSON answers each way, in any order", async () => {
  const sql = `SELECT '[1, 2]' AS "v"`;
  expect(await readerOf(ds).rows(sql, [])).toEqual([{ v: "[1, 2]" }]);
  expect(await readerOf(ds).json(sql, [])).toEqual([1, 2]);
  expect(await readerOf(ds).rows(sql, [])).toEqual([{ v: "[1, 2]" }]);
});

test("a text the engine refuses fails its calls (every time, nothing cached) and crashes nothing", async () => {
  for (let i = 0; i < 2; i++) await expect(readerOf(ds).rows(`SELEC 1`, [])).rejects.toMatchObject({ message: expect.stringMatching(/syntax error/) });
  const read = readInBatches(readerOf(ds));
  const results = await Promise.allSettled([read(echo, ["a"]), read(`SELECT 1 FROM no_such_table`, [])]);
  expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
  expect(await read(echo, ["still fine"])).toEqual(["still fine"]);
});

test("a reader held to a deadline starts no statement once it has passed: its reads answer TIMEOUT, batched ones too", async () => {
  let deadline = Date.now() - 1;
  const held = readerOf(ds).until(() => deadline);
  const timeout = { extensions: { code: "TIMEOUT" } };
  // A text the engine would refuse: an answer other than TIMEOUT means the statement started.
  const refused = `SELECT 1 FROM no_such_table`;
  const statements = await statementsOf(async () => {
    await expect(held.rows(refused, [])).rejects.toMatchObject(timeout);
    await expect(held.json(refused, [])).rejects.toMatchObject(timeout);
    await expect(readInBatches(readerOf(ds), () => deadline)(echo, ["late"])).rejects.toMatchObject(timeout);
  });
  expect(statements).toEqual([]);
  // The deadline is read as each statement starts: moved, the same reader reads again.
  deadline = Date.now() + 60_000;
  expect(await held.rows(`SELECT 1 AS "v"`, [])).toEqual([{ v: 1 }]);
  expect(await readInBatches(readerOf(ds), () => deadline)(echo, ["in time"])).toEqual(["in time"]);
});

test("loadAll fails when a load fails, and drops only ids that do not exist", async () => {
  const loader = new DataLoader<number, string | null>(async (ids) => ids.map((id) => (id === 13 ? new Error("boom") : id === 7 ? null : `row ${id}`)));
  expect(await loadAll(loader, [1, 7, 2])).toEqual(["row 1", "row 2"]);
  await expect(loadAll(loader, [1, 13])).rejects.toThrow("boom");
});

test("a read that answers more than one JSON value fails, and does not shift another request's answers", async () => {
  const one = `SELECT ? AS "v"`;
  const requests = [readInBatches(readerOf(ds)), readInBatches(readerOf(ds)), readInBatches(readerOf(ds))];
  const settled = await Promise.allSettled([requests[0](one, ['"first"']), requests[1](one, ["1, 2"]), requests[2](one, ['"c"'])]);
  expect(settled[0]).toEqual({ status: "fulfilled", value: "first" });
  expect(settled[1].status).toBe("rejected");
  expect(String((settled[1] as PromiseRejectedResult).reason)).toMatch(/1 reads answered 2 values/);
  expect(settled[2]).toEqual({ status: "fulfilled", value: "c" });
});

test("a read given the wrong number of parameters is refused before it can shift another's", async () => {
  const read = readInBatches(readerOf(ds));
  await expect(read(JSON_SQL.pair, [1])).rejects.toThrow(/2 parameters expected, 1 given/);
  await expect(read(JSON_SQL.quoted, [1])).resolves.toEqual(["?", 1]);
});

test("waves too large to share a statement go in several, each read still answered its own value", async () => {
  const requests = [readInBatches(readerOf(ds)), readInBatches(readerOf(ds)), readInBatches(readerOf(ds))];
  const wave = (r: number, n: number) => Array.from({ length: n }, (_, i) => requests[r](echo, [`${r}:${i}`]));
  let answers: unknown[][] = [];
  const statements = await statementsOf(async () => {
    // the first request's 150 reads (over MAX_READS: two statements), then each of the others' 60 in one (two would be 120)
    answers = await Promise.all([Promise.all(wave(0, 150)), Promise.all(wave(1, 60)), Promise.all(wave(2, 60))]);
  });
  answers.forEach((list, r) => expect(list).toEqual(list.map((_, i) => [`${r}:${i}`])));
  expect(statements).toHaveLength(4);
});

test("requests answered in the same turn whose reads have one shape share a statement on SQLite; other shapes, and PostgreSQL's, go alone", async () => {
  const requests = [readInBatches(readerOf(ds)), readInBatches(readerOf(ds)), readInBatches(readerOf(ds)), readInBatches(readerOf(ds))];
  let answers: unknown[] = [];
  const statements = await statementsOf(async () => {
    answers = await Promise.all([
      requests[0](echo, ["a"]),
      requests[1](JSON_SQL.pair, [1, 2]),
      requests[2](echo, ["c"]),
      requests[0](JSON_SQL.pair, [3, 4]),
      requests[2](JSON_SQL.pair, [5, 6]),
      requests[3](echo, ["d"]),
    ]);
  });
  expect(answers).toEqual([["a"], [1, 2], ["c"], [3, 4], [5, 6], ["d"]]);
  // SQLite: requests 0 and 2 (echo, pair) share one, 1 (pair) and 3 (echo) one each. PostgreSQL ends a
  // statement at its request's deadline, so each request's reads are its own statement there.
  expect(statements).toHaveLength(ENGINE === "sqlite" ? 3 : 4);
});

test("a request's failing read in a shared statement fails that request's reads alone", async () => {
  const requests = [readInBatches(readerOf(ds)), readInBatches(readerOf(ds)), readInBatches(readerOf(ds))];
  // One shape for all three, so that on SQLite they share a statement, which the middle one's bad JSON fails.
  const settled = await Promise.allSettled([
    requests[0](JSON_SQL.parse, ['["one"]']),
    requests[1](JSON_SQL.parse, ["{not json"]),
    requests[2](JSON_SQL.parse, ['["two"]']),
  ]);
  expect(settled.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  expect(String((settled[1] as PromiseRejectedResult).reason)).toMatch(/malformed JSON|invalid input syntax for type json/);
  expect([(settled[0] as PromiseFulfilledResult<unknown>).value, (settled[2] as PromiseFulfilledResult<unknown>).value]).toEqual([["one"], ["two"]]);
});

test("a request past its deadline reads nothing in a shared wave: its reads answer TIMEOUT, the others' are read", async () => {
  const late = readInBatches(readerOf(ds), () => Date.now() - 1);
  const inTime = readInBatches(readerOf(ds), () => Date.now() + 60_000);
  let settled: PromiseSettledResult<unknown>[] = [];
  const statements = await statementsOf(async () => {
    // A text the engine would refuse: were the late read in the statement, the other request's would fail too.
    settled = await Promise.allSettled([late(`SELECT 1 FROM no_such_table`, []), inTime(echo, ["read"])]);
  });
  expect(settled[0]).toMatchObject({ status: "rejected", reason: { extensions: { code: "TIMEOUT" } } });
  expect(settled[1]).toEqual({ status: "fulfilled", value: ["read"] });
  expect(statements).toHaveLength(1);
});
