import { DataSource } from "typeorm";
import { openDataSource } from "../ormconfig";
import { preparedAll } from "../src/db/prepared";
import { statementQueue, withinDeadline } from "../src/db/statement-queue";
import { tempDbFile } from "./helpers/server";

/** A statement that would count for minutes: it ends early only if it is interrupted. */
const ENDLESS = `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 10000000000) SELECT COUNT(*) AS n FROM c`;

let ds: DataSource;
beforeAll(async () => {
  ds = await openDataSource({ kind: "sqlite", file: tempDbFile(), logging: false });
});
afterAll(() => ds.destroy());

const TIMEOUT = expect.objectContaining({ extensions: { code: "TIMEOUT" } });

test("a statement still running at its deadline is interrupted: TIMEOUT for its caller, and the connection runs the next one", async () => {
  const queue = statementQueue(ds);
  let outcome = "running";
  const endless = queue.run(
    () => preparedAll(ds, ENDLESS, []).then(
      () => (outcome = "finished"),
      (error: Error) => {
        outcome = `failed: ${error.message}`;
        throw error;
      },
    ),
    Date.now() + 100,
  );
  await expect(endless).rejects.toEqual(TIMEOUT);
  expect(await queue.run(() => preparedAll(ds, "SELECT 41 + 1 AS n", []))).toEqual([{ n: 42 }]);
  expect(outcome).toMatch(/^failed: .*interrupt/i);
});

test("a statement whose deadline passes while it waits never starts; the others run in order, one at a time", async () => {
  const queue = statementQueue(ds);
  const started: string[] = [];
  const task = (name: string, sql: string, deadline?: number) =>
    queue.run(() => {
      started.push(name);
      return preparedAll(ds, sql, []);
    }, deadline);
  const blocker = task("blocker", ENDLESS, Date.now() + 300);
  const waiting = task("waiting", "SELECT 1", Date.now() + 50);
  const after = task("after", "SELECT 2 AS n");
  await expect(waiting).rejects.toEqual(TIMEOUT);
  expect(started).toEqual(["blocker"]);
  await expect(blocker).rejects.toEqual(TIMEOUT);
  expect(await after).toEqual([{ n: 2 }]);
  expect(started).toEqual(["blocker", "after"]);
  // A deadline already past: refused at once, never started.
  await expect(task("late", "SELECT 3", Date.now() - 1)).rejects.toEqual(TIMEOUT);
  expect(started).toEqual(["blocker", "after"]);
});

test("withinDeadline: TIMEOUT at the deadline without waiting for the work; past it, the work is not started", async () => {
  await expect(withinDeadline(Date.now() + 50, () => new Promise(() => undefined))).rejects.toEqual(TIMEOUT);
  const work = jest.fn(async () => 1);
  await expect(withinDeadline(Date.now() - 1, work)).rejects.toEqual(TIMEOUT);
  expect(work).not.toHaveBeenCalled();
  expect(await withinDeadline(Date.now() + 60_000, async () => 7)).toBe(7);
  expect(await withinDeadline(Infinity, async () => 8)).toBe(8);
});
