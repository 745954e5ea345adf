import { GraphQLSchema, printSchema } from "graphql";
import { buildSchema as buildTypeGraphQLSchema, BuildSchemaOptions } from "type-graphql";
// type-graphql registers types and fields as their modules load: this order is the order of
// schema/schema.graphql, so a reordering here shows as a reordered (not a changed) contract.
import { AuditResolver } from "./resolvers/audit.resolver";
import { CitationResolver, PositionResolver, SeatResolver } from "./resolvers/fact.resolver";
import { AwardResolver } from "./resolvers/award.resolver";
import { PersonResolver } from "./resolvers/person.resolver";
import { CongressResolver } from "./resolvers/congress.resolver";
import { FacetsResolver } from "./resolvers/facets.resolver";
import { HonourResolver, HonourTallyResolver } from "./resolvers/honour.resolver";
import { ImportResolver } from "./resolvers/import.resolver";
import { NodeResolver } from "./resolvers/node.resolver";
import { OrganisationResolver } from "./resolvers/organisation.resolver";
import { ProposalResolver } from "./resolvers/proposal.resolver";
import { SearchResolver } from "./resolvers/search.resolver";
import { SourceDocumentResolver } from "./resolvers/source-document.resolver";
import { OrganisationStatisticsResolver, StatisticResolver } from "./resolvers/statistic.resolver";
import { validateArgument } from "./validation";
import { authChecker } from "./auth/roles";

let built: Promise<GraphQLSchema> | undefined;

const RESOLVERS = [
  NodeResolver,
  PersonResolver,
  OrganisationResolver,
  HonourResolver,
  HonourTallyResolver,
  AwardResolver,
  ProposalResolver,
  CongressResolver,
  PositionResolver,
  SeatResolver,
  CitationResolver,
  SearchResolver,
  FacetsResolver,
  SourceDocumentResolver,
  AuditResolver,
  ImportResolver,
  StatisticResolver,
  OrganisationStatisticsResolver,
] as const;

const OPTIONS: BuildSchemaOptions = { resolvers: RESOLVERS, validateFn: validateArgument, authChecker };

/** The GraphQL schema; built once per process (type-graphql metadata is global anyway). */
export function buildSchema(): Promise<GraphQLSchema> {
  built ??= buildTypeGraphQLSchema(OPTIONS).then((schema) => {
    // type-graphql has no option for the root type's own description.
    schema.getQueryType()!.description = "Reads of the delegate directory; none needs a token but auditLog (admin).";
    schema.getMutationType()!.description =
      "Writes: each needs a bearer token (organiser or admin), applies whole or not at all, and is recorded in the audit trail.";
    return schema;
  });
  return built;
}

/** The SDL committed as schema/schema.graphql (a test holds the two together). */
export async function printedSchema(): Promise<string> {
  return printSchema(await buildSchema()) + "\n";
}
