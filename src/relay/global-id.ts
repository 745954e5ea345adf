import { badInput } from "../errors";

/** Object types that implement Node; a global id names one of them. */
export const NODE_TYPES = [
  "Person",
  "Organisation",
  "Honour",
  "Award",
  "Proposal",
  "Congress",
  "SourceDocument",
  "Position",
  "Seat",
  "AuditEntry",
  "Statistic",
] as const;
export type NodeTypeName = (typeof NODE_TYPES)[number];

/**
 * `Type:key` in base64. The text is ASCII, so btoa's Latin-1 base64 is the same as of the UTF-8
 * bytes; it is faster than Buffer.from(…).toString("base64"), and every page encodes an id for
 * each of its nodes.
 */
export function toGlobalId(type: NodeTypeName, id: number): string {
  return encodeGlobalId(`${type}:${id}`);
}

/** A global id of its text, `Type:key` (ASCII), as the database writes it (src/services/node-json.ts). */
export function encodeGlobalId(text: string): string {
  return btoa(text);
}

const TYPE_NAMES: ReadonlySet<string> = new Set(NODE_TYPES);

/**
 * The text of base64 (already checked to hold its alphabet alone): atob, twice as fast as
 * Buffer's decoder, which reads ids a page of people holds (src/http/node-splice.ts). atob refuses
 * padding Buffer accepts ("…E=="); those go to Buffer, so every id decodes as it always did. Bytes
 * past ASCII read differently (Latin-1, UTF-8), and no id holds any.
 */
function base64Text(text: string): string {
  try {
    return atob(text);
  } catch {
    return Buffer.from(text, "base64").toString("utf8");
  }
}

/** Decodes a global id; null when it is not one of ours (callers decide whether that is an error). */
export function fromGlobalId(globalId: string): { type: NodeTypeName; id: number } | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(globalId)) return null;
  const m = /^([A-Za-z]+):([1-9][0-9]{0,15})$/.exec(base64Text(globalId));
  if (!m || !TYPE_NAMES.has(m[1])) return null;
  const id = Number(m[2]);
  return Number.isSafeInteger(id) ? { type: m[1] as NodeTypeName, id } : null;
}

/** Decodes an id argument that must name a `type`; anything else is the caller's mistake. */
export function expectGlobalId(globalId: string, type: NodeTypeName, field: string): number {
  const decoded = fromGlobalId(globalId);
  if (!decoded || decoded.type !== type) {
    throw badInput(`${field}: "${globalId}" is not a ${type} id`, field);
  }
  return decoded.id;
}
