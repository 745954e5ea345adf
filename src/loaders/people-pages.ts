import { sql } from "../db/sql";
import { Person } from "../entities";
import type { Context } from "../context";
import type { ConnectionArgs, Page } from "../relay/connection";
import { pageSize, SortKey } from "../relay/cursors";
import { paginateRows } from "../relay/paginate";
import { PEOPLE_BOUND, PeopleSelection, PersonScope, SetForm } from "../services/people-selection";
import { Children, PARENT } from "./pages";

/** A parent's people (PersonScope): a congress's delegates, an organisation's people. */
const PARENT_SCOPES = { congress: { congressId: sql(PARENT) }, organisation: { organisationId: sql(PARENT) } } satisfies Record<string, PersonScope>;
export type PeopleParent = keyof typeof PARENT_SCOPES;

/**
 * The page of the people of `parent` (a congress, an organisation) that listPeople gives for the
 * scope (src/services/people.ts), with its count, read with the same page of every other
 * parent of the list being resolved (src/loaders/pages.ts). Like listPeople, a scope with id sets
 * is counted first, and each parent's page takes the form its own count picks.
 */
export async function peopleOfParent(ctx: Context, of: PeopleParent, parent: number, args: ConnectionArgs, order: SortKey[]): Promise<Page<Person>> {
  const { dialect } = ctx.read;
  const selection = new PeopleSelection(dialect, null, PARENT_SCOPES[of]);
  const size = pageSize(args);
  const { pages } = ctx.loaders;
  const children = (form: SetForm): Children => ({
    name: `Person ${of} ${form}`,
    entity: Person,
    alias: "p",
    where: selection.where(form),
    count: selection.countQuery(),
    source: (keys, column) => selection.pageSource(form, keys, column),
  });
  let form: SetForm = "in";
  let count = () => pages.count(children("in"), parent);
  if (selection.sets.length > 0) {
    const [counted, bound] = await Promise.all([count(), pages.once(dialect.jsonArrays(['"n"'], `(SELECT (${PEOPLE_BOUND}) AS "n") AS "bound"`, null))]);
    form = PeopleSelection.formFor(size, counted, Number((bound as number[][])[0][0] ?? 0));
    count = async () => counted;
  }
  return paginateRows(args, order, (req) => pages.rows<Person>(children(form), parent, req), count);
}
