import { stringify } from "csv-stringify/sync";
import type { SqlReader } from "../db";
import { toGlobalId } from "../relay/global-id";
import { CSV_COLUMNS, escapeCell, EXPORT_SEPARATOR, formatHonour, group } from "./delegate-csv-format";

/**
 * The congress `congressId` names and its delegates as the import reads them (one row each, in
 * pinyin order), UTF-8 with a BOM so spreadsheet programs show the Chinese; null when there is no
 * such congress. Plain SQL, so that it runs on a worker thread (src/services/slow-tasks.ts).
 */
export async function delegatesCsv(db: SqlReader, congressId: number): Promise<{ congress: { name: string }; csv: string } | null> {
  const [congress] = await db.rows<{ name: string }>(`SELECT "name" FROM "congress" WHERE "id" = ?`, [congressId]);
  if (!congress) return null;
  // One seat per person and congress (unique index): joining a delegate's rows to the seat repeats none.
  const delegates = `"seat" s WHERE s."congressId" = ?`;
  const [people, employers, positions, awards] = await Promise.all([
    db.rows<{ id: number; name: string; gender: string | null; photoUrl: string | null; employerId: number | null; delegation: string | null }>(
      `SELECT p."id", p."name", p."gender", p."photoUrl", p."employerId", s."delegation" FROM "person" p JOIN ${delegates.replace(" WHERE", ` ON s."personId" = p."id" WHERE`)} ORDER BY p."nameSortKey", p."id"`,
      [congressId],
    ),
    db.rows<{ id: number; name: string }>(
      `SELECT o."id", o."name" FROM "organisation" o WHERE o."id" IN (SELECT p."employerId" FROM "person" p JOIN ${delegates.replace(" WHERE", ` ON s."personId" = p."id" WHERE`)})`,
      [congressId],
    ),
    db.rows<{ personId: number; organisationId: number; title: string; current: number | null }>(
      `SELECT x."personId", x."organisationId", x."title", x."current" FROM "position" x JOIN ${delegates.replace(" WHERE", ` ON s."personId" = x."personId" WHERE`)} ORDER BY x."id"`,
      [congressId],
    ),
    db.rows<{ personId: number; name: string; yearFrom: number | null; yearTo: number | null }>(
      `SELECT a."personId", h."name", a."yearFrom", a."yearTo" FROM "award" a JOIN "honour" h ON h."id" = a."honourId" JOIN ${delegates.replace(" WHERE", ` ON s."personId" = a."personId" WHERE`)} ORDER BY a."id"`,
      [congressId],
    ),
  ]);
  const employerName = new Map(employers.map((o) => [o.id, o.name]));
  const titles = group(positions, (x) => x.personId);
  const honours = group(awards, (a) => a.personId);
  const records = people.map((p) => ({
    name: p.name,
    delegation: p.delegation ?? "",
    employer: p.employerId === null ? "" : (employerName.get(p.employerId) ?? ""),
    // The titles held now at the employer (a position with no stated end counts as held).
    title: (titles.get(p.id) ?? [])
      .filter((x) => x.organisationId === p.employerId && x.current !== 0)
      .map((x) => x.title)
      .join(EXPORT_SEPARATOR),
    honours: (honours.get(p.id) ?? []).map((a) => formatHonour(a.name, a.yearFrom, a.yearTo)).join(EXPORT_SEPARATOR),
    gender: p.gender ?? "",
    photo_url: p.photoUrl ?? "",
    id: toGlobalId("Person", p.id),
  }));
  const escaped = records.map((record) => Object.fromEntries(Object.entries(record).map(([k, v]) => [k, escapeCell(v)])));
  // Every cell quoted (OWASP): a spreadsheet that splits on ; or tab cannot start a cell mid-field.
  return { congress, csv: "\uFEFF" + stringify(escaped, { header: true, columns: [...CSV_COLUMNS], quoted: true }) };
}
