import type { GatewayExecutor, GatewayInterface } from "@apollo/server-gateway-interface";
import { DocumentNode, getNamedType, GraphQLError, GraphQLSchema, isEnumType, isInputObjectType, Kind, OperationDefinitionNode, printSchema, typeFromAST } from "graphql";
import { getVariableValues } from "graphql/execution/values";
import { compileQuery, CompiledQuery, isCompiledQuery } from "graphql-jit";

/** An operation compiled once, with what every request of it needs. */
interface Compiled {
  query: CompiledQuery;
  /** Whether graphql-js must coerce the variables first (see below). */
  coerceFirst: boolean;
}

/**
 * Runs operations with graphql-jit instead of graphql-js's interpreter: each operation is compiled
 * once into a function specialised to its selection set, which skips graphql-js's per-field
 * bookkeeping (a 50-row delegates page resolves about 1,500 fields; execution CPU fell by a
 * quarter). Parsing, validation, the limits and every plugin stay Apollo's (the request's
 * projection and deadline are set by src/http/operation.ts): the executor only replaces the
 * execution step. Apollo's one hook for a custom executor is the gateway interface,
 * so this is a gateway that serves our own schema.
 */
export function jitGateway(schema: GraphQLSchema): GatewayInterface {
  // graphql-jit 0.8 coerces variables as graphql-js does but for defaults: it leaves out the
  // default values of input fields, and refuses a non-null variable left out though it has a
  // default ($n: Int! = 2). Operations with either kind of variable are coerced by graphql-js
  // first, and graphql-jit then coerces the coerced values again, which changes nothing as long as
  // every enum value is its own name. Other operations graphql-jit coerces alone; when it refuses
  // a variable, graphql-js decides: its errors are the ones Apollo reports as BAD_USER_INPUT, and
  // should it accept what graphql-jit refused, the operation runs with its values.
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isEnumType(type)) continue;
    for (const value of type.getValues()) {
      if (value.value !== value.name) throw new Error(`enum ${type.name}.${value.name} has the internal value ${String(value.value)}; jitGateway needs it to be its name`);
    }
  }
  // Apollo hands the same DocumentNode to every request with the same text (its document cache),
  // so compiled operations live as long as the parsed document does.
  const compiled = new WeakMap<DocumentNode, Map<string, Compiled>>();

  const executor: GatewayExecutor = async ({ document, operation: definition, operationName, request, context }) => {
    // Apollo finds the operation and hands over none when the request names no operation of the
    // document (or none of several); it answers these errors as OPERATION_RESOLUTION_FAILURE, 400.
    if (!definition) return { errors: [new GraphQLError(operationMissing(request.operationName))] };
    const definitions = (definition as OperationDefinitionNode).variableDefinitions ?? [];
    const coerceWithGraphqlJs = () => getVariableValues(schema, definitions, request.variables ?? {});
    let operations = compiled.get(document);
    if (!operations) {
      operations = new Map();
      compiled.set(document, operations);
    }
    const key = operationName ?? "";
    let operation = operations.get(key);
    if (!operation) {
      const result = compileQuery(schema, document, operationName ?? undefined);
      if (!isCompiledQuery(result)) return result;
      const coerceFirst = definitions.some(
        (d) => isInputObjectType(getNamedType(typeFromAST(schema, d.type as never))) || (d.type.kind === Kind.NON_NULL_TYPE && d.defaultValue !== undefined),
      );
      operation = { query: result, coerceFirst };
      operations.set(key, operation);
    }
    if (!operation.coerceFirst) {
      const result = await operation.query.query(undefined, context, request.variables ?? {});
      // graphql-jit answers refused variables with errors and no data
      if (!result.errors || "data" in result) return result;
      const checked = coerceWithGraphqlJs();
      if (checked.errors) return { errors: checked.errors };
      return operation.query.query(undefined, context, checked.coerced);
    }
    const variables = coerceWithGraphqlJs();
    if (variables.errors) return { errors: variables.errors };
    return operation.query.query(undefined, context, variables.coerced);
  };

  return {
    async load() {
      return { schema, executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    async stop() {},
  };
}

/** graphql-js's words for a request whose operation is not in its document. */
function operationMissing(operationName: string | null | undefined): string {
  return operationName != null ? `Unknown operation named "${operationName}".` : "Must provide operation name if query contains multiple operations.";
}
