import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestListener } from "@apollo/server";
import {
  getNamedType,
  getVariableValues,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  Kind,
  OperationTypeNode,
  typeFromAST,
  type DocumentNode,
  type OperationDefinitionNode,
} from "graphql";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";
import type { Context } from "../context";

/** A query operation as graphql-jit compiled it; null: graphql-js executes it. */
interface Compiled {
  query: CompiledQuery | null;
  /** Whether graphql-js coerces the variables first (see jitPlugin). */
  coerceFirst: boolean;
}

/**
 * Executes queries with graphql-jit instead of graphql-js's interpreter: each operation is compiled
 * once into a function specialised to its selection set, which skips graphql-js's per-field
 * bookkeeping (a resolve-info object, a path and a completion call per field; a 50-row delegates page
 * has about 1,500 fields, a facet answer tens of thousands). Measured in bench/README.md.
 *
 * It answers through Apollo's public `responseForOperation` hook, which runs after parsing,
 * validation, the limits and `didResolveOperation` (where src/http/operation.ts sets the projection),
 * in place of Apollo's own execution. Apollo's gateway interface, the other way to plug an executor
 * in, builds a per-request context whose closures keep each request reachable until a full
 * collection (bench/README.md): this hook builds nothing.
 *
 * graphql-js stays the one path for everything else, so that Apollo reports errors its own way
 * (formatError, didEncounterErrors, BAD_USER_INPUT, the status codes):
 * - mutations (their writes must run once) and subscriptions;
 * - a query whose compiled run answered any error: it runs again under graphql-js, whose answer is
 *   the one sent. Its reads are repeated (the loaders' cache keeps most of them), which only costs
 *   a request that fails anyway; a query is read-only, so running it twice changes nothing;
 * - an operation graphql-jit cannot compile.
 *
 * graphql-jit 0.8 coerces variables as graphql-js does but for defaults: it leaves out the default
 * values of input fields, and refuses a non-null variable left out though it has a default
 * (`$n: Int! = 2`). For operations with either kind of variable graphql-js coerces the variables
 * first, and graphql-jit then coerces the coerced values again, which changes nothing as long as every
 * enum value is its own name (checked here) and no custom scalar of a query's input parses to
 * something its parser would refuse (Date and DateTime appear only in mutations' inputs).
 */
export function jitPlugin(schema: GraphQLSchema): ApolloServerPlugin<Context> {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isEnumType(type)) continue;
    for (const value of type.getValues()) {
      if (value.value !== value.name)
        throw new Error(`enum ${type.name}.${value.name} has the internal value ${String(value.value)}; jitPlugin needs it to be its name`);
    }
  }
  // Apollo hands the same DocumentNode to every request with the same text (its document cache),
  // so a compiled operation lives as long as the parsed document does.
  const compiled = new WeakMap<DocumentNode, Map<string, Compiled>>();

  const compile = (document: DocumentNode, operation: OperationDefinitionNode, operationName: string | null): Compiled => {
    let operations = compiled.get(document);
    if (!operations) compiled.set(document, (operations = new Map<string, Compiled>()));
    const key = operationName ?? "";
    let entry = operations.get(key);
    if (!entry) {
      const result = compileQuery(schema, document, operationName ?? undefined);
      const coerceFirst = (operation.variableDefinitions ?? []).some(
        (d) => isInputObjectType(getNamedType(typeFromAST(schema, d.type as never))) || (d.type.kind === Kind.NON_NULL_TYPE && d.defaultValue !== undefined),
      );
      entry = { query: isCompiledQuery(result) ? result : null, coerceFirst };
      operations.set(key, entry);
    }
    return entry;
  };

  // One listener for every request: it keeps nothing of its own.
  const listener: GraphQLRequestListener<Context> = {
    async responseForOperation({ document, operation, operationName, request, contextValue }) {
      if (!operation || operation.operation !== OperationTypeNode.QUERY) return null;
      const { query, coerceFirst } = compile(document, operation, operationName);
      if (!query) return null;
      let variables = request.variables ?? {};
      if (coerceFirst) {
        const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
        if (coerced.errors) return null;
        variables = coerced.coerced;
      }
      const result = await query.query(undefined, contextValue, variables);
      if (result.errors) return null;
      return { body: { kind: "single", singleResult: result }, http: { status: undefined, headers: new HeaderMap() } };
    },
  };
  return {
    async requestDidStart() {
      return listener;
    },
  };
}
