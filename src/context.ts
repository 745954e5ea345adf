import { DataSource } from "typeorm";
import { Role } from "./config";
import { createLoaders, Loaders } from "./loaders";

/** Who is asking: anonymous readers have no role; writes (a later issue) check it. */
export interface Viewer {
  role: Role | null;
}

export interface Context {
  ds: DataSource;
  loaders: Loaders;
  viewer: Viewer;
}

export function createContext(ds: DataSource, viewer: Viewer, batch = true): Context {
  return { ds, loaders: createLoaders(ds, { batch }), viewer };
}
