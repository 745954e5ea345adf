import { DataSource } from "typeorm";

const tails = new WeakMap<DataSource, Promise<unknown>>();

/**
 * Runs `fn` after every earlier call on the same DataSource has settled. TypeORM's sqlite driver
 * has one connection, so two open transactions would collide ("cannot start a transaction within a
 * transaction"); queuing them in-process means no client ever sees that or SQLITE_BUSY.
 */
export function serialised<T>(ds: DataSource, fn: () => Promise<T>): Promise<T> {
  const previous = tails.get(ds) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  tails.set(ds, run.catch(() => undefined));
  return run;
}
