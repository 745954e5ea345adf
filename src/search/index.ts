import type { Dialect, SearchDialect, SqlReader } from "../db";
import { joinSql, sql, Sql } from "../db/sql";
import { decodeDoc, docCodes, docId, FIELD, IndexField, IndexKind, KIND } from "./index-layout";
import { pinyinKey } from "./pinyin";
import type { ConnectionArgs, PageInfo } from "../relay/connection";
import { listBounds, listWindow, positionCursor } from "../relay/cursors";

export { syllableAligned } from "./pinyin";

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

/** The pinyin reading of a query typed in Latin letters ("Wàn Yǎlì" → "wanyali"); null otherwise. */
export function pinyinQuery(query: string): string | null {
  if (!/^[\p{Script=Latin}\s'’·-]+$/u.test(query)) return null;
  const key = pinyinKey(query);
  return key || null;
}

const NAME_FIELDS: Record<IndexKind, IndexField[]> = {
  Person: ["name", "namePinyin"],
  Organisation: ["name", "namePinyin"],
  Honour: ["name", "namePinyin", "nameEn"],
  Proposal: ["title"],
  Position: [],
  Statistic: ["label"],
};

/** The name fields as row-id codes (doc % 64): the fields whose texts rank a hit. */
const NAME_CODES = docCodes(
  (Object.entries(NAME_FIELDS) as [IndexKind, IndexField[]][]).flatMap(([kind, fields]) => fields.map((f): [IndexKind, IndexField] => [kind, f])),
).join(", ");

const POSITION_TITLE = docCodes([["Position", "title"]])[0];
const PINYIN_FIELD = FIELD.namePinyin;
const PERSON_PINYIN = docId("Person", 0, "namePinyin");

/** Where the pinyin of each kind's name is kept: syllables apart (to align matches), and as the object shows it (snippets). */
const PINYIN_OF: Partial<Record<IndexKind, { table: string; column: string; display: string }>> = {
  Person: { table: "person", column: "nameSortKey", display: "namePinyin" },
  Organisation: { table: "organisation", column: "namePinyin", display: "namePinyin" },
  Honour: { table: "honour", column: "namePinyin", display: "namePinyin" },
};

/** SQL: the syllables of the pinyin name of index row "doc" (null for kinds without one). */
const SYLLABLES = `CASE ("doc" / 8) % 8 ${(Object.entries(PINYIN_OF) as [IndexKind, { table: string; column: string }][])
  .map(([kind, source]) => `WHEN ${KIND[kind]} THEN (SELECT x."${source.column}" FROM "${source.table}" x WHERE x."id" = "doc" / 64)`)
  .join(" ")} END`;

/** SQL: the place in TYPE_ORDER of what index row "doc" is found as (a position title: its holder, a Person). */
const TYPE_OF = `CASE ("doc" / 8) % 8 ${(Object.keys(KIND) as IndexKind[])
  .map((kind) => `WHEN ${KIND[kind]} THEN ${TYPE_ORDER.indexOf(kind === "Position" ? "Person" : kind)}`)
  .join(" ")} END`;

/** The query as searched: control characters (NUL included) are not text anyone searches for, and FTS5 would choke on them. */
function queryText(query: string): string {
  return query
    .replace(/\p{Cc}/gu, " ")
    .trim()
    .replace(/\s+/g, " ");
}

/**
 * Index rows whose text contains `text` ("doc"), and where a gram stands in its text ("place",
 * SearchDialect.gramDocs; null for trigram matches, whose text ranks them): trigram from three
 * characters, the gram table below that; only rows of the fields whose codes `only` lists (SQL list), when given.
 */
function textDocs(search: SearchDialect, text: string, only: string | null): Sql {
  const trigram = [...text].length >= 3 ? search.textDocs(text) : null;
  const gram = trigram ? null : search.gramDocs(text.toLowerCase());
  const docs = trigram
    ? { text: `SELECT t."doc", CAST(NULL AS integer) AS "place", t."body" FROM (${trigram.text}) t`, params: trigram.params }
    : { text: `SELECT g."doc", g."place", NULL AS "body" FROM (${gram!.text}) g`, params: gram!.params };
  return only === null ? docs : { text: `SELECT m."doc", m."place", m."body" FROM (${docs.text}) m WHERE m."doc" % 64 IN (${only})`, params: docs.params };
}

/** How matchingSql finds rows ("src"), in the order that decides which of two equal matches of one object is shown. */
const SRC = { text: 0, key: 1, initials: 2, prefix: 3 } as const;

/**
 * A SELECT of the index rows matching `text` (and `key`, its pinyin reading) as search matches
 * them, of the fields `only` lists (codes, SQL; null: all): "doc"; "src" (SRC); "via", how it was
 * found (the text anywhere, a pinyin prefix, or a person's pinyin initials); "place", where a gram
 * stands in its text; "body", the text of a name found by trigram (what ranks it: every other
 * field ranks alike, and a gram's place ranks it without its text) or the pinyin or initials matched.
 *
 * Trigram finds pinyin anywhere, also across syllables ("and" in "nian du"): only matches that
 * start at a syllable are kept, as a person typing pinyin means; one at the start of the text
 * does, so only the others need their syllables read (a surname's pinyin matches thousands).
 */
function matchingSql(search: SearchDialect, text: string, key: string | null, only: string | null): Sql {
  const parts: Sql[] = [textDocs(search, text, only)];
  if (key && key !== text.toLowerCase() && key.length >= 3) parts.push(textDocs(search, key, only));
  const found = parts.map((p, i) => ({
    text: `SELECT d."doc", ${[SRC.text, SRC.key][i]} AS "src", 'text' AS "via", d."place", d."body" AS "raw" FROM (${p.text}) d`,
    params: p.params,
  }));
  if (key) {
    // People whose initials start with the key (wyl → 万雅丽), or, below three letters (which
    // trigram cannot find), whose pinyin does: both are ranges of an index.
    found.push(
      sql(
        `SELECT "id" * 64 + ${PERSON_PINYIN}, ${SRC.initials}, 'initials', NULL, "nameInitials" FROM "person" WHERE ${search.inRange(`"nameInitials"`)}`,
        key,
        key + "\uffff",
      ),
    );
    if (key.length < 3)
      found.push(
        sql(
          `SELECT "id" * 64 + ${PERSON_PINYIN}, ${SRC.prefix}, 'prefix', NULL, "namePinyinKey" FROM "person" WHERE ${search.inRange(`"namePinyinKey"`)}`,
          key,
          key + "\uffff",
        ),
      );
  }
  const union = joinSql(found, " UNION ALL ");
  const read =
    `SELECT f."doc", f."src", f."via", f."place", CASE WHEN f."via" <> 'text' THEN f."raw" WHEN f."place" IS NULL AND f."doc" % 64 IN (${NAME_CODES}) THEN COALESCE(f."raw", ${search.body(`f."doc"`)}) END AS "body" ` +
    `FROM (${union.text}) f`;
  if (!key) return { text: read, params: union.params };
  const prefixed = `substr(${search.lower(`COALESCE(r."body", '')`)}, 1, ${key.length}) = ?`;
  return {
    text: `SELECT r."doc", r."src", r."via", r."place", r."body" FROM (${read}) r WHERE NOT (r."via" = 'text' AND r."doc" % 8 = ${PINYIN_FIELD} AND NOT ${prefixed} AND NOT ${search.syllableAligned(SYLLABLES.replace(/"doc"/g, `r."doc"`), "?")})`,
    params: [...union.params, key, key],
  };
}

const PERSON_NAME_CODES = docCodes([
  ["Person", "name"],
  ["Person", "namePinyin"],
]).join(", ");

/**
 * The ids of the people whose name `query` matches as search matches names (in characters, pinyin
 * from a syllable on, initials), as a query answering "id": what `PersonFilter.nameContains`
 * selects, so that the filter and search never disagree about a name. Null: the query has no text
 * to match (nobody).
 */
export function peopleByNameSql(search: SearchDialect, query: string): Sql | null {
  const text = queryText(query);
  if (!text) return null;
  const rows = matchingSql(search, text, pinyinQuery(text), PERSON_NAME_CODES);
  return { text: `SELECT DISTINCT m."doc" / 64 AS "id" FROM (${rows.text}) m`, params: rows.params };
}

/** Best match of an object, as one number (MIN of it per object): rank, then src, then doc, the lowest first. Docs stay below 2^40 (ids below 2^34). */
const DOC_SPAN = 2 ** 40;
const RANK_SPAN = 4 * DOC_SPAN;

/**
 * One statement for a page of search: every matching row ranked (0 exact name, 1 name prefix or
 * the initials of a name, 2 anything else), one row per object (its best rank, the first found
 * among equals, kept as one number so one GROUP BY picks it), counted, and the page cut from them
 * in order of rank, type and id with LIMIT and OFFSET, where listWindow puts it (for `last`, from
 * the count), so that the engine sorts only as far as the page. A first row (pos 0) carries the
 * total; the page's rows follow, numbered from 1. The engine sorts; the app holds a page.
 */
function rankedSql(search: SearchDialect, text: string, key: string | null, bounds: { from: number; to: number | null; size: number; last: boolean }): Sql {
  const lowered = text.toLowerCase();
  const rows = matchingSql(search, text, key, null);
  // Only names found by trigram, pinyin or initials carry a text: the lower-casing function is called for those alone.
  const body = search.lower(`m."body"`);
  // A pinyin field ranks against the pinyin reading of the query, every other field against the query.
  const needle = `CASE WHEN m."doc" % 8 = ${PINYIN_FIELD} THEN ? ELSE ? END`;
  // A gram ranks by its place in a name; any other text by what it reads.
  const rank =
    `CASE WHEN x."place" IS NOT NULL THEN (CASE WHEN x."doc" % 64 IN (${NAME_CODES}) THEN x."place" ELSE 2 END) ` +
    `WHEN x."body" IS NULL THEN 2 WHEN x."via" = 'initials' THEN (CASE WHEN x."lowered" = x."needle" THEN 1 ELSE 2 END) ` +
    `WHEN x."lowered" = x."needle" THEN 0 WHEN substr(x."lowered", 1, length(x."needle")) = x."needle" THEN 1 ELSE 2 END`;
  const withNeedle =
    `SELECT m."doc", m."src", m."via", m."place", m."body", CASE WHEN m."body" IS NOT NULL THEN ${body} END AS "lowered", ${needle} AS "needle", ${TYPE_OF.replace(/"doc"/g, `m."doc"`)} AS "type", ` +
    `CASE WHEN m."doc" % 64 = ${POSITION_TITLE} THEN (SELECT p."personId" FROM "position" p WHERE p."id" = m."doc" / 64) ELSE m."doc" / 64 END AS "id" ` +
    `FROM (${rows.text}) m`;
  const best = `SELECT x."type", x."id", MIN((${rank}) * ${RANK_SPAN} + x."src" * ${DOC_SPAN} + x."doc") AS "best" FROM (${withNeedle}) x WHERE x."id" IS NOT NULL GROUP BY x."type", x."id"`;
  const order = (t: string) => `${t}."best" / ${RANK_SPAN}, ${t}."type", ${t}."id"`;
  const to = bounds.to ?? Number.MAX_SAFE_INTEGER;
  // listWindow's arithmetic: `first` needs no count; `last` ends at the count (or `to`) and goes back `size`, not before `from`.
  const window = bounds.last
    ? {
        with:
          `, "e" AS (SELECT CASE WHEN c."total" < ? THEN c."total" ELSE ? END AS "end" FROM "c"), ` +
          `"w" AS (SELECT CASE WHEN e."end" < ? THEN ? ELSE e."end" END AS "end" FROM "e"), ` +
          `"s" AS (SELECT w."end", CASE WHEN w."end" - ? > ? THEN w."end" - ? ELSE ? END AS "start" FROM "w")`,
        params: [to, to, bounds.from, bounds.from, bounds.size, bounds.from, bounds.size, bounds.from],
        limit: `(SELECT s."end" - s."start" FROM "s")`,
        offset: `(SELECT s."start" FROM "s")`,
      }
    : { with: "", params: [], limit: String(Math.max(0, Math.min(to, bounds.from + bounds.size) - bounds.from)), offset: String(bounds.from) };
  // What the page's hits show is read for them alone: the initials or pinyin a person was found by (other texts: snippets).
  const doc = `h."best" % ${DOC_SPAN}`;
  const src = `(h."best" / ${DOC_SPAN}) % 4`;
  const page =
    `SELECT ROW_NUMBER() OVER (ORDER BY ${order("h")}) AS "pos", ${doc} AS "doc", CASE ${src} WHEN ${SRC.initials} THEN 'initials' WHEN ${SRC.prefix} THEN 'prefix' ELSE 'text' END AS "via", ` +
    `CASE ${src} WHEN ${SRC.initials} THEN (SELECT p."nameInitials" FROM "person" p WHERE p."id" = ${doc} / 64) ` +
    `WHEN ${SRC.prefix} THEN (SELECT p."namePinyinKey" FROM "person" p WHERE p."id" = ${doc} / 64) END AS "body", ` +
    `h."type", h."id", h."best" / ${RANK_SPAN} AS "rank", NULL AS "total" ` +
    `FROM (SELECT g."type", g."id", g."best" FROM "g" ORDER BY ${order("g")} LIMIT ${window.limit} OFFSET ${window.offset}) h`;
  return {
    text:
      `WITH "g" AS MATERIALIZED (${best}), "c" AS (SELECT COUNT(*) AS "total" FROM "g")${window.with} ` +
      `SELECT 0 AS "pos", NULL AS "doc", NULL AS "via", NULL AS "body", NULL AS "type", NULL AS "id", NULL AS "rank", c."total" FROM "c" UNION ALL ${page} ORDER BY 1`,
    params: [key ?? lowered, lowered, ...rows.params, ...window.params],
  };
}

/** A row of rankedSql (its numbers may come as strings: PostgreSQL's driver answers a bigint so). */
interface RankedRow {
  doc: number;
  via: "text" | "prefix" | "initials";
  /** The initials or pinyin a person was found by; null otherwise. */
  body: string | null;
  /** Place in TYPE_ORDER. */
  type: number;
  id: number;
  rank: number;
  /** 0: the row that carries the total; 1, 2, …: the page's rows in order. */
  pos: number;
  total: number;
}

function hitOf(row: RankedRow, lowered: string, key: string | null): SearchHit {
  const { kind, field } = decodeDoc(Number(row.doc));
  const needle = field === "namePinyin" && key ? key : lowered;
  return {
    type: TYPE_ORDER[row.type],
    id: Number(row.id),
    matchedField: kind === "Position" ? MatchedField.POSITIONS_TITLE : MATCHED_FIELD[field],
    rank: Number(row.rank),
    doc: Number(row.doc),
    body: row.body,
    mark: row.via === "initials" && row.body !== null ? row.body : needle,
  };
}

/** The display pinyin of every pinyin source, as (doc, text) rows for the ids bound as one parameter (keysParam) each. */
const displayPinyin = (d: Dialect) =>
  (Object.entries(PINYIN_OF) as [IndexKind, { table: string; display: string }][]).map(
    ([kind, source]) =>
      `SELECT "id" * 64 + ${docId(kind, 0, "namePinyin")} AS "doc", "${source.display}" AS "body" FROM "${source.table}" WHERE ${d.inKeys(`"id"`)}`,
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
    const ids = (kind: IndexKind) =>
      db.dialect.keysParam(
        pinyin
          .map((h) => decodeDoc(h.doc))
          .filter((d) => d.kind === kind)
          .map((d) => d.refId),
      );
    const d = db.dialect;
    const found = await db.rows<{ doc: number; body: string | null }>(
      [`SELECT "keys"."key" AS "doc", ${d.search.body(`"keys"."key"`)} AS "body" FROM ${d.keyTable()}`, ...displayPinyin(d)].join(" UNION ALL "),
      [d.keysParam(unread), ...(Object.keys(PINYIN_OF) as IndexKind[]).map(ids)],
    );
    for (const f of found) if (f.body !== null) texts.set(Number(f.doc), String(f.body));
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

/** A page of search's results, best first, with their snippets (what a worker thread answers: src/services/slow-tasks.ts). */
export async function searchPage(db: SqlReader, query: string, page: ConnectionArgs): Promise<{ edges: SearchEdge[]; totalCount: number; pageInfo: PageInfo }> {
  const bounds = listBounds(page);
  const text = queryText(query);
  const key = text ? pinyinQuery(text) : null;
  const statement = text ? rankedSql(db.dialect.search, text, key, bounds) : null;
  const rows = statement ? await db.rows<RankedRow>(statement.text, statement.params) : [];
  const totalCount = rows.length ? Number(rows[0].total) : 0;
  const { start, hasNextPage, hasPreviousPage } = listWindow(totalCount, page);
  const lowered = text.toLowerCase();
  // rankedSql cut the window listWindow describes: its rows are the page, from `start` on.
  const hits = rows.filter((r) => Number(r.pos) > 0).map((r) => hitOf(r, lowered, key));
  const texts = await snippets(db, hits);
  const edges = hits.map((h, i) => ({ cursor: positionCursor(start + i), type: h.type, id: h.id, matchedField: h.matchedField, snippet: texts[i] }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: edges.length ? edges[0].cursor : null,
      endCursor: edges.length ? edges[edges.length - 1].cursor : null,
    },
  };
}
