import { GraphQLError } from "graphql";

/** The caller sent something we cannot use; `field` names the argument or input field at fault. */
export function badInput(message: string, field: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", field } });
}

/**
 * The database could not take a write now. With `retryAfterSeconds`, nothing of the request was
 * written and the whole of it may be sent again then: HTTP 503 with Retry-After, as the contract
 * has it. Without, an earlier write of the same request committed: the request is answered as
 * usual (200), and only the field that carries this error failed.
 */
export function serviceUnavailable(message: string, retryAfterSeconds?: number): GraphQLError {
  const http = retryAfterSeconds === undefined ? {} : { http: { status: 503, headers: new Map([["retry-after", String(retryAfterSeconds)]]) } };
  return new GraphQLError(message, { extensions: { code: "SERVICE_UNAVAILABLE", ...http } });
}

/** The request's deadline (EXECUTION_TIMEOUT_MS) passed before this part of it was done. */
export function timeoutError(): GraphQLError {
  return new GraphQLError("The request took longer than the execution timeout; ask for less", { extensions: { code: "TIMEOUT" } });
}

/** The client went away before its answer: what was still to be read for it is not read. Nobody sees this answer. */
export function abandonedError(): GraphQLError {
  return new GraphQLError("The client closed the request", { extensions: { code: "CLIENT_CLOSED_REQUEST" } });
}
