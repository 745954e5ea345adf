import { databaseLabel } from "../../src/config";
import { benchState, buildBenchDatabase, removeBenchDatabase } from "../generator/build";
import type { GenerateStats } from "../generator/generate";
import type { Options } from "./options";
import { HarnessError } from "./processes";

/**
 * Makes sure the bench database holds bench data of the asked size; generates it when missing.
 * Only a database that carries the bench marker is regenerated: anything else is refused.
 */
export async function ensureDatabase(opts: Options): Promise<{ generated: GenerateStats | null; wallMs: number | null }> {
  const label = databaseLabel(opts.database);
  const state = await benchState(opts.database);
  if (state.kind === "foreign") throw new HarnessError(`${label} exists and is not a bench database; point the bench at another one`);
  if (state.kind === "bench") {
    const { meta } = state;
    if (meta.people === opts.people && meta.seed === opts.seed) {
      console.log(`bench database ${label}: ${meta.people} people (seed ${meta.seed}), reused`);
      return { generated: null, wallMs: null };
    }
    console.log(`bench database ${label} holds ${meta.people} people (seed ${meta.seed}); regenerating with ${opts.people}`);
    await removeBenchDatabase(opts.database);
  }
  console.log(`generating ${opts.people} people (seed ${opts.seed}) into ${label}`);
  const t0 = Date.now();
  const generated = await buildBenchDatabase(opts.database, opts.people, opts.seed, opts.quick ? () => {} : (l) => console.log(l));
  const wallMs = Date.now() - t0;
  console.log(`generated in ${(wallMs / 1000).toFixed(1)} s (generate(): ${(generated.ms / 1000).toFixed(1)} s)`);
  return { generated, wallMs };
}
