import "reflect-metadata";
import fs from "fs";
import { parseArgs, positiveInt } from "../bench/args";
import { buildBenchDatabase, removeBenchDatabase } from "../bench/generator/build";
import { databaseLabel, loadConfig } from "../src/config";

/**
 * `npm run bench:data -- --people 100000 [--seed 1] [--fresh]` writes the synthetic directory
 * (bench/generator/) into the database DATABASE_URL names, SQLite or PostgreSQL; `--fresh` removes
 * what is there first (the file, or the PostgreSQL database, dropped and created again).
 */
async function main() {
  const args = parseArgs(process.argv.slice(2));
  const people = positiveInt(args.people, "people", 100000);
  const seed = positiveInt(args.seed, "seed", 1);
  const database = loadConfig().database;
  if (args.fresh === true) await removeBenchDatabase(database);
  console.log(`bench data: ${people} people, seed ${seed}, into ${databaseLabel(database)}`);
  const t0 = Date.now();
  const stats = await buildBenchDatabase(database, people, seed, (l) => console.log(l));
  const wall = (Date.now() - t0) / 1000;
  console.log(
    `loaded ${stats.people} people, ${stats.organisations} organisations, ${stats.honours} honours, ${stats.awards} awards, ` +
      `${stats.positions} positions, ${stats.congresses} congresses, ${stats.seats} seats, ${stats.proposals} proposals, ${stats.citations} citations`,
  );
  for (const [name, ms] of Object.entries(stats.phases)) console.log(`  ${name.padEnd(34)} ${(ms / 1000).toFixed(2)} s`);
  const size = database.kind === "sqlite" ? `; file ${(fs.statSync(database.file).size / 1048576).toFixed(0)} MB` : "";
  console.log(`generate(): ${(stats.ms / 1000).toFixed(1)} s; whole command incl. migrations: ${wall.toFixed(1)} s${size}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
