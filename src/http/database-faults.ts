import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import type { Context } from "../context";
import { databaseFault } from "../db/engine";
import { serviceUnavailable } from "../errors";
import { log } from "../log";
import { RETRY_AFTER_SECONDS } from "../services/write";

// A read the database could not answer (PostgreSQL down or restarting, no connection slot, a SQLite
// I/O error) is the client's 503 SERVICE_UNAVAILABLE with Retry-After, as a refused write is: the
// request may be sent again later. It is not a bug of ours, so it is not INTERNAL_SERVER_ERROR.

/** What a client is told of `error` if a database fault caused it (null for anything else). */
export function faultAnswer(error: unknown): { message: string; retryAfter: number } | null {
  const fault = databaseFault(error);
  return fault === null ? null : answerFor(fault);
}

/** The message and Retry-After for the database busy (a lock held elsewhere, no connection slot) or failing. */
function answerFor(fault: "busy" | "failing"): { message: string; retryAfter: number } {
  const retryAfter = RETRY_AFTER_SECONDS[fault];
  const message = fault === "busy" ? `the database is busy; try again in ${retryAfter} s` : `the database is unavailable; try again in ${retryAfter} s`;
  return { message, retryAfter };
}

/** The formatted error for `error` if a database fault caused it, else null. */
export function formatDatabaseFault(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError | null {
  const answer = faultAnswer((error as GraphQLError | undefined)?.originalError ?? error);
  if (answer === null) return null;
  return { message: answer.message, locations: formatted.locations, path: formatted.path, extensions: { code: "SERVICE_UNAVAILABLE" } };
}

/**
 * `error` as the client's 503 if it is a database fault, or a read that had no answer by the
 * request's deadline (TIMEOUT: the database busy, as behind another session's lock), thrown where
 * Apollo sets the status from the error itself, as when building the request's context; anything
 * else as it is.
 */
export function unavailableIfDatabaseFault(error: unknown): unknown {
  const timedOut = error instanceof GraphQLError && error.extensions.code === "TIMEOUT";
  const answer = timedOut ? answerFor("busy") : faultAnswer(error);
  if (answer === null) return error;
  log("warn", "the database did not answer", { error });
  return serviceUnavailable(answer.message, answer.retryAfter);
}

/**
 * A request that met a database fault answers HTTP 503 with Retry-After, unless one of its writes
 * committed: then, as for a refused write, it answers 200 and only the failed fields say so.
 */
export function databaseFaultsAnswer503(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      let retryAfter = 0;
      return {
        async didEncounterErrors({ errors, request }) {
          for (const error of errors) {
            const fault = databaseFault(error.originalError);
            if (fault === null) continue;
            if (retryAfter === 0)
              log("warn", "the database did not answer", { requestId: contextValue.requestId, operation: request.operationName, error: error.originalError });
            retryAfter = Math.max(retryAfter, RETRY_AFTER_SECONDS[fault]);
          }
        },
        async willSendResponse({ response }) {
          if (retryAfter === 0 || contextValue.wrote) return;
          response.http.status = 503;
          response.http.headers.set("retry-after", String(retryAfter));
        },
      };
    },
  };
}
