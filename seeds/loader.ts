import fs from "fs";
import path from "path";
import { DataSource, EntityManager } from "typeorm";
import { projectRoot } from "../src/config";
import { SourceDocument } from "../src/entities";
import { loadParsed } from "./apply";
import { removeUnseen, SeedStats } from "./sync";
import { validateSeedFile } from "./validate";

export type { SeedStats } from "./sync";
export { SeedValidationError, validateSeedFile } from "./validate";
export type { ParsedSeed } from "./validate";

export const SEEDS_DIR = path.join(projectRoot(), "seeds");

/** Seed files in `dir`, in name order. */
export function seedFiles(dir = SEEDS_DIR): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

/**
 * Validates every seed file first, then loads them all in one transaction: a bad entry anywhere
 * means nothing is loaded. Idempotent: a second run finds every row by its seed key and changes nothing.
 * What organisers wrote is never taken back (seeds/sync.ts).
 */
export async function loadSeeds(ds: DataSource | EntityManager, files = seedFiles()): Promise<SeedStats> {
  const parsed = files.map(validateSeedFile);
  const stats: SeedStats = { created: 0, updated: 0, unchanged: 0, removed: 0, kept: 0 };
  await ds.transaction(async (m) => {
    const seen = new Set<string>();
    for (const seed of parsed) await loadParsed(m, seed, stats, seen);
    await removeUnseen(m, seen, stats);
  });
  return stats;
}

/** First start: an empty directory is seeded; one that holds any document is left alone. */
export async function seedIfEmpty(ds: DataSource | EntityManager): Promise<SeedStats | null> {
  if ((await ds.getRepository(SourceDocument).count()) > 0) return null;
  return loadSeeds(ds);
}
