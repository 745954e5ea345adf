import { Arg, Args, createUnionType, Ctx, Field, Int, ObjectType, Query, registerEnumType, Resolver } from "type-graphql";
import { Honour, Organisation, Person, Proposal, Statistic } from "../entities";
import type { Context } from "../context";
import { badInput } from "../errors";
import { ConnectionArgs, PageInfo } from "../relay/connection";
import { MatchedField, SearchEdge } from "../search";
import type { NodeEntity } from "../relay/node";

export const SearchItem = createUnionType({
  name: "SearchItem",
  description: "Anything `search` can find.",
  types: () => [Person, Organisation, Honour, Proposal, Statistic] as const,
});

registerEnumType(MatchedField, {
  name: "SearchMatchedField",
  description: "What a search result matched.",
  valuesConfig: {
    NAME: { description: "The name (Person, Organisation, Honour), in characters." },
    NAME_PINYIN: { description: "The pinyin of the name (Person, Organisation, Honour): full, from a syllable on, or a person's initials." },
    BIOGRAPHY: { description: "The person's biography." },
    NAME_EN: { description: "The honour's English name." },
    TITLE: { description: "The proposal's title." },
    SUMMARY: { description: "The proposal's summary." },
    TOPIC: { description: "The proposal's topic." },
    POSITIONS_TITLE: { description: "A title the person holds (`Person.positions.title`)." },
    LABEL: { description: "The statistic's label." },
  },
});

@ObjectType({ simpleResolvers: true, description: "One search result with what matched." })
class SearchResultEdge {
  @Field(() => String, { description: "Opaque cursor of this result, for `after`/`before`." })
  cursor: string;

  @Field(() => SearchItem, { description: "The object found." })
  node: NodeEntity;

  @Field(() => MatchedField, { description: "Which field matched." })
  matchedField: MatchedField;

  @Field(() => String, { nullable: true, description: "The matching text, shortened around the match; pinyin as `namePinyin` shows it (`Wan Yali`)." })
  snippet: string | null;
}

@ObjectType({ simpleResolvers: true, description: "Search results, best match first." })
class SearchResultConnection {
  @Field(() => [SearchResultEdge], { description: "Results of this page, each with its cursor and match." })
  edges: SearchResultEdge[];

  @Field(() => [SearchItem], { description: "Objects of this page, without cursors." })
  nodes: NodeEntity[];

  @Field(() => Int, { description: "Results in all pages." })
  totalCount: number;

  @Field(() => PageInfo, { description: "Where this page sits in the results." })
  pageInfo: PageInfo;
}

const MAX_QUERY = 200;

@Resolver()
export class SearchResolver {
  @Query(() => SearchResultConnection, {
    description: "Finds people, organisations, honours, proposals and statistics (by label) by name, pinyin or text; exact name matches first, then prefixes.",
  })
  async search(
    @Arg("query", () => String, { description: "Characters or pinyin; matched as literal text." }) query: string,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: Context,
  ): Promise<SearchResultConnection> {
    if (!query.replace(/\p{Cc}/gu, "").trim()) throw badInput("query must not be empty", "query");
    if (query.length > MAX_QUERY) throw badInput(`query may be at most ${MAX_QUERY} characters`, "query");
    const result = await ctx.slow.run("search", [query, { ...page }], ctx.deadline, ctx.abandoned());
    const nodes = await Promise.all(result.edges.map((edge) => loadHit(ctx, edge)));
    const edges = result.edges.map((e, i) => ({ cursor: e.cursor, node: nodes[i], matchedField: e.matchedField, snippet: e.snippet }));
    return {
      edges: edges.filter((e) => e.node !== null) as SearchResultEdge[],
      nodes: nodes.filter((n): n is NodeEntity => n !== null),
      totalCount: result.totalCount,
      pageInfo: result.pageInfo,
    };
  }
}

function loadHit(ctx: Context, hit: Pick<SearchEdge, "type" | "id">): Promise<NodeEntity | null> {
  const loaders = ctx.loaders;
  const loader = {
    Person: loaders.person,
    Organisation: loaders.organisation,
    Honour: loaders.honour,
    Proposal: loaders.proposal,
    Statistic: loaders.statistic,
  }[hit.type];
  return loader.load(hit.id);
}
