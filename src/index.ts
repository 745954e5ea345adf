import "reflect-metadata";
import { openDirectory } from "./boot";
import { loadConfig } from "./config";
import { createServer } from "./server";

async function main() {
  const config = loadConfig();
  const { ds, seeded } = await openDirectory(config.database);
  if (seeded) console.log(`seeded an empty database: ${seeded.created} records created`);
  const server = await createServer(ds, config);
  const http = server.app.listen(config.port, () => {
    console.log(`delegate directory on http://localhost:${config.port}/graphql (open it in a browser for the IDE); database ${config.database.file}`);
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
