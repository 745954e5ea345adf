import { Extensions } from "type-graphql";
import { EntityTarget, ObjectLiteral } from "typeorm";
import type { Context } from "../context";
import { byForeignKey } from "../loaders/pages";
import { ConnectionArgs, Page } from "../relay/connection";
import { MAX_PAGE, SortKey } from "../relay/cursors";

/*
 * What several resolvers share, so that no resolver imports another: a fact's citation, and the
 * capped plain lists and child pages of an organisation's.
 */

/** Resolves the citation a fact row points at (null for facts recorded without one). */
export function citationOf(fact: { citationId: number | null }, ctx: Context) {
  return fact.citationId === null ? null : ctx.loaders.citation.get(fact.citationId);
}

/** The most items a plain list of an organisation's gives: a connection's largest page. */
export const LIST_CAP = MAX_PAGE;
/** Order of entry: by id. */
export const ENTRY_ORDER: SortKey[] = [{ property: "id", direction: "ASC" }];

/** Marks such a list in the schema, so that the query cost counts it at its cap (src/http/limits.ts). */
export const Capped = () => Extensions({ maxItems: LIST_CAP });

/**
 * A page of the rows of `entity` that point to organisation `id` by `fk`: read with the same
 * page of every other organisation of the list being resolved (src/loaders/pages.ts).
 */
export function childPage<E extends ObjectLiteral>(ctx: Context, entity: EntityTarget<E>, fk: string, id: number, args: ConnectionArgs, order: SortKey[]) {
  return ctx.loaders.pages.page<E>(byForeignKey(ctx.ds, entity, fk), id, args, order);
}

const nodesOf = <T>(page: Page<T>): T[] => page.edges.map((e) => e.node);

/** A plain list of an organisation's: the first LIST_CAP rows of `entity` pointing to it by `fk`, in order of entry. */
export async function cappedList<E extends ObjectLiteral>(ctx: Context, entity: EntityTarget<E>, fk: string, id: number): Promise<E[]> {
  return nodesOf(await childPage(ctx, entity, fk, id, { first: LIST_CAP }, ENTRY_ORDER));
}
