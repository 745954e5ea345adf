import { toGlobalId } from "../../src/relay/global-id";
import { ok, TestServer } from "./server";

/**
 * Search's ranking rules worked out in plain JS over the tables of a directory (tests/search-ranking.test.ts
 * holds search to them; tests/search.postgres.test.ts holds PostgreSQL to them and to SQLite).
 */
type Kind = "Person" | "Organisation" | "Honour" | "Proposal" | "Position" | "Statistic";
type Field = "label" | "name" | "namePinyin" | "biography" | "nameEn" | "title" | "summary" | "topic";
/** A text search can find: what it belongs to, which field, and whether short queries (one or two characters) reach it. */
interface Text {
  kind: Kind;
  id: number;
  field: Field;
  body: string;
  short: boolean;
  /** The holder of a position title. */
  holder?: number | null;
}

// The index's row ids: which of an object's matches is found first among equals (src/search/index-layout.ts).
const KIND_CODE: Record<Kind, number> = { Person: 1, Organisation: 2, Honour: 3, Proposal: 4, Position: 5, Statistic: 6 };
const FIELD_CODE: Record<Field, number> = { label: 0, name: 1, namePinyin: 2, biography: 3, nameEn: 4, title: 5, summary: 6, topic: 7 };
const NAMES: Record<Kind, Field[]> = {
  Person: ["name", "namePinyin"],
  Organisation: ["name", "namePinyin"],
  Honour: ["name", "namePinyin", "nameEn"],
  Proposal: ["title"],
  Position: [],
  Statistic: ["label"],
};
const MATCHED: Record<Field, string> = {
  label: "LABEL",
  name: "NAME",
  namePinyin: "NAME_PINYIN",
  biography: "BIOGRAPHY",
  nameEn: "NAME_EN",
  title: "TITLE",
  summary: "SUMMARY",
  topic: "TOPIC",
};
const TYPES = ["Person", "Organisation", "Honour", "Proposal", "Statistic"];

/**
 * The texts of `server`'s directory as search sees them, read from its tables, and `expected`: what
 * search should answer for a query by the ranking rules, worked out from them in plain JS.
 */
export async function searchOracle(server: TestServer): Promise<{ expected: (query: string) => Expected[] }> {
  const texts = await loadTexts(server);
  return { expected: (query) => expected(texts, query) };
}

interface Texts {
  texts: Text[];
  people: { id: number; key: string; syllables: string; initials: string }[];
  syllablesOf: Map<string, string>;
}

async function loadTexts(server: TestServer): Promise<Texts> {
  const q = (sql: string) => server.ds.query<Record<string, any>[]>(sql);
  const syllablesOf = new Map<string, string>();
  const people: Texts["people"] = [];
  const out: Text[] = [];
  const add = (kind: Kind, id: number, field: Field, body: string | null, short: boolean, holder?: number | null) => {
    if (body !== null) out.push({ kind, id, field, body, short, holder });
  };
  for (const p of await q(`SELECT id, name, "namePinyinKey", "nameSortKey", "nameInitials", biography FROM person`)) {
    add("Person", p.id, "name", p.name, true);
    add("Person", p.id, "namePinyin", p.namePinyinKey, false);
    add("Person", p.id, "biography", p.biography, false);
    people.push({ id: p.id, key: p.namePinyinKey, syllables: p.nameSortKey, initials: p.nameInitials });
    syllablesOf.set(`Person:${p.id}`, p.nameSortKey);
  }
  for (const o of await q(`SELECT id, name, "namePinyin" FROM organisation`)) {
    add("Organisation", o.id, "name", o.name, true);
    add("Organisation", o.id, "namePinyin", o.namePinyin === null ? null : o.namePinyin.replace(/ /g, ""), false);
    syllablesOf.set(`Organisation:${o.id}`, o.namePinyin);
  }
  for (const h of await q(`SELECT id, name, "namePinyin", "nameEn" FROM honour`)) {
    add("Honour", h.id, "name", h.name, true);
    add("Honour", h.id, "namePinyin", h.namePinyin === null ? null : h.namePinyin.replace(/ /g, ""), false);
    add("Honour", h.id, "nameEn", h.nameEn, false);
    syllablesOf.set(`Honour:${h.id}`, h.namePinyin);
  }
  for (const p of await q(`SELECT id, title, summary, topic FROM proposal`)) {
    add("Proposal", p.id, "title", p.title, true);
    add("Proposal", p.id, "summary", p.summary, false);
    add("Proposal", p.id, "topic", p.topic, true);
  }
  for (const p of await q(`SELECT id, title, "personId" FROM position`)) add("Position", p.id, "title", p.title, true, p.personId);
  for (const s of await q(`SELECT id, label FROM statistic`)) add("Statistic", s.id, "label", s.label, true);
  return { texts: out, people, syllablesOf };
}

/** Pinyin `key` starts at one of the syllables of `spaced`. */
function fromASyllable(spaced: string, key: string): boolean {
  const syllables = spaced.toLowerCase().replace(/ü/g, "v").split(" ").filter(Boolean);
  return syllables.some((_, i) => syllables.slice(i).join("").startsWith(key));
}

export interface Expected {
  type: string;
  id: number;
  matchedField: string;
}

/** What search should answer for `query` (lower-case, ASCII pinyin or Chinese), worked out from the tables. */
function expected({ texts, people, syllablesOf }: Texts, query: string): Expected[] {
  const text = query.toLowerCase();
  const key = /^[a-z\s]+$/.test(query) ? query.replace(/\s/g, "") : null;
  const found: { kind: Kind; id: number; field: Field; doc: number; src: number; via: string; body: string | null; holder?: number | null }[] = [];
  const doc = (kind: Kind, id: number, field: Field) => id * 64 + KIND_CODE[kind] * 8 + FIELD_CODE[field];
  const contains = (needle: string, src: number) => {
    const short = [...needle].length < 3;
    for (const t of texts) {
      // Short queries reach the first 300 characters of short fields (names, titles); longer ones any text.
      const hay = short ? (t.short ? t.body.slice(0, 299 + needle.length) : null) : t.body;
      if (hay === null || !hay.toLowerCase().includes(needle)) continue;
      found.push({
        kind: t.kind,
        id: t.id,
        field: t.field,
        doc: doc(t.kind, t.id, t.field),
        src,
        via: "text",
        body: NAMES[t.kind].includes(t.field) ? t.body : null,
        holder: t.holder,
      });
    }
  };
  contains(text, 0);
  if (key) {
    if (key !== text && key.length >= 3) contains(key, 1);
    for (const p of people)
      if (p.initials.startsWith(key))
        found.push({ kind: "Person", id: p.id, field: "namePinyin", doc: doc("Person", p.id, "namePinyin"), src: 2, via: "initials", body: p.initials });
    if (key.length < 3)
      for (const p of people)
        if (p.key.startsWith(key))
          found.push({ kind: "Person", id: p.id, field: "namePinyin", doc: doc("Person", p.id, "namePinyin"), src: 3, via: "prefix", body: p.key });
  }
  const best = new Map<string, { type: string; id: number; field: string; rank: number; src: number; doc: number }>();
  for (const f of found) {
    if (key && f.via === "text" && f.field === "namePinyin" && !f.body!.toLowerCase().startsWith(key)) {
      const spaced = syllablesOf.get(`${f.kind}:${f.id}`);
      if (!spaced || !fromASyllable(spaced, key)) continue;
    }
    const needle = f.field === "namePinyin" && key ? key : text;
    const body = f.body?.toLowerCase() ?? null;
    const rank = body === null ? 2 : f.via === "initials" ? (body === needle ? 1 : 2) : body === needle ? 0 : body.startsWith(needle) ? 1 : 2;
    const type = f.kind === "Position" ? "Person" : f.kind;
    const id = f.kind === "Position" ? f.holder : f.id;
    if (id == null) continue;
    const seen = best.get(`${type}:${id}`);
    const better = !seen || rank < seen.rank || (rank === seen.rank && (f.src < seen.src || (f.src === seen.src && f.doc < seen.doc)));
    if (better) best.set(`${type}:${id}`, { type, id, field: f.kind === "Position" ? "POSITIONS_TITLE" : MATCHED[f.field], rank, src: f.src, doc: f.doc });
  }
  return [...best.values()]
    .sort((a, b) => a.rank - b.rank || TYPES.indexOf(a.type) - TYPES.indexOf(b.type) || a.id - b.id)
    .map((h) => ({ type: h.type, id: h.id, matchedField: h.field }));
}

export const SEARCH = `query ($q: String!, $first: Int, $after: String, $last: Int, $before: String) {
  search(query: $q, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    edges { cursor matchedField node { __typename ... on Person { id } ... on Organisation { id } ... on Honour { id } ... on Proposal { id } ... on Statistic { id } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

export const page = async (server: TestServer, q: string, args: Record<string, unknown>) => ok(await server.gql(SEARCH, { q, ...args })).search;
export const asExpected = (hits: Expected[]) =>
  hits.map((h) => ({ node: { __typename: h.type, id: toGlobalId(h.type as never, h.id) }, matchedField: h.matchedField }));
export const shape = (edges: any[]) => edges.map((e) => ({ node: e.node, matchedField: e.matchedField }));

/** Queries of every length search handles differently, drawn from the generated people. */
export async function queries(server: TestServer): Promise<string[]> {
  const names = await server.ds.query<{ name: string; namePinyin: string }[]>(
    `SELECT name, "namePinyin" FROM person WHERE length(name) = 3 AND id % 97 = 5 ORDER BY id LIMIT 4`,
  );
  const [initials] = await server.ds.query<{ i: string }[]>(`SELECT "nameInitials" AS i FROM person ORDER BY id LIMIT 1 OFFSET 7`);
  return [
    ...names.flatMap((n) => [n.name, n.name.slice(1), n.name[0], n.name[2], n.namePinyin.toLowerCase()]),
    "工",
    "会",
    "zh",
    "w",
    "wang",
    "ang",
    initials.i,
    // titles that biographies mention too: one person found twice at one rank, shown by the first found
    "工程师",
    "技术员",
    "操作工",
  ];
}

/**
 * Names a short query matches whole or at their start, which rank by where the gram stands in the
 * name (search_gram.place): written through the API, so the triggers place them, one renamed so
 * that the update trigger places it anew; a repeated character, and Latin capitals (ranked as lower case).
 */
export async function shortNames(server: TestServer): Promise<string[]> {
  const organiser = { authorization: "Bearer test-organiser" };
  const create = async (name: string) =>
    ok(await server.gql(`mutation ($n: String!) { createPerson(input: { name: $n }) { id } }`, { n: name }, organiser)).createPerson.id;
  for (const name of ["王芳", "芳芳", "Ann", "ANNA"]) await create(name);
  const renamed = await create("临时名");
  ok(await server.gql(`mutation ($id: ID!) { updatePerson(id: $id, input: { name: "芳" }) { id } }`, { id: renamed }, organiser));
  return ["芳", "王芳", "芳芳", "王", "an", "anna", "a"];
}
