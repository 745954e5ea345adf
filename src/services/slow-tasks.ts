import type { SqlReader } from "../db";
import type { ConnectionArgs } from "../relay/connection";
import type { PeopleFilter } from "./people-filter";
import { searchPage } from "../search";
import { delegatesCsv } from "./delegates-export";
import { inIndex } from "./facet-index";
import { countFacets } from "./facets";
import { PeopleSelection, PersonScope } from "./people-selection";
import { popoloChunk } from "./popolo";

/**
 * The reads that run on worker threads (src/db/slow-reads.ts), by name: each gets the worker's
 * read-only connection and arguments sent from the main thread (plain data: a filter arrives as
 * an object with the filter's fields), and answers plain data. Plain SQL only: a worker loads
 * none of the entities or the schema, so a new one is ready in a fraction of a second.
 */
export const SLOW_TASKS = {
  facets: countFacets,
  /** The counts of several lists of one request (20 aliased counts are one task, not 20). */
  countPeople(db: SqlReader, lists: readonly { filter: PeopleFilter | null; scope: PersonScope }[]) {
    const count = () => Promise.all(lists.map(async ({ filter, scope }) => countPeople(db, new PeopleSelection(db.dialect, filter, scope))));
    return PeopleSelection.inOneState(
      db,
      lists.map((list) => list.filter),
      count,
    );
  },
  search: (db: SqlReader, query: string, page: ConnectionArgs) => searchPage(db, query, page),
  delegatesCsv,
  popoloChunk,
  /** One JSON value read by a statement the main thread wrote (a page of people by name: src/services/people.ts). */
  json: (db: SqlReader, text: string, params: unknown[]) => db.json(text, params),
};

/** How many people `selection` selects, and the highest person id; honour conditions are counted from the facet index. */
async function countPeople(db: SqlReader, selection: PeopleSelection): Promise<{ count: number; total: number }> {
  if (!db.isolated || !selection.honoursOnly) return selection.countWithTotal(db);
  const { index, positions } = await inIndex(db, selection);
  return { count: positions!.length, total: index.lastId };
}

export type SlowTasks = typeof SLOW_TASKS;
