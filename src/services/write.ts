import { EntityManager, EntityTarget, ObjectLiteral } from "typeorm";
import { Context, resetLoaders } from "../context";
import { AuditEntry, Citation, Person, SourceDocument } from "../entities";
import { badInput, serviceUnavailable } from "../errors";
import { Writer, WriteUnavailable } from "../db/writer";
import { quoteOccursIn } from "../quotes";
import { expectGlobalId, NodeTypeName, toGlobalId } from "../relay/global-id";

/** What a write can do inside its transaction. */
export interface Write {
  m: EntityManager;
  /** Records one changed row in the audit trail (before: null for a creation, after: null for a deletion). */
  audit(type: NodeTypeName, id: number, before: ObjectLiteral | null, after: ObjectLiteral | null): Promise<void>;
}

/** Who the audit trail names for a write. */
export interface Actor {
  label: string;
  role: string;
}

/**
 * Every write goes through here: one transaction on the writer connection, holding the database's
 * write lock, audited, all or nothing. Afterwards the request's loaders are dropped, so fields
 * resolved after the mutation read what it wrote.
 */
export async function runWrite<T>(ctx: Context, action: string, fn: (w: Write) => Promise<T>): Promise<T> {
  const actor: Actor = { label: ctx.viewer.label ?? "anonymous", role: ctx.viewer.role ?? "none" };
  const result = await writeAs(ctx.writer, actor, action, fn, ctx);
  resetLoaders(ctx);
  return result;
}

/** Seconds a client is asked to wait before trying a refused write again (Retry-After). */
export const RETRY_AFTER_SECONDS = { busy: 1, failing: 30 } as const;

/**
 * The same, for callers without a request (the import command line). `request.wrote` records
 * that a write of the request committed: a later write refused for want of the database must not
 * then answer 503, which tells the client that nothing was written and the request may be repeated.
 */
export async function writeAs<T>(
  writer: Writer,
  actor: Actor,
  action: string,
  fn: (w: Write) => Promise<T>,
  request: { wrote: boolean } = { wrote: false },
): Promise<T> {
  try {
    const result = await writer.transaction((m) => audited(m, actor, action, fn));
    request.wrote = true;
    return result;
  } catch (error) {
    if (error instanceof RollBack) return error.value as T;
    if (error instanceof WriteUnavailable) {
      const retryAfter = RETRY_AFTER_SECONDS[error.reason];
      if (!request.wrote) throw serviceUnavailable(`${error.message}: nothing was written; try again in ${retryAfter} s`, retryAfter);
      throw serviceUnavailable(
        `${error.message}: this mutation wrote nothing, but the ones before it in this request were written; send only this one again, in ${retryAfter} s`,
      );
    }
    throw error;
  }
}

/**
 * Thrown inside a write to undo its transaction and still answer with `value`
 * (an import with a bad row, or a dry run).
 */
export class RollBack<T> extends Error {
  constructor(readonly value: T) {
    super("rolled back");
  }
}

async function audited<T>(m: EntityManager, actor: Actor, action: string, fn: (w: Write) => Promise<T>): Promise<T> {
  const at = new Date().toISOString();
  const entries: Partial<AuditEntry>[] = [];
  const result = await fn({
    m,
    async audit(type, id, before, after) {
      // An entity is snapshotted now; a plain object is a snapshot taken earlier (the "before" of an update).
      const values = (v: ObjectLiteral | null) => (v === null ? null : v.constructor === Object ? v : snapshot(m, v));
      entries.push({
        at,
        actor: actor.label,
        role: actor.role,
        action,
        recordType: type,
        record: toGlobalId(type, id),
        before: values(before),
        after: values(after),
      });
    },
  });
  // Written together at the end, in the same transaction: one statement per 100 entries, not one per change.
  for (let i = 0; i < entries.length; i += 100) await m.getRepository(AuditEntry).insert(entries.slice(i, i + 100) as never);
  return result;
}

/** The column values of an entity, as the audit trail stores them (no relations, no derived fields). */
export function snapshot(m: EntityManager, entity: ObjectLiteral): Record<string, unknown> {
  const columns = m.getRepository(entity.constructor).metadata.columns;
  const values: Record<string, unknown> = {};
  for (const column of columns) {
    const value: unknown = column.getEntityValue(entity);
    if (value !== undefined) values[column.propertyName] = value instanceof Date ? value.toISOString() : value;
  }
  return values;
}

/** Adds a citation to a person's own sources (once). */
export async function addPersonCitation(m: EntityManager, personId: number, citationId: number): Promise<void> {
  const relation = m.createQueryBuilder().relation(Person, "citations").of(personId);
  const current = (await relation.loadMany<Citation>()).map((c) => c.id);
  if (!current.includes(citationId)) await relation.add(citationId);
}

/** The row a global id argument names; BAD_USER_INPUT naming `field` if it is malformed or names nothing. */
export async function findRef<E extends ObjectLiteral>(
  m: EntityManager,
  entity: EntityTarget<E>,
  type: NodeTypeName,
  globalId: string,
  field: string,
): Promise<E> {
  const id = expectGlobalId(globalId, type, field);
  const row = await m.getRepository(entity).findOneBy({ id } as never);
  if (!row) throw badInput(`${field}: no ${type} with id "${globalId}"`, field);
  return row;
}

/** Like findRef for an optional reference: undefined stays undefined (unchanged), null stays null (cleared). */
export async function optionalRef<E extends ObjectLiteral & { id: number }>(
  m: EntityManager,
  entity: EntityTarget<E>,
  type: NodeTypeName,
  globalId: string | null | undefined,
  field: string,
): Promise<number | null | undefined> {
  if (globalId === undefined || globalId === null) return globalId;
  return (await findRef(m, entity, type, globalId, field)).id;
}

/** A citation of a document the directory holds; the quote must occur in it (whitespace aside). */
export async function citationFor(m: EntityManager, input: { document: string; quote: string }, field: string): Promise<number> {
  const document = await findRef(m, SourceDocument, "SourceDocument", input.document, `${field}.document`);
  const quote = input.quote.trim();
  if (!quoteOccursIn(document.text, quote)) {
    throw badInput(`${field}.quote: not found in "${document.title}"; a quote must be verbatim text of its document`, `${field}.quote`);
  }
  const repo = m.getRepository(Citation);
  const existing = await repo.findOneBy({ documentId: document.id, quote });
  return (existing ?? (await repo.save(repo.create({ documentId: document.id, quote })))).id;
}

/**
 * Copies the fields of a patch input that were given (undefined = leave as is, null = clear);
 * `required` fields may be changed but not cleared.
 */
export function applyPatch<T extends ObjectLiteral>(target: T, patch: ObjectLiteral, fields: (keyof T & string)[], required: (keyof T & string)[] = []): void {
  for (const field of required) if (patch[field] === null) throw badInput(`input.${field}: may not be null`, `input.${field}`);
  for (const field of fields) if (patch[field] !== undefined) (target as ObjectLiteral)[field] = patch[field] as unknown;
}

/** Inserts a row and audits it. */
export async function insertAudited<E extends ObjectLiteral & { id: number }>(
  w: Write,
  entity: EntityTarget<E>,
  type: NodeTypeName,
  values: Partial<E>,
): Promise<E> {
  const repo = w.m.getRepository(entity);
  // insert() rather than save(): no reload round trip; entity listeners (pinyin) still run on the instance.
  const row = repo.create(values as E);
  const result = await repo.insert(row);
  row.id = result.identifiers[0].id as number;
  await w.audit(type, row.id, null, row);
  return row;
}

/** Loads the row `globalId` names, lets `change` edit it, saves it, and audits before and after. */
export async function updateAudited<E extends ObjectLiteral & { id: number }>(
  w: Write,
  entity: EntityTarget<E>,
  type: NodeTypeName,
  globalId: string,
  change: (row: E) => Promise<void> | void,
): Promise<E> {
  const row = await findRef(w.m, entity, type, globalId, "id");
  const before = snapshot(w.m, row);
  await change(row);
  const saved = await w.m.getRepository(entity).save(row);
  await w.audit(type, row.id, before, saved);
  return saved;
}

/** Deletes the row `globalId` names (its dependants go by the foreign keys' rules) and audits it. */
export async function deleteAudited<E extends ObjectLiteral & { id: number }>(
  w: Write,
  entity: EntityTarget<E>,
  type: NodeTypeName,
  globalId: string,
  /** Refuses the delete (throws) when it would leave other data wrong. */
  check?: (row: E) => Promise<void>,
): Promise<string> {
  const row = await findRef(w.m, entity, type, globalId, "id");
  await check?.(row);
  await w.audit(type, row.id, snapshot(w.m, row), null);
  await w.m.getRepository(entity).delete(row.id);
  return globalId;
}
