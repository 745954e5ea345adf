import fs from "fs";
import path from "path";
import { parse } from "yaml";
import { z } from "zod";
import { projectRoot } from "../src/config";
import { ELISION, squashWhitespace, wordsOfQuote } from "../src/quotes";
import { cleanName, textProblem } from "../src/text";
import { Gender, HonourCategory, HonourLevel, OrganisationKind } from "../src/entities";
import { nameAsWrittenProblem } from "../src/entities/organisation.entity";
import { METRIC_PATTERN, METRIC_RULE, statisticProblem } from "../src/entities/statistic.entity";

/**
 * The same rules as the API's (src/text.ts, src/validation.ts): free text must be storable; what
 * the API cleans as a name (@IsName: names, titles, delegations, a statistic's label and period,
 * an organisation's nameAsWritten) is cleaned here too.
 */
const text = z
  .string()
  .trim()
  .min(1)
  .superRefine((value, ctx) => {
    const problem = textProblem(value);
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  });
const name = z.string().transform((value, ctx) => {
  const cleaned = cleanName(value);
  if (cleaned.problem === undefined) return cleaned.value;
  ctx.addIssue({ code: z.ZodIssueCode.custom, message: cleaned.problem });
  return z.NEVER;
});
const year = z.number().int().min(1900).max(2100);
const key = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "keys are lower-case letters, digits and hyphens");

const AwardEntry = z
  .object({
    honour: key,
    year: year.optional(),
    yearFrom: year.optional(),
    yearTo: year.optional(),
    times: z.number().int().min(1).optional(),
    consecutive: z.boolean().optional(),
    repeated: z.boolean().optional(),
    rank: text.optional(),
    note: text.optional(),
    quote: text,
  })
  .strict();

const SeedFile = z
  .object({
    document: z.object({ key: text, file: text, title: text, byline: z.array(text).optional() }).strict(),
    congresses: z
      .record(
        key,
        z
          .object({
            name,
            nameEn: text.optional(),
            session: z.number().int().min(1).optional(),
            level: z.nativeEnum(HonourLevel).optional(),
            region: text.optional(),
            year: year.optional(),
            quote: text,
          })
          .strict(),
      )
      .default({}),
    organisations: z
      .record(
        key,
        z
          .object({
            name,
            nameAsWritten: name.optional(),
            kind: z.nativeEnum(OrganisationKind),
            parent: key.optional(),
            region: text.optional(),
            quote: text,
            awards: z.array(AwardEntry).default([]),
          })
          .strict(),
      )
      .default({}),
    honours: z
      .record(
        key,
        z
          .object({
            name,
            nameEn: text.optional(),
            level: z.nativeEnum(HonourLevel),
            category: z.nativeEnum(HonourCategory),
            conferrer: key.optional(),
            quote: text,
          })
          .strict(),
      )
      .default({}),
    people: z
      .record(
        key,
        z
          .object({
            name,
            gender: z.nativeEnum(Gender).optional(),
            genderQuote: text.optional(),
            employer: key.optional(),
            yearsOfService: z.number().int().min(0).max(80).optional(),
            biography: text.optional(),
            note: text.optional(),
            quotes: z.array(text).default([]),
            positions: z
              .array(
                z
                  .object({
                    title: name,
                    organisation: key,
                    current: z.boolean().optional(),
                    yearFrom: year.optional(),
                    yearTo: year.optional(),
                    quote: text,
                  })
                  .strict(),
              )
              .default([]),
            seats: z.array(z.object({ congress: key, delegation: name.optional(), focus: text.optional(), quote: text }).strict()).default([]),
            awards: z.array(AwardEntry).default([]),
          })
          .strict(),
      )
      .default({}),
    proposals: z
      .record(
        key,
        z
          .object({
            title: text,
            summary: text.optional(),
            topic: text.optional(),
            congress: key.optional(),
            authors: z.array(key).min(1),
            quote: text,
          })
          .strict(),
      )
      .default({}),
    tallies: z.array(z.object({ honour: key, scope: text, count: z.number().int().min(0), unit: text.optional(), quote: text }).strict()).default([]),
    statistics: z
      .record(
        key,
        z
          .object({
            organisation: key,
            metric: z.string().regex(METRIC_PATTERN, `metrics are ${METRIC_RULE}`),
            label: name,
            value: z.number().finite().min(0),
            unit: text.optional(),
            period: name.optional(),
            year: year.optional(),
            approximate: z.boolean().optional(),
            outOf: z.number().finite().min(0).optional(),
            note: text.optional(),
            quote: text,
          })
          .strict(),
      )
      .default({}),
  })
  .strict();

export type SeedData = z.infer<typeof SeedFile>;
export type AwardData = z.infer<typeof AwardEntry>;

/** A seed file that cannot be loaded; `problems` name the file and the path of each bad entry. */
export class SeedValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`seed data rejected, nothing loaded:\n  ${problems.join("\n  ")}`);
  }
}

function formatPath(segments: (string | number)[]): string {
  return segments.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
}

export interface ParsedSeed {
  file: string;
  data: SeedData;
  documentText: string;
}

/** Parses and checks one seed file: structure, references, and that every quote is verbatim. */
export function validateSeedFile(file: string): ParsedSeed {
  const relative = path.relative(projectRoot(), file);
  const label = relative.startsWith("..") ? file : relative;
  const fail = (problems: string[]) => new SeedValidationError(problems.map((p) => `${label}: ${p}`));
  let raw: unknown;
  try {
    raw = parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw fail([`not valid YAML: ${(error as Error).message.split("\n")[0]}`]);
  }
  const parsed = SeedFile.safeParse(raw);
  if (!parsed.success) throw fail(parsed.error.issues.map((issue) => `${formatPath(issue.path) || "(root)"}: ${issue.message}`));
  const data = parsed.data;

  const problems: string[] = [];
  const docPath = path.join(path.dirname(file), data.document.file);
  if (!fs.existsSync(docPath)) throw fail([`document.file: ${data.document.file} not found beside the seed file`]);
  const documentText = fs.readFileSync(docPath, "utf8");
  // Squashed once for the whole file; each check below is the same rule as quoteOccursIn.
  const haystack = squashWhitespace(documentText);
  const verbatim = (value: string | undefined, where: string) => {
    if (value !== undefined && !haystack.includes(squashWhitespace(value))) problems.push(`${where}: not found verbatim in ${data.document.file}: "${value}"`);
  };
  const known = (table: Record<string, unknown>, ref: string | undefined, where: string, what: string) => {
    if (ref !== undefined && !(ref in table)) problems.push(`${where}: unknown ${what} "${ref}"`);
  };
  const factKeys = new Map<string, string>();
  /** Two entries that would load as the same row (same seed key) are an error, not a silent merge. */
  const unique = (seedKey: string, where: string) => {
    const first = factKeys.get(seedKey);
    if (first) problems.push(`${where}: repeats ${first} (same ${seedKey.split(":")[0]}); merge them or tell them apart`);
    else factKeys.set(seedKey, where);
  };
  const checkAward = (a: AwardData, where: string) => {
    known(data.honours, a.honour, `${where}.honour`, "honour");
    verbatim(a.quote, `${where}.quote`);
    if (a.year !== undefined && (a.yearFrom !== undefined || a.yearTo !== undefined)) problems.push(`${where}: give year or yearFrom/yearTo, not both`);
    if (a.yearFrom !== undefined && a.yearTo !== undefined && a.yearFrom > a.yearTo) problems.push(`${where}.yearTo: before yearFrom`);
    // As grantAward: repeated is 多次, more than once with no count.
    if (a.repeated && a.times !== undefined) problems.push(`${where}.repeated: an award is counted (times) or repeated (多次), not both`);
  };

  (data.document.byline ?? []).forEach((line, i) => verbatim(line, `document.byline[${i}]`));
  verbatim(data.document.title, "document.title");
  for (const [k, c] of Object.entries(data.congresses)) verbatim(c.quote, `congresses.${k}.quote`);
  for (const [k, o] of Object.entries(data.organisations)) {
    known(data.organisations, o.parent, `organisations.${k}.parent`, "organisation");
    if (o.parent === k) problems.push(`organisations.${k}.parent: an organisation cannot be its own parent`);
    verbatim(o.quote, `organisations.${k}.quote`);
    // A name is the report's words unless marked derived, and then the words it derives from are the report's.
    const derived = nameAsWrittenProblem({ name: o.name, nameAsWritten: o.nameAsWritten ?? null });
    if (derived) problems.push(`organisations.${k}.nameAsWritten: ${derived}`);
    else if (o.nameAsWritten === undefined) verbatim(o.name, `organisations.${k}.name`);
    else if (!squashWhitespace(o.quote).includes(squashWhitespace(o.nameAsWritten))) {
      problems.push(`organisations.${k}.nameAsWritten: not in the organisation's quote: "${o.nameAsWritten}"`);
    }
    o.awards.forEach((a, i) => {
      checkAward(a, `organisations.${k}.awards[${i}]`);
      unique(awardKey(`organisation:${k}`, a), `organisations.${k}.awards[${i}]`);
    });
  }
  for (const [k, h] of Object.entries(data.honours)) {
    known(data.organisations, h.conferrer, `honours.${k}.conferrer`, "organisation");
    verbatim(h.quote, `honours.${k}.quote`);
  }
  for (const [k, p] of Object.entries(data.people)) {
    const at = `people.${k}`;
    known(data.organisations, p.employer, `${at}.employer`, "organisation");
    if ((p.gender === undefined) !== (p.genderQuote === undefined)) problems.push(`${at}.genderQuote: gender and genderQuote go together`);
    verbatim(p.genderQuote, `${at}.genderQuote`);
    verbatim(p.biography, `${at}.biography`);
    p.quotes.forEach((q, i) => verbatim(q, `${at}.quotes[${i}]`));
    p.positions.forEach((pos, i) => {
      known(data.organisations, pos.organisation, `${at}.positions[${i}].organisation`, "organisation");
      unique(positionKey(k, pos), `${at}.positions[${i}]`);
      verbatim(pos.quote, `${at}.positions[${i}].quote`);
    });
    p.seats.forEach((s, i) => {
      known(data.congresses, s.congress, `${at}.seats[${i}].congress`, "congress");
      unique(`seat:${k}:${s.congress}`, `${at}.seats[${i}]`);
      verbatim(s.focus, `${at}.seats[${i}].focus`);
      verbatim(s.quote, `${at}.seats[${i}].quote`);
    });
    p.awards.forEach((a, i) => {
      checkAward(a, `${at}.awards[${i}]`);
      unique(awardKey(`person:${k}`, a), `${at}.awards[${i}]`);
    });
  }
  for (const [k, pr] of Object.entries(data.proposals)) {
    known(data.congresses, pr.congress, `proposals.${k}.congress`, "congress");
    pr.authors.forEach((a, i) => known(data.people, a, `proposals.${k}.authors[${i}]`, "person"));
    verbatim(pr.summary, `proposals.${k}.summary`);
    verbatim(pr.quote, `proposals.${k}.quote`);
  }
  data.tallies.forEach((t, i) => {
    known(data.honours, t.honour, `tallies[${i}].honour`, "honour");
    verbatim(t.quote, `tallies[${i}].quote`);
    unique(tallyKey(t), `tallies[${i}]`);
  });
  for (const [k, st] of Object.entries(data.statistics)) {
    const at = `statistics.${k}`;
    known(data.organisations, st.organisation, `${at}.organisation`, "organisation");
    verbatim(st.quote, `${at}.quote`);
    if (!wordsOfQuote(st.quote, st.label)) {
      problems.push(`${at}.label: not the words of its quote: "${st.label}" (a phrase of the quote, or phrases of it in order joined by ${ELISION})`);
    }
    unique(`statistic:${st.organisation}:${st.metric}:${st.period ?? ""}:${st.year ?? ""}`, at);
    const problem = statisticProblem({ period: st.period ?? null, year: st.year ?? null, value: st.value, outOf: st.outOf ?? null });
    if (problem) problems.push(`${at}.${problem[0]}: ${problem[1]}`);
  }
  if (problems.length) throw fail(problems);
  return { file, data, documentText };
}

/** Seed keys of facts: what identifies a row across runs, so an edit updates and a removal deletes. */
export const awardKey = (recipient: string, a: AwardData) => `award:${recipient}:${a.honour}:${a.year ?? a.yearFrom ?? ""}`;
export const positionKey = (person: string, p: { organisation: string; title: string }) => `position:${person}:${p.organisation}:${p.title}`;
export const tallyKey = (t: { honour: string; scope: string }) => `tally:${t.honour}:${t.scope}`;
