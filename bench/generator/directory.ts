import { Rng, Weighted } from "./random";
import {
  BRANDS,
  CITIES,
  CITY_PICK,
  CONGRESSES,
  COUNTY_HONOURS,
  ENTERPRISE_HONOURS,
  HonourTemplate,
  INDUSTRIES,
  MUNICIPAL_HONOURS,
  NATIONAL_HONOURS,
  PROVINCIAL_HONOURS,
} from "./vocabulary";

/** Next id of each table: the generator assigns every id itself. */
export interface Ids {
  document: number;
  citation: number;
  organisation: number;
  person: number;
  honour: number;
  award: number;
  position: number;
  congress: number;
  seat: number;
  proposal: number;
}

/** Where rows cite their sources: documents and citations, deduplicated by the generator. */
export interface Sources {
  ids: Ids;
  newDocument: (seedKey: string | null, title: string, byline: string | null) => number;
  cite: (documentId: number, quote: string) => number;
}

/** Rows already in the database (the seeds), by name: the bench data reuses them. */
export interface Existing {
  organisations: Map<string, number>;
  honours: Map<string, number>;
  congresses: Map<string, number>;
}

export interface Org {
  id: number;
  name: string;
  kind: string;
  parentId: number | null;
  region: string;
  city: number;
  county: string | null;
}

export interface HonourRow {
  id: number;
  name: string;
  nameEn: string | null;
  level: string;
  category: string;
  conferrerId: number | null;
  weight: number;
  forOrgs: boolean;
}

/** The directory's skeleton: employers and federations, honours, congresses, and how people are drawn to them. */
export type Directory = ReturnType<typeof buildDirectory>;

/** Builds the skeleton for `total` people. The draws happen in a fixed order: same seed, same skeleton. */
export function buildDirectory(rng: Rng, total: number, existing: Existing, sources: Sources) {
  const { ids, newDocument, cite } = sources;
  // ---- organisations -----------------------------------------------------------------------
  const orgs: Org[] = [];
  const existingOrg = existing.organisations;
  const newOrgs: Org[] = [];
  const addOrg = (name: string, kind: string, parentId: number | null, city: number, county: string | null): Org => {
    const existing = existingOrg.get(name);
    const org: Org = { id: existing ?? ++ids.organisation, name, kind, parentId, region: county ?? CITIES[city]?.name ?? "广东省", city, county };
    if (existing === undefined) {
      newOrgs.push(org);
      existingOrg.set(name, org.id);
    }
    orgs.push(org);
    return org;
  };
  const acftu = addOrg("中华全国总工会", "FEDERATION", null, -1, null);
  const gdftu = addOrg("广东省总工会", "FEDERATION", null, -1, null);
  const cityFtu = CITIES.map((c, i) => addOrg(`${c.name}总工会`, "FEDERATION", gdftu.id, i, null));
  const countyFtu = new Map<string, Org>();
  CITIES.forEach((c, i) =>
    c.counties.forEach((county) => countyFtu.set(county, addOrg(`${c.name.replace(/市$/, "")}${county}总工会`, "FEDERATION", cityFtu[i].id, i, county))),
  );

  const usedNames = new Set(orgs.map((o) => o.name));
  const uniqueName = (make: () => string) => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const name = make();
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return name;
      }
    }
    let n = 2;
    const base = make();
    while (usedNames.has(`${base}${n}`)) n++;
    usedNames.add(`${base}${n}`);
    return `${base}${n}`;
  };
  const place = (city: number) => {
    const c = CITIES[city];
    const county = c.counties.length && rng.chance(0.7) ? rng.pick(c.counties) : null;
    return { county, prefix: (county ?? c.name).replace(/(市|区|县)$/, "").replace(/壮族瑶族自治$|瑶族自治$/, "") };
  };

  const groupCount = Math.max(3, Math.round(total / 1000));
  const companyCount = Math.max(20, Math.round(total / 40));
  const groups: Org[] = [];
  for (let i = 0; i < groupCount; i++) {
    const city = CITY_PICK.pick(rng);
    const { county, prefix } = place(city);
    groups.push(
      addOrg(
        uniqueName(
          () => `${rng.chance(0.5) ? CITIES[city].name.replace(/市$/, "") : prefix}${rng.pick(BRANDS)}${rng.pick(["集团", "控股集团", "实业集团"])}有限公司`,
        ),
        "ENTERPRISE_GROUP",
        null,
        city,
        county,
      ),
    );
  }
  const companies: Org[] = [];
  /** Employer popularity: a few large employers, a long tail of small ones. */
  for (let i = 0; i < companyCount; i++) {
    const inGroup = rng.chance(0.25) ? rng.pick(groups) : null;
    const city = inGroup && rng.chance(0.6) ? inGroup.city : CITY_PICK.pick(rng);
    const { county, prefix } = place(city);
    const industry = rng.pick(INDUSTRIES);
    const suffix = rng.pick(["有限公司", "有限公司", "有限公司", "股份有限公司", "有限责任公司"]);
    companies.push(
      addOrg(
        uniqueName(() => `${prefix}${rng.pick(BRANDS)}${industry}${suffix}`),
        "COMPANY",
        inGroup?.id ?? null,
        city,
        county,
      ),
    );
  }
  const unions = new Map<number, Org>();
  for (const company of companies) {
    if (rng.chance(0.6)) unions.set(company.id, addOrg(`${company.name}工会`, "TRADE_UNION", company.id, company.city, company.county));
  }
  for (const name of ["广东省质量协会", "广东省职工技术协会", "广东省旅游协会", "广东省劳动模范协会"]) addOrg(name, "ASSOCIATION", null, -1, null);
  const employerPick = new Weighted(companies.map((c, i) => [c, 1 / Math.pow(i + 1, 0.6)] as const));

  // ---- honours -----------------------------------------------------------------------------
  const honours: HonourRow[] = [];
  const existingHonour = existing.honours;
  const newHonours: HonourRow[] = [];
  const addHonour = (name: string, t: HonourTemplate, level: string, conferrerId: number | null): HonourRow => {
    const existing = existingHonour.get(name);
    const h: HonourRow = {
      id: existing ?? ++ids.honour,
      name,
      nameEn: t.nameEn ?? null,
      level,
      category: t.category,
      conferrerId,
      weight: t.weight,
      forOrgs: !!t.forOrgs,
    };
    if (existing === undefined) {
      newHonours.push(h);
      existingHonour.set(name, h.id);
    }
    honours.push(h);
    return h;
  };
  const national = NATIONAL_HONOURS.map((t) => addHonour(t.name, t, "NATIONAL", acftu.id));
  const provincial = PROVINCIAL_HONOURS.map((t) => addHonour(t.name, t, "PROVINCIAL", gdftu.id));
  const municipal = CITIES.map((c, i) => MUNICIPAL_HONOURS.map((t) => addHonour(`${c.name}${t.suffix}`, t, "MUNICIPAL", cityFtu[i].id)));
  const county = new Map<string, HonourRow[]>();
  for (const [name, ftu] of countyFtu)
    county.set(
      name,
      COUNTY_HONOURS.map((t) => addHonour(`${ftu.name.replace(/总工会$/, "")}${t.suffix}`, t, "COUNTY", ftu.id)),
    );
  const enterprise = new Map<number, HonourRow[]>();
  for (const org of [...groups, ...companies]) {
    if (org.kind === "ENTERPRISE_GROUP" || rng.chance(0.6)) {
      const templates = ENTERPRISE_HONOURS.filter(() => rng.chance(0.5));
      if (!templates.length) templates.push(ENTERPRISE_HONOURS[0]);
      enterprise.set(
        org.id,
        templates.map((t) => addHonour(`${org.name}${t.suffix}`, t, "ENTERPRISE", org.id)),
      );
    }
  }
  const weightedHonours = (list: HonourRow[], forOrgs: boolean) => {
    const eligible = list.filter((h) => h.forOrgs === forOrgs);
    return eligible.length ? new Weighted(eligible.map((h) => [h, h.weight] as const)) : null;
  };
  const nationalPick = weightedHonours(national, false)!;
  const provincialPick = weightedHonours(provincial, false)!;
  const municipalPick = municipal.map((l) => weightedHonours(l, false)!);
  const countyPick = new Map([...county].map(([k, l]) => [k, weightedHonours(l, false)!]));
  const enterprisePick = new Map([...enterprise].map(([k, l]) => [k, weightedHonours(l, false)!]));
  const orgHonourPick = new Weighted(
    [...national, ...provincial, ...municipal.flat(), ...[...county.values()].flat()]
      .filter((h) => h.forOrgs)
      .map((h) => [h, h.weight / (h.level === "NATIONAL" ? 8 : h.level === "PROVINCIAL" ? 3 : 1)] as const),
  );

  // ---- congresses ----------------------------------------------------------------------------
  const existingCongress = existing.congresses;
  const congressRows: unknown[][] = [];
  const congressDocs = new Map<string, number>();
  const congressIds = CONGRESSES.map((c) => {
    const doc = newDocument(null, `${c.name}代表名单（合成）`, null);
    congressDocs.set(c.key, doc);
    const existing = existingCongress.get(c.name);
    if (existing !== undefined) return existing;
    const id = ++ids.congress;
    congressRows.push([id, c.name, c.nameEn, c.session, c.level, c.region, c.year, cite(doc, `${c.name}代表名单`)]);
    return id;
  });

  return {
    newOrgs,
    newHonours,
    congressRows,
    congressIds,
    congressDocs,
    companies,
    unions,
    employerPick,
    nationalPick,
    provincialPick,
    municipalPick,
    countyPick,
    enterprisePick,
    orgHonourPick,
  };
}
