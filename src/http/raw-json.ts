import { randomBytes } from "crypto";

/**
 * JSON text placed in an answer as it is (a page of people the database wrote: src/services/node-json.ts).
 * Node 20 has no JSON.rawJSON, so JSON.stringify writes a mark in its place, which stringifyResult
 * then replaces with the text. The mark holds a random part drawn at start, so that no string a
 * client stores can be taken for one.
 */
const MARK = `raw-json:${randomBytes(12).toString("hex")}:`;
const MARKS = new RegExp(`"${MARK}([0-9]+)"`, "g");

/** The texts of the RawJson values met by the JSON.stringify under way (it runs to its end synchronously). */
const pending: string[] = [];

export class RawJson {
  constructor(readonly text: string) {}

  toJSON(): string {
    pending.push(this.text);
    return `${MARK}${pending.length - 1}`;
  }
}

/** JSON.stringify(result), with each RawJson's text in its place. */
export function stringifyResult(result: unknown): string {
  try {
    const text = JSON.stringify(result);
    return pending.length === 0 ? text : text.replace(MARKS, (_, index: string) => pending[Number(index)]);
  } finally {
    pending.length = 0;
  }
}
