import { DataSource } from "typeorm";

const TABLES = [
  "source_document",
  "citation",
  "organisation",
  "person",
  "person_citation",
  "position",
  "congress",
  "seat",
  "honour",
  "honour_tally",
  "award",
  "proposal",
  "proposal_author",
  "statistic",
  "audit_entry",
  "api_token",
  "search_gram",
];

/** Every row of every table, to show that a failed write changed nothing at all. */
export async function dumpDatabase(ds: DataSource): Promise<Record<string, unknown[]>> {
  const dump: Record<string, unknown[]> = {};
  const sorted = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();
  for (const table of TABLES) dump[table] = sorted(await ds.query(`SELECT * FROM "${table}"`));
  dump.search_text = sorted(await ds.query(`SELECT rowid, body FROM search_text`));
  return dump;
}
