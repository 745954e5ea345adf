import etag from "etag";
import { RequestHandler, Router } from "express";
import { pipeline } from "stream/promises";
import type { Limits } from "../config";
import type { SlowReads } from "../db/slow-reads";
import { abandonment } from "./abandoned";
import { fromGlobalId } from "../relay/global-id";
import { popoloText } from "../services/popolo";
import type { SlowTasks } from "../services/slow-tasks";
import { log } from "../log";

function fail(res: import("express").Response, status: number, message: string, code: string) {
  res.status(status).json({ errors: [{ message, extensions: { code, field: code === "BAD_USER_INPUT" ? "congress" : undefined } }] });
}

/** Seconds a client refused for too many exports is asked to wait (Retry-After). */
export const EXPORT_RETRY_AFTER_S = 5;

/**
 * At most `limit` exports at once; one more answers 503 SERVICE_UNAVAILABLE with Retry-After. An
 * export holds its place until its response ends or its client goes away, so clients that read
 * slowly or not at all (each export waits for its socket) hold memory for `limit` exports at most.
 * A client that takes nothing for `idleMs` (up to twice that) is cut off, so stalled clients cannot hold every place for ever.
 */
function boundedExports({ exports: limit, exportIdleMs: idleMs }: Pick<Limits, "exports" | "exportIdleMs">): RequestHandler {
  let running = 0;
  return (_req, res, next) => {
    if (running >= limit) {
      res.set("Retry-After", String(EXPORT_RETRY_AFTER_S));
      return fail(res, 503, `${limit} exports are running, the most at once; try again in ${EXPORT_RETRY_AFTER_S} s`, "SERVICE_UNAVAILABLE");
    }
    running++;
    // Progress is bytes the kernel took: while the client reads nothing they stop. Checked once the
    // answer has begun (reading the directory before the first byte is not the client's doing).
    let written = -1;
    const idle = setInterval(() => {
      if (!res.headersSent) return;
      const now = res.socket?.bytesWritten ?? 0;
      if (now === written) res.destroy();
      written = now;
    }, idleMs).unref();
    res.once("close", () => {
      clearInterval(idle);
      running--;
    });
    next();
  };
}

/** Read-only exports: no token needed, like every read. At most MAX_EXPORTS run at once, each cut off after EXPORT_IDLE_TIMEOUT_MS without progress. */
export function exportRouter(slow: SlowReads<SlowTasks>, limits: Pick<Limits, "exports" | "exportIdleMs">): Router {
  const router = Router();
  router.use("/export", boundedExports(limits));

  router.get("/export/delegates.csv", async (req, res, next) => {
    try {
      const given = typeof req.query.congress === "string" ? req.query.congress : "";
      const id = given ? fromGlobalId(given) : null;
      if (!id || id.type !== "Congress") return fail(res, 400, "congress: give ?congress=<Congress id>", "BAD_USER_INPUT");
      // Read and formatted on a worker thread: a large congress is thousands of rows.
      const exported = await slow.run("delegatesCsv", [id.id], Infinity, abandonment(res)());
      if (!exported) return fail(res, 404, `congress: no Congress with id "${given}"`, "NOT_FOUND");
      const { congress, csv } = exported;
      res
        .type("text/csv; charset=utf-8")
        .set("Content-Disposition", `attachment; filename="delegates-${id.id}.csv"; filename*=UTF-8''${encodeURIComponent(`${congress.name}.csv`)}`)
        // The app sets no ETags (src/server.ts); a list fetched again unchanged is worth a 304.
        .set("ETag", etag(csv, { weak: true }))
        .send(csv);
    } catch (error) {
      next(error);
    }
  });

  // Streamed: memory stays bounded however large the directory. A failure of the first read
  // (before the first byte) is an error response; after it, it can only cut the response short
  // (pipeline destroys it), which no JSON parser accepts. So only the first read may be refused
  // for a full queue; the later ones wait for a thread.
  router.get("/export/popolo.json", async (_req, res, next) => {
    try {
      const abandoned = abandonment(res)();
      let begun = false;
      const text = await popoloText((listAt, sectionAt, after) => {
        const read = slow.run("popoloChunk", [listAt, sectionAt, after], Infinity, abandoned, begun);
        begun = true;
        return read;
      });
      res.type("application/json; charset=utf-8");
      await pipeline(text, res);
    } catch (error) {
      if (!res.headersSent) next(error);
      else if ((error as NodeJS.ErrnoException).code !== "ERR_STREAM_PREMATURE_CLOSE") log("error", "popolo export cut short", { error: String(error) });
    }
  });

  return router;
}
