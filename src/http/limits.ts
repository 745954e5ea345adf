import type { ApolloServerPlugin } from "@apollo/server";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import {
  DocumentNode,
  FieldNode,
  getNamedType,
  GraphQLError,
  GraphQLSchema,
  isListType,
  isNonNullType,
  Kind,
  OperationDefinitionNode,
  ValidationContext,
  ValidationRule,
  visit,
} from "graphql";
import { getComplexity } from "graphql-query-complexity";
import type { Limits } from "../config";
import type { Context } from "../context";
import { DEFAULT_PAGE } from "../relay/cursors";
import { fieldsIn, fragmentsOf } from "../services/lookahead";

export type LimitName = "depth" | "cost" | "aliases" | "tokens" | "directives";

/** The error every limit answers with, before any resolver runs (HTTP 400). */
export function tooComplex(limit: LimitName, message: string): GraphQLError {
  return new GraphQLError(`${limit}: ${message}`, { extensions: { code: "QUERY_TOO_COMPLEX", limit, http: { status: 400 } } });
}

/** graphql-armor's rules, reporting the contract's code (they would throw a plain validation error). */
function armored(limit: LimitName, make: (onReject: (ctx: ValidationContext | null, err: GraphQLError) => void) => ValidationRule): ValidationRule {
  return make((ctx, err) => ctx?.reportError(tooComplex(limit, err.message.replace(/^Syntax Error: /, ""))));
}

export function limitRules(limits: Limits): ValidationRule[] {
  return [
    armored("depth", (onReject) => maxDepthRule({ n: limits.depth, ignoreIntrospection: true, propagateOnRejection: false, onReject: [onReject] })),
    armored("aliases", (onReject) => maxAliasesRule({ n: limits.aliases, propagateOnRejection: false, onReject: [onReject] })),
    armored("directives", (onReject) => maxDirectivesRule({ n: limits.directives, propagateOnRejection: false, onReject: [onReject] })),
  ];
}

/**
 * Lists that are not connections have no page size; count them as this many items, unless the
 * field gives its cap (`extensions.maxItems`: an organisation's plain lists, at most 100).
 */
export const UNPAGED_LIST_ESTIMATE = 10;

/** A facet (a list of FacetCount) groups the rows of every person its filter matches: up to the whole directory. */
export const FACET_COST = 5_000;

/**
 * A count over a top-level list: its totalCount, or a list of people with a filter, which counts
 * the matches to choose its query plan. Up to the whole directory, where a page reads a page.
 */
export const COUNT_COST = 2_500;

/**
 * Cost as GitHub counts nodes: a connection costs its page size (first/last, default 20) times what
 * is selected in each item; a plain list counts its cap, or UNPAGED_LIST_ESTIMATE items; every field costs 1.
 * What reads the whole directory whatever the page size costs more, so that a request cannot
 * schedule seconds of SQL with aliases: a facet FACET_COST, a top-level count COUNT_COST.
 */
export function queryCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName?: string): number {
  const fragments = fragmentsOf(document);
  return getComplexity({
    schema,
    query: document,
    variables,
    operationName,
    estimators: [
      ({ type: parent, field, node, args, childComplexity }) => {
        const named = getNamedType(field.type);
        let type = field.type;
        if (isNonNullType(type)) type = type.ofType;
        if (isListType(type) && named.name === "FacetCount") return FACET_COST;
        if (named.name.endsWith("Connection")) {
          const size = typeof args.first === "number" ? args.first : typeof args.last === "number" ? args.last : DEFAULT_PAGE;
          const counts =
            parent === schema.getQueryType() &&
            (fieldsIn([node.selectionSet], fragments).some((f) => f.name.value === "totalCount") || (named.name === "PersonConnection" && hasFilter(node)));
          return 1 + Math.max(size, 1) * childComplexity + (counts ? COUNT_COST : 0);
        }
        // The edges and nodes of a connection were counted by the connection.
        if (isListType(type) && !parent.name.endsWith("Connection")) {
          const cap = field.extensions?.maxItems;
          return 1 + (typeof cap === "number" ? cap : UNPAGED_LIST_ESTIMATE) * childComplexity;
        }
        return 1 + childComplexity;
      },
    ],
  });
}

/** Whether `field` is given a filter. Any variable counts as one, so the cost stays the same whatever its value (cachedQueryCost). */
function hasFilter(field: FieldNode): boolean {
  return (field.arguments ?? []).some((a) => a.name.value === "filter" && a.value.kind !== Kind.NULL);
}

/**
 * Variables a document's cost depends on: those given to `first`/`last` (page sizes) and to
 * directives (@include/@skip). Every other variable (an id, a search string) leaves it unchanged.
 */
function costVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Argument(node, _key, _parent, _path, ancestors) {
      if (node.value.kind !== Kind.VARIABLE) return;
      const owner = ancestors[ancestors.length - 1] as { kind?: Kind } | undefined;
      if (owner?.kind === Kind.DIRECTIVE || node.name.value === "first" || node.name.value === "last") names.add(node.value.name.value);
    },
  });
  return [...names].sort();
}

/**
 * queryCost, remembered per parsed document (Apollo hands the same DocumentNode to every request
 * with the same text) and the values of its cost variables: walking the query with the schema was
 * a noticeable part of a profile page's CPU. At most COST_CACHE_ENTRIES variable combinations per document.
 */
const COST_CACHE_ENTRIES = 200;
const costCache = new WeakMap<DocumentNode, { variables: string[]; costs: Map<string, number> }>();
export function cachedQueryCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName?: string): number {
  let entry = costCache.get(document);
  if (!entry) {
    entry = { variables: costVariables(document), costs: new Map() };
    costCache.set(document, entry);
  }
  const key = JSON.stringify([operationName ?? null, ...entry.variables.map((name) => variables[name] ?? null)]);
  let cost = entry.costs.get(key);
  if (cost === undefined) {
    cost = queryCost(schema, document, variables, operationName);
    if (entry.costs.size >= COST_CACHE_ENTRIES) entry.costs.clear();
    entry.costs.set(key, cost);
  }
  return cost;
}

/** An operation that asks only for __schema / __type / __typename (the IDE's schema fetch) is not costed. */
function isIntrospection(document: DocumentNode, operationName?: string): boolean {
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
  );
  return !!operation && operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value.startsWith("__"));
}

interface Budget {
  windowStart: number;
  spent: number;
}

/**
 * Enforces MAX_COST on every operation once it is parsed, validated and its variables known, before
 * execution; and, when COST_BUDGET_PER_MINUTE is set, a per-client budget reported in the response
 * extensions (like GitHub's rate limit points).
 */
export function costPlugin(limits: Limits): ApolloServerPlugin<Context> {
  const budgets = new Map<string, Budget>();
  return {
    async requestDidStart() {
      let report: Record<string, unknown> | null = null;
      return {
        async didResolveOperation({ document, request, schema, contextValue, operationName }) {
          if (isIntrospection(document, operationName ?? undefined)) return;
          let cost: number;
          try {
            cost = cachedQueryCost(schema, document, request.variables ?? {}, operationName ?? undefined);
          } catch {
            // Variables that do not fit their types: execution refuses them (BAD_USER_INPUT) before any resolver runs.
            return;
          }
          if (cost > limits.cost)
            throw tooComplex("cost", `this query may touch about ${cost} nodes; the limit is ${limits.cost} (ask for smaller pages or fewer nested lists)`);
          if (!limits.budgetPerMinute) return;
          const now = Date.now();
          const key = contextValue.clientKey;
          let budget = budgets.get(key);
          if (!budget || now - budget.windowStart >= 60_000) {
            budget = { windowStart: now, spent: 0 };
            budgets.set(key, budget);
          }
          const resetAt = new Date(budget.windowStart + 60_000).toISOString();
          if (budget.spent + cost > limits.budgetPerMinute) {
            throw new GraphQLError(
              `cost budget: this query costs ${cost}, ${limits.budgetPerMinute - budget.spent} of ${limits.budgetPerMinute} left until ${resetAt}`,
              {
                extensions: {
                  code: "RATE_LIMITED",
                  cost: { requested: cost, limit: limits.budgetPerMinute, remaining: limits.budgetPerMinute - budget.spent, resetAt },
                  http: { status: 429 },
                },
              },
            );
          }
          budget.spent += cost;
          report = { requested: cost, limit: limits.budgetPerMinute, remaining: limits.budgetPerMinute - budget.spent, resetAt };
        },
        async willSendResponse({ response }) {
          if (report && response.body.kind === "single") {
            response.body.singleResult.extensions = { ...response.body.singleResult.extensions, cost: report };
          }
        },
      };
    },
  };
}
