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
}

export function createContext(ds: DataSource, writer: DataSource, viewer: Viewer, batch = true): Context {
  return { ds, writer, loaders: createLoaders(ds, { batch }), viewer, batch };
}

/** After a write: drop every cached row, so the rest of the request reads what was written. */
export function resetLoaders(ctx: Context): void {
  ctx.loaders = createLoaders(ctx.ds, { batch: ctx.batch });
}
