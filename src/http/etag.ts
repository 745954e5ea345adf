import etag from "etag";
import type { RequestHandler } from "express";

/**
 * A weak ETag on the answers to queries sent by GET, so that a client holding an answer can ask
 * again with If-None-Match and get 304 Not Modified, without the body, when nothing changed
 * (Express answers 304 itself once the header is set). The app sets no ETag on other answers
 * (src/server.ts): a POST is never revalidated, and hashing every body cost the busy pages time.
 */
export const etagForGet: RequestHandler = (req, res, next) => {
  if (req.method !== "GET") return next();
  const send = res.send.bind(res);
  res.send = (body?: unknown) => {
    if (res.statusCode === 200 && typeof body === "string") {
      res.set("ETag", etag(body, { weak: true }));
      // Apollo picks the content type from Accept; the same body under another type is another answer.
      res.vary("Accept");
    }
    return send(body);
  };
  next();
};
