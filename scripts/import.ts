import "reflect-metadata";
import fs from "fs";
import { commandWriter, requireDirectory } from "../src/boot";
import { loadConfig } from "../src/config";
import { Congress } from "../src/entities";
import { expectGlobalId } from "../src/relay/global-id";
import { afterImport, decodeCsv, importDelegates } from "../src/services/delegate-csv";
import { findRef, writeAs } from "../src/services/write";

const USAGE = "usage: npm run import -- --congress CONGRESS_ID [--dry-run] FILE.csv   (UTF-8 with or without BOM, or GB18030/GBK)";

/** `npm run import`: the same import as the importDelegates mutation, from a file on disk, audited as cli:<user>. */
async function main(args: string[]) {
  const at = args.indexOf("--congress");
  const congress = at >= 0 ? args[at + 1] : undefined;
  const dryRun = args.includes("--dry-run");
  const file = args.filter((a, i) => !a.startsWith("--") && i !== at + 1)[0];
  if (!congress || !file) throw new Error(USAGE);
  expectGlobalId(congress, "Congress", "--congress");
  const csv = decodeCsv(fs.readFileSync(file));
  const config = loadConfig();
  await requireDirectory(config.database);
  // Waits for the write lock as a server's write does: a server on the same file may be writing.
  const writer = await commandWriter(config.database, config.writeLockTimeoutMs);
  try {
    const actor = { label: `cli:${process.env.USER ?? "unknown"}`, role: "admin" };
    const report = await afterImport(
      writer,
      await writeAs(writer, actor, "importDelegates", async (w) => {
        const target = await findRef(w.m, Congress, "Congress", congress, "--congress");
        return importDelegates(w, csv, target.id, dryRun);
      }),
    );
    for (const e of report.errors) console.error(`row ${e.row}${e.column ? `, column ${e.column}` : ""}: ${e.message}`);
    console.log(
      `${report.rows} rows: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.errors.length} errors` +
        (report.errors.length ? " (nothing written)" : dryRun ? " (dry run, nothing written)" : ""),
    );
    if (report.errors.length) process.exitCode = 1;
  } finally {
    await writer.close();
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
