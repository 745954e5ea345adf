import fs from "fs";
import os from "os";
import path from "path";
import { GraphQLError } from "graphql";
import { parentPort, threadId, workerData } from "worker_threads";
import { openWorkerReader, type ReadTarget, type SqlReader } from "./db";
import { taskFailure, type IndexReport, type ReadThreadData, type TaskAnswer, type TaskRequest } from "./db/slow-reads";
import { SqlLogger } from "./db/sql-logger";
import { startTask } from "./db/task-control";
import { readIndex } from "./services/facet-index";
import { SLOW_TASKS } from "./services/slow-tasks";

/**
 * A worker thread of the slow-read pool (src/db/slow-reads.ts): a read-only connection of its own,
 * and the tasks of src/services/slow-tasks.ts. A client's error (BAD_USER_INPUT …) is sent back as
 * data, since an error loses its class between threads; so are the statements a task ran, when
 * the main thread asks for them (its logger has listeners: the tests' statement counts).
 */
/** The niceness of a read thread: a slow read gets the cores only when the request path leaves them idle. */
export const READ_THREAD_NICE = 10;

/**
 * Lowers this thread's CPU priority (Linux keeps a niceness per thread, and a thread's id names it
 * to setpriority). Elsewhere, or if the system says no, the thread runs at the process's priority.
 */
function lowerThreadPriority(): void {
  try {
    const tid = Number(path.basename(fs.readlinkSync("/proc/thread-self")));
    if (Number.isInteger(tid) && tid !== process.pid) os.setPriority(tid, Math.max(os.getPriority(tid), READ_THREAD_NICE));
  } catch {
    // not Linux, or not allowed: nothing to do
  }
}

lowerThreadPriority();
const { database } = workerData as ReadThreadData;
const logger = new SqlLogger(database.logging);
/**
 * The thread's connections, opened on first need and again after a failed open: a thread is started
 * whenever a deadline ended another, and one whose open threw as it loaded would fail before any
 * task, which the pool can only report (src/db/slow-reads.ts). So a file that cannot be opened now
 * (moved away, no file descriptor left) fails the reads that need it, as a database fault (503), and
 * they read again once it can be.
 */
const opened: Partial<Record<ReadTarget, SqlReader>> = {};
function readerFor(target: ReadTarget): SqlReader {
  // A second connection only when the replica is another server (PostgreSQL's DATABASE_READ_URL).
  const own = target === "primary" && database.kind === "postgres" && database.readUrl ? "primary" : "replica";
  return (opened[own] ??= openWorkerReader(database, logger, own).reader);
}

async function runTask({ task, args, target, statements, control }: TaskRequest): Promise<TaskAnswer<unknown>> {
  if (!startTask(control)) return { dropped: true };
  const ran: string[] = [];
  const unsubscribe = statements ? logger.subscribe((sql) => ran.push(sql)) : () => undefined;
  try {
    const value = await (SLOW_TASKS[task as keyof typeof SLOW_TASKS] as (...a: unknown[]) => Promise<unknown>)(readerFor(target), ...args);
    return { value, statements: statements ? ran : undefined };
  } catch (error) {
    if (error instanceof GraphQLError)
      return { error: { message: error.message, extensions: { ...error.extensions } }, statements: statements ? ran : undefined };
    return { failure: taskFailure(error), statements: statements ? ran : undefined };
  } finally {
    unsubscribe();
  }
}

/**
 * The task handler, which piscina awaits before it counts the thread ready: every read thread
 * reads its facet index first, so that no facet read pays for it, and tells the pool how long that
 * took or why it failed. No deadline ends that read: piscina may hand a read to a thread that is
 * not ready yet, but a read ends its thread only once the thread has started it (startTask); one
 * given up before that is skipped. If the index read failed, the thread starts anyway, and its
 * first task that needs the index reads it.
 */
async function warmed(): Promise<typeof runTask> {
  const t0 = performance.now();
  let report: IndexReport;
  try {
    await readIndex(readerFor("replica"));
    report = { facetIndex: { ms: Math.round(performance.now() - t0), thread: threadId } };
  } catch (error) {
    report = { facetIndex: { error: error instanceof Error ? error.message : String(error), thread: threadId } };
  }
  parentPort?.postMessage(report);
  return runTask;
}

export default warmed();
