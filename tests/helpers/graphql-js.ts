import { execute, getOperationAST, OperationTypeNode, parse, type DocumentNode, type OperationDefinitionNode } from "graphql";
import { ANONYMOUS } from "../../src/auth/roles";
import { createContext, settleOperation, type Context } from "../../src/context";
import { projectionOf } from "../../src/loaders/projection";
import { buildSchema } from "../../src/schema";
import type { TestServer } from "./server";

/** A request's context on the test server's connections, before Apollo settles it for an operation: anonymous, 10 s to its deadline. */
export function requestContext(t: TestServer, requestId: string): Context {
  const { replica, writer, slow } = t.server;
  return createContext({ ds: t.ds, replica, writer, slow }, ANONYMOUS, true, {
    requestId,
    clientKey: "test",
    deadline: Date.now() + 10_000,
    abandoned: () => new AbortController().signal,
  });
}

/** A query's context on the test server's connections, as the server settles it for `operation` (its projection). */
export async function operationContext(t: TestServer, document: DocumentNode, operation: OperationDefinitionNode, requestId: string): Promise<Context> {
  const ctx = requestContext(t, requestId);
  settleOperation(ctx, projectionOf(await buildSchema(), document, operation), operation.operation !== OperationTypeNode.QUERY);
  return ctx;
}

/**
 * graphql-js's answer to `query` on the server's own schema, connections and a context of its own:
 * the reference the server's faster paths (graphql-jit, pages the database writes) are held to.
 * Parsed back from JSON, as a client sees it.
 */
export async function graphqlJsAnswer(t: TestServer, query: string, variables: Record<string, unknown>, operationName?: string) {
  const schema = await buildSchema();
  const document = parse(query);
  const contextValue = await operationContext(t, document, getOperationAST(document, operationName)!, "graphql-js");
  return JSON.parse(JSON.stringify(await execute({ schema, document, contextValue, variableValues: variables, operationName })));
}
