import { GraphQLError } from "graphql";

/** The caller sent something we cannot use; `field` names the argument or input field at fault. */
export function badInput(message: string, field: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", field } });
}

/**
 * The database could not take the request now (HTTP 503 with Retry-After, as the contract has it);
 * nothing was written, and the same request may succeed after `retryAfterSeconds`.
 */
export function serviceUnavailable(message: string, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: "SERVICE_UNAVAILABLE", http: { status: 503, headers: new Map([["retry-after", String(retryAfterSeconds)]]) } },
  });
}

/** The request's deadline (EXECUTION_TIMEOUT_MS) passed before this part of it was done. */
export function timeoutError(): GraphQLError {
  return new GraphQLError("The request took longer than the execution timeout; ask for less", { extensions: { code: "TIMEOUT" } });
}
