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
  /** After this (epoch ms) no further field is resolved (EXECUTION_TIMEOUT_MS). */
  deadline: number;
  /** Whether a write of this request has committed (src/services/write.ts): a later refused one then answers no 503. */
  wrote: boolean;
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
  return { ds, writer, reports, loaders: createLoaders(ds, { batch }), viewer, batch, ...request, wrote: false };
}

/** After a write: drop every cached row, so the rest of the request reads what was written (the same columns). */
export function resetLoaders(ctx: Context): void {
  const { projection } = ctx.loaders;
  ctx.loaders = createLoaders(ctx.ds, { batch: ctx.batch });
  ctx.loaders.projection = projection;
}
