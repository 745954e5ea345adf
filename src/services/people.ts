import DataLoader from "dataloader";
import { GraphQLError, type GraphQLResolveInfo } from "graphql";
import type { Context } from "../context";
import type { ReadJson } from "../db/read-batch";
import { log } from "../log";
import { Person } from "../entities";
import { HeldLoader, LoaderName, Loaders, prefetch } from "../loaders";
import type { Projection } from "../loaders/projection";
import type { ConnectionArgs, Page } from "../relay/connection";
import { PageRequest, pageSize, SortKey } from "../relay/cursors";
import { pageColumns, paginateRows } from "../relay/paginate";
import { asksForPage, nodeFieldNames, selectedFieldNames } from "./lookahead";
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
  info: Pick<GraphQLResolveInfo, "fieldNodes" | "fragments" | "operation">,
  scope: PersonScope = {},
): Promise<Page<Person>> {
  const selection = new PeopleSelection(ctx.read.dialect, filter, scope);
  const size = pageSize(page);
  // A count that may walk much of the directory runs on a worker thread, under the request's deadline.
  const countAll = () => (selection.broad ? broadCounts(ctx).load({ filter: filter ?? null, scope }) : selection.countWithTotal(ctx.read));
  let form: SetForm = "in";
  let count: (() => Promise<number>) | undefined;
  if (selection.sets.length > 0) {
    const counted = await countAll();
    form = PeopleSelection.formFor(size, counted.count, counted.total);
    count = async () => counted.count;
  }
  const { projection } = ctx;
  const metadata = ctx.ds.getMetadata(Person);
  // A name is matched in the search index, which for a common character walks tens of thousands of
  // rows: such a page is read on a worker thread, as its count is, so that it holds up no other request.
  const readPage: ReadJson = selection.named
    ? (text, params) => ctx.slow.run("json", [text, params], ctx.deadline, ctx.abandoned())
    : (text, params) => ctx.read.json(text, params);
  const rows = asksForPage(info) ? (req: PageRequest) => selection.page(ctx.ds, readPage, form, req, pageColumns(projection, metadata, req)) : async () => [];
  const result = await paginateRows(page, order, rows, count ?? (async () => (await countAll()).count));
  await prefetchForPage(
    ctx,
    result.edges.map((edge) => edge.node),
    info,
  );
  return result;
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
 * What a selection of a person asks to read ahead (see BY_PERSON_ID; `employer`: the employer's
 * row), found once per operation and field: two operations of one document may share a
 * fragment's field node, and select different fields beside it.
 */
interface PersonReads {
  byPersonId: LoaderName[];
  employer: boolean;
}
const readsOf = new WeakMap<object, WeakMap<object, PersonReads>>();

function personReads(info: Pick<GraphQLResolveInfo, "fieldNodes" | "operation">, fields: () => Set<string>): PersonReads {
  let byField = readsOf.get(info.operation);
  if (!byField) readsOf.set(info.operation, (byField = new WeakMap()));
  let reads = byField.get(info.fieldNodes[0]);
  if (!reads) {
    const names = fields();
    const byPersonId = new Set<LoaderName>();
    for (const field of names) for (const loader of BY_PERSON_ID.get(field) ?? []) byPersonId.add(loader);
    byField.set(info.fieldNodes[0], (reads = { byPersonId: [...byPersonId], employer: names.has("employer") }));
  }
  return reads;
}

const held = (loader: unknown) => loader as HeldLoader<unknown, Loaders, Projection>;

/** Loads person `id` and, in the same read, the relations `info`'s selection asks for (see BY_PERSON_ID). */
export async function loadPerson(ctx: Context, id: number, info: Pick<GraphQLResolveInfo, "fieldNodes" | "fragments" | "operation">): Promise<Person | null> {
  const { loaders } = ctx;
  // Without a cache (the naive server) nothing read ahead could be kept: each field loads its own.
  if (!ctx.batch) return loaders.person.load(id);
  // The person loader reads the employer (and the group above it) with the row.
  const { byPersonId } = personReads(info, () => selectedFieldNames(info));
  await prefetch([loaders.person, ...byPersonId.map((name) => loaders[name])].map((loader) => [held(loader), [id]] as const));
  return loaders.person.get(id);
}

/**
 * Reads ahead, in one statement, the relations a list's selection asks of each of its people (see
 * BY_PERSON_ID, and the employers): once the page is read, every field of its people is answered
 * at once, not through a DataLoader batch and a promise per person and field. A read that fails
 * (the deadline passed, the database went away) fails no more than it did: the list is answered,
 * and each field that needs the read loads it itself and answers its own error. A failure other
 * than those the request answers as its own (TIMEOUT, CLIENT_CLOSED_REQUEST, SERVICE_UNAVAILABLE:
 * GraphQLErrors, which the fields then answer too) is logged: one that kept happening would
 * otherwise cost every page its fields' statements unseen.
 */
function prefetchForPage(ctx: Context, people: readonly Person[], info: Pick<GraphQLResolveInfo, "fieldNodes" | "fragments" | "operation">): Promise<void> {
  if (!ctx.batch || !people.length) return Promise.resolve();
  const { loaders } = ctx;
  const { byPersonId, employer } = personReads(info, () => nodeFieldNames(info));
  const ids = people.map((person) => person.id);
  const wanted = byPersonId.map((name) => [held(loaders[name]), ids] as const);
  if (employer) wanted.push([held(loaders.organisation), people.flatMap((person) => (person.employerId === null ? [] : [person.employerId]))]);
  return prefetch(wanted).catch((error: unknown) => {
    if (!(error instanceof GraphQLError)) log("warn", "reading ahead a page's relations failed; its fields load them", { requestId: ctx.requestId, error });
  });
}
