import { EntityManager } from "typeorm";
import { Award, Citation, Congress, Honour, HonourTally, Organisation, Person, Position, Proposal, Seat, SourceDocument, Statistic } from "../src/entities";
import { linkAll, SeedStats, syncFields, upsert } from "./sync";
import { AwardData, awardKey, ParsedSeed, positionKey, tallyKey } from "./validate";

/**
 * Writes one validated seed file into the transaction, each row found by its seed key so a rerun
 * updates in place; `seen` collects the keys so that loadSeeds can remove what no file names any more.
 */
export async function loadParsed(m: EntityManager, seed: ParsedSeed, stats: SeedStats, seen: Set<string>) {
  const { data } = seed;
  const document = await upsert(
    m,
    SourceDocument,
    `document:${data.document.key}`,
    {
      title: data.document.title,
      byline: data.document.byline?.join("\n") ?? null,
      text: seed.documentText,
    },
    stats,
    seen,
  );

  const citations = new Map<string, number>();
  const cite = async (quote: string): Promise<number> => {
    const known = citations.get(quote);
    if (known) return known;
    const repo = m.getRepository(Citation);
    const row = (await repo.findOneBy({ documentId: document.id, quote })) ?? (await repo.save(repo.create({ documentId: document.id, quote })));
    citations.set(quote, row.id);
    return row.id;
  };

  const organisations = new Map<string, Organisation>();
  for (const [k, o] of Object.entries(data.organisations)) {
    organisations.set(
      k,
      await upsert(
        m,
        Organisation,
        `organisation:${k}`,
        {
          name: o.name,
          nameAsWritten: o.nameAsWritten ?? null,
          kind: o.kind,
          region: o.region ?? null,
          citationId: await cite(o.quote),
        },
        stats,
        seen,
      ),
    );
  }
  for (const [k, o] of Object.entries(data.organisations)) {
    const org = organisations.get(k)!;
    const parentId = o.parent ? organisations.get(o.parent)!.id : null;
    await syncFields(m, Organisation, org, { parentId });
  }
  const congresses = new Map<string, Congress>();
  for (const [k, c] of Object.entries(data.congresses)) {
    congresses.set(
      k,
      await upsert(
        m,
        Congress,
        `congress:${k}`,
        {
          name: c.name,
          nameEn: c.nameEn ?? null,
          session: c.session ?? null,
          level: c.level ?? null,
          region: c.region ?? null,
          year: c.year ?? null,
          citationId: await cite(c.quote),
        },
        stats,
        seen,
      ),
    );
  }
  const honours = new Map<string, Honour>();
  for (const [k, h] of Object.entries(data.honours)) {
    honours.set(
      k,
      await upsert(
        m,
        Honour,
        `honour:${k}`,
        {
          name: h.name,
          nameEn: h.nameEn ?? null,
          level: h.level,
          category: h.category,
          conferrerId: h.conferrer ? organisations.get(h.conferrer)!.id : null,
          citationId: await cite(h.quote),
        },
        stats,
        seen,
      ),
    );
  }
  const award = async (a: AwardData, recipient: { personId: number } | { organisationId: number }, recipientKey: string) =>
    upsert(
      m,
      Award,
      awardKey(recipientKey, a),
      {
        honourId: honours.get(a.honour)!.id,
        personId: "personId" in recipient ? recipient.personId : null,
        organisationId: "organisationId" in recipient ? recipient.organisationId : null,
        yearFrom: a.year ?? a.yearFrom ?? null,
        yearTo: a.year ?? a.yearTo ?? a.yearFrom ?? null,
        times: a.times ?? null,
        consecutive: a.consecutive ?? false,
        repeated: a.repeated ?? false,
        rank: a.rank ?? null,
        note: a.note ?? null,
        citationId: await cite(a.quote),
      },
      stats,
      seen,
    );

  for (const [k, o] of Object.entries(data.organisations)) {
    for (const a of o.awards) await award(a, { organisationId: organisations.get(k)!.id }, `organisation:${k}`);
  }
  const people = new Map<string, Person>();
  for (const [k, p] of Object.entries(data.people)) {
    const person = await upsert(
      m,
      Person,
      `person:${k}`,
      {
        name: p.name,
        gender: p.gender ?? null,
        biography: p.biography ?? null,
        yearsOfService: p.yearsOfService ?? null,
        note: p.note ?? null,
        employerId: p.employer ? organisations.get(p.employer)!.id : null,
      },
      stats,
      seen,
    );
    people.set(k, person);
    for (const pos of p.positions) {
      await upsert(
        m,
        Position,
        positionKey(k, pos),
        {
          personId: person.id,
          organisationId: organisations.get(pos.organisation)!.id,
          title: pos.title,
          current: pos.current ?? null,
          yearFrom: pos.yearFrom ?? null,
          yearTo: pos.yearTo ?? null,
          citationId: await cite(pos.quote),
        },
        stats,
        seen,
      );
    }
    for (const s of p.seats) {
      await upsert(
        m,
        Seat,
        `seat:${k}:${s.congress}`,
        {
          personId: person.id,
          congressId: congresses.get(s.congress)!.id,
          delegation: s.delegation ?? null,
          focus: s.focus ?? null,
          citationId: await cite(s.quote),
        },
        stats,
        seen,
      );
    }
    for (const a of p.awards) await award(a, { personId: person.id }, `person:${k}`);
    const quoteIds = [...p.quotes, ...(p.genderQuote ? [p.genderQuote] : []), ...(p.biography ? [p.biography] : [])];
    const citationIds: number[] = [];
    for (const quote of quoteIds) citationIds.push(await cite(quote));
    await linkAll(m, Person, "citations", person, citationIds);
  }
  for (const [k, pr] of Object.entries(data.proposals)) {
    const proposal = await upsert(
      m,
      Proposal,
      `proposal:${k}`,
      {
        title: pr.title,
        summary: pr.summary ?? null,
        topic: pr.topic ?? null,
        congressId: pr.congress ? congresses.get(pr.congress)!.id : null,
        citationId: await cite(pr.quote),
      },
      stats,
      seen,
    );
    await linkAll(
      m,
      Proposal,
      "authors",
      proposal,
      pr.authors.map((a) => people.get(a)!.id),
    );
  }
  for (const t of data.tallies) {
    await upsert(
      m,
      HonourTally,
      tallyKey(t),
      {
        honourId: honours.get(t.honour)!.id,
        scope: t.scope,
        count: t.count,
        unit: t.unit ?? null,
        citationId: await cite(t.quote),
      },
      stats,
      seen,
    );
  }
  for (const [k, st] of Object.entries(data.statistics)) {
    await upsert(
      m,
      Statistic,
      `statistic:${k}`,
      {
        organisationId: organisations.get(st.organisation)!.id,
        metric: st.metric,
        label: st.label,
        value: st.value,
        unit: st.unit ?? null,
        period: st.period ?? null,
        year: st.year ?? null,
        approximate: st.approximate ?? false,
        outOf: st.outOf ?? null,
        note: st.note ?? null,
        citationId: await cite(st.quote),
      },
      stats,
      seen,
    );
  }
}
