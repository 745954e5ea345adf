import { DataSource } from "typeorm";
import { decodeDoc, docId, IndexField, IndexKind } from "./index-layout";
import { pinyinKey } from "./pinyin";

export type SearchType = "Person" | "Organisation" | "Honour" | "Proposal";

export interface SearchHit {
  type: SearchType;
  id: number;
  /** Which field matched: name, namePinyin, biography, nameEn, title, summary, topic, positions.title. */
  matchedField: string;
  /** The matched text, shortened around the match. */
  snippet: string;
  /** 0 exact name, 1 name prefix (or pinyin initials), 2 anywhere else: lower ranks first. */
  rank: number;
}

const TYPE_ORDER: SearchType[] = ["Person", "Organisation", "Honour", "Proposal"];
export const SNIPPET_RADIUS = 20;

export function snippetAround(text: string, needle: string): string {
  const at = text.toLowerCase().indexOf(needle.toLowerCase());
  if (text.length <= SNIPPET_RADIUS * 2 + needle.length) return text;
  if (at < 0) return text.slice(0, SNIPPET_RADIUS * 2) + "…";
  const start = Math.max(0, at - SNIPPET_RADIUS);
  const end = Math.min(text.length, at + needle.length + SNIPPET_RADIUS);
  return `${start > 0 ? "…" : ""}${text.slice(start, end)}${end < text.length ? "…" : ""}`;
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
  body: string;
  /** How it was found: the text itself, or the pinyin initials of a name. */
  via: "text" | "initials";
}

/** Prefix match on an indexed column, as a range so the B-tree index serves it. */
function prefixRange(prefix: string): [string, string] {
  return [prefix, prefix + "\uffff"];
}

/** Rows of the search index matching `text`: trigram FTS from three characters, the gram table below that. */
async function textRows(ds: DataSource, text: string): Promise<Row[]> {
  const rows: { doc: number; body: string }[] =
    [...text].length >= 3
      ? await ds.query(`SELECT "rowid" AS doc, "body" FROM "search_text" WHERE "search_text" MATCH ?`, [phrase(text)])
      : await ds.query(
          `SELECT t."rowid" AS doc, t."body" FROM "search_gram" g JOIN "search_text" t ON t."rowid" = g."doc" WHERE g."gram" = ?`,
          [text.toLowerCase()],
        );
  return rows.map((r) => ({ doc: Number(r.doc), body: String(r.body), via: "text" }));
}

/** People whose pinyin starts with `key`, or whose initials start with it (wyl → 万雅丽). */
async function pinyinPrefixRows(ds: DataSource, key: string, withPinyinPrefix: boolean): Promise<Row[]> {
  const rows: Row[] = [];
  const initials: { id: number; initials: string }[] = await ds.query(
    `SELECT "id", "nameInitials" AS initials FROM "person" WHERE "nameInitials" >= ? AND "nameInitials" < ?`,
    prefixRange(key),
  );
  for (const r of initials) rows.push({ doc: docId("Person", Number(r.id), "namePinyin"), body: r.initials, via: "initials" });
  if (withPinyinPrefix) {
    const pinyin: { id: number; key: string }[] = await ds.query(
      `SELECT "id", "namePinyinKey" AS key FROM "person" WHERE "namePinyinKey" >= ? AND "namePinyinKey" < ?`,
      prefixRange(key),
    );
    for (const r of pinyin) rows.push({ doc: docId("Person", Number(r.id), "namePinyin"), body: r.key, via: "text" });
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

const SYLLABLES_OF: Partial<Record<IndexKind, { table: string; column: string }>> = {
  Person: { table: "person", column: "nameSortKey" },
  Organisation: { table: "organisation", column: "namePinyin" },
  Honour: { table: "honour", column: "namePinyin" },
};

/**
 * Trigram finds pinyin anywhere, also across syllables ("and" in "nian du"): keep only matches
 * that start at a syllable, as a person typing pinyin does.
 */
async function dropMidSyllablePinyin(ds: DataSource, rows: Row[], key: string | null) {
  const suspects = new Set(rows.filter((r) => r.via === "text" && decodeDoc(r.doc).field === "namePinyin"));
  if (!key || !suspects.size) return;
  const spaced = new Map<string, string>();
  for (const [kind, source] of Object.entries(SYLLABLES_OF) as [IndexKind, { table: string; column: string }][]) {
    const ids = [...new Set([...suspects].map((r) => decodeDoc(r.doc)).filter((d) => d.kind === kind).map((d) => d.refId))];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const found: { id: number; syllables: string }[] = await ds.query(
        `SELECT "id", "${source.column}" AS syllables FROM "${source.table}" WHERE "id" IN (${chunk.map(() => "?").join(", ")})`,
        chunk,
      );
      for (const f of found) spaced.set(`${kind}:${f.id}`, String(f.syllables).toLowerCase());
    }
  }
  const keep = rows.filter((r) => {
    if (!suspects.has(r)) return true;
    const { kind, refId } = decodeDoc(r.doc);
    const syllables = spaced.get(`${kind}:${refId}`);
    return syllables !== undefined && syllableAligned(syllables.replace(/ü/g, "v"), key);
  });
  rows.splice(0, rows.length, ...keep);
}

const NAME_FIELDS: Record<IndexKind, IndexField[]> = {
  Person: ["name", "namePinyin"],
  Organisation: ["name", "namePinyin"],
  Honour: ["name", "namePinyin", "nameEn"],
  Proposal: ["title"],
  Position: [],
};

function rankOf(row: Row, kind: IndexKind, field: IndexField, needle: string): number {
  const body = row.body.toLowerCase();
  if (row.via === "initials") return body === needle ? 1 : 2;
  if (!NAME_FIELDS[kind].includes(field)) return 2;
  return body === needle ? 0 : body.startsWith(needle) ? 1 : 2;
}

/**
 * Finds people, organisations, honours and proposals by any indexed text, in characters or pinyin.
 * Exact name matches first, then name prefixes (and pinyin initials), then the rest; ties by
 * type, then id. The query is literal text: no operator, quote or wildcard in it means anything.
 */
export async function search(ds: DataSource, query: string): Promise<SearchHit[]> {
  // Control characters (NUL included) are not text anyone searches for; FTS5 would choke on them.
  const text = query.replace(/[\u0000-\u001f\u007f]/g, " ").trim().replace(/\s+/g, " ");
  if (!text) return [];
  const key = pinyinQuery(text);
  const rows: Row[] = await textRows(ds, text);
  if (key) {
    if (key !== text.toLowerCase() && key.length >= 3) rows.push(...(await textRows(ds, key)));
    rows.push(...(await pinyinPrefixRows(ds, key, key.length < 3)));
  }

  await dropMidSyllablePinyin(ds, rows, key);

  // Position titles are found as their holders.
  const positionIds = [...new Set(rows.map((r) => decodeDoc(r.doc)).filter((d) => d.kind === "Position").map((d) => d.refId))];
  const holders = new Map<number, number>();
  for (let i = 0; i < positionIds.length; i += 500) {
    const chunk = positionIds.slice(i, i + 500);
    const found: { id: number; personId: number }[] = await ds.query(
      `SELECT "id", "personId" FROM "position" WHERE "id" IN (${chunk.map(() => "?").join(", ")})`,
      chunk,
    );
    for (const f of found) holders.set(Number(f.id), Number(f.personId));
  }

  const best = new Map<string, SearchHit>();
  for (const row of rows) {
    const { kind, refId, field } = decodeDoc(row.doc);
    const needle = field === "namePinyin" && key ? key : text.toLowerCase();
    const rank = rankOf(row, kind, field, needle);
    const type: SearchType = kind === "Position" ? "Person" : kind;
    const id = kind === "Position" ? holders.get(refId) : refId;
    if (id === undefined) continue;
    const hit: SearchHit = {
      type,
      id,
      matchedField: kind === "Position" ? "positions.title" : field,
      snippet: snippetAround(row.body, row.via === "initials" ? row.body : needle),
      rank,
    };
    const seen = best.get(`${type}:${id}`);
    if (!seen || hit.rank < seen.rank) best.set(`${type}:${id}`, hit);
  }
  return [...best.values()].sort((a, b) => a.rank - b.rank || TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type) || a.id - b.id);
}
