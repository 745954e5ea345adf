import etag from "etag";
import fresh from "fresh";
import type { IncomingMessage, ServerResponse } from "http";

/**
 * A weak ETag on the answers to queries sent by GET, so that a client holding an answer can ask
 * again with If-None-Match and get 304 Not Modified, without the body, when nothing changed.
 * Sets the ETag (and Vary: Accept: Apollo picks the content type from Accept, and the same body
 * under another type is another answer); true when the client's copy is current, and then the
 * status is 304 and the body's headers are gone: the caller ends the response without the body.
 * No ETag on other answers: a POST is never revalidated, and hashing every body costs the busy
 * pages time (a SHA-1 of a 40 KB delegates page is about 60 µs).
 */
export function notModifiedGet(req: IncomingMessage, res: ServerResponse, body: string): boolean {
  if (req.method !== "GET" || res.statusCode !== 200) return false;
  const tag = etag(body, { weak: true });
  res.setHeader("ETag", tag);
  const vary = res.getHeader("Vary"); // CORS may have set Vary: Origin
  res.setHeader("Vary", vary ? `${String(vary)}, Accept` : "Accept");
  if (!fresh(req.headers, { etag: tag })) return false;
  res.statusCode = 304;
  for (const name of ["Content-Type", "Content-Length", "Transfer-Encoding"]) res.removeHeader(name);
  return true;
}
