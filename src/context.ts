import { DataSource } from "typeorm";
import type { Viewer } from "./auth/roles";
import { createLoaders, Loaders } from "./loaders";

export interface Context {
  /** Reads: their own connection, so they never see a write transaction half-way (WAL lets them run alongside it). */
  ds: DataSource;
  /** Writes: one connection, one transaction at a time (src/services/write.ts). */
  writer: DataSource;
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
}

export interface RequestInfo {
  requestId: string;
  clientKey: string;
  deadline: number;
}

export function createContext(ds: DataSource, writer: DataSource, viewer: Viewer, batch: boolean, request: RequestInfo): Context {
  return { ds, writer, loaders: createLoaders(ds, { batch }), viewer, batch, ...request };
}

/** After a write: drop every cached row, so the rest of the request reads what was written (the same columns). */
export function resetLoaders(ctx: Context): void {
  const { projection } = ctx.loaders;
  ctx.loaders = createLoaders(ctx.ds, { batch: ctx.batch });
  ctx.loaders.projection = projection;
}
