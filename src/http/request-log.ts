import { randomUUID } from "crypto";
import type { RequestHandler } from "express";
import { log } from "../log";

declare module "express-serve-static-core" {
  interface Request {
    id: string;
  }
}

/** Gives every request an id (the client's X-Request-Id if it is sane), echoes it, and logs the request as one JSON line. */
export const requestLog: RequestHandler = (req, res, next) => {
  const given = req.get("x-request-id");
  req.id = given && /^[\w.:-]{1,64}$/.test(given) ? given : randomUUID();
  res.set("X-Request-Id", req.id);
  const started = process.hrtime.bigint();
  // Taken now: a router mounted on a path (/graphql) strips it from req.url, and the response of
  // a mounted handler finishes before the router puts it back (the log said "/" for every query).
  const path = req.path;
  res.on("finish", () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    log(res.statusCode >= 500 ? "error" : "info", "request", {
      requestId: req.id,
      method: req.method,
      path,
      status: res.statusCode,
      ms: Math.round(ms * 10) / 10,
    });
  });
  next();
};
