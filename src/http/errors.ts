import type { ErrorRequestHandler, RequestHandler } from "express";
import { GraphQLError } from "graphql";
import type { ServerResponse } from "http";
import { log } from "../log";
import { endWithText } from "./body";
import { faultAnswer } from "./database-faults";

const BODY_ERRORS: Record<string, { status: number; message: string }> = {
  "entity.parse.failed": { status: 400, message: "The request body is not valid JSON" },
  "entity.too.large": { status: 413, message: "The request body is larger than the limit (1 MB)" },
  "charset.unsupported": { status: 415, message: "Unsupported charset; send UTF-8" },
  "encoding.unsupported": { status: 415, message: "Unsupported content encoding" },
};

/** Answers `body` as JSON with `status` (what Express's res.status().json() sends). */
function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  endWithText(res, text);
}

function send(res: ServerResponse, status: number, message: string, code: string) {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] });
}

/**
 * What a request that failed outside GraphQL (a bad body, a fault) answers: JSON in GraphQL's
 * error shape, never a stack. Used by the Express app's error handler and the /graphql route.
 */
export function answerHttpError(error: unknown, res: ServerResponse, requestId: string): void {
  const known = BODY_ERRORS[(error as { type?: string })?.type ?? ""];
  if (known) return send(res, known.status, known.message, known.status === 413 ? "PAYLOAD_TOO_LARGE" : "BAD_REQUEST");
  const status = (error as { status?: number })?.status;
  if (typeof status === "number" && status >= 400 && status < 500) return send(res, status, "Bad request", "BAD_REQUEST");
  if (error instanceof GraphQLError) {
    const { code, http } = error.extensions as { code?: string; http?: { status?: number; headers?: Map<string, string> } };
    // The client went away (an export's, while its read waited): nobody is there to answer.
    if (code === "CLIENT_CLOSED_REQUEST") return void res.destroy();
    // An error that says what to answer (a full slow-read queue: 503 with Retry-After), as Apollo answers it for a query.
    if (typeof code === "string" && typeof http?.status === "number") {
      for (const [name, value] of http.headers ?? []) res.setHeader(name, value);
      return send(res, http.status, error.message, code);
    }
  }
  const unavailable = faultAnswer(error);
  if (unavailable) {
    log("warn", "the database did not answer", { requestId, error });
    res.setHeader("Retry-After", String(unavailable.retryAfter));
    return send(res, 503, unavailable.message, "SERVICE_UNAVAILABLE");
  }
  log("error", "internal error", { requestId, error });
  send(res, 500, "Internal server error", "INTERNAL_SERVER_ERROR");
}

/** Anything Express itself rejects (bad body, unknown route) answers JSON in GraphQL's error shape, never a stack. */
export const httpErrorHandler: ErrorRequestHandler = (error, req, res, next) => {
  if (res.headersSent) return next(error);
  answerHttpError(error, res, req.id);
};

export const notFound: RequestHandler = (req, res) => send(res, 404, `No such endpoint: ${req.method} ${req.path}`, "NOT_FOUND");
