import { GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import type { ValidationError } from "class-validator";

/** Codes the client may see as they are; anything else is an internal fault and is masked. */
const CLIENT_CODES = new Set([
  "BAD_USER_INPUT", "GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_REQUEST", "UNAUTHENTICATED", "FORBIDDEN",
  "QUERY_TOO_COMPLEX", "PERSISTED_QUERY_NOT_FOUND", "PERSISTED_QUERY_NOT_SUPPORTED", "OPERATION_RESOLUTION_FAILURE",
]);

/** First failing property of class-validator's tree as a dotted path ("filter.honour.yearFrom"). */
function firstViolation(errors: ValidationError[], prefix: string[] = []): { field: string; message: string } | null {
  for (const error of errors) {
    const path = [...prefix, error.property];
    if (error.constraints && Object.keys(error.constraints).length) {
      return { field: path.join("."), message: Object.values(error.constraints)[0] };
    }
    const nested = firstViolation(error.children ?? [], path);
    if (nested) return nested;
  }
  return null;
}

/**
 * Shapes every error the client sees: typed `extensions.code`, the field at fault for bad input,
 * and no internals (messages of unexpected errors and all stack traces stay in the server log).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code as string | undefined;
  const original = unwrapResolverError(error) as { extensions?: { validationErrors?: ValidationError[] } } | undefined;
  const validationErrors = original?.extensions?.validationErrors;
  if (code === "BAD_USER_INPUT" && Array.isArray(validationErrors)) {
    const violation = firstViolation(validationErrors);
    return {
      message: violation ? `${violation.field}: ${violation.message}` : formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code, field: violation?.field ?? null },
    };
  }
  if (code && CLIENT_CODES.has(code)) {
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  console.error("internal error:", error);
  return { message: "Internal server error", locations: formatted.locations, path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
}
