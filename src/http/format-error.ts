import { GraphQLFormattedError } from "graphql";

/** Codes the client may see as they are; anything else is an internal fault and is masked. */
const CLIENT_CODES = new Set([
  "BAD_USER_INPUT", "GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_REQUEST", "UNAUTHENTICATED", "FORBIDDEN",
  "QUERY_TOO_COMPLEX", "PERSISTED_QUERY_NOT_FOUND", "PERSISTED_QUERY_NOT_SUPPORTED", "OPERATION_RESOLUTION_FAILURE",
]);

/**
 * Shapes every error the client sees: typed `extensions.code`, the field at fault for bad input,
 * and no internals (messages of unexpected errors and all stack traces stay in the server log).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code as string | undefined;
  if (code && CLIENT_CODES.has(code)) {
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  console.error("internal error:", error);
  return { message: "Internal server error", locations: formatted.locations, path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
}
