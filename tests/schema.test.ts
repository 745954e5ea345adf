import fs from "fs";
import path from "path";
import { buildSchema as buildSdl, getNamedType, GraphQLSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isUnionType } from "graphql";
import { buildSchema, printedSchema } from "../src/schema";

const SDL_FILE = path.join(__dirname, "..", "schema", "schema.graphql");

/** The schema excerpts of shared/CONTRACT.md, reads and writes (plus the connection shapes it describes in comments). */
const CONTRACT = `
interface Node { id: ID! }
type PageInfo { hasNextPage: Boolean!  hasPreviousPage: Boolean!  startCursor: String  endCursor: String }
type PersonEdge { cursor: String! node: Person! }
type PersonConnection { edges: [PersonEdge!]! nodes: [Person!]! totalCount: Int! pageInfo: PageInfo! }
type OrganisationConnection { edges: [OrganisationEdge!]! nodes: [Organisation!]! totalCount: Int! pageInfo: PageInfo! }
type OrganisationEdge { cursor: String! node: Organisation! }
type HonourConnection { edges: [HonourEdge!]! nodes: [Honour!]! totalCount: Int! pageInfo: PageInfo! }
type HonourEdge { cursor: String! node: Honour! }
type AwardConnection { edges: [AwardEdge!]! nodes: [Award!]! totalCount: Int! pageInfo: PageInfo! }
type AwardEdge { cursor: String! node: Award! }
type ProposalConnection { edges: [ProposalEdge!]! nodes: [Proposal!]! totalCount: Int! pageInfo: PageInfo! }
type ProposalEdge { cursor: String! node: Proposal! }
type CongressConnection { edges: [CongressEdge!]! nodes: [Congress!]! totalCount: Int! pageInfo: PageInfo! }
type CongressEdge { cursor: String! node: Congress! }
type SearchResultConnection { edges: [SearchResultEdge!]! nodes: [SearchItem!]! totalCount: Int! pageInfo: PageInfo! }
type SearchResultEdge { cursor: String! node: SearchItem! matchedField: SearchMatchedField! snippet: String }
enum SearchMatchedField { NAME NAME_PINYIN BIOGRAPHY NAME_EN TITLE SUMMARY TOPIC POSITIONS_TITLE }
type Query {
  node(id: ID!): Node
  nodes(ids: [ID!]!): [Node]!
  person(id: ID!): Person
  people(filter: PersonFilter, orderBy: PersonOrder, first: Int, after: String, last: Int, before: String): PersonConnection!
  delegates(filter: PersonFilter, orderBy: PersonOrder, first: Int, after: String, last: Int, before: String): PersonConnection!
  organisation(id: ID!): Organisation
  employers(filter: OrganisationFilter, first: Int, after: String, last: Int, before: String): OrganisationConnection!
  honour(id: ID!): Honour
  honours(filter: HonourFilter, first: Int, after: String, last: Int, before: String): HonourConnection!
  proposals(filter: ProposalFilter, first: Int, after: String, last: Int, before: String): ProposalConnection!
  congresses(first: Int, after: String, last: Int, before: String): CongressConnection!
  search(query: String!, first: Int, after: String, last: Int, before: String): SearchResultConnection!
  personFacets(filter: PersonFilter): PersonFacets!
  statistics(filter: StatisticFilter, first: Int, after: String): StatisticConnection!
  auditLog(first: Int, after: String): AuditEntryConnection!
}
union SearchItem = Person | Organisation | Honour | Proposal
type PersonFacets { byHonourLevel: [FacetCount!]!  byHonour: [FacetCount!]!  byEmployer: [FacetCount!]!
                    byDelegation: [FacetCount!]!  byCongress: [FacetCount!]!  byAwardYear: [FacetCount!]! }
type FacetCount { key: String!  label: String!  count: Int! }
type Person implements Node {
  id: ID! name: String! namePinyin: String! employer: Organisation positions: [Position!]! seats: [Seat!]!
  awards: [Award!]! proposals: [Proposal!]! sources: [Citation!]!
  photoUrl: String currentPositions: [Position!]!
}
type Position { title: String!  organisation: Organisation! }
type Seat { congress: Congress!  delegation: String }
type Organisation implements Node { id: ID!  name: String!  kind: OrganisationKind!  awards: [Award!]!  people(first: Int, after: String): PersonConnection!  statistics: [Statistic!]! }
type Honour implements Node { id: ID!  name: String!  nameEn: String  level: HonourLevel!  awards(first: Int, after: String): AwardConnection! }
enum HonourLevel { NATIONAL PROVINCIAL MUNICIPAL COUNTY ENTERPRISE OTHER }
type Award implements Node { id: ID!  honour: Honour!  recipient: Recipient!  year: Int  times: Int  note: String  source: Citation!  repeated: Boolean! }
type Statistic implements Node {
  id: ID!  organisation: Organisation!  metric: String!  label: String!  value: Float!  unit: String  period: String  approximate: Boolean!  source: Citation!
}
type StatisticConnection { edges: [StatisticEdge!]! nodes: [Statistic!]! totalCount: Int! pageInfo: PageInfo! }
type StatisticEdge { cursor: String! node: Statistic! }
union Recipient = Person | Organisation
type Proposal implements Node { id: ID!  title: String!  summary: String  authors: [Person!]!  congress: Congress  source: Citation! }
type Congress implements Node { id: ID!  name: String!  delegates(first: Int, after: String): PersonConnection! }
type Citation { document: SourceDocument!  quote: String! }
type SourceDocument implements Node { id: ID!  title: String!  url: String  publisher: String  publishedOn: Date }
scalar Date
input PersonFilter { congress: ID  delegation: String  employer: ID  nameContains: String  honour: HonourMatch  hasProposals: Boolean }
input HonourMatch { id: ID  nameContains: String  level: HonourLevel  yearFrom: Int  yearTo: Int }
input HonourFilter { nameContains: String  level: HonourLevel }
input PersonOrder { field: PersonOrderField! }
enum PersonOrderField { NAME_PINYIN }
input OrganisationFilter { nameContains: String }
input StatisticFilter { organisation: ID  metric: String  labelContains: String  year: Int }
input ProposalFilter { congress: ID }
enum OrganisationKind { COMPANY TRADE_UNION FEDERATION }
type Mutation {
  createPerson(input: CreatePersonInput!): Person!
  updatePerson(id: ID!, input: UpdatePersonInput!): Person!
  deletePerson(id: ID!): ID!
  importDelegates(csv: String!, congress: ID!, dryRun: Boolean = false): ImportReport!
}
input CreatePersonInput { name: String! }
input UpdatePersonInput
type ImportReport { created: Int!  updated: Int!  unchanged: Int!  errors: [ImportError!]! }
type ImportError { row: Int!  column: String  message: String! }
type AuditEntryConnection { totalCount: Int! pageInfo: PageInfo! }
`;

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildSchema();
});

test("schema/schema.graphql is what the code builds (run `npm run schema` after an API change)", async () => {
  expect(fs.readFileSync(SDL_FILE, "utf8")).toBe(await printedSchema());
});

test("every name in the contract exists with the contract's type", () => {
  const contract = buildSdl(CONTRACT, { assumeValidSDL: true });
  const missing: string[] = [];
  for (const type of Object.values(contract.getTypeMap())) {
    if (type.name.startsWith("__") || ["String", "Int", "Boolean", "ID", "Float"].includes(type.name)) continue;
    const ours = schema.getType(type.name);
    if (!ours) {
      missing.push(`type ${type.name}`);
      continue;
    }
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      const ourFields = (ours as any).getFields();
      for (const field of Object.values(type.getFields())) {
        const our = ourFields[field.name];
        if (!our) missing.push(`${type.name}.${field.name}`);
        else if (String(our.type) !== String(field.type)) missing.push(`${type.name}.${field.name}: ${our.type} ≠ ${field.type}`);
        for (const arg of field.args ?? []) {
          const ourArg = our?.args?.find((a: any) => a.name === arg.name);
          if (!ourArg) missing.push(`${type.name}.${field.name}(${arg.name})`);
          else if (String(ourArg.type) !== String(arg.type)) missing.push(`${type.name}.${field.name}(${arg.name}): ${ourArg.type} ≠ ${arg.type}`);
        }
      }
      if (isObjectType(type)) {
        for (const iface of type.getInterfaces()) {
          if (!(ours as any).getInterfaces().some((i: any) => i.name === iface.name)) missing.push(`${type.name} implements ${iface.name}`);
        }
      }
    }
    if (isEnumType(type)) {
      const values = (ours as any).getValues().map((v: any) => v.name);
      for (const v of type.getValues()) if (!values.includes(v.name)) missing.push(`${type.name}.${v.name}`);
    }
    // A union may gain members (SearchItem gained Statistic), never lose one.
    if (isUnionType(type)) {
      const members = (ours as any).getTypes().map((t: any) => t.name);
      for (const member of type.getTypes()) if (!members.includes(member.name)) missing.push(`${type.name} | ${member.name}`);
    }
  }
  expect(missing).toEqual([]);
});

test("every type, field, argument and enum value has a description", () => {
  const undocumented: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__") || ["String", "Int", "Boolean", "ID", "Float"].includes(type.name)) continue;
    if (!type.description) undocumented.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) undocumented.push(`${type.name}.${field.name}`);
        for (const arg of field.args ?? []) if (!arg.description) undocumented.push(`${type.name}.${field.name}(${arg.name})`);
      }
    }
    if (isEnumType(type)) for (const v of type.getValues()) if (!v.description) undocumented.push(`${type.name}.${v.name}`);
  }
  expect(undocumented).toEqual([]);
});

test("every top-level list is a connection", () => {
  const query = schema.getQueryType()!.getFields();
  for (const name of ["people", "delegates", "employers", "honours", "proposals", "congresses", "search", "statistics"]) {
    expect(getNamedType(query[name].type).name).toMatch(/Connection$/);
  }
});
