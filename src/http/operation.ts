import type { ApolloServerPlugin, GraphQLRequestListener } from "@apollo/server";
import { OperationTypeNode, type OperationDefinitionNode } from "graphql";
import { Context, settleOperation } from "../context";
import { Projection, projectionOf } from "../loaders/projection";

/**
 * What a request's operation settles before it executes, set from Apollo's plugin hook once the
 * operation is known (`didResolveOperation`, before either executor: src/http/jit.ts), so that the
 * executor only executes:
 * - the columns its reads take (src/loaders/projection.ts), worked out once per operation: Apollo
 *   hands the same parsed document, and so the same operation node, to every request with the
 *   same text;
 * - no deadline for a mutation (Context.deadline): once its write has landed, its answer must
 *   reach the client whole;
 * - a mutation's reads from the primary, not the read replica (Context.ds).
 */
export function operationPlugin(): ApolloServerPlugin<Context> {
  const projections = new WeakMap<OperationDefinitionNode, Projection>();
  // One listener for every request: it keeps nothing of its own.
  const listener: GraphQLRequestListener<Context> = {
    async didResolveOperation({ schema, document, operation, contextValue }) {
      if (!operation) return;
      let projection = projections.get(operation);
      if (!projection) projections.set(operation, (projection = projectionOf(schema, document, operation)));
      settleOperation(contextValue, projection, operation.operation !== OperationTypeNode.QUERY);
    },
  };
  return {
    async requestDidStart() {
      return listener;
    },
  };
}
