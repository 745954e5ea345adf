import { Initial1795526228744 } from "./1795526228744-Initial";

/** Every migration, in order; start-up runs the pending ones. New ones come from `npm run migration:generate`. */
export const migrations: Function[] = [Initial1795526228744];
