import type { SqlReader } from "../db";
import { decodeDoc, docCodes, docId, IndexField, IndexKind } from "./index-layout";
import { pinyinKey } from "./pinyin";
import type { ConnectionArgs, PageInfo } from "../relay/connection";
import { paginateList } from "../relay/cursors";

export type SearchType = "Person" | "Organisation" | "Honour" | "Proposal" | "Statistic";

/** What a hit matched: a field of the object found, or (POSITIONS_TITLE) a title its person holds. */
export enum MatchedField {
  NAME = "NAME",
  NAME_PINYIN = "NAME_PINYIN",
  BIOGRAPHY = "BIOGRAPHY",
  NAME_EN = "NAME_EN",
  TITLE = "TITLE",
  SUMMARY = "SUMMARY",
  TOPIC = "TOPIC",
  POSITIONS_TITLE = "POSITIONS_TITLE",
  LABEL = "LABEL",
}

/** Every indexed field's name in answers: a field added to the index does not compile until it has one. */
const MATCHED_FIELD: Record<IndexField, MatchedField> = {
  name: MatchedField.NAME,
  namePinyin: MatchedField.NAME_PINYIN,
  biography: MatchedField.BIOGRAPHY,
  nameEn: MatchedField.NAME_EN,
  title: MatchedField.TITLE,
  summary: MatchedField.SUMMARY,
  topic: MatchedField.TOPIC,
  label: MatchedField.LABEL,
};

export interface SearchHit {
  type: SearchType;
  id: number;
  matchedField: MatchedField;
  /** 0 exact name, 1 name prefix (or pinyin initials), 2 anywhere else: lower ranks first. */
  rank: number;
  /** The index row that matched (its text is read for the snippet only when the hit is shown: snippets). */
  doc: number;
  /** The matched text, when it was read to rank the hit (names); null until then. */
  body: string | null;
  /** What the snippet centres on. */
  mark: string;
}

const TYPE_ORDER: SearchType[] = ["Person", "Organisation", "Honour", "Proposal", "Statistic"];
export const SNIPPET_RADIUS = 20;

/** `text` shortened to SNIPPET_RADIUS characters either side of the `length` characters at `at` (at < 0: no match, its start). */
function excerpt(text: string, at: number, length: number): string {
  if (text.length <= SNIPPET_RADIUS * 2 + length) return text;
  if (at < 0) return text.slice(0, SNIPPET_RADIUS * 2) + "…";
  const start = Math.max(0, at - SNIPPET_RADIUS);
  const end = Math.min(text.length, at + length + SNIPPET_RADIUS);
  return `${start > 0 ? "…" : ""}${text.slice(start, end)}${end < text.length ? "…" : ""}`;
}

export function snippetAround(text: string, needle: string): string {
  return excerpt(text, text.toLowerCase().indexOf(needle.toLowerCase()), needle.length);
}

/**
 * A snippet of pinyin as objects show it ("Wan Yali", "qing yuan shi …") around `key`, matched in
 * the index's form of it ("wanyali": pinyinKey). Each character of `display` is folded as the
 * index folds it, so the match is found and then cut from the display text.
 */
export function pinyinSnippetAround(display: string, key: string): string {
  let folded = "";
  const from: number[] = [];
  for (let i = 0; i < display.length; i++) {
    for (const c of pinyinKey(display[i])) {
      folded += c;
      from.push(i);
    }
  }
  const at = key ? folded.indexOf(key) : -1;
  // Initials (wyl) are not a substring of the pinyin: the name is shown from its start.
  if (at < 0) return excerpt(display, -1, key.length);
  return excerpt(display, from[at], from[at + key.length - 1] + 1 - from[at]);
}

/** An FTS5 phrase: the query as literal text, whatever operators or quotes it holds. */
function phrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** The pinyin reading of a query typed in Latin letters ("Wàn Yǎlì" → "wanyali"); null otherwise. */
export function pinyinQuery(query: string): string | null {
  if (!/^[\p{Script=Latin}\s'’·-]+$/u.test(query)) return null;
  const key = pinyinKey(query);
  return key || null;
}

interface Row {
  doc: number;
  /** Who holds a matching position title (found as that person); undefined for other rows. */
  holder?: number | null;
  /** The text of a name field (what ranks a hit); null for other fields, which all rank alike. */
  body: string | null;
  /**
   * How it was found: the text itself anywhere, its start (a pinyin prefix, which starts at a
   * syllable), or the pinyin initials of a name.
   */
  via: "text" | "prefix" | "initials";
}

const NAME_FIELDS: Record<IndexKind, IndexField[]> = {
  Person: ["name", "namePinyin"],
  Organisation: ["name", "namePinyin"],
  Honour: ["name", "namePinyin", "nameEn"],
  Proposal: ["title"],
  Position: [],
  Statistic: ["label"],
};

/** The name fields as row-id codes (rowid % 64): the fields whose texts rank a hit (matchRows). */
const NAME_CODES = docCodes(
  (Object.entries(NAME_FIELDS) as [IndexKind, IndexField[]][]).flatMap(([kind, fields]) => fields.map((f): [IndexKind, IndexField] => [kind, f])),
).join(", ");

const POSITION_TITLE = docCodes([["Position", "title"]])[0];

/**
 * [row id, text of a name, holder of a position title] of the index rows `from` (FROM … WHERE …
 * naming the row id `doc`), as one JSON text: a common word matches tens of thousands of rows.
 * The text is read for names only, which are ranked by it: every other field ranks alike, and a
 * lookup in the FTS table costs about 2 µs.
 */
async function matchRows(db: SqlReader, doc: string, from: string, params: unknown[]): Promise<Row[]> {
  const [{ rows }] = await db.rows<{ rows: string }>(`SELECT json_group_array(json_array(${doc},
       CASE WHEN ${doc} % 64 IN (${NAME_CODES}) THEN (SELECT b."body" FROM "search_text" b WHERE b."rowid" = ${doc}) END,
       CASE WHEN ${doc} % 64 = ${POSITION_TITLE} THEN (SELECT p."personId" FROM "position" p WHERE p."id" = ${doc} / 64) END)) AS "rows"
     ${from}`,
    params,
  );
  return (JSON.parse(rows) as [number, string | null, number | null][]).map(([d, body, holder]) => ({ doc: d, body, holder, via: "text" }));
}

/** Prefix match on an indexed column, as a range so the B-tree index serves it. */
function prefixRange(prefix: string): [string, string] {
  return [prefix, prefix + "\uffff"];
}

/**
 * Rows of the search index matching `text`: trigram FTS from three characters, the gram table below
 * that; only rows of the fields whose codes `only` lists (SQL list), when given.
 */
async function textRows(db: SqlReader, text: string, only: string | null): Promise<Row[]> {
  const of = (doc: string) => (only === null ? "" : ` AND ${doc} % 64 IN (${only})`);
  return [...text].length >= 3
    ? matchRows(db, `t."rowid"`, `FROM "search_text" t WHERE t."search_text" MATCH ?${of(`t."rowid"`)}`, [phrase(text)])
    : matchRows(db, `g."doc"`, `FROM "search_gram" g WHERE g."gram" = ?${of(`g."doc"`)}`, [text.toLowerCase()]);
}

/** People whose pinyin starts with `key`, or whose initials start with it (wyl → 万雅丽). */
async function pinyinPrefixRows(db: SqlReader, key: string, withPinyinPrefix: boolean): Promise<Row[]> {
  const rows: Row[] = [];
  const initials = await db.rows<{ id: number; initials: string }>(`SELECT "id", "nameInitials" AS initials FROM "person" WHERE "nameInitials" >= ? AND "nameInitials" < ?`,
    prefixRange(key),
  );
  for (const r of initials) rows.push({ doc: docId("Person", Number(r.id), "namePinyin"), body: r.initials, via: "initials" });
  if (withPinyinPrefix) {
    const pinyin = await db.rows<{ id: number; key: string }>(`SELECT "id", "namePinyinKey" AS key FROM "person" WHERE "namePinyinKey" >= ? AND "namePinyinKey" < ?`,
      prefixRange(key),
    );
    for (const r of pinyin) rows.push({ doc: docId("Person", Number(r.id), "namePinyin"), body: r.key, via: "prefix" });
  }
  return rows;
}

/** True if `key` occurs in the syllables `spaced` ("wan ya li") starting at a syllable. */
export function syllableAligned(spaced: string, key: string): boolean {
  let offset = 0;
  const starts = new Set<number>();
  for (const syllable of spaced.split(" ").filter(Boolean)) {
    starts.add(offset);
    offset += syllable.length;
  }
  const unspaced = spaced.replace(/ /g, "");
  for (let at = unspaced.indexOf(key); at >= 0; at = unspaced.indexOf(key, at + 1)) if (starts.has(at)) return true;
  return false;
}

/** Where the pinyin of each kind's name is kept: syllables apart (to align matches), and as the object shows it (snippets). */
const PINYIN_OF: Partial<Record<IndexKind, { table: string; column: string; display: string }>> = {
  Person: { table: "person", column: "nameSortKey", display: "namePinyin" },
  Organisation: { table: "organisation", column: "namePinyin", display: "namePinyin" },
  Honour: { table: "honour", column: "namePinyin", display: "namePinyin" },
};

/**
 * Trigram finds pinyin anywhere, also across syllables ("and" in "nian du"): keep only matches
 * that start at a syllable, as a person typing pinyin does.
 */
async function dropMidSyllablePinyin(db: SqlReader, rows: Row[], key: string | null) {
  if (!key) return;
  // A match at the start of the text starts at a syllable: only the others need their syllables
  // read (a surname's pinyin matches thousands of names).
  const suspects = rows.filter((r) => r.via === "text" && decodeDoc(r.doc).field === "namePinyin" && !r.body?.toLowerCase().startsWith(key));
  if (!suspects.length) return;
  const spaced = new Map<number, string>();
  for (const [kind, source] of Object.entries(PINYIN_OF) as [IndexKind, { table: string; column: string }][]) {
    const ids = [...new Set(suspects.map((r) => decodeDoc(r.doc)).filter((d) => d.kind === kind).map((d) => d.refId))];
    if (!ids.length) continue;
    const found = await db.rows<{ id: number; syllables: string }>(`SELECT "id", "${source.column}" AS syllables FROM "${source.table}" WHERE "id" IN (SELECT "value" FROM json_each(?))`,
      [JSON.stringify(ids)],
    );
    for (const f of found) spaced.set(docId(kind, Number(f.id), "namePinyin"), String(f.syllables).toLowerCase());
  }
  const dropped = new Set<Row>();
  for (const r of suspects) {
    const syllables = spaced.get(r.doc);
    if (syllables === undefined || !syllableAligned(syllables.replace(/ü/g, "v"), key)) dropped.add(r);
  }
  if (dropped.size) rows.splice(0, rows.length, ...rows.filter((r) => !dropped.has(r)));
}

/** The query as searched: control characters (NUL included) are not text anyone searches for, and FTS5 would choke on them. */
function queryText(query: string): string {
  return query.replace(/[\u0000-\u001f\u007f]/g, " ").trim().replace(/\s+/g, " ");
}

/** Index rows matching `text` (and `key`, its pinyin reading) as search matches them, of the fields `only` lists (codes, SQL; null: all). */
async function matchingRows(db: SqlReader, text: string, key: string | null, only: string | null): Promise<Row[]> {
  const rows = await textRows(db, text, only);
  if (key) {
    if (key !== text.toLowerCase() && key.length >= 3) rows.push(...(await textRows(db, key, only)));
    rows.push(...(await pinyinPrefixRows(db, key, key.length < 3)));
  }
  await dropMidSyllablePinyin(db, rows, key);
  return rows;
}

const PERSON_NAME_CODES = docCodes([["Person", "name"], ["Person", "namePinyin"]]).join(", ");

/**
 * Ids of the people whose name `query` matches as search matches names (in characters, pinyin
 * from a syllable on, initials): what `PersonFilter.nameContains` selects, so that the filter and
 * search never disagree about a name.
 */
export async function peopleByName(db: SqlReader, query: string): Promise<number[]> {
  const text = queryText(query);
  if (!text) return [];
  const rows = await matchingRows(db, text, pinyinQuery(text), PERSON_NAME_CODES);
  return [...new Set(rows.map((row) => decodeDoc(row.doc).refId))];
}

function rankOf(row: Row, needle: string): number {
  if (row.body === null) return 2;
  const body = row.body.toLowerCase();
  if (row.via === "initials") return body === needle ? 1 : 2;
  return body === needle ? 0 : body.startsWith(needle) ? 1 : 2;
}

/**
 * Finds people, organisations, honours, proposals and statistics by any indexed text, in characters or pinyin.
 * Exact name matches first, then name prefixes (and pinyin initials), then the rest; ties by
 * type, then id. The query is literal text: no operator, quote or wildcard in it means anything.
 */
export async function search(db: SqlReader, query: string): Promise<SearchHit[]> {
  const text = queryText(query);
  if (!text) return [];
  const key = pinyinQuery(text);
  const rows = await matchingRows(db, text, key, null);

  const lowered = text.toLowerCase();
  const best = new Map<number, SearchHit & { order: number }>();
  for (const row of rows) {
    const { kind, refId, field } = decodeDoc(row.doc);
    const needle = field === "namePinyin" && key ? key : lowered;
    const rank = rankOf(row, needle);
    const type: SearchType = kind === "Position" ? "Person" : kind;
    // Position titles are found as their holders.
    const id = kind === "Position" ? row.holder : refId;
    if (id == null) continue;
    const order = TYPE_ORDER.indexOf(type);
    const seen = best.get(id * TYPE_ORDER.length + order);
    if (seen && seen.rank <= rank) continue;
    best.set(id * TYPE_ORDER.length + order, {
      type,
      id,
      order,
      matchedField: kind === "Position" ? MatchedField.POSITIONS_TITLE : MATCHED_FIELD[field],
      rank,
      doc: row.doc,
      body: row.body,
      mark: row.via === "initials" && row.body !== null ? row.body : needle,
    });
  }
  return [...best.values()].sort((a, b) => a.rank - b.rank || a.order - b.order || a.id - b.id);
}

/** The display pinyin of every pinyin source, as (doc, text) rows for the docs bound as one JSON parameter each. */
const DISPLAY_PINYIN = (Object.entries(PINYIN_OF) as [IndexKind, { table: string; display: string }][]).map(
  ([kind, source]) =>
    `SELECT "id" * 64 + ${docId(kind, 0, "namePinyin")} AS "doc", "${source.display}" AS "body" FROM "${source.table}" WHERE "id" IN (SELECT "value" FROM json_each(?))`,
);

/**
 * The snippets of `hits` (a page of them), read in one statement: the texts not read to rank
 * them, and the pinyin of pinyin matches as the object shows it ("Wan Yali", not the index's "wanyali").
 */
export async function snippets(db: SqlReader, hits: readonly SearchHit[]): Promise<string[]> {
  const pinyin = hits.filter((h) => h.matchedField === MatchedField.NAME_PINYIN);
  const unread = hits.filter((h) => h.body === null && h.matchedField !== MatchedField.NAME_PINYIN).map((h) => h.doc);
  const texts = new Map<number, string>();
  if (unread.length || pinyin.length) {
    const ids = (kind: IndexKind) => JSON.stringify(pinyin.map((h) => decodeDoc(h.doc)).filter((d) => d.kind === kind).map((d) => d.refId));
    const found = await db.rows<{ doc: number; body: string }>([`SELECT "rowid" AS "doc", "body" FROM "search_text" WHERE "rowid" IN (SELECT "value" FROM json_each(?))`, ...DISPLAY_PINYIN].join(" UNION ALL "),
      [JSON.stringify(unread), ...(Object.keys(PINYIN_OF) as IndexKind[]).map(ids)],
    );
    for (const f of found) texts.set(Number(f.doc), String(f.body));
  }
  return hits.map((h) =>
    h.matchedField === MatchedField.NAME_PINYIN ? pinyinSnippetAround(texts.get(h.doc) ?? "", h.mark) : snippetAround(h.body ?? texts.get(h.doc) ?? "", h.mark),
  );
}

/** One result of a page of search: what was found, what matched, the snippet, and its cursor. */
export interface SearchEdge {
  cursor: string;
  type: SearchType;
  id: number;
  matchedField: MatchedField;
  snippet: string;
}

/** A page of `search`'s results, best first, with their snippets (what a worker thread answers: src/services/slow-tasks.ts). */
export async function searchPage(db: SqlReader, query: string, page: ConnectionArgs): Promise<{ edges: SearchEdge[]; totalCount: number; pageInfo: PageInfo }> {
  const result = paginateList(await search(db, query), page);
  const hits = result.edges.map((e) => e.node);
  const texts = await snippets(db, hits);
  const edges = result.edges.map((e, i) => ({ cursor: e.cursor, type: e.node.type, id: e.node.id, matchedField: e.node.matchedField, snippet: texts[i] }));
  return { edges, totalCount: await result.totalCount(), pageInfo: result.pageInfo };
}
