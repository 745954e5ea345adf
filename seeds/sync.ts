import { EntityManager, EntityTarget, In, ObjectLiteral } from "typeorm";
import {
  AuditEntry,
  Award,
  Citation,
  Congress,
  Honour,
  HonourTally,
  Organisation,
  Person,
  Position,
  Proposal,
  Seat,
  SourceDocument,
  Statistic,
} from "../src/entities";
import { log } from "../src/log";
import { toGlobalId } from "../src/relay/global-id";
import { NodeEntity } from "../src/relay/node";

/*
 * How a seed run shares the directory with organisers. The seed owns the rows it made (those with a
 * seed key) and only what it wrote into them. Organisers' work is everything else: rows written
 * through the API (no seed key: the seed never touches them), rows of theirs that refer to a seeded
 * row, corrections they made to a seeded row, and links they added to one (a person's further source,
 * a proposal's co-author). The audit trail records every write through the API, so it tells which
 * seeded rows organisers have corrected, and which fields.
 */

export interface SeedStats {
  created: number;
  updated: number;
  unchanged: number;
  /** Seeded rows no seed file holds any more, deleted. */
  removed: number;
  /** Seeded rows no seed file holds any more but organisers have added to or corrected: kept as theirs. */
  kept: number;
}

type Seeded = ObjectLiteral & { id: number; seedKey: string | null };

/** Inserts the row with this seed key, or brings it in line with the seed file (see syncFields). */
export async function upsert<E extends Seeded>(
  m: EntityManager,
  target: EntityTarget<E>,
  seedKey: string,
  values: Partial<E>,
  stats: SeedStats,
  seen: Set<string>,
): Promise<E> {
  seen.add(seedKey);
  const repo = m.getRepository(target);
  const existing = await repo.findOneBy({ seedKey } as never);
  if (!existing) {
    stats.created++;
    return repo.save(repo.create({ ...values, seedKey } as E));
  }
  if (await syncFields(m, target, existing, values)) stats.updated++;
  else stats.unchanged++;
  return existing;
}

/**
 * Writes into a seeded row what the seed file says, except fields organisers have corrected through
 * the API: those keep the organisers' value, and where the file says otherwise the run logs it.
 * Returns whether anything was written.
 */
export async function syncFields<E extends Seeded>(m: EntityManager, target: EntityTarget<E>, row: E, values: Partial<E>): Promise<boolean> {
  const differs = Object.keys(values).filter((k) => row[k] !== values[k]);
  if (differs.length === 0) return false;
  const corrected = await correctedFields(m, row);
  const kept = differs.filter((k) => corrected.has(k));
  if (kept.length) {
    log("warn", "seed file differs from a correction organisers made; the correction stays", {
      seedKey: row.seedKey,
      record: recordOf(row),
      fields: Object.fromEntries(kept.map((k) => [k, { directory: row[k] as unknown, seed: values[k] }])),
    });
  }
  const apply = differs.filter((k) => !corrected.has(k));
  if (apply.length === 0) return false;
  for (const k of apply) (row as ObjectLiteral)[k] = values[k];
  await m.getRepository(target).save(row);
  return true;
}

/**
 * Makes a many-to-many relation of a seeded row hold the seed's `ids`: adds what is missing, and
 * removes what the seed does not list unless organisers have edited the row, since their edits may
 * have added links (a person's further source, a proposal's co-author).
 */
export async function linkAll(m: EntityManager, entity: EntityTarget<ObjectLiteral>, relation: string, row: NodeEntity, ids: number[]) {
  const builder = m.createQueryBuilder().relation(entity, relation).of(row.id);
  const current = (await builder.loadMany<{ id: number }>()).map((r) => r.id);
  const wanted = [...new Set(ids)];
  const unlisted = current.filter((x) => !wanted.includes(x));
  const remove = unlisted.length && (await auditedActions(m, [row])).size === 0 ? unlisted : [];
  await builder.addAndRemove(
    wanted.filter((x) => !current.includes(x)),
    remove,
  );
}

/** Seeded tables, dependants first: when a row is weighed, the seed's own rows that referred to it are gone. */
const SEEDED: EntityTarget<Seeded>[] = [HonourTally, Statistic, Award, Position, Seat, Proposal, Person, Honour, Congress, Organisation, SourceDocument];

/**
 * Seeded rows whose key no seed file holds any more: deleted if no organisers' work hangs on them,
 * else kept without their seed key (the organisers' row from now on), with a warning naming the row
 * and what keeps it.
 */
export async function removeUnseen(m: EntityManager, seen: Set<string>, stats: SeedStats): Promise<void> {
  for (const target of SEEDED) {
    const repo = m.getRepository(target);
    let stale = (await repo.createQueryBuilder("t").select(["t.id", "t.seedKey"]).where("t.seedKey IS NOT NULL").getMany()).filter(
      (row) => !seen.has(row.seedKey!),
    );
    let work = new Map<number, Work>();
    // Deleting a row can free another of its table (a removed child organisation, its parent): again until none goes.
    while (stale.length) {
      work = await organisersWork(m, target, stale);
      const free = stale.filter((row) => !work.has(row.id)).map((row) => row.id);
      if (free.length === 0) break;
      await repo.delete(free);
      stats.removed += free.length;
      stale = stale.filter((row) => work.has(row.id));
    }
    for (const row of stale) {
      await repo.update(row.id, { seedKey: null } as never);
      stats.kept++;
      log("warn", "seed entry removed from the seed files, but kept: organisers have added to it; it is no longer the seed's", {
        seedKey: row.seedKey,
        record: recordOf(row),
        ...work.get(row.id),
      });
    }
  }
}

/** Organisers' work on one seeded row: rows referring to it by kind (`"seat.personId": 1`), and the API writes that changed it. */
interface Work {
  references: Record<string, number>;
  edits: string[];
}

async function organisersWork(m: EntityManager, target: EntityTarget<Seeded>, rows: Seeded[]): Promise<Map<number, Work>> {
  const ids = rows.map((row) => row.id);
  const references = target === SourceDocument ? await citing(m, ids) : await referencesTo(m, target, ids);
  const edits = await auditedActions(m, rows);
  const work = new Map<number, Work>();
  for (const { id } of rows) {
    const entry = { references: references.get(id) ?? {}, edits: edits.get(id) ?? [] };
    if (Object.keys(entry.references).length || entry.edits.length) work.set(id, entry);
  }
  return work;
}

/** For each of `ids`, the rows that refer to it, counted by table and column. */
async function referencesTo(m: EntityManager, target: EntityTarget<ObjectLiteral>, ids: number[]): Promise<Map<number, Record<string, number>>> {
  const found = new Map<number, Record<string, number>>();
  if (ids.length === 0) return found;
  const meta = m.connection.getMetadata(target);
  const q = (name: string) => m.connection.driver.escape(name);
  for (const from of m.connection.entityMetadatas) {
    for (const fk of from.foreignKeys) {
      if (fk.referencedEntityMetadata !== meta) continue;
      // A join table's link to its owner is the owner's own list (a person's sources), not a reference to it.
      if (from.isJunction && from.ownerColumns.some((c) => c.databaseName === fk.columnNames[0])) continue;
      const column = `r.${q(fk.columnNames[0])}`;
      const counts: { id: number; n: number }[] = await m
        .createQueryBuilder()
        .select(column, "id")
        .addSelect("COUNT(*)", "n")
        .from(from.tableName, "r")
        .where(`${column} IN (:...ids)`, { ids })
        .groupBy(column)
        .getRawMany();
      for (const { id, n } of counts) found.set(Number(id), { ...found.get(Number(id)), [`${from.tableName}.${fk.columnNames[0]}`]: Number(n) });
    }
  }
  return found;
}

/** For documents: their citations are part of them, so what counts is whatever cites those. */
async function citing(m: EntityManager, documentIds: number[]): Promise<Map<number, Record<string, number>>> {
  const citations = await m.getRepository(Citation).find({ select: { id: true, documentId: true }, where: { documentId: In(documentIds) } });
  const byCitation = await referencesTo(
    m,
    Citation,
    citations.map((c) => c.id),
  );
  const found = new Map<number, Record<string, number>>();
  for (const { id, documentId } of citations) {
    const totals = found.get(documentId) ?? {};
    for (const [kind, n] of Object.entries(byCitation.get(id) ?? {})) totals[kind] = (totals[kind] ?? 0) + n;
    if (Object.keys(totals).length) found.set(documentId, totals);
  }
  return found;
}

/** The API writes the audit trail records for each of these rows (updatePerson, endPosition …), oldest first. */
async function auditedActions(m: EntityManager, rows: ObjectLiteral[]): Promise<Map<number, string[]>> {
  const byRecord = new Map<string, number>();
  for (const row of rows) {
    const record = recordOf(row);
    if (record) byRecord.set(record, row.id as number);
  }
  const actions = new Map<number, string[]>();
  if (byRecord.size === 0) return actions;
  const entries = await m.getRepository(AuditEntry).find({
    select: { id: true, record: true, action: true },
    where: { record: In([...byRecord.keys()]) },
    order: { id: "ASC" },
  });
  for (const { record, action } of entries) {
    const id = byRecord.get(record)!;
    const list = actions.get(id) ?? [];
    if (!list.includes(action)) actions.set(id, [...list, action]);
  }
  return actions;
}

/** Fields of a row that API writes have changed, as the audit trail's before and after show. */
async function correctedFields(m: EntityManager, row: ObjectLiteral): Promise<Set<string>> {
  const fields = new Set<string>();
  const record = recordOf(row);
  if (!record) return fields;
  const entries = await m.getRepository(AuditEntry).find({ select: { id: true, before: true, after: true }, where: { record } });
  for (const { before, after } of entries) {
    if (!before || !after) continue;
    for (const k of Object.keys(after)) if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) fields.add(k);
  }
  return fields;
}

/** The global id the audit trail names a row by; null for rows the API cannot write (tallies). */
function recordOf(row: ObjectLiteral): string | null {
  return row instanceof NodeEntity ? toGlobalId(row.nodeType, row.id) : null;
}
