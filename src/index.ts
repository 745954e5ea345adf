import "reflect-metadata";
import { openDataSource } from "../ormconfig";
import { loadConfig } from "./config";
import { seedIfEmpty } from "../seeds/loader";
import { createServer } from "./server";

async function main() {
  const config = loadConfig();
  const ds = await openDataSource(config.database);
  await ds.runMigrations({ transaction: "each" });
  const seeded = await seedIfEmpty(ds);
  if (seeded) console.log(`seeded an empty database: ${seeded.created} records created`);
  const server = await createServer(ds, config);
  const http = server.app.listen(config.port, () => {
    console.log(`delegate directory on http://localhost:${config.port}/graphql (IDE in a browser), database ${config.database.file}`);
  });
  const shutdown = () => {
    http.close(async () => {
      await server.stop();
      await ds.destroy();
      process.exit(0);
    });
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
