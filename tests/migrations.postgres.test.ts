import { openDataSource } from "../ormconfig";
import { freshDatabase } from "./helpers/database";

test("PostgreSQL: its migrations build the schema the entities describe, nothing left to generate, and undo it all", async () => {
  const ds = await openDataSource(await freshDatabase());
  try {
    await ds.runMigrations({ transaction: "each" });
    const { upQueries } = await ds.driver.createSchemaBuilder().log();
    expect(upQueries.map((q) => q.query)).toEqual([]);
    // Every migration's down step runs, back to an empty database.
    for (let i = ds.migrations.length; i > 0; i--) await ds.undoLastMigration({ transaction: "each" });
    const tables = await ds.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`);
    expect(tables).toEqual([]);
  } finally {
    await ds.destroy();
  }
});
