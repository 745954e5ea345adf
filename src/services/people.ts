import DataLoader from "dataloader";
import type { GraphQLResolveInfo } from "graphql";
import type { Context } from "../context";
import { withinDeadline } from "../db/deadline";
import { Person } from "../entities";
import { HeldLoader, LoaderName, Loaders, prefetch } from "../loaders";
import type { Projection } from "../loaders/projection";
import type { ConnectionArgs, Page } from "../relay/connection";
import { PageRequest, pageSize, SortKey } from "../relay/cursors";
import { pageColumns, paginateRows } from "../relay/paginate";
import { asksForPage, selectedFieldNames } from "./lookahead";
import type { PeopleFilter } from "./people-filter";
import { PeopleSelection, PersonScope, SetForm } from "./people-selection";

/**
 * The one way every list of people is produced: filter, order, page. A filter on seats, honours or
 * proposals is counted first; the count is the page's totalCount and picks the page query's form.
 * The people of one congress or organisation, read with those of every other parent of the list
 * being resolved, come from peopleOfParent (src/loaders/people-pages.ts) in the same way. `info`:
 * the connection field's, so that a list asked for its totalCount alone reads no page (its
 * cursors are still checked).
 */
export async function listPeople(
  ctx: Context,
  filter: PeopleFilter | null | undefined,
  order: SortKey[],
  page: ConnectionArgs,
  info: Pick<GraphQLResolveInfo, "fieldNodes" | "fragments">,
  scope: PersonScope = {},
): Promise<Page<Person>> {
  const selection = await withinDeadline(ctx.deadline, () => PeopleSelection.create(ctx.read, filter, scope));
  const size = pageSize(page);
  // A count that may walk much of the directory runs on a worker thread, under the request's deadline.
  const countAll = () =>
    selection.broad ? broadCounts(ctx).load({ filter: filter ?? null, scope }) : withinDeadline(ctx.deadline, () => selection.countWithTotal(ctx.read));
  let form: SetForm = "in";
  let count: (() => Promise<number>) | undefined;
  if (selection.sets.length > 0) {
    const counted = await countAll();
    form = PeopleSelection.formFor(size, counted.count, counted.total);
    count = async () => counted.count;
  }
  const { projection } = ctx;
  const metadata = ctx.ds.getMetadata(Person);
  const rows = asksForPage(info)
    ? (req: PageRequest) => withinDeadline(ctx.deadline, () => selection.page(ctx.ds, form, req, pageColumns(projection, metadata, req)))
    : async () => [];
  return paginateRows(page, order, rows, count ?? (async () => (await countAll()).count));
}

type CountAsked = { filter: PeopleFilter | null; scope: PersonScope };
const broadCountsOf = new WeakMap<Context, DataLoader<CountAsked, { count: number; total: number }, string>>();

/** The request's broad counts of one tick, counted as one read on a worker thread. */
function broadCounts(ctx: Context): DataLoader<CountAsked, { count: number; total: number }, string> {
  let loader = broadCountsOf.get(ctx);
  if (!loader) {
    loader = new DataLoader((lists) => ctx.slow.run("countPeople", [lists], ctx.deadline, ctx.abandoned()), { cacheKeyFn: (asked) => JSON.stringify(asked) });
    broadCountsOf.set(ctx, loader);
  }
  return loader;
}

/**
 * The relations of a person that are keyed by the person's own id, by the field that reads them
 * (`sources` reads them all: keep its list in step with PersonResolver.sources). When a person is
 * fetched by id, the id is known before the row is: the relations the query asks for load in the
 * same statement as the row itself, not one round trip after it. With the rows those lists point
 * to (src/loaders: includes), a profile page is one statement.
 */
const BY_PERSON_ID = new Map<string, LoaderName[]>([
  ["positions", ["positionsByPerson"]],
  ["currentPositions", ["positionsByPerson"]],
  ["seats", ["seatsByPerson"]],
  ["awards", ["awardsByPerson"]],
  ["proposals", ["proposalIdsByPerson"]],
  ["sources", ["citationIdsByPerson", "positionsByPerson", "seatsByPerson", "awardsByPerson", "proposalIdsByPerson"]],
]);

/**
 * The loaders a selection of a person asks for (see BY_PERSON_ID), found once per operation and
 * field: two operations of one document may share a fragment's field node, and select different
 * fields beside it.
 */
const prefetched = new WeakMap<object, WeakMap<object, LoaderName[]>>();

/** Loads person `id` and, in the same read, the relations `info`'s selection asks for (see BY_PERSON_ID). */
export async function loadPerson(ctx: Context, id: number, info: Pick<GraphQLResolveInfo, "fieldNodes" | "fragments" | "operation">): Promise<Person | null> {
  const { loaders } = ctx;
  // Without a cache (the naive server) nothing read ahead could be kept: each field loads its own.
  if (!ctx.batch) return loaders.person.load(id);
  let byField = prefetched.get(info.operation);
  if (!byField) prefetched.set(info.operation, (byField = new WeakMap()));
  let names = byField.get(info.fieldNodes[0]);
  if (!names) {
    const asked = new Set<LoaderName>(["person"]);
    for (const field of selectedFieldNames(info)) for (const loader of BY_PERSON_ID.get(field) ?? []) asked.add(loader);
    byField.set(info.fieldNodes[0], (names = [...asked]));
  }
  await prefetch(
    id,
    names.map((name) => loaders[name] as HeldLoader<unknown, Loaders, Projection>),
  );
  return loaders.person.get(id);
}
