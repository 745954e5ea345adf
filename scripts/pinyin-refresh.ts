import "reflect-metadata";
import { commandWriter, requireDirectory, STARTUP_LOCK_WAIT_MS } from "../src/boot";
import { loadConfig } from "../src/config";
import { refreshPinyin, type TableRefresh } from "../src/services/pinyin-refresh";

const USAGE = "usage: npm run pinyin:refresh [-- --check]   (--check: count the rows whose pinyin differs, write nothing, exit 1 if any)";

/** `npm run pinyin:refresh`: the pinyin of every person, organisation, honour and congress as today's code derives it (src/services/pinyin-refresh.ts). */
async function main(args: string[]) {
  const check = args.includes("--check");
  if (args.some((a) => a !== "--check")) throw new Error(USAGE);
  const config = loadConfig();
  await requireDirectory(config.database);
  // Each chunk waits for the write lock as a start-up does: a server's import may hold it for seconds.
  const writer = await commandWriter(config.database, STARTUP_LOCK_WAIT_MS);
  const done: TableRefresh[] = [];
  try {
    await refreshPinyin(writer, {
      check,
      done: (table) => {
        done.push(table);
        console.log(`${table.table}: ${table.read} rows read, ${table.differing} ${check ? "differing (nothing written)" : "rewritten"}`);
      },
    });
    if (check && done.some((t) => t.differing > 0)) process.exitCode = 1;
  } catch (error) {
    if (!check) console.error("stopped: the rows written so far stay, the chunk under way was not written; run it again to go on");
    throw error;
  } finally {
    await writer.close();
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
