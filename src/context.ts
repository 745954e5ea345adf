import { DataSource } from "typeorm";
import type { Viewer } from "./auth/roles";
import type { Writer } from "./db/writer";
import { createLoaders, Loaders } from "./loaders";

export interface Context {
  /** Reads: their own connection, so they never see a write transaction half-way (WAL lets them run alongside it). */
  ds: DataSource;
  /** Writes: one connection, one transaction at a time (src/services/write.ts, src/db/writer.ts). */
  writer: Writer;
  /**
   * Reads that walk thousands of rows (facets, exports): their own connection. A connection runs
   * one statement at a time, so on `ds` one of them held up every other request's reads.
   */
  reports: DataSource;
  loaders: Loaders;
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
}

export interface RequestInfo {
  requestId: string;
  clientKey: string;
  deadline: number;
}

/** The server's connections to the directory (see Context). */
export interface Connections {
  ds: DataSource;
  writer: Writer;
  reports: DataSource;
}

export function createContext({ ds, writer, reports }: Connections, viewer: Viewer, batch: boolean, request: RequestInfo): Context {
  const ctx = { ds, writer, reports, viewer, batch, ...request } as Context;
  ctx.loaders = loadersOf(ctx);
  return ctx;
}

/** The request's loaders: they read nothing past its deadline. */
function loadersOf(ctx: Context): Loaders {
  return createLoaders(ctx.ds, { batch: ctx.batch, deadline: () => ctx.deadline });
}

/** After a write: drop every cached row, so the rest of the request reads what was written (the same columns). */
export function resetLoaders(ctx: Context): void {
  const { projection } = ctx.loaders;
  ctx.loaders = loadersOf(ctx);
  ctx.loaders.projection = projection;
}
