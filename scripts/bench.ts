import "reflect-metadata";
import { main } from "../bench/harness/run";
import { agent, stopAll } from "../bench/harness/processes";

/**
 * `npm run bench [-- --duration 10 --people 100000 --db data/bench.sqlite --connections 4]`, or with
 * DATABASE_URL=postgres://…/db on PostgreSQL; `-- --quick` for small data (the test suite).
 * The harness is bench/harness/run.ts.
 */
process.once("SIGINT", () => {
  stopAll();
  process.exit(130);
});
process.once("SIGTERM", () => {
  stopAll();
  process.exit(143);
});

main(process.argv.slice(2)).then(
  (code) => {
    agent.destroy();
    process.exit(code);
  },
  (error) => {
    console.error(error);
    stopAll();
    process.exit(1);
  },
);
