import { namePinyin } from "../../src/search/pinyin";
import type { Directory, HonourRow, Sources } from "./directory";
import type { Rng } from "./random";
import {
  AWARD_COUNT,
  CITIES,
  CITY_PICK,
  CONGRESSES,
  FEMALE_GIVEN,
  FOCUS,
  INDUSTRIES,
  LEVEL_SHARE,
  MALE_GIVEN,
  PROPOSAL_TOPICS,
  PROPOSAL_VERBS,
  SHARED_GIVEN,
  SURNAMES,
  TITLES,
  UNION_TITLES,
} from "./vocabulary";

/** One chunk of people and everything that hangs from them, as rows in the writer's column order. */
export interface PeopleRows {
  person: unknown[][];
  position: unknown[][];
  award: unknown[][];
  seat: unknown[][];
  proposal: unknown[][];
  proposalAuthor: unknown[][];
}

export const PERSON_COLUMNS = [
  "id",
  "name",
  "namePinyin",
  "namePinyinKey",
  "nameSortKey",
  "nameInitials",
  "gender",
  "biography",
  "employerId",
  "yearsOfService",
];
export const POSITION_COLUMNS = ["id", "personId", "organisationId", "title", "current", "yearFrom", "yearTo"];
export const AWARD_COLUMNS = [
  "id",
  "honourId",
  "personId",
  "organisationId",
  "yearFrom",
  "yearTo",
  "times",
  "consecutive",
  "repeated",
  "rank",
  "note",
  "citationId",
];
export const SEAT_COLUMNS = ["id", "personId", "congressId", "delegation", "focus", "citationId"];
export const PROPOSAL_COLUMNS = ["id", "title", "summary", "topic", "congressId", "citationId"];
export const PROPOSAL_AUTHOR_COLUMNS = ["proposalId", "personId"];

const currentYear = 2024;

/**
 * Draws people one after another (the same draws in the same order for a seed), with their
 * awards, positions, seats and proposals; the co-authors of a proposal are drawn from the
 * congress's delegates so far, so it keeps them across chunks.
 */
export class PeopleBuilder {
  /** Seats per congress so far, for co-authors of proposals. */
  private readonly delegatesOf = CONGRESSES.map(() => [] as number[]);
  private readonly pinyinCache = new Map<string, ReturnType<typeof namePinyin>>();

  constructor(
    private readonly rng: Rng,
    private readonly dir: Directory,
    private readonly sources: Sources,
    private readonly honoursDoc: number,
  ) {}

  private pinyinOf(name: string) {
    let p = this.pinyinCache.get(name);
    if (!p) this.pinyinCache.set(name, (p = namePinyin(name)));
    return p;
  }

  /** The next `n` people. */
  chunk(n: number): PeopleRows {
    const { rng, honoursDoc, delegatesOf } = this;
    const { ids, cite } = this.sources;
    const { employerPick, enterprisePick, countyPick, municipalPick, provincialPick, nationalPick, unions, congressDocs, congressIds } = this.dir;
    const pinyinOf = (name: string) => this.pinyinOf(name);
    const personRows: unknown[][] = [];
    const positionRows: unknown[][] = [];
    const awardRows: unknown[][] = [];
    const seatRows: unknown[][] = [];
    const proposalRows: unknown[][] = [];
    const authorRows: unknown[][] = [];
    for (let i = 0; i < n; i++) {
      const id = ++ids.person;
      const female = rng.chance(0.42);
      const surname = SURNAMES.pick(rng);
      const pool = female ? FEMALE_GIVEN : MALE_GIVEN;
      const firstChar = rng.chance(0.15) ? rng.pick(SHARED_GIVEN) : pool[rng.zipf(pool.length, 0.8)];
      const given = rng.chance(0.78) ? firstChar + pool[rng.zipf(pool.length, 0.8)] : pool[rng.zipf(pool.length, 0.8)];
      const name = surname + given;
      const py = pinyinOf(name);
      const employer = rng.chance(0.95) ? employerPick.pick(rng) : null;
      const city = employer ? CITIES[employer.city] : CITIES[CITY_PICK.pick(rng)];
      const title = TITLES.pick(rng);
      const years = rng.chance(0.6) ? rng.int(1, 35) : null;
      const gender = rng.chance(0.9) ? (female ? "FEMALE" : "MALE") : null;

      // Awards first: delegates and biographies depend on them.
      const awardCount = AWARD_COUNT.pick(rng);
      const held: HonourRow[] = [];
      for (let k = 0; k < awardCount; k++) {
        let level = LEVEL_SHARE.pick(rng);
        let honour: HonourRow | null = null;
        for (let fallback = 0; !honour && fallback < 4; fallback++) {
          if (level === "ENTERPRISE") {
            const pick = employer
              ? (enterprisePick.get(employer.id) ?? (employer.parentId !== null ? enterprisePick.get(employer.parentId) : undefined))
              : undefined;
            if (pick) honour = pick.pick(rng);
            else level = "COUNTY";
          } else if (level === "COUNTY") {
            const pick = employer?.county ? countyPick.get(employer.county) : undefined;
            if (pick) honour = pick.pick(rng);
            else level = "MUNICIPAL";
          } else if (level === "MUNICIPAL") {
            honour = municipalPick[employer ? employer.city : CITIES.indexOf(city)].pick(rng);
          } else if (level === "PROVINCIAL") honour = provincialPick.pick(rng);
          else honour = nationalPick.pick(rng);
        }
        if (!honour) continue;
        held.push(honour);
        const shape = rng.next();
        let yearFrom: number | null = currentYear - Math.floor(Math.pow(rng.next(), 1.6) * 20);
        let yearTo: number | null = yearFrom;
        let times: number | null = null;
        let consecutive = 0;
        let repeated = 0;
        if (shape < 0.08) {
          const span = rng.int(2, 4);
          yearFrom = Math.min(yearFrom, currentYear - span + 1);
          yearTo = yearFrom + span - 1;
          times = span;
          consecutive = 1;
        } else if (shape < 0.13) {
          times = rng.int(2, 6);
          yearFrom = yearTo = null;
        } else if (shape < 0.16) {
          repeated = 1;
          yearFrom = yearTo = null;
        } else if (shape < 0.26) {
          yearFrom = yearTo = null;
        }
        const rank = honour.category === "SKILLS" && rng.chance(0.2) ? rng.pick(["第一名", "第二名", "第三名", "一等奖", "二等奖"]) : null;
        const citation = cite(honoursDoc, `${yearFrom ?? ""}${yearFrom ? "年度" : ""}${honour.name}名单`);
        awardRows.push([++ids.award, honour.id, id, null, yearFrom, yearTo, times, consecutive, repeated, rank, null, citation]);
      }

      const employerName = employer?.name ?? "";
      const biography = rng.chance(0.5)
        ? `${name}，${female ? "女" : "男"}，${rng.int(1965, 2000)}年出生，${employer ? `现任${employerName}${title}` : `从事${rng.pick(INDUSTRIES)}行业工作`}` +
          `${years !== null ? `，在公司工作${years}年` : ""}。` +
          (held.length
            ? `曾获${held
                .slice(0, 3)
                .map((h) => h.name)
                .join("、")}等荣誉。`
            : "")
        : null;
      personRows.push([id, name, py.display, py.key, py.sortKey, py.initials, gender, biography, employer?.id ?? null, years]);

      if (employer) {
        positionRows.push([++ids.position, id, employer.id, title, 1, years !== null ? currentYear - rng.int(0, years) : null, null]);
        const union = unions.get(employer.id);
        if (union && rng.chance(0.2)) positionRows.push([++ids.position, id, union.id, UNION_TITLES.pick(rng), 1, null, null]);
        else if (rng.chance(0.15)) {
          const yearTo = currentYear - rng.int(1, 8);
          positionRows.push([++ids.position, id, employer.id, TITLES.pick(rng), 0, yearTo - rng.int(1, 6), yearTo]);
        }
      }

      // Seats: people with higher honours are likelier delegates.
      const boost = 1 + held.reduce((s, h) => s + (h.level === "NATIONAL" ? 6 : h.level === "PROVINCIAL" ? 3 : h.level === "MUNICIPAL" ? 1 : 0.3), 0);
      CONGRESSES.forEach((c, ci) => {
        if (c.city !== null && (!employer || employer.city !== c.city)) return;
        if (!rng.chance(Math.min(0.9, c.share * boost * 0.6))) return;
        const delegation = rng.chance(0.9) ? c.delegation(city, employer?.county ?? null, rng) : null;
        const focus = rng.chance(0.1) ? `将重点关注${rng.pick(FOCUS)}` : null;
        const citation = cite(congressDocs.get(c.key)!, `${name}（${employerName || city.name}）当选为${c.name}代表`);
        seatRows.push([++ids.seat, id, congressIds[ci], delegation, focus, citation]);
        delegatesOf[ci].push(id);
        if (rng.chance(0.25)) {
          const topic = rng.pick(PROPOSAL_TOPICS);
          const proposalTitle = `关于${rng.pick(PROPOSAL_VERBS)}${topic}工作的建议`;
          const proposalId = ++ids.proposal;
          const summary = rng.chance(0.7)
            ? `建议${c.region === "全国" ? "各级" : c.region}工会${rng.pick(PROPOSAL_VERBS)}${topic}，${rng.pick(["加大经费投入", "建立长效机制", "完善考核办法", "推动政策落地"])}，切实维护职工合法权益。`
            : null;
          proposalRows.push([
            proposalId,
            proposalTitle,
            summary,
            topic,
            congressIds[ci],
            cite(congressDocs.get(c.key)!, `${name}等代表提出《${proposalTitle}》（第${proposalId}号）`),
          ]);
          const authors = new Set([id]);
          const pool = delegatesOf[ci];
          const extra = rng.chance(0.4) ? rng.int(1, 3) : 0;
          for (let a = 0; a < extra && pool.length > 1; a++) authors.add(pool[rng.int(0, pool.length - 1)]);
          for (const author of authors) authorRows.push([proposalId, author]);
        }
      });
    }
    return { person: personRows, position: positionRows, award: awardRows, seat: seatRows, proposal: proposalRows, proposalAuthor: authorRows };
  }

  /** Awards to organisations (unions and companies), drawn after all the people. */
  orgAwards(): unknown[][] {
    const { rng, honoursDoc } = this;
    const { ids, cite } = this.sources;
    const { unions, companies, orgHonourPick } = this.dir;
    const orgAwards: unknown[][] = [];
    for (const org of [...unions.values(), ...companies]) {
      if (!rng.chance(0.35)) continue;
      const count = rng.int(1, 3);
      for (let k = 0; k < count; k++) {
        const honour = orgHonourPick.pick(rng);
        const year = rng.chance(0.85) ? currentYear - Math.floor(Math.pow(rng.next(), 1.6) * 15) : null;
        orgAwards.push([
          ++ids.award,
          honour.id,
          null,
          org.id,
          year,
          year,
          null,
          0,
          0,
          null,
          null,
          cite(honoursDoc, `${year ?? ""}${year ? "年度" : ""}${honour.name}名单`),
        ]);
      }
    }
    return orgAwards;
  }
}
