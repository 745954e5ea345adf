import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestListener } from "@apollo/server";
import {
  getNamedType,
  getVariableValues,
  getOperationAST,
  GraphQLError,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isNonNullType,
  Kind,
  OperationTypeNode,
  parse,
  print,
  TypeInfo,
  typeFromAST,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type ExecutionResult,
  type OperationDefinitionNode,
} from "graphql";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";
import { resetLoaders, type Context } from "../context";
import { databaseFault } from "../db/engine";
import { log } from "../log";
import { projectionOf, type Projection } from "../loaders/projection";
import type { NodeJson } from "../services/node-json";
import { fillSites, planSplice, type Splice } from "./node-splice";

/** A query operation as graphql-jit compiled it; null: graphql-js executes it. */
interface Compiled {
  query: CompiledQuery | null;
  /** Whether graphql-js coerces the variables first (see jitPlugin). */
  coerceFirst: boolean;
  /** Variables that graphql-js alone answers when a request leaves them out or sends null (see literalVariables). */
  nullable: string[];
  /** The pages of people the database writes (src/http/node-splice.ts): `query` runs the document planSplice made. */
  sites: Splice["sites"];
  /** The columns that document's reads take (its pages of people read their ids and sort keys alone); null: the operation's. */
  projection: Projection | null;
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
 * - an operation graphql-jit cannot compile, and a run of it that throws;
 * - the documents and variables graphql-jit would answer wrongly (below).
 *
 * graphql-jit 0.8 coerces variables as graphql-js does but for defaults: it leaves out the default
 * values of input fields, and refuses a non-null variable left out though it has a default
 * (`$n: Int! = 2`). For operations with either kind of variable graphql-js coerces the variables
 * first, and graphql-jit then coerces the coerced values again, which changes nothing as long as every
 * enum value is its own name (checked here) and no custom scalar of a query's input parses to
 * something its parser would refuse (Date and DateTime appear only in mutations' inputs).
 *
 * graphql-jit 0.8 also writes the conditions of `@skip`/`@include` into the document it compiles: a
 * fragment spread twice under different conditions answers both spreads with the fields of one,
 * and a second operation of the same document inherits the first one's conditions, with no error.
 * So it compiles a copy of the document of its own, and a document with a directive on a fragment
 * spread or an inline fragment is left to graphql-js.
 *
 * A list of people whose nodes the database can write as JSON (src/http/node-splice.ts) is
 * compiled with `nodes { id }` in place of its nodes' selection, and its reads take that document's
 * columns (the page, its ids and sort keys); once the executor has answered, the people's JSON goes
 * in place of the ids. If that read fails, graphql-js answers the operation, with its own columns.
 */
export function jitPlugin(schema: GraphQLSchema, json: NodeJson | null): ApolloServerPlugin<Context> {
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
      const conditions = fragmentConditions(document);
      const splice = json && !conditions ? planSplice(schema, json, document, operation) : null;
      const result = conditions ? null : compileQuery(schema, parse(print(splice?.document ?? document)), operationName ?? undefined);
      const coerceFirst = (operation.variableDefinitions ?? []).some(
        (d) => isInputObjectType(getNamedType(typeFromAST(schema, d.type as never))) || (d.type.kind === Kind.NON_NULL_TYPE && d.defaultValue !== undefined),
      );
      entry = {
        query: result && isCompiledQuery(result) ? result : null,
        coerceFirst,
        nullable: literalVariables(schema, document),
        sites: splice?.sites ?? [],
        projection: splice ? projectionOf(schema, splice.document, getOperationAST(splice.document, operationName)!) : null,
      };
      operations.set(key, entry);
    }
    return entry;
  };

  // One listener for every request: it keeps nothing of its own.
  const listener: GraphQLRequestListener<Context> = {
    async responseForOperation({ document, operation, operationName, request, contextValue }) {
      if (!operation || operation.operation !== OperationTypeNode.QUERY) return null;
      const { query, coerceFirst, nullable, sites, projection } = compile(document, operation, operationName);
      // A page the database writes is text in the answer (RawJson), which only the HTTP route's
      // stringifyResult puts in place: an embedder's executeOperation gets graphql-js's objects.
      if (!query || (sites.length > 0 && !request.http)) return null;
      let variables = request.variables ?? {};
      if (nullable.some((name) => variables[name] == null)) return null;
      if (coerceFirst) {
        const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
        if (coerced.errors) return null;
        variables = coerced.coerced;
      }
      const operationProjection = contextValue.projection;
      if (projection) contextValue.projection = projection;
      const result = await runCompiled(query, sites, contextValue, variables);
      if (!result && projection) {
        // graphql-js answers the operation as it asks: its columns, and no row read with fewer.
        contextValue.projection = operationProjection;
        resetLoaders(contextValue);
      }
      return result && { body: { kind: "single", singleResult: result }, http: { status: undefined, headers: new HeaderMap() } };
    },
  };
  return {
    async requestDidStart() {
      return listener;
    },
  };
}

/** The compiled query's result with the people's JSON in place; null: graphql-js answers the operation. */
async function runCompiled(
  query: CompiledQuery,
  sites: Splice["sites"],
  context: Context,
  variables: Record<string, unknown>,
): Promise<ExecutionResult | null> {
  try {
    const result = await query.query(undefined, context, variables);
    if (result.errors) return null;
    if (sites.length) {
      try {
        await fillSites(sites, result.data as Record<string, unknown>, context);
      } catch (error) {
        // TIMEOUT, CLIENT_CLOSED_REQUEST (GraphQLErrors) and database faults: graphql-js answers them as it
        // answers every read's. Anything else would cost every such page a second run unseen.
        if (!(error instanceof GraphQLError) && databaseFault(error) === null)
          log("warn", "writing a page's people as JSON failed; graphql-js answers it", { requestId: context.requestId, error });
        return null;
      }
    }
    return result;
  } catch {
    // What graphql-jit throws rather than answers, graphql-js answers (and Apollo reports).
    return null;
  }
}

/** Whether `document` puts a directive on a fragment spread or an inline fragment. */
function fragmentConditions(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    FragmentSpread: (node) => void (found ||= !!node.directives?.length),
    InlineFragment: (node) => void (found ||= !!node.directives?.length),
  });
  return found;
}

/**
 * The variables of `document` that sit inside an input object or list literal, where the input
 * field is non-null or has a default: left out, graphql-js gives the field its default where
 * graphql-jit passes null, and sent as null, graphql-js refuses the argument where graphql-jit takes it.
 */
function literalVariables(schema: GraphQLSchema, document: DocumentNode): string[] {
  const names = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  let depth = 0;
  const nest = { enter: () => void depth++, leave: () => void depth-- };
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      ObjectValue: nest,
      ListValue: nest,
      Variable(node) {
        if (depth > 0 && (isNonNullType(typeInfo.getInputType()) || typeInfo.getDefaultValue() !== undefined)) names.add(node.name.value);
      },
    }),
  );
  return [...names];
}
