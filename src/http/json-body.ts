import { parse as parseContentType } from "content-type";
import type { IncomingMessage } from "http";
import iconv from "iconv-lite";
import type { Readable, Transform } from "stream";
import zlib from "zlib";

/** Largest request body accepted, after decompression, in bytes (413 above it). */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Why a body was refused: src/http/errors.ts answers by `type` (body-parser's names) or else by `status`. */
export class BodyError extends Error {
  constructor(
    readonly type: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The body as JavaScript; undefined when the request has none or it is not JSON (Apollo then says what it needs). */
export type BodyDone = (error: BodyError | null, body?: unknown) => void;

const zstd = (zlib as { createZstdDecompress?: () => Transform }).createZstdDecompress;
/** By Content-Encoding (a Map: a client's "constructor" or "__proto__" must find nothing). */
const decompressors = new Map<string, () => Transform>([
  ["deflate", () => zlib.createInflate()],
  ["gzip", () => zlib.createGunzip()],
  ["br", () => zlib.createBrotliDecompress()],
  ...(zstd ? [["zstd", () => zstd.call(zlib)] as [string, () => Transform]] : []),
]);

/**
 * Reads a POSTed JSON body, with the answers body-parser's `json({ limit })` gave (the tests in
 * tests/http.test.ts and tests/json-body.test.ts hold them): a body only for `application/json`;
 * a UTF charset (UTF-8 when none is named; others 415, before the body is read where body-parser
 * read it first); gzip, deflate, br (and zstd where Node has it) decompressed, other encodings 415;
 * over `limit` bytes 413, answered once the rest has been read; an object or array, `{}` for an
 * empty body, else 400.
 * body-parser's generality (a raw-body reader, an async resource and a decoder per request) was a
 * fixed cost on every request: with this reader `{ __typename }` ran at 1.03-1.10× its requests per
 * second in A/B runs, the profile page at 1.00-1.06× (rounds on both sides of 1; bench/README.md,
 * "The request body read without body-parser").
 */
export function readJsonBody(req: IncomingMessage, limit: number, done: BodyDone): void {
  const headers = req.headers;
  const declared = Number(headers["content-length"] ?? NaN);
  // No body at all (neither a length nor chunks), or not JSON: nothing to read.
  if (headers["transfer-encoding"] === undefined && Number.isNaN(declared)) return done(null, undefined);
  const type = headers["content-type"];
  const media = type === "application/json" ? null : type === undefined ? undefined : parseContentType(type);
  if (media === undefined || (media !== null && media.type !== "application/json")) return done(null, undefined);
  const charset = (media?.parameters.charset || "utf-8").toLowerCase();
  const utf8 = charset === "utf-8";
  if (!utf8 && !(charset.startsWith("utf-") && iconv.encodingExists(charset))) {
    return done(new BodyError("charset.unsupported", 415, `unsupported charset "${charset.toUpperCase()}"`));
  }
  const encoding = (headers["content-encoding"] || "identity").toLowerCase();
  const decompress = encoding === "identity" ? null : decompressors.get(encoding);
  if (decompress === undefined) return done(new BodyError("encoding.unsupported", 415, `unsupported content encoding "${encoding}"`));

  let inflating: Transform | null = null;
  let finished = false;
  let refused: BodyError | null = null;
  const chunks: Buffer[] = [];
  let received = 0;
  /** Stops decompressing; true if it was. The request's own bytes then flow to whoever reads them. */
  const stopInflating = () => {
    if (!inflating) return false;
    req.unpipe(inflating);
    inflating.destroy();
    inflating = null;
    return true;
  };
  const finish = (error: BodyError | null, body?: unknown) => {
    if (finished) return;
    finished = true;
    // A compressed body can end before the request does (bytes after a deflate or br stream): the
    // rest is read and dropped, or the connection would stall on it.
    if (stopInflating()) req.resume();
    done(error, body);
  };
  // A refused body is read to its end before the answer (as body-parser did), so the connection stays usable.
  const refuse = (error: BodyError) => {
    if (refused || finished) return;
    refused = error;
    chunks.length = 0;
    stopInflating();
    if (req.complete) return finish(error);
    req.on("end", () => finish(error));
    req.resume();
  };
  if (encoding === "identity" && declared > limit) return refuse(new BodyError("entity.too.large", 413, "request entity too large"));

  let source: Readable = req;
  if (decompress) {
    const stream = (inflating = decompress());
    // A body that does not decompress is the client's error (its rest read, as for one too large);
    // a request cut off in its body frees the decompressor.
    stream.on("error", () => refuse(new BodyError("encoding.invalid", 400, "the request body does not decompress")));
    req.on("error", () => stream.destroy());
    source = req.pipe(stream);
  }
  source.on("data", (chunk: Buffer) => {
    if (refused) return;
    received += chunk.length;
    if (received > limit) return refuse(new BodyError("entity.too.large", 413, "request entity too large"));
    chunks.push(chunk);
  });
  source.on("end", () => {
    if (refused) return;
    const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received);
    let text: string;
    if (utf8) {
      text = bytes.toString("utf8");
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    } else text = iconv.decode(bytes, charset);
    let body: unknown;
    try {
      body = parseStrict(text);
    } catch {
      return finish(new BodyError("entity.parse.failed", 400, "invalid JSON"));
    }
    finish(null, body);
  });
  // A request cut off in its body gets no answer (none could reach its client) and runs nothing:
  // `end` never comes, and the request with its listeners is collected (Node emits no `error` on a
  // request without a listener for it; a compressed one has one, which frees its decompressor).
}

/** JSON.parse of an object or array only (body-parser's strict mode); `{}` for nothing. */
function parseStrict(text: string): unknown {
  if (text.length === 0) return {};
  let at = 0;
  // JSON's whitespace: space, tab, line feed, carriage return.
  while (at < text.length && " \t\n\r".includes(text[at])) at++;
  if (text[at] !== "{" && text[at] !== "[") throw new SyntaxError("not an object or array");
  return JSON.parse(text);
}
