import fs from "fs";
import path from "path";
import { Piscina } from "piscina";
import { GraphQLError } from "graphql";
import type { ReadTarget, SqlReader } from "./reader";
import type { SqlLogger } from "./sql-logger";
import { DatabaseConfig, projectRoot } from "../config";
import { abandonedError, serviceUnavailable, timeoutError } from "../errors";
import { log } from "../log";
import { dropTask, taskControl } from "./task-control";

/** Seconds a read refused for a full queue asks the client to wait (Retry-After). */
export const SLOW_READ_RETRY_AFTER_S = 1;

/** What a worker is asked: a task by name, its arguments, where it reads, and whether to send back the statements it ran. */
export interface TaskRequest {
  task: string;
  args: unknown[];
  target: ReadTarget;
  statements: boolean;
  /** Whether the read has started, and whether its caller gave it up (src/db/task-control.ts). */
  control: SharedArrayBuffer;
}

/** How a worker answers: a value, or a client's error (thrown GraphQLErrors lose their class between threads), and the statements asked for. */
export type TaskAnswer<T> = (
  | { value: T }
  | { error: { message: string; extensions: Record<string, unknown> } }
  | { failure: TaskFailure }
  /** Given up before it started (startTask): nobody waits for it. */
  | { dropped: true }
) & {
  statements?: string[];
};

/**
 * Any other error of a task, as sent between threads: its message and the driver's code, by which
 * the main thread tells a database fault (503) from a bug (src/db/engine.ts databaseFault).
 */
export interface TaskFailure {
  message: string;
  code?: string;
}

/** `error` as a worker sends it. */
export function taskFailure(error: unknown): TaskFailure {
  const { message, code } = (error ?? {}) as { message?: unknown; code?: unknown };
  return { message: typeof message === "string" ? message : String(error), ...(typeof code === "string" ? { code } : {}) };
}

export interface SlowReadOptions {
  database: DatabaseConfig;
  /** Worker threads at most (READ_THREADS). */
  threads: number;
  /** Reads waiting for a thread at most (READ_QUEUE); one more is refused with 503. */
  queue: number;
  /** The worker's module (its default export runs a task); the server's own by default. */
  filename?: string;
  /** Told of the statements workers run while it has listeners (the tests' statement counts). */
  logger?: SqlLogger;
  /**
   * Start every thread now and keep it (a server), rather than on first need, stopping after a
   * minute idle (tests, scripts). A thread takes about a second to load the app's modules and read
   * its facet index (src/read-worker.ts), and reads asked meanwhile wait for it.
   */
  eager?: boolean;
  /** Where `run` reads: the replica, unless this says the primary (the replica does not answer). */
  readFrom?: () => ReadTarget;
}

/** What `SlowReads` gives its threads. */
export interface ReadThreadData {
  database: DatabaseConfig;
}

/** What a thread tells the pool once it has read its facet index, or failed to. */
export interface IndexReport {
  facetIndex: ({ ms: number } | { error: string }) & { thread: number };
}

/** Tasks by name: each takes the worker's connection and the arguments sent. */
type TaskMap = Record<string, (db: SqlReader, ...args: never[]) => Promise<unknown>>;
type TaskArgs<F> = F extends (db: SqlReader, ...args: infer A) => unknown ? A : never;

/** Slow reads from one server (SlowReads.on): a request's. */
export type SlowReader<Tasks extends TaskMap> = Pick<SlowReads<Tasks>, "run">;

/**
 * Reads that can take long (facets, broad counts, search, exports) run on worker threads, each
 * with its own read-only connection: a synchronous driver runs SQL on the thread that asks, and a
 * slow facet count on the event loop would hold up every other request. A read is asked by the
 * name of a task the worker knows (src/read-worker.ts), with arguments it can be sent.
 *
 * A read past its request's deadline is dropped from the queue, or, running, ended with the
 * worker thread that runs it (a statement cannot be interrupted from another thread; the pool
 * starts another thread; on PostgreSQL the server ends the statement once it sees the thread's
 * connection closed: src/db/postgres/connection.ts); its caller gets TIMEOUT at once. A read handed
 * to a thread that has not started it (one still reading its facet index) is dropped, never the
 * thread with it (src/db/task-control.ts), so that a thread always gets ready. A read
 * whose client went away is dropped from the queue too, but, running, is left to finish when it
 * has a deadline to bound it: its caller is answered at once, and the thread keeps its connection
 * and what it holds (the facet index), which a new thread would read again while every other slow
 * read waited. A read with no deadline (an export's, a mutation's) is ended with its thread as at
 * a deadline. The queue is bounded: a read that finds it full is refused with SERVICE_UNAVAILABLE,
 * so a flood of slow reads costs memory and waiting for a bounded number only.
 */
export class SlowReads<Tasks extends TaskMap> {
  private readonly pool: Piscina;
  private readonly logger: SqlLogger | undefined;
  /** Reads running or waiting, and how many there may be (threads + queue). */
  private inFlight = 0;
  private readonly capacity: number;
  private readonly threads: number;
  /** Reads on a thread; those waiting for one, first come first served (the pool is given a read only when a thread is free). */
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly readFrom: () => ReadTarget;
  /** Resolved once every thread an eager pool starts with has read its facet index (or failed to); at once for a lazy pool. */
  readonly warmed: Promise<void>;

  constructor(options: SlowReadOptions) {
    this.logger = options.logger;
    this.readFrom = options.readFrom ?? (() => "replica");
    this.capacity = options.threads + options.queue;
    this.threads = options.threads;
    const filename = options.filename ?? path.join(projectRoot(), "dist", "src", "read-worker.js");
    if (!fs.existsSync(filename)) throw new Error(`${filename} is missing: run \`npm run build\` first (npm start and npm test do)`);
    const workerData: ReadThreadData = { database: options.database };
    this.pool = new Piscina({
      filename,
      workerData,
      minThreads: options.eager ? options.threads : 0,
      maxThreads: options.threads,
      // A thread keeps its connection, its page cache and what it holds in memory while reads keep coming.
      idleTimeout: options.eager ? Infinity : 60_000,
      // Between tasks a thread sleeps in Atomics.wait by default, its event loop stopped: a PostgreSQL
      // pool then never sees its idle connections closed (a database restart), and the first read
      // after one fails on a dead socket. "async" waits with the event loop running.
      atomics: options.database.kind === "postgres" ? "async" : "sync",
    });
    // A thread that fails outside any task (its module did not load) is told here: without a
    // listener the pool's error event would end the process. piscina then starts a thread for each
    // read, which fails the same way (told here each time) and takes no read: the read waits for its
    // deadline. The error as text: one passed on from a thread need not be an Error of this realm,
    // which log() spells out.
    this.pool.on("error", (error: unknown) => log("error", "a read thread failed", { error: String(error), stack: (error as Error | null)?.stack }));
    // An eager pool has started its threads by now.
    this.warmed = this.reports(new Set(this.pool.threads.map((thread) => thread.threadId)));
  }

  /**
   * Listens to the threads' index reports: a failure is logged as it comes (that thread's first
   * facet read reads the index, and answers the error if it fails again). Resolves once each of
   * the threads `first` names has reported, with one line saying how long each read took.
   */
  private reports(first: Set<number>): Promise<void> {
    return new Promise((resolve) => {
      const took: number[] = [];
      if (first.size === 0) resolve();
      this.pool.on("message", (message: unknown) => {
        const report = (message as Partial<IndexReport> | null)?.facetIndex;
        if (!report) return;
        if ("error" in report) log("warn", "a read thread could not read its facet index; its first facet read will", { error: report.error });
        else if (first.has(report.thread)) took.push(report.ms);
        else log("debug", "a read thread read its facet index", { facetIndexMs: report.ms });
        if (!first.delete(report.thread) || first.size > 0) return;
        log("info", "read threads ready", { facetIndexMs: took });
        resolve();
      });
    });
  }

  /**
   * What task `task` answers for `args`, or TIMEOUT once `deadline` (epoch ms) has passed. When
   * `abandoned` is aborted (the client went away), CLIENT_CLOSED_REQUEST at once: a waiting read
   * never starts, a running one finishes unseen before its deadline (with none, it is ended).
   */
  run<K extends keyof Tasks & string>(
    task: K,
    args: TaskArgs<Tasks[K]>,
    deadline = Infinity,
    abandoned?: AbortSignal,
    admitted = false,
  ): Promise<Awaited<ReturnType<Tasks[K]>>> {
    return this.runOn(this.readFrom(), task, args, { deadline, abandoned, admitted });
  }

  /** The same reads from `target`: a mutation's from the primary, so that they see its write. */
  on(target: ReadTarget): SlowReader<Tasks> {
    return { run: (task, args, deadline = Infinity, abandoned, admitted = false) => this.runOn(target, task, args, { deadline, abandoned, admitted }) };
  }

  /**
   * `admitted`: a read of work let in already, whose answer has begun (an export's later chunks):
   * it waits for a thread however full the queue is, where a refusal would cut the answer short, and
   * at the head of the line, so that other slow reads do not stall it past the export's idle cut-off.
   * An export has one such read at a time and MAX_EXPORTS bound the exports, so these are bounded too.
   */
  private async runOn<K extends keyof Tasks & string>(
    target: ReadTarget,
    task: K,
    args: TaskArgs<Tasks[K]>,
    { deadline, abandoned, admitted }: { deadline: number; abandoned?: AbortSignal; admitted: boolean },
  ): Promise<Awaited<ReturnType<Tasks[K]>>> {
    type T = Awaited<ReturnType<Tasks[K]>>;
    const left = deadline - Date.now();
    if (left <= 0) throw timeoutError();
    if (abandoned?.aborted) throw abandonedError();
    // Counted here rather than by the pool's own bound, which lets abortable tasks past it.
    if (this.inFlight >= this.capacity && !admitted) {
      throw serviceUnavailable(`too many slow reads are waiting; try again in ${SLOW_READ_RETRY_AFTER_S} s`, SLOW_READ_RETRY_AFTER_S);
    }
    this.inFlight++;
    // The deadline ends the wait for a thread and the read itself (with its thread). The client
    // going away ends the wait and the caller's part; the read runs on to its deadline, or, with
    // none to bound it, is ended as at one.
    const expired = new AbortController();
    const timer = deadline === Infinity ? undefined : setTimeout(() => expired.abort(), left);
    const ends = abandoned ? [expired.signal, abandoned] : [expired.signal];
    try {
      await this.turn(ends, admitted);
    } catch {
      clearTimeout(timer);
      this.inFlight--;
      throw abandoned?.aborted ? abandonedError() : timeoutError();
    }
    const control = taskControl();
    const request: TaskRequest = { task, args, target, statements: this.logger?.listening ?? false, control };
    // Ends the read with its thread, once the thread has started it; one still waiting on its thread
    // (a thread getting ready) is only dropped, and the thread skips it (src/db/task-control.ts).
    const end = new AbortController();
    const onExpired = () => dropTask(control) && end.abort();
    const onAbandoned = () => dropTask(control) && deadline === Infinity && end.abort();
    expired.signal.addEventListener("abort", onExpired, { once: true });
    abandoned?.addEventListener("abort", onAbandoned, { once: true });
    // Called in a promise, so that a throw of the pool's own gives back the thread's place too.
    const read = Promise.resolve()
      .then(() => this.pool.run(request, { signal: end.signal }) as Promise<TaskAnswer<T>>)
      .finally(() => {
        clearTimeout(timer);
        abandoned?.removeEventListener("abort", onAbandoned);
        this.inFlight--;
        this.running--;
        this.waiting.shift()?.();
      });
    try {
      const answer = await untilEnded(read, ends);
      if (answer.statements) this.logger?.relay(answer.statements);
      if ("error" in answer) throw new GraphQLError(answer.error.message, { extensions: answer.error.extensions });
      if ("failure" in answer) throw Object.assign(new Error(answer.failure.message), { code: answer.failure.code });
      if ("dropped" in answer) throw timeoutError(); // given up, so answered already
      return answer.value;
    } catch (error) {
      if (abandoned?.aborted) throw abandonedError();
      if (expired.signal.aborted) throw timeoutError();
      throw error;
    }
  }

  /** Waits for a free thread (at once if one is and nobody waits before; `first`: ahead of those waiting), until one of `signals` aborts. */
  private turn(signals: readonly AbortSignal[], first: boolean): Promise<void> {
    if (signals.some((s) => s.aborted)) return Promise.reject(new Error("aborted"));
    if (this.running < this.threads && this.waiting.length === 0) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const start = () => {
        for (const s of signals) s.removeEventListener("abort", stop);
        this.running++;
        resolve();
      };
      const stop = () => {
        for (const s of signals) s.removeEventListener("abort", stop);
        const at = this.waiting.indexOf(start);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(new Error("aborted"));
      };
      if (first) this.waiting.unshift(start);
      else this.waiting.push(start);
      for (const s of signals) s.addEventListener("abort", stop, { once: true });
    });
  }

  /** Ends the worker threads (reads still running are ended with them). */
  async close(): Promise<void> {
    await this.pool.destroy();
  }
}

/**
 * `read`, or a rejection as soon as one of `signals` aborts (the caller maps it to TIMEOUT or
 * CLIENT_CLOSED_REQUEST); what the read then answers is nobody's (a failure of it is dropped, not
 * left unhandled).
 */
function untilEnded<T>(read: Promise<T>, signals: readonly AbortSignal[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = () => signals.forEach((signal) => signal.removeEventListener("abort", leave));
    const leave = () => {
      done();
      read.catch(() => undefined);
      reject(new Error("aborted"));
    };
    if (signals.some((signal) => signal.aborted)) return leave();
    for (const signal of signals) signal.addEventListener("abort", leave, { once: true });
    read.then(
      (value) => (done(), resolve(value)),
      (error: unknown) => (done(), reject(error as Error)),
    );
  });
}
