import { parse } from "csv-parse/sync";
import { Gender } from "../entities";
import { fromGlobalId } from "../relay/global-id";
import { cleanName, cleanUrl, surrogateProblem } from "../text";
import { FIRST_YEAR, lastYear } from "../validation";
import { Column, CSV_COLUMNS, LIST_SEPARATOR, unescapeCell } from "./delegate-csv-format";

/** A problem with the file: its row (header = row 1) and column where there is one. */
export interface ImportError {
  row: number;
  column: string | null;
  message: string;
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

/** An honour as a row names it, with the years given in brackets. */
export interface HonourItem {
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

/** A row of the file as read and checked: its names cleaned, its honours parsed, its id decoded. */
export interface Row {
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
export function readRows(csv: string, errors: ImportError[]): Row[] {
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
  header.forEach((column, i) => {
    if (!(CSV_COLUMNS as readonly string[]).includes(column)) {
      errors.push({ row: 1, column, message: `unknown column "${column}"; the columns are ${CSV_COLUMNS.join(", ")}` });
    } else if (header.indexOf(column) < i) {
      // Each row's cells are read by column name: the second would silently win over the first.
      errors.push({ row: 1, column, message: `the header names "${column}" twice` });
    }
  });
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
    const list = (column: Column) =>
      cell(column)
        .split(LIST_SEPARATOR)
        .map((t) => t.trim())
        .filter(Boolean);
    const name = cell("name") ? clean("name", cell("name"), 100) : "";
    if (!cell("name")) fail("name", "name is required");
    const delegation = cell("delegation") ? clean("delegation", cell("delegation"), 200) : null;
    const employer = cell("employer") ? clean("employer", cell("employer"), 200) : null;
    const titles = [...new Set(list("title").map((t) => clean("title", t, 200)))];
    if (titles.length && !cell("employer")) fail("title", "a title needs the employer it is held at");
    const honours: HonourItem[] = [];
    for (const item of list("honours")) {
      const parsed = parseHonour(clean("honours", item, 320, "an honour"));
      if (typeof parsed === "string") fail("honours", parsed);
      else if (parsed.name.length > 300) fail("honours", "an honour's name is longer than 300 characters");
      // Awards are added where missing: one listed twice is the same award, added once.
      else if (!honours.some((h) => h.name === parsed.name && h.yearFrom === parsed.yearFrom && h.yearTo === parsed.yearTo)) honours.push(parsed);
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
    // The row's own line(s): without the line break that ends it, nor the blank lines skipped before it.
    rows.push({ row, raw: raw.replace(/^(?:\r?\n)+|\r?\n$/g, ""), name, delegation, employer, titles, honours, gender, photoUrl, id });
  });
  return rows;
}
