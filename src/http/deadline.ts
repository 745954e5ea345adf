import { GraphQLError } from "graphql";
import type { MiddlewareFn } from "type-graphql";
import type { Context } from "../context";

/**
 * EXECUTION_TIMEOUT_MS: graphql-js cannot abort a running query, so every resolver that does work
 * (queries and field resolvers; each resolver class carries it) first checks the request's deadline;
 * past it, the rest of the query resolves to TIMEOUT errors at once and the response goes out without
 * doing the remaining work. Plain fields skip the check, which keeps them on graphql-js's fast path.
 * Writes are exempt (see below).
 */
export const deadlineMiddleware: MiddlewareFn<Context> = ({ context, info }, next) => {
  // Not for mutations: once a write has landed, its answer must reach the client whole.
  if (info.operation.operation === "query" && context.deadline !== undefined && Date.now() > context.deadline) {
    throw new GraphQLError("The request took longer than the execution timeout; ask for less", { extensions: { code: "TIMEOUT" } });
  }
  return next();
};
