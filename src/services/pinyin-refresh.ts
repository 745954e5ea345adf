import type { EntityManager, EntityTarget, ObjectLiteral } from "typeorm";
import { mergeSearchIndex } from "../db/search-merge";
import { letOthersRun, type Writer } from "../db/writer";
import { Congress, Honour, Organisation, Person } from "../entities";
import { PERSON_PINYIN_COLUMNS, personPinyinColumns, TEXT_PINYIN_COLUMNS, textPinyinColumns } from "../search/pinyin";

/** Rows read and rewritten in one write transaction: a server on the same database writes between them. */
export const REFRESH_CHUNK = 1000;

/** A table whose columns the pinyin code derives from its name (the entities' BeforeInsert/BeforeUpdate hooks). */
interface Derived {
  entity: EntityTarget<ObjectLiteral>;
  table: string;
  /** The columns `derive` answers. */
  columns: readonly string[];
  derive: (name: string) => Record<string, string>;
}

const CONGRESS: Derived = { entity: Congress, table: "congress", columns: TEXT_PINYIN_COLUMNS, derive: textPinyinColumns };

const DERIVED: Derived[] = [
  { entity: Person, table: "person", columns: PERSON_PINYIN_COLUMNS, derive: personPinyinColumns },
  { entity: Organisation, table: "organisation", columns: TEXT_PINYIN_COLUMNS, derive: textPinyinColumns },
  { entity: Honour, table: "honour", columns: TEXT_PINYIN_COLUMNS, derive: textPinyinColumns },
  CONGRESS,
];

export interface TableRefresh {
  table: string;
  read: number;
  /** Rows whose pinyin differed: written again, or (check) found. */
  differing: number;
}

/**
 * Writes again, from each row's name, the pinyin a row was given when it was last written, where
 * today's code derives another (a reading corrected, a rule of the sort key changed): rows written
 * before keep what the code of their day derived. Only the columns that differ are set, and the
 * database's triggers carry them on to the search index and the seats' sort keys. A chunk of rows
 * a transaction, through `writer` (the app's write lock, so a running server's writes go on
 * between chunks): stopped half-way, what was written stays, and a second run goes on from there.
 * Not audited, as no fact of a row changes. `check`: nothing written, the differing rows counted.
 * `done` hears of each table as it is finished. Once rows were written (a chunk a transaction, each
 * a segment of the search index), the index is merged as after an import. Run by `npm run pinyin:refresh`.
 */
export async function refreshPinyin(
  writer: Writer,
  options: { chunk?: number; check?: boolean; done?: (table: TableRefresh) => void } = {},
): Promise<TableRefresh[]> {
  const chunk = options.chunk ?? REFRESH_CHUNK;
  const report: TableRefresh[] = [];
  for (const derived of DERIVED) {
    const counts: TableRefresh = { table: derived.table, read: 0, differing: 0 };
    for (let after = 0; ;) {
      const { read, differing, last } = await writer.transaction((m) =>
        rewrite(m, derived, "t.id > :after", { after }, { limit: chunk, check: options.check }),
      );
      counts.read += read;
      counts.differing += differing;
      if (read < chunk) break;
      after = last;
      // A server in this process (a test's) answers its requests between chunks.
      await letOthersRun();
    }
    report.push(counts);
    options.done?.(counts);
  }
  if (!options.check && report.some((r) => r.differing > 0)) await mergeSearchIndex(writer);
  return report;
}

/**
 * The congresses' pinyin the NamePinyinOrder migration added empty (a migration cannot derive it):
 * run by every start-up inside its seeding transaction, so a directory of an earlier release lists
 * its congresses in pinyin order from its first start. A few rows once, nothing after. Answers
 * how many rows it filled.
 */
export async function fillCongressPinyin(m: EntityManager): Promise<number> {
  return (await rewrite(m, CONGRESS, "t.namePinyin = ''", {})).differing;
}

/**
 * The rows of `derived`'s table that `where` picks (in id order, at most `limit`), each written
 * again where a column of it differs from what the pinyin code derives from its name (only those
 * columns set; `check`: counted, nothing written). The rows read, those that differed, the last id.
 */
async function rewrite(
  m: EntityManager,
  { entity, columns, derive }: Derived,
  where: string,
  params: ObjectLiteral,
  options: { limit?: number; check?: boolean } = {},
): Promise<{ read: number; differing: number; last: number }> {
  const query = m
    .createQueryBuilder(entity, "t")
    .select(["t.id AS id", "t.name AS name", ...columns.map((c) => `t.${c} AS "${c}"`)])
    .where(where, params)
    .orderBy("t.id");
  const rows: Record<string, unknown>[] = await (options.limit === undefined ? query : query.limit(options.limit)).getRawMany();
  let differing = 0;
  for (const row of rows) {
    const now = derive(String(row.name));
    const changed = columns.filter((c) => row[c] !== now[c]);
    if (changed.length === 0) continue;
    differing++;
    if (!options.check) {
      const set = Object.fromEntries(changed.map((c) => [c, now[c]]));
      await m.createQueryBuilder().update(entity).set(set).where("id = :id", { id: row.id }).execute();
    }
  }
  return { read: rows.length, differing, last: rows.length ? Number(rows[rows.length - 1].id) : 0 };
}
