import { mergeSearchIndex } from "../db/search-merge";
import type { Writer } from "../db/writer";
import { applyImport } from "./delegate-csv-apply";
import { planImport } from "./delegate-csv-plan";
import { ImportError, readRows } from "./delegate-csv-rows";
import { RollBack, Write } from "./write";

export { decodeCsv } from "./delegate-csv-rows";
export type { ImportError } from "./delegate-csv-rows";

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  errors: ImportError[];
  rows: number;
  dryRun: boolean;
}

/** Whether an import's writes are kept: no bad row, and not a dry run. */
const commits = (report: ImportReport) => report.errors.length === 0 && !report.dryRun;

/**
 * Imports a delegate list into `congressId` inside the caller's write transaction. Every row is
 * checked and every reference resolved before the first write (delegate-csv-plan.ts); if any row
 * is bad, nothing is written and the report lists every error. Who imported is the audit trail's
 * to say (admins only); the public source document says what and when.
 */
export async function importDelegates(w: Write, csv: string, congressId: number, dryRun: boolean): Promise<ImportReport> {
  const report = await planAndApply(w, csv, congressId, dryRun);
  // A bad row or a dry run: undo whatever the transaction holds, and still answer with the report.
  if (!commits(report)) throw new RollBack(report);
  return report;
}

/**
 * What follows an import through `writer` (the mutation's and `npm run import`'s): one that created
 * or changed rows is the directory's bulk write, and the search index is put back in shape
 * (src/db/search-merge.ts), after the import's commit and before its answer.
 */
export async function afterImport(writer: Writer, report: ImportReport): Promise<ImportReport> {
  if (commits(report) && report.created + report.updated > 0) await mergeSearchIndex(writer);
  return report;
}

async function planAndApply(w: Write, csv: string, congressId: number, dryRun: boolean): Promise<ImportReport> {
  const errors: ImportError[] = [];
  const rows = readRows(csv, errors);
  const report = (counts = { created: 0, updated: 0, unchanged: 0 }): ImportReport => ({ ...counts, errors, rows: rows.length, dryRun });
  if (errors.length) return report();
  const plan = await planImport(w.m, rows, congressId, errors);
  if (errors.length) return report();
  return report(await applyImport(w, csv, plan, dryRun));
}
