import type { SqlReader } from "../db";
import type { ConnectionArgs } from "../relay/connection";
import type { PersonFilter } from "../resolvers/types/person.filter";
import { searchPage } from "../search";
import { delegatesCsv } from "./delegates-export";
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
  countPeople(db: SqlReader, lists: readonly { filter: PersonFilter | null; scope: PersonScope }[]) {
    return Promise.all(lists.map(async ({ filter, scope }) => (await PeopleSelection.create(db, filter, scope)).countWithTotal(db)));
  },
  search: (db: SqlReader, query: string, page: ConnectionArgs) => searchPage(db, query, page),
  delegatesCsv,
  popoloChunk,
};

export type SlowTasks = typeof SLOW_TASKS;
