import "reflect-metadata";
import { openDataSource } from "../ormconfig";
import { openDirectory } from "../src/boot";
import { loadConfig } from "../src/config";
import { Writer } from "../src/db/writer";
import { refreshPinyin } from "../src/services/pinyin-refresh";

/** `npm run pinyin:refresh`: the pinyin of every person, organisation and honour as today's code derives it (src/services/pinyin-refresh.ts). */
async function main() {
  const config = loadConfig();
  // Migrated (and seeded if new) as a server's start would, under the write lock.
  await (await openDirectory(config.database)).ds.destroy();
  // Waits for the write lock as a server's write does: a server on the same database may be writing.
  const writer = new Writer(() => openDataSource(config.database, "writer"), config.writeLockTimeoutMs);
  try {
    const report = await refreshPinyin(writer);
    for (const [table, { read, rewritten }] of Object.entries(report)) console.log(`${table}: ${read} rows read, ${rewritten} rewritten`);
  } finally {
    await writer.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
