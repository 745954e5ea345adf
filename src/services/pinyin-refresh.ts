import type { EntityTarget, ObjectLiteral } from "typeorm";
import type { Writer } from "../db/writer";
import { Honour, Organisation, Person } from "../entities";
import { personPinyinColumns, textPinyin } from "../search/pinyin";

/** Rows read and rewritten in one write transaction: a server on the same database writes between them. */
export const REFRESH_CHUNK = 1000;

/** A table whose columns the pinyin code derives from its name (the entities' BeforeInsert/BeforeUpdate hooks). */
interface Derived {
  entity: EntityTarget<ObjectLiteral>;
  label: string;
  /** The columns `derive` answers. */
  columns: string[];
  derive: (name: string) => Record<string, string>;
}

const DERIVED: Derived[] = [
  {
    entity: Person,
    label: "person",
    columns: ["namePinyin", "namePinyinKey", "nameSortKey", "nameInitials"],
    derive: personPinyinColumns,
  },
  { entity: Organisation, label: "organisation", columns: ["namePinyin"], derive: (name) => ({ namePinyin: textPinyin(name) }) },
  { entity: Honour, label: "honour", columns: ["namePinyin"], derive: (name) => ({ namePinyin: textPinyin(name) }) },
];

export type RefreshReport = Record<string, { read: number; rewritten: number }>;

/**
 * Writes again, from each row's name, the pinyin a row was given when it was last written, where
 * today's code derives another (a reading corrected, a rule of the sort key changed): rows written
 * before keep what the code of their day derived. The database's triggers carry the change on to
 * the search index and the seats' sort keys. A chunk of rows a transaction, through `writer` (the
 * app's write lock, so a running server's writes go on between chunks); not audited, as a row's
 * facts are unchanged. Run by `npm run pinyin:refresh`.
 */
export async function refreshPinyin(writer: Writer, chunk = REFRESH_CHUNK): Promise<RefreshReport> {
  const report: RefreshReport = {};
  for (const { entity, label, columns, derive } of DERIVED) {
    const counts = (report[label] = { read: 0, rewritten: 0 });
    for (let after = 0; ;) {
      const last = await writer.transaction(async (m) => {
        const rows: Record<string, unknown>[] = await m
          .createQueryBuilder(entity, "t")
          .select(["t.id AS id", "t.name AS name", ...columns.map((c) => `t.${c} AS "${c}"`)])
          .where("t.id > :after", { after })
          .orderBy("t.id")
          .limit(chunk)
          .getRawMany();
        for (const row of rows) {
          const now = derive(String(row.name));
          if (columns.every((c) => row[c] === now[c])) continue;
          await m.createQueryBuilder().update(entity).set(now).where("id = :id", { id: row.id }).execute();
          counts.rewritten++;
        }
        counts.read += rows.length;
        return rows.length ? Number(rows[rows.length - 1].id) : null;
      });
      if (last === null) break;
      after = last;
    }
  }
  return report;
}
