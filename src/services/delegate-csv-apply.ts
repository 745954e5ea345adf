import { Award, Citation, Organisation, OrganisationKind, Person, Position, Seat, SourceDocument } from "../entities";
import { letOthersRun } from "../db/writer";
import { group } from "./delegate-csv-format";
import { findIn, ImportPlan } from "./delegate-csv-plan";
import type { Row } from "./delegate-csv-rows";
import { addPersonCitation, insertAudited, snapshot, Write } from "./write";

/** Rows an import applies between two turns of the event loop (letOthersRun). */
const ROWS_BETWEEN_TURNS = 50;

/**
 * Writes what a plan says (or, in a dry run, only counts what it would write) inside the caller's
 * write transaction: people are added or updated, never duplicated; seats, positions and awards
 * are added where missing. Returns how many people were created, updated and left unchanged.
 */
export async function applyImport(w: Write, csv: string, { congress, plans, seats }: ImportPlan, dryRun: boolean) {
  const { m } = w;
  const congressId = congress.id;
  // Apply. The import document (the CSV itself) is created only if something is written, and each
  // fact written cites its row's line of the file.
  let document: SourceDocument | null = null;
  const citations = new Map<string, number>();
  /** The row's own line of the file: verbatim by construction, so no search of the text is needed. */
  const citeRow = async (r: Row) => {
    document ??= await insertAudited(w, SourceDocument, "SourceDocument", {
      title: `Delegate list for ${congress.name}, imported on ${new Date().toISOString().slice(0, 10)}`,
      byline: null,
      text: csv.replace(/^\uFEFF/, ""),
      seedKey: null,
    });
    // By line, not row: a citation is unique per document and quote.
    let id = citations.get(r.raw);
    if (id === undefined) {
      id = (await m.getRepository(Citation).insert({ documentId: document.id, quote: r.raw })).identifiers[0].id as number;
      citations.set(r.raw, id);
    }
    return id;
  };
  const positions = group(await findIn(m, Position, "personId", plans.map((p) => p.person?.id).filter(Boolean)), (p) => p.personId);
  const awards = group(await findIn(m, Award, "personId", plans.map((p) => p.person?.id).filter(Boolean)), (a) => a.personId);
  const newOrgs = new Map<string, Organisation>();
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  for (const [i, plan] of plans.entries()) {
    if (i % ROWS_BETWEEN_TURNS === ROWS_BETWEEN_TURNS - 1) await letOthersRun();
    const { r } = plan;
    let changed = false;
    const write = async <T>(fn: () => Promise<T>): Promise<T | null> => {
      changed = true;
      return dryRun ? null : fn();
    };
    let employerId: number | null = plan.employer?.id ?? newOrgs.get(r.employer ?? "")?.id ?? null;
    if (r.employer && employerId === null) {
      const org = await write(() =>
        insertAudited(w, Organisation, "Organisation", { name: r.employer!, kind: OrganisationKind.COMPANY, citationId: null, region: null, parentId: null }),
      );
      if (org) newOrgs.set(org.name, org);
      employerId = org?.id ?? null;
    }
    let person = plan.person;
    const isNew = !person;
    if (!person) {
      person = await write(() =>
        insertAudited(w, Person, "Person", {
          name: r.name,
          gender: r.gender,
          employerId,
          biography: null,
          yearsOfService: null,
          photoUrl: r.photoUrl,
          note: null,
        }),
      );
    } else if ((r.gender && person.gender !== r.gender) || (r.employer && person.employerId !== employerId) || (r.photoUrl && person.photoUrl !== r.photoUrl)) {
      const existing = person;
      await write(async () => {
        const before = snapshot(m, existing);
        if (r.gender) existing.gender = r.gender;
        if (r.employer) existing.employerId = employerId;
        if (r.photoUrl) existing.photoUrl = r.photoUrl;
        await m.getRepository(Person).save(existing);
        await w.audit("Person", existing.id, before, existing);
        // What the row changed, the row says.
        await addPersonCitation(m, existing.id, await citeRow(r));
      });
    }
    const personId = person?.id ?? -1;
    const seat = isNew ? undefined : seats.get(personId);
    if (!seat) {
      await write(async () => insertAudited(w, Seat, "Seat", { personId, congressId, delegation: r.delegation, focus: null, citationId: await citeRow(r) }));
    } else if (r.delegation && seat.delegation !== r.delegation) {
      await write(async () => {
        const before = snapshot(m, seat);
        seat.delegation = r.delegation;
        // The seat now cites the row that moved it; what it cited still speaks of the person.
        if (seat.citationId !== null) await addPersonCitation(m, seat.personId, seat.citationId);
        seat.citationId = await citeRow(r);
        await m.getRepository(Seat).save(seat);
        await w.audit("Seat", seat.id, before, seat);
      });
    }
    const held = isNew ? [] : (positions.get(personId) ?? []);
    for (const title of r.titles) {
      if (held.some((p) => p.title === title && p.organisationId === employerId)) continue;
      await write(async () =>
        insertAudited(w, Position, "Position", {
          personId,
          organisationId: employerId!,
          title,
          current: true,
          yearFrom: null,
          yearTo: null,
          citationId: await citeRow(r),
        }),
      );
    }
    const received = isNew ? [] : (awards.get(personId) ?? []);
    for (const h of plan.honours) {
      if (received.some((a) => a.honourId === h.honour.id && a.yearFrom === h.yearFrom && (a.yearTo ?? a.yearFrom) === h.yearTo)) continue;
      await write(async () =>
        insertAudited(w, Award, "Award", {
          honourId: h.honour.id,
          personId,
          organisationId: null,
          yearFrom: h.yearFrom,
          yearTo: h.yearTo,
          times: null,
          consecutive: false,
          repeated: false,
          rank: null,
          note: null,
          citationId: await citeRow(r),
        }),
      );
    }
    if (isNew) created++;
    else if (changed) updated++;
    else unchanged++;
  }
  return { created, updated, unchanged };
}
