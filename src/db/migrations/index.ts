import { Initial1795526431963 } from "./1795526431963-Initial";

/** Every migration, in order; start-up runs the pending ones. New ones come from `npm run migration:generate`. */
export const migrations: Function[] = [Initial1795526431963];
