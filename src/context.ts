import { DataSource } from "typeorm";
import type { Viewer } from "./auth/roles";
import { readerOf, SqlReader } from "./db";
import type { Replica } from "./db/replica";
import type { SlowReader, SlowReads } from "./db/slow-reads";
import type { Writer } from "./db/writer";
import type { SlowTasks } from "./services/slow-tasks";
import { createLoaders, Loaders } from "./loaders";
import { Projection } from "./loaders/projection";

export interface Context {
  /**
   * Reads: their own connection, so they never see a write transaction half-way (WAL lets them run
   * alongside it). A query's go to the read replica while there is one that answers; a mutation's
   * to the primary, from its start, so that its answer and what it reads later see its write.
   */
  ds: DataSource;
  /** The app's own SQL on that connection (src/db/reader.ts). */
  read: SqlReader;
  /** Writes: one connection, one transaction at a time (src/services/write.ts, src/db/writer.ts). */
  writer: Writer;
  /**
   * Reads that may walk thousands of rows (facets, broad counts, search, exports): on worker
   * threads with their own connections, so that none holds up the event loop (src/db/slow-reads.ts).
   * From the same server as `ds`.
   */
  slow: SlowReader<SlowTasks>;
  /** Made once the operation is known (settleOperation), for its projection and deadline: a request that never executes makes none. */
  loaders: Loaders;
  /**
   * The columns the request's reads take (src/loaders/projection.ts): all until its operation is
   * known, then the operation's (src/http/operation.ts), or those of the document graphql-jit runs in
   * its place (src/http/jit.ts); list pages take the same.
   */
  projection: Projection;
  viewer: Viewer;
  /** Whether loaders batch (DATALOADERS=false turns it off for the benchmark's naive server). */
  batch: boolean;
  /** Echoed in logs and in the extensions of masked errors. */
  requestId: string;
  /** Whom the cost budget is kept for: the token's label, else the client's address. */
  clientKey: string;
  /**
   * After this (epoch ms) the request starts no further statement (EXECUTION_TIMEOUT_MS): the
   * fields that wait for one answer TIMEOUT. Infinity for a mutation, whose answer must reach the
   * client whole once its write has landed.
   */
  deadline: number;
  /** Aborted when the client goes away before its answer: the slow reads still to come for it are not read. Made when first asked for. */
  abandoned: () => AbortSignal;
  /** Whether a write of this request has committed (src/services/write.ts): a later refused one then answers no 503. */
  wrote: boolean;
  /** The server's connections, whose primary a mutation reads from (settleOperation). */
  connections: Connections;
}

export interface RequestInfo {
  requestId: string;
  clientKey: string;
  deadline: number;
  abandoned: () => AbortSignal;
}

/** The server's connections to the directory (see Context). */
export interface Connections {
  /** The primary's (SQLite's one file). */
  ds: DataSource;
  /** PostgreSQL's read replica (DATABASE_READ_URL), if there is one. */
  replica: Replica | null;
  writer: Writer;
  slow: SlowReads<SlowTasks>;
}

export function createContext(connections: Connections, viewer: Viewer, batch: boolean, request: RequestInfo): Context {
  const { ds, replica, writer, slow } = connections;
  const reads = replica?.reads ?? null;
  const ctx = { writer, viewer, batch, ...request, wrote: false, connections, projection: Projection.ALL } as Context;
  readFrom(ctx, reads ?? ds, slow.on(reads ? "replica" : "primary"));
  return ctx;
}

/**
 * What an operation settles before it executes (src/http/operation.ts): the columns its reads take;
 * for a mutation, no deadline (once its write has landed, its answer must reach the client whole)
 * and reads from the primary (its answer must show its write). Apollo hands each operation a
 * shallow copy of the request's context, so the loaders and the reader are made anew for that copy:
 * they read its projection and deadline.
 */
export function settleOperation(ctx: Context, projection: Projection, mutation: boolean): void {
  ctx.projection = projection;
  if (mutation) {
    ctx.deadline = Infinity;
    const { ds, slow } = ctx.connections;
    readFrom(ctx, ds, slow.on("primary"));
  } else readFrom(ctx, ctx.ds, ctx.slow); // the copy's reader reads the copy's deadline
  ctx.loaders = loadersOf(ctx);
}

function readFrom(ctx: Context, ds: DataSource, slow: SlowReader<SlowTasks>): void {
  ctx.ds = ds;
  // Its statements held to the deadline of `ctx` (a mutation has none: settleOperation).
  ctx.read = readerOf(ds).until(() => ctx.deadline);
  ctx.slow = slow;
}

/** The request's loaders: they read nothing past its deadline. */
function loadersOf(ctx: Context): Loaders {
  return createLoaders(ctx.ds, { batch: ctx.batch, projection: () => ctx.projection, deadline: () => ctx.deadline });
}

/** After a write: drop every cached row, so the rest of the request reads what was written (the same columns). */
export function resetLoaders(ctx: Context): void {
  ctx.loaders = loadersOf(ctx);
}
