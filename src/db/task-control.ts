/**
 * Whether a slow read has started on its thread, and whether its caller has given it up: two
 * flags the pool (src/db/slow-reads.ts) and the thread share, so that a deadline ends a thread
 * only while it runs the read. A read handed to a thread that is still getting ready (reading its
 * facet index: the pool hands reads to such threads too) is only dropped: its caller is answered
 * TIMEOUT, and the thread, once ready, skips it. A thread ended at every deadline while it read its
 * index would never get ready.
 *
 * No imports: a worker module of the tests' own requires it as the server's does.
 */
const STARTED = 0;
const DROPPED = 1;

/** The flags of one read, sent with it to its thread. */
export function taskControl(): SharedArrayBuffer {
  return new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
}

/**
 * On the thread, as a read starts: whether it is still wanted. Once this has answered true, a
 * deadline ends the thread (the statement cannot be stopped otherwise).
 */
export function startTask(control: SharedArrayBuffer): boolean {
  const flags = new Int32Array(control);
  Atomics.store(flags, STARTED, 1);
  return Atomics.load(flags, DROPPED) === 0;
}

/**
 * On the pool's side, when the caller gives the read up: the thread will skip it if it has not
 * started it. Whether it has, in which case only ending the thread stops it.
 */
export function dropTask(control: SharedArrayBuffer): boolean {
  const flags = new Int32Array(control);
  Atomics.store(flags, DROPPED, 1);
  return Atomics.load(flags, STARTED) === 1;
}
