import { parse } from "csv-parse/sync";
import { EntityManager, In } from "typeorm";
import { Award, Citation, Congress, Gender, Honour, Organisation, OrganisationKind, Person, Position, Seat, SourceDocument } from "../entities";
import { fromGlobalId, toGlobalId } from "../relay/global-id";
import { cleanName, cleanUrl, surrogateProblem } from "../text";
import { FIRST_YEAR, lastYear } from "../validation";
import { letOthersRun } from "../db/writer";
import { Column, CSV_COLUMNS, group, LIST_SEPARATOR, unescapeCell } from "./delegate-csv-format";
import { insertAudited, RollBack, snapshot, Write } from "./write";

export interface ImportError {
  row: number;
  column: string | null;
  message: string;
}

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  errors: ImportError[];
  rows: number;
  dryRun: boolean;
}

/** Spreadsheets in China save CSV as UTF-8 (with or without BOM) or GB18030/GBK: decode either. */
export function decodeCsv(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString("utf8");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

interface HonourItem {
  name: string;
  yearFrom: number | null;
  yearTo: number | null;
}

/** "广东省五一劳动奖章(2019)", "金点子王", "评委（2022-2024）" */
function parseHonour(item: string): HonourItem | string {
  const m = /^(.*?)\s*[(（]\s*(\d{4})\s*(?:[-–~至]\s*(\d{4})\s*)?[)）]$/.exec(item);
  if (!m) return { name: item, yearFrom: null, yearTo: null };
  const yearFrom = Number(m[2]);
  const yearTo = m[3] ? Number(m[3]) : yearFrom;
  for (const y of [yearFrom, yearTo]) if (y < FIRST_YEAR || y > lastYear()) return `year ${y} in "${item}" is outside ${FIRST_YEAR}–${lastYear()}`;
  if (yearTo < yearFrom) return `years in "${item}" run backwards`;
  return { name: m[1], yearFrom, yearTo };
}


const GENDERS: Record<string, Gender> = { female: Gender.FEMALE, f: Gender.FEMALE, 女: Gender.FEMALE, male: Gender.MALE, m: Gender.MALE, 男: Gender.MALE };

interface Row {
  row: number;
  raw: string;
  name: string;
  delegation: string | null;
  employer: string | null;
  titles: string[];
  honours: HonourItem[];
  gender: Gender | null;
  photoUrl: string | null;
  id: number | null;
}

/** Parses and checks every row; problems go to `errors` with row number (header = row 1) and column. */
function readRows(csv: string, errors: ImportError[]): Row[] {
  // The CSV reader encodes its input as UTF-8, which turns a lone surrogate into U+FFFD: look for them first.
  const surrogates = csv.split("\n").flatMap((line, index) => {
    const problem = surrogateProblem(line);
    return problem ? [{ line: index + 1, problem }] : [];
  });
  const text = csv.replace(/^\uFEFF/, "");
  const rows = readCells(text, errors);
  if (surrogates.length) {
    const rowOf = rowOfLine(text);
    errors.push(...surrogates.map(({ line, problem }) => ({ row: rowOf(line), column: null, message: `line ${line} ${problem}` })));
  }
  errors.sort((a, b) => a.row - b.row);
  return rows;
}

const CSV_OPTIONS = { raw: true, skip_empty_lines: true, relax_column_count: true } as const;

/** The row (header = row 1) a line of the file belongs to: a quoted cell may span lines, and a blank line is no row. */
function rowOfLine(text: string): (line: number) => number {
  let lastLines: number[] = [];
  try {
    lastLines = (parse(text, { ...CSV_OPTIONS, info: true }) as unknown as { info: { lines: number } }[]).map((r) => r.info.lines);
  } catch {
    // Not readable as CSV (readCells says so): the line stands for the row.
  }
  return (line) => {
    const index = lastLines.findIndex((last) => last >= line);
    return index < 0 ? line : index + 1;
  };
}

/** `text`: the file without its BOM. */
function readCells(text: string, errors: ImportError[]): Row[] {
  let records: { record: string[]; raw: string }[];
  try {
    records = parse(text, CSV_OPTIONS) as unknown as typeof records;
  } catch (error) {
    const e = error as { message: string; lines?: number };
    errors.push({ row: e.lines ?? 1, column: null, message: `not readable as CSV: ${e.message.split("\n")[0]}` });
    return [];
  }
  if (!records.length) {
    errors.push({ row: 1, column: null, message: "empty file: it needs a header row (name, and any of the other columns)" });
    return [];
  }
  const header = records[0].record.map((h) => h.trim());
  if (!header.includes("name")) errors.push({ row: 1, column: "name", message: "the header has no name column" });
  for (const column of header) {
    if (!(CSV_COLUMNS as readonly string[]).includes(column)) {
      errors.push({ row: 1, column, message: `unknown column "${column}"; the columns are ${CSV_COLUMNS.join(", ")}` });
    }
  }
  if (errors.length) return [];

  const rows: Row[] = [];
  records.slice(1).forEach(({ record: cells, raw }, index) => {
    const row = index + 2;
    if (cells.length !== header.length) {
      errors.push({ row, column: null, message: `${cells.length} cells, but the header has ${header.length}` });
      return;
    }
    const record = Object.fromEntries(header.map((h, i) => [h, unescapeCell(cells[i])]));
    const cell = (c: Column) => (record[c] ?? "").trim();
    const fail = (column: Column, message: string) => errors.push({ row, column, message });
    /** Identifying text, cleaned as every write path cleans it (src/text.ts); "" after a row error. */
    const clean = (column: Column, text: string, max: number, what: string = column): string => {
      const cleaned = cleanName(text);
      if (cleaned.problem !== undefined) fail(column, `${what} ${cleaned.problem}`);
      else if (cleaned.value.length > max) fail(column, `${what} is longer than ${max} characters`);
      else return cleaned.value;
      return "";
    };
    const list = (column: Column) => cell(column).split(LIST_SEPARATOR).map((t) => t.trim()).filter(Boolean);
    const name = cell("name") ? clean("name", cell("name"), 100) : "";
    if (!cell("name")) fail("name", "name is required");
    const delegation = cell("delegation") ? clean("delegation", cell("delegation"), 200) : null;
    const employer = cell("employer") ? clean("employer", cell("employer"), 200) : null;
    const titles = list("title").map((t) => clean("title", t, 200));
    if (titles.length && !cell("employer")) fail("title", "a title needs the employer it is held at");
    const honours: HonourItem[] = [];
    for (const item of list("honours")) {
      const parsed = parseHonour(clean("honours", item, 320, "an honour"));
      if (typeof parsed === "string") fail("honours", parsed);
      else if (parsed.name.length > 300) fail("honours", "an honour's name is longer than 300 characters");
      else honours.push(parsed);
    }
    let gender: Gender | null = null;
    if (cell("gender")) {
      gender = GENDERS[cell("gender").toLowerCase()] ?? null;
      if (!gender) fail("gender", `gender "${cell("gender")}" is not one of FEMALE, MALE, 女, 男`);
    }
    let photoUrl: string | null = null;
    if (cell("photo_url")) {
      const cleaned = cleanUrl(cell("photo_url"));
      if (cleaned.problem !== undefined) fail("photo_url", `photo_url ${cleaned.problem}`);
      else photoUrl = cleaned.value;
    }
    let id: number | null = null;
    if (cell("id")) {
      const decoded = fromGlobalId(cell("id"));
      if (!decoded || decoded.type !== "Person") fail("id", `"${cell("id")}" is not a Person id`);
      else id = decoded.id;
    }
    rows.push({ row, raw: raw.replace(/\r?\n$/, ""), name, delegation, employer, titles, honours, gender, photoUrl, id });
  });
  return rows;
}

/** Loads `values` of `column` in chunks (SQLite's bound-parameter limit). */
async function findIn<E extends object>(m: EntityManager, entity: new () => E, column: keyof E & string, values: unknown[]): Promise<E[]> {
  const unique = [...new Set(values)];
  const found: E[] = [];
  for (let i = 0; i < unique.length; i += 500) {
    found.push(...(await m.getRepository(entity).find({ where: { [column]: In(unique.slice(i, i + 500)) } as never })));
  }
  return found;
}


/**
 * Imports a delegate list into `congressId` inside the caller's write transaction. Every row is
 * checked and every reference resolved before the first write; if any row is bad, nothing is
 * written and the report lists every error. People are matched (id column; else the same name with
 * a seat at this congress, at the same employer if several have one; else the same name at the
 * same employer; else the only person of that name) and updated, never duplicated. Who imported
 * is the audit trail's to say (admins only); the public source document says what and when.
 */
/** Rows an import applies between two turns of the event loop (letOthersRun). */
const ROWS_BETWEEN_TURNS = 50;

export async function importDelegates(w: Write, csv: string, congressId: number, dryRun: boolean): Promise<ImportReport> {
  const report = await planAndApply(w, csv, congressId, dryRun);
  // A bad row or a dry run: undo whatever the transaction holds, and still answer with the report.
  if (report.errors.length || dryRun) throw new RollBack(report);
  return report;
}

async function planAndApply(w: Write, csv: string, congressId: number, dryRun: boolean): Promise<ImportReport> {
  const { m } = w;
  const errors: ImportError[] = [];
  const rows = readRows(csv, errors);
  const report = (created = 0, updated = 0, unchanged = 0): ImportReport => ({ created, updated, unchanged, errors, rows: rows.length, dryRun });
  if (errors.length) return report();

  const congress = await m.getRepository(Congress).findOneByOrFail({ id: congressId });
  const byName = group(await findIn(m, Person, "name", rows.map((r) => r.name)), (p) => p.name);
  const byId = new Map((await findIn(m, Person, "id", rows.filter((r) => r.id).map((r) => r.id))).map((p) => [p.id, p]));
  const orgsByName = group(await findIn(m, Organisation, "name", rows.map((r) => r.employer).filter(Boolean)), (o) => o.name);
  const honoursByName = group(await findIn(m, Honour, "name", rows.flatMap((r) => r.honours.map((h) => h.name))), (h) => h.name);
  const candidateIds = [...[...byName.values()].flat().map((p) => p.id), ...byId.keys()];
  const seats = new Map((await findIn(m, Seat, "personId", candidateIds)).filter((s) => s.congressId === congressId).map((s) => [s.personId, s]));
  const orgNames = new Map((await findIn(m, Organisation, "id", [...byName.values()].flat().map((p) => p.employerId).filter(Boolean))).map((o) => [o.id, o.name]));

  // Resolve every row before writing anything.
  const seen = new Map<number, number>();
  /**
   * Rows that add a person. One name twice is two people only at two different employers, which
   * is also how the next import tells them apart; at one employer, or with none, a row repeats.
   */
  const newPeople = new Map<string, Row[]>();
  const newPerson = (r: Row, fail: (column: Column, message: string) => void) => {
    const earlier = newPeople.get(r.name) ?? [];
    const same = earlier.find((e) => e.employer === r.employer);
    const unplaced = earlier.find((e) => e.employer === null) ?? (r.employer === null ? earlier[0] : undefined);
    if (same) fail("name", `row ${r.row} repeats row ${same.row}: both add a new person named ${r.name}${r.employer ? ` at ${r.employer}` : ""}`);
    else if (unplaced) fail("employer", `row ${r.row} and row ${unplaced.row} both add a new person named ${r.name}; give each its employer to tell them apart`);
    newPeople.set(r.name, [...earlier, r]);
  };
  const plans = rows.map((r) => {
    const fail = (column: Column | null, message: string) => errors.push({ row: r.row, column, message });
    let person: Person | null = null;
    if (r.id !== null) {
      person = byId.get(r.id) ?? null;
      if (!person) fail("id", `no person with id ${toGlobalId("Person", r.id)}`);
      else if (person.name !== r.name) fail("name", `id ${toGlobalId("Person", r.id)} is ${person.name}, not ${r.name}`);
    } else {
      const namesakes = byName.get(r.name) ?? [];
      const atEmployer = (people: Person[]) => people.filter((p) => r.employer !== null && p.employerId !== null && orgNames.get(p.employerId) === r.employer);
      const seated = namesakes.filter((p) => seats.has(p.id));
      // Namesakes seated here are told apart by employer, as newPerson lets one file create them.
      const pick = [atEmployer(seated), seated, atEmployer(namesakes)].find((list) => list.length) ?? namesakes;
      if (pick.length > 1) fail("name", `${pick.length} people are named ${r.name}; add the id column to say which`);
      else if (pick.length) person = pick[0];
      else newPerson(r, fail);
    }
    if (person) {
      const first = seen.get(person.id);
      if (first) fail("name", `row ${r.row} repeats row ${first}: both are the same person`);
      else seen.set(person.id, r.row);
    }
    const employers = r.employer ? orgsByName.get(r.employer) ?? [] : [];
    if (employers.length > 1) fail("employer", `${employers.length} organisations are named ${r.employer}; rename one first`);
    const honours = r.honours.map((h) => {
      const found = honoursByName.get(h.name) ?? [];
      if (found.length !== 1) fail("honours", found.length ? `${found.length} honours are named ${h.name}` : `unknown honour "${h.name}"; add it first (createHonour)`);
      return { ...h, honour: found[0] };
    });
    return { r, person, employer: employers[0] ?? null, honours };
  });
  if (errors.length) return report();

  // Apply. The import document (the CSV itself) is created only if something is written, and each
  // fact written cites its row's line of the file.
  let document: SourceDocument | null = null;
  const citations = new Map<string, number>();
  /** The row's own line of the file: verbatim by construction, so no search of the text is needed. */
  const citeRow = async (r: Row) => {
    document ??= await insertAudited(w, SourceDocument, "SourceDocument", {
      title: `Delegate list for ${congress.name}, imported on ${new Date().toISOString().slice(0, 10)}`,
      byline: null, text: csv.replace(/^\uFEFF/, ""), seedKey: null,
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
      const org = await write(() => insertAudited(w, Organisation, "Organisation", { name: r.employer!, kind: OrganisationKind.COMPANY, citationId: null, region: null, parentId: null }));
      if (org) newOrgs.set(org.name, org);
      employerId = org?.id ?? null;
    }
    let person = plan.person;
    const isNew = !person;
    if (!person) {
      person = await write(() => insertAudited(w, Person, "Person", { name: r.name, gender: r.gender, employerId, biography: null, yearsOfService: null, photoUrl: r.photoUrl }));
    } else if ((r.gender && person.gender !== r.gender) || (r.employer && person.employerId !== employerId) || (r.photoUrl && person.photoUrl !== r.photoUrl)) {
      const existing = person;
      await write(async () => {
        const before = snapshot(m, existing);
        if (r.gender) existing.gender = r.gender;
        if (r.employer) existing.employerId = employerId;
        if (r.photoUrl) existing.photoUrl = r.photoUrl;
        await m.getRepository(Person).save(existing);
        await w.audit("Person", existing.id, before, existing);
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
        await m.getRepository(Seat).save(seat);
        await w.audit("Seat", seat.id, before, seat);
      });
    }
    const held = isNew ? [] : positions.get(personId) ?? [];
    for (const title of r.titles) {
      if (held.some((p) => p.title === title && p.organisationId === employerId)) continue;
      await write(async () => insertAudited(w, Position, "Position", {
        personId, organisationId: employerId!, title, current: true, yearFrom: null, yearTo: null, citationId: await citeRow(r),
      }));
    }
    const received = isNew ? [] : awards.get(personId) ?? [];
    for (const h of plan.honours) {
      if (received.some((a) => a.honourId === h.honour.id && a.yearFrom === h.yearFrom && (a.yearTo ?? a.yearFrom) === h.yearTo)) continue;
      await write(async () => insertAudited(w, Award, "Award", {
        honourId: h.honour.id, personId, organisationId: null, yearFrom: h.yearFrom, yearTo: h.yearTo, times: null,
        consecutive: false, repeated: false, rank: null, note: null, citationId: await citeRow(r),
      }));
    }
    if (isNew) created++;
    else if (changed) updated++;
    else unchanged++;
  }
  return report(created, updated, unchanged);
}
