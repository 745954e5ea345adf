import { randomUUID } from "crypto";
import type { RequestHandler } from "express";
import type { IncomingMessage, ServerResponse } from "http";
import { log } from "../log";

declare module "express-serve-static-core" {
  interface Request {
    id: string;
  }
}

/**
 * Gives a request its id (the client's X-Request-Id if it is sane), echoes it, and logs the
 * request as one JSON line when its answer is sent. `path` is taken by the caller, before any
 * router rewrites req.url. Returns the id.
 */
export function trackRequest(req: IncomingMessage, res: ServerResponse, path: string): string {
  const given = req.headers["x-request-id"];
  const id = typeof given === "string" && /^[\w.:-]{1,64}$/.test(given) ? given : randomUUID();
  res.setHeader("X-Request-Id", id);
  const started = process.hrtime.bigint();
  res.on("finish", () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    log(res.statusCode >= 500 ? "error" : "info", "request", {
      requestId: id,
      method: req.method,
      path,
      status: res.statusCode,
      ms: Math.round(ms * 10) / 10,
    });
  });
  return id;
}

/**
 * trackRequest for the Express app's routes. The path is taken now: a router mounted on a path
 * strips it from req.url, and the response of a mounted handler finishes before the router puts it back.
 */
export const requestLog: RequestHandler = (req, res, next) => {
  req.id = trackRequest(req, res, req.path);
  next();
};
