import { DataSource } from "typeorm";
import { containsPattern, LIKE_ESCAPE } from "./like";

export type SearchType = "Person" | "Organisation" | "Honour" | "Proposal";

export interface SearchHit {
  type: SearchType;
  id: number;
  /** Which field matched, e.g. "name", "namePinyin", "biography". */
  matchedField: string;
  /** The matched text, shortened around the match. */
  snippet: string;
  /** 0 exact name, 1 name prefix, 2 anywhere else: lower ranks first. */
  rank: number;
}

interface Target {
  type: SearchType;
  table: string;
  /** Searchable columns, best first; the first matching one is reported. */
  fields: { column: string; name: string; normalise?: (q: string) => string }[];
}

const pinyinKey = (q: string) => q.toLowerCase().replace(/\s+/g, "");

const TARGETS: Target[] = [
  {
    type: "Person",
    table: "person",
    fields: [
      { column: "name", name: "name" },
      { column: "namePinyinKey", name: "namePinyin", normalise: pinyinKey },
      { column: "nameInitials", name: "namePinyin", normalise: pinyinKey },
      { column: "biography", name: "biography" },
    ],
  },
  { type: "Organisation", table: "organisation", fields: [{ column: "name", name: "name" }] },
  { type: "Honour", table: "honour", fields: [{ column: "name", name: "name" }, { column: "nameEn", name: "nameEn" }] },
  {
    type: "Proposal",
    table: "proposal",
    fields: [{ column: "title", name: "title" }, { column: "summary", name: "summary" }, { column: "topic", name: "topic" }],
  },
];

export const SNIPPET_RADIUS = 20;

export function snippetAround(text: string, needle: string): string {
  const at = text.toLowerCase().indexOf(needle.toLowerCase());
  if (at < 0 || text.length <= SNIPPET_RADIUS * 2 + needle.length) return text;
  const start = Math.max(0, at - SNIPPET_RADIUS);
  const end = Math.min(text.length, at + needle.length + SNIPPET_RADIUS);
  return `${start > 0 ? "…" : ""}${text.slice(start, end)}${end < text.length ? "…" : ""}`;
}

/**
 * Substring search over people, organisations, honours and proposals: exact name matches first,
 * then name prefixes, then the rest. The one entry point resolvers call; a later issue puts
 * FTS5 and pinyin behind the same signature.
 */
export async function search(ds: DataSource, query: string): Promise<SearchHit[]> {
  const q = query.trim();
  const hits: SearchHit[] = [];
  for (const target of TARGETS) {
    const seen = new Set<number>();
    for (const field of target.fields) {
      const needle = field.normalise ? field.normalise(q) : q;
      if (!needle) continue;
      const rows: { id: number; value: string }[] = await ds.query(
        `SELECT id, "${field.column}" AS value FROM "${target.table}" WHERE "${field.column}" LIKE ? ${LIKE_ESCAPE}`,
        [containsPattern(needle)],
      );
      for (const row of rows) {
        if (seen.has(row.id)) continue;
        seen.add(row.id);
        const value = String(row.value);
        const isName = field.name === "name" || field.name === "namePinyin" || field.name === "title";
        const lower = value.toLowerCase();
        const rank = isName && lower === needle.toLowerCase() ? 0 : isName && lower.startsWith(needle.toLowerCase()) ? 1 : 2;
        hits.push({ type: target.type, id: row.id, matchedField: field.name, snippet: snippetAround(value, needle), rank });
      }
    }
  }
  const typeOrder = TARGETS.map((t) => t.type);
  return hits.sort((a, b) => a.rank - b.rank || typeOrder.indexOf(a.type) - typeOrder.indexOf(b.type) || a.id - b.id);
}
