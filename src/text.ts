/**
 * The rules for text the directory stores, shared by the mutations (src/validation.ts), the CSV
 * import (src/services/delegate-csv.ts) and the seed loader (seeds/validate.ts), so that a name
 * means the same whichever way it came in.
 */

/** A UTF-16 half with no partner: not a character, and no UTF-8 can hold it. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
/** Control characters; tab, line feed and carriage return are layout in free text. */
const CONTROL = /[\p{Cc}]/u;
const CONTROL_IN_FREE_TEXT = /[^\P{Cc}\t\n\r]/u;
/** Whitespace, the controls that are whitespace (tab, line breaks) included. */
const WHITESPACE = /\s+/g;
/**
 * Characters Unicode says render as nothing (Default_Ignorable_Code_Point: zero-width spaces and
 * joiners, bidi controls, BOM, soft hyphen, Hangul fillers …) and other format characters.
 */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}]/gu;
/** Variation selectors are invisible too, but choose the glyph of the character before (CJK ideographic variants). */
const VARIATION_SELECTOR = /^[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]$/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

/** A lone surrogate in `text`, said in words, or null. */
export function surrogateProblem(text: string): string | null {
  const surrogate = LONE_SURROGATE.exec(text);
  return surrogate ? `contains a lone surrogate ${codePoint(surrogate[0])}, which is not text` : null;
}

/** Why `text` cannot be stored at all (free text: a biography, a quote, a note), or null. */
export function textProblem(text: string): string | null {
  const surrogate = surrogateProblem(text);
  if (surrogate) return surrogate;
  const control = CONTROL_IN_FREE_TEXT.exec(text);
  if (control) return `contains the control character ${codePoint(control[0])}`;
  return null;
}

export type Cleaned = { value: string; problem?: undefined } | { value?: undefined; problem: string };

/**
 * Identifying text (names of people, organisations, honours and congresses; titles; delegations)
 * as it is stored and compared: NFC, invisible characters taken out, runs of whitespace one space,
 * no space at either end. Refused: lone surrogates, control characters other than whitespace, and
 * text with no letter or digit left. `王\u200b宝刚` is then 王宝刚, not a look-alike second person.
 */
export function cleanName(text: string): Cleaned {
  const surrogate = surrogateProblem(text);
  if (surrogate) return { problem: surrogate };
  const control = CONTROL.exec(text.replace(WHITESPACE, " "));
  if (control) return { problem: `contains the control character ${codePoint(control[0])}` };
  if (!text.trim()) return { problem: "must not be blank" };
  // Invisible characters go before NFC: one between a letter and its accent would keep them apart.
  const value = text
    .replace(INVISIBLE, (c) => (VARIATION_SELECTOR.test(c) ? c : ""))
    .normalize("NFC")
    .replace(WHITESPACE, " ")
    .trim();
  if (!LETTER_OR_DIGIT.test(value)) return { problem: "has no letter or digit once invisible characters are taken out" };
  return { value };
}

/** Longest link kept: what browsers and image services reliably accept. */
export const MAX_URL_LENGTH = 2048;

/**
 * A link the directory hands to browsers (a person's photo, a document's address): an absolute
 * `http:` or `https:` URL with a host, stored in the WHATWG parser's form, so what is kept is
 * exactly what a browser will follow. Refused: any other scheme (`javascript:`, `data:` …), a
 * relative or unparsable URL, a user name or password in it, control characters (the parser
 * would silently drop tabs and line breaks: `java\tscript:`), and links over MAX_URL_LENGTH.
 */
export function cleanUrl(text: string): Cleaned {
  const surrogate = surrogateProblem(text);
  if (surrogate) return { problem: surrogate };
  const control = CONTROL.exec(text);
  if (control) return { problem: `contains the control character ${codePoint(control[0])}` };
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { problem: "is not an absolute URL (https://…)" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { problem: `must be an http: or https: URL, not ${url.protocol}` };
  if (!url.hostname) return { problem: "must name a host" };
  if (url.username || url.password) return { problem: "must not carry a user name or password" };
  if (url.href.length > MAX_URL_LENGTH) return { problem: `is longer than ${MAX_URL_LENGTH} characters` };
  return { value: url.href };
}
