import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, GraphQLFormattedError } from "graphql";
import type { Context } from "../context";
import { log } from "../log";

/** Codes the client may see as they are; anything else is an internal fault and is masked. */
const CLIENT_CODES = new Set([
  "BAD_USER_INPUT", "GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_REQUEST", "UNAUTHENTICATED", "FORBIDDEN",
  "QUERY_TOO_COMPLEX", "RATE_LIMITED", "TIMEOUT", "SERVICE_UNAVAILABLE", "PERSISTED_QUERY_NOT_FOUND", "PERSISTED_QUERY_NOT_SUPPORTED", "OPERATION_RESOLUTION_FAILURE",
]);

/** graphql-js's own message (sic) when a document has more tokens than MAX_TOKENS. */
const TOO_MANY_TOKENS = /^Syntax Error: Document contains more that (\d+) tokens/;

/**
 * Shapes every error the client sees: typed `extensions.code`, the field at fault for bad input,
 * and no internals (messages of unexpected errors and all stack traces stay in the server log).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  // Apollo re-labels validation errors GRAPHQL_VALIDATION_FAILED; a limit's own code wins.
  const original = (error as GraphQLError)?.originalError as GraphQLError | undefined;
  if (original?.extensions?.code === "QUERY_TOO_COMPLEX") {
    return { message: original.message, locations: formatted.locations, extensions: { code: "QUERY_TOO_COMPLEX", limit: original.extensions.limit } };
  }
  const tokens = TOO_MANY_TOKENS.exec(formatted.message);
  if (tokens) {
    return { message: `tokens: the document has more than ${tokens[1]} tokens`, extensions: { code: "QUERY_TOO_COMPLEX", limit: "tokens" } };
  }
  const code = formatted.extensions?.code as string | undefined;
  if (code && CLIENT_CODES.has(code)) {
    const { stacktrace: _stack, http: _http, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  log("error", "internal error", { error: error instanceof Error ? (error as GraphQLError).originalError ?? error : String(error), path: formatted.path });
  return { message: "Internal server error", locations: formatted.locations, path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
}

/** Masked errors carry the request id, so a report from a client can be found in the server log. */
export function internalErrorsCarryRequestId(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            if (!error.extensions?.code || error.extensions.code === "INTERNAL_SERVER_ERROR") {
              log("error", "request failed", { requestId: contextValue.requestId, error: error.originalError ?? error });
            }
          }
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== "single") return;
          for (const error of response.body.singleResult.errors ?? []) {
            if (error.extensions?.code === "INTERNAL_SERVER_ERROR") (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
          }
        },
      };
    },
  };
}
