import cors from "cors";
import type { RequestHandler } from "express";
import type { CorsOrigins } from "../config";

/** Headers browsers may send cross-origin: JSON bodies, bearer tokens, Apollo's CSRF and client headers, our request ids, revalidation. */
export const CORS_REQUEST_HEADERS = [
  "content-type",
  "authorization",
  "apollo-require-preflight",
  "x-apollo-operation-name",
  "apollographql-client-name",
  "apollographql-client-version",
  "x-request-id",
  "if-none-match",
];

/** Headers a cross-origin page may read: the request id (to quote in a report) and the ETag of GET queries. */
export const CORS_EXPOSED_HEADERS = ["x-request-id", "etag"];

/** How long a browser may keep a preflight's answer (seconds); browsers cap it lower themselves (Chromium: 2 hours). */
export const CORS_MAX_AGE = 86_400;

/**
 * CORS for single-page apps on other origins. Writes authenticate with a bearer token, never a
 * cookie, so any origin may read by default without credentials, as GitHub's public API allows:
 * a page elsewhere gains nothing a script with the token could not do anyway. CORS_ORIGINS
 * restricts it to exact origins, or turns it off (null: no middleware).
 */
export function corsFor(origins: CorsOrigins): RequestHandler | null {
  if (origins === "none") return null;
  return cors({
    // "*" answers every origin alike; a list answers a listed origin with its own name (and Vary: Origin).
    origin: origins === "*" ? "*" : origins,
    methods: ["GET", "POST"],
    allowedHeaders: CORS_REQUEST_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    credentials: false,
    maxAge: CORS_MAX_AGE,
  });
}
