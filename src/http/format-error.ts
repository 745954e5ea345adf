import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, GraphQLFormattedError } from "graphql";
import type { Context } from "../context";
import { databaseFault } from "../db/engine";
import { log } from "../log";
import { formatDatabaseFault } from "./database-faults";
import { literalField, variableField } from "./variable-field";

/** Codes the client may see as they are; anything else is an internal fault and is masked. */
const CLIENT_CODES = new Set([
  "BAD_USER_INPUT",
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "QUERY_TOO_COMPLEX",
  "RATE_LIMITED",
  "TIMEOUT",
  "SERVICE_UNAVAILABLE",
  "CLIENT_CLOSED_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

/** graphql-js's own message (sic) when a document has more tokens than MAX_TOKENS. */
const TOO_MANY_TOKENS = /^Syntax Error: Document contains more that (\d+) tokens/;

/**
 * graphql-js's refusal of an argument as it executes (getArgumentValues): a literal input object
 * whose variable left a non-null field without a value, or null. It carries no code.
 */
const ARGUMENT_REFUSED = /^Argument "(\w+)" (?:has invalid value|of (?:required|non-null) type)/;

/** The argument graphql-js refused while executing, if `error` is that refusal. */
function refusedArgument(error: unknown): string | null {
  if (!(error instanceof GraphQLError) || error.extensions?.code !== undefined) return null;
  // graphql-js locates the error it threw (a GraphQLError of its own, wrapping nothing) at its field.
  const thrown = error.originalError ?? error;
  if (!(thrown instanceof GraphQLError) || thrown.originalError) return null;
  return ARGUMENT_REFUSED.exec(thrown.message)?.[1] ?? null;
}

/** graphql-js's hint at a name it expected, which maps the schema for a stranger. */
const SUGGESTION = / ?Did you mean(.+?)\?$/;

export interface FormatOptions {
  /**
   * Production: no "Did you mean …?" in any message. Apollo's hideSchemaDetailsFromClientErrors
   * takes them out of validation errors only; graphql-js also suggests names when it coerces variables.
   */
  hideSuggestions?: boolean;
}

/**
 * Apollo's own refusals of a malformed request (a persisted query whose hash does not match its
 * text, an unknown persisted-query version) carry an HTTP 4xx status and no code.
 */
function isUncodedRefusal(error: unknown): boolean {
  const extensions = (error as GraphQLError | undefined)?.extensions;
  const status = (extensions?.http as { status?: unknown } | undefined)?.status;
  return extensions?.code === undefined && typeof status === "number" && status >= 400 && status < 500;
}

/**
 * Shapes every error the client sees: typed `extensions.code`, the field at fault for bad input,
 * and no internals (messages of unexpected errors and all stack traces stay in the server log).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, options: FormatOptions = {}): GraphQLFormattedError {
  // Apollo re-labels validation errors GRAPHQL_VALIDATION_FAILED; a limit's own code wins.
  const original = (error as GraphQLError)?.originalError as GraphQLError | undefined;
  if (original?.extensions?.code === "QUERY_TOO_COMPLEX") {
    return { message: original.message, locations: formatted.locations, extensions: { code: "QUERY_TOO_COMPLEX", limit: original.extensions.limit } };
  }
  const tokens = TOO_MANY_TOKENS.exec(formatted.message);
  if (tokens) {
    return { message: `tokens: the document has more than ${tokens[1]} tokens`, extensions: { code: "QUERY_TOO_COMPLEX", limit: "tokens" } };
  }
  const unavailable = formatDatabaseFault(formatted, error);
  if (unavailable) return unavailable;
  const argument = refusedArgument(error);
  const code = isUncodedRefusal(error) ? "BAD_REQUEST" : argument ? "BAD_USER_INPUT" : (formatted.extensions?.code as string | undefined);
  if (code && CLIENT_CODES.has(code)) {
    const { stacktrace: _stack, http: _http, ...extensions }: Record<string, unknown> = { ...(argument ? { field: argument } : {}), ...formatted.extensions };
    const message = options.hideSuggestions ? formatted.message.replace(SUGGESTION, "") : formatted.message;
    return { ...formatted, message, extensions: { ...extensions, code } };
  }
  log("error", "internal error", { error: error instanceof Error ? ((error as GraphQLError).originalError ?? error) : String(error), path: formatted.path });
  return { message: "Internal server error", locations: formatted.locations, path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
}

/**
 * Masked errors carry the request id, so a report from a client can be found in the server log;
 * a refused variable value names its field, and so does a value the document gives that validation
 * refused (variable-field.ts): both need the document that formatError does not see.
 */
export function internalErrorsCarryRequestId(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            // Database faults are not internal errors: databaseFaultsAnswer503 logs them.
            if (databaseFault(error.originalError)) continue;
            if ((!error.extensions?.code && !isUncodedRefusal(error) && !refusedArgument(error)) || error.extensions.code === "INTERNAL_SERVER_ERROR") {
              log("error", "request failed", { requestId: contextValue.requestId, error: error.originalError ?? error });
            }
          }
        },
        async willSendResponse({ response, document, operation }) {
          if (response.body.kind !== "single") return;
          for (const error of response.body.singleResult.errors ?? []) {
            const extensions = error.extensions;
            if (extensions?.code === "INTERNAL_SERVER_ERROR") extensions.requestId = contextValue.requestId;
            if (extensions?.code === "BAD_USER_INPUT" && extensions.field === undefined && document && operation) {
              const field = variableField(error.message, document, operation);
              if (field) extensions.field = field;
            }
            if (extensions?.code === "GRAPHQL_VALIDATION_FAILED" && extensions.field === undefined && document) {
              const field = literalField(error.message, error.locations, document);
              if (field) extensions.field = field;
            }
          }
        },
      };
    },
  };
}
