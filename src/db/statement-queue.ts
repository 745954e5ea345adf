import type { Database } from "sqlite3";
import { DataSource } from "typeorm";
import { timeoutError } from "../errors";

interface Task {
  work: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  timer?: NodeJS.Timeout;
  settled: boolean;
}

/**
 * The work of one connection, one task at a time in the order asked, each under an optional
 * deadline (epoch ms). Past it, a task still waiting is dropped and the one running is
 * interrupted; either way its caller gets TIMEOUT at once. Handed to sqlite3 directly, a request's
 * statements queued inside the driver, where nothing can take them back: they ran to the end long
 * past the deadline, and every later request's statements waited behind them.
 *
 * The connection's interrupt stops whatever the connection is running, so nothing else may run on
 * a connection whose tasks have deadlines: every read on it goes through its queue.
 */
export class StatementQueue {
  private running: Task | null = null;
  private readonly waiting: Task[] = [];

  constructor(private readonly interrupt: () => void) {}

  run<T>(work: () => Promise<T>, deadline = Infinity): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const task: Task = { work, resolve: resolve as (value: unknown) => void, reject, settled: false };
      if (deadline !== Infinity) {
        const left = deadline - Date.now();
        if (left <= 0) return reject(timeoutError());
        task.timer = setTimeout(() => this.expire(task), left);
      }
      this.waiting.push(task);
      this.next();
    });
  }

  private expire(task: Task): void {
    if (this.running === task) this.interrupt();
    else if (this.waiting.includes(task)) this.waiting.splice(this.waiting.indexOf(task), 1);
    settle(task, () => task.reject(timeoutError()));
  }

  private next(): void {
    if (this.running) return;
    const task = this.waiting.shift();
    if (!task) return;
    this.running = task;
    // The next task starts once this one has settled in the driver, interrupted or not: the
    // connection is free then, and an interrupt can only reach the task it was meant for.
    new Promise((resolve) => resolve(task.work()))
      .then(
        (value) => settle(task, () => task.resolve(value)),
        (error) => settle(task, () => task.reject(error)),
      )
      .finally(() => {
        this.running = null;
        this.next();
      });
  }
}

/** Settles `task` once: the first of its outcome and its deadline wins. */
function settle(task: Task, how: () => void): void {
  if (task.settled) return;
  task.settled = true;
  clearTimeout(task.timer);
  how();
}

const queues = new WeakMap<DataSource, StatementQueue>();

/** The queue of `ds`'s connection (one per DataSource). */
export function statementQueue(ds: DataSource): StatementQueue {
  let queue = queues.get(ds);
  if (!queue) {
    const connection = () => (ds.driver as unknown as { databaseConnection: Database }).databaseConnection;
    queues.set(ds, (queue = new StatementQueue(() => connection().interrupt())));
  }
  return queue;
}

/**
 * What `work` answers, or TIMEOUT once `deadline` passes (the statement itself goes on): for a
 * connection shared by requests, where one request's interrupt could stop another's statement.
 * Past the deadline already, `work` is not started.
 */
export function withinDeadline<T>(deadline: number, work: () => Promise<T>): Promise<T> {
  if (deadline === Infinity) return work();
  const left = deadline - Date.now();
  if (left <= 0) return Promise.reject(timeoutError());
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(timeoutError()), left);
  });
  return Promise.race([work(), expired]).finally(() => clearTimeout(timer));
}
