import type { EntityManager } from "typeorm";
import { dialectOf } from "./index";
import { letOthersRun, type Writer } from "./writer";
import { log } from "../log";

/**
 * Segments the search index may be in after a write before a serving process merges it: fewer cost
 * searches little, and merging rewrites the whole index however little was added to it.
 */
export const MERGE_FROM_SEGMENTS = 4;

/** At start-up, before the process serves: the search index merged into one piece in `m`'s transaction (SearchDialect.merge). */
export async function mergeSearchIndexNow(m: EntityManager): Promise<void> {
  const merge = dialectOf(m.connection).search.merge;
  if (merge) await m.query(merge.all);
}

/** The writers whose database user was found not to own the search index (PostgreSQL): told once. */
const toldNotOwner = new WeakSet<Writer>();

/**
 * After a bulk write through `writer` (an import, pinyin:refresh), the search index put back in
 * shape for searches. SQLite: once it is in more than MERGE_FROM_SEGMENTS segments, it is merged
 * into one, a step of bounded work a write transaction, other requests and writes going between
 * steps. PostgreSQL: the entries the write left in the GIN index's pending list are moved into it
 * (a write transaction, about 25 ms for an import of 6,000 people). A failure is logged, not thrown: the
 * write it follows has committed, and what is left is merged by the next start (SQLite) or vacuum
 * (PostgreSQL).
 */
export async function mergeSearchIndex(writer: Writer): Promise<void> {
  try {
    const { merge, cleanPending } = (await writer.dialect()).search;
    if (cleanPending) {
      const cleaned = await writer.transaction(async (m) => {
        let rows: unknown[] = [];
        for (const statement of cleanPending) rows = await m.query(statement);
        return rows.length > 0;
      });
      // Said once: after every import it would say nothing new.
      if (!cleaned && !toldNotOwner.has(writer)) {
        toldNotOwner.add(writer);
        log(
          "warn",
          "search entries written by imports and pinyin refreshes wait for a vacuum: only the search index's owner may move them into it (docs/operations.md)",
        );
      }
    }
    if (!merge) return;
    for (let started = false; ; started = true) {
      const more = await writer.transaction(async (m) => {
        const count = async (sql: string) => Number((await m.query<{ n: number }[]>(sql))[0].n);
        if (!started && (await count(merge.segments)) <= MERGE_FROM_SEGMENTS) return false;
        const before = await count(merge.changes);
        await m.query(started ? merge.step : merge.start);
        return (await count(merge.changes)) - before >= 2;
      });
      if (!more) return;
      await letOthersRun();
    }
  } catch (error) {
    log("warn", "merging the search index failed; the next start (SQLite) or vacuum (PostgreSQL) merges it", { error });
  }
}
