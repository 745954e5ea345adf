import { ArgsType, ClassType, Field, Int, ObjectType } from "type-graphql";
import { DEFAULT_PAGE, MAX_PAGE } from "./cursors";

@ObjectType({ simpleResolvers: true, description: "Where a page sits in its list (Relay cursor connections)." })
export class PageInfo {
  @Field(() => Boolean, { description: "More items follow this page." })
  hasNextPage: boolean;

  @Field(() => Boolean, { description: "More items precede this page." })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: "Cursor of the first item; null on an empty page." })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: "Cursor of the last item; null on an empty page." })
  endCursor: string | null;
}

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `Items after \`after\`; default ${DEFAULT_PAGE}, at most ${MAX_PAGE}.` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "Cursor to start after (exclusive)." })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Items before \`before\`, counted from the end; at most ${MAX_PAGE}.` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: "Cursor to end before (exclusive)." })
  before?: string | null;
}

/** A page as the paginator returns it; `totalCount` runs its own query only when asked for. */
export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: () => Promise<number>;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: Promise<number>;
}

/** Builds XEdge and XConnection object types for a node type (type-graphql generic types). */
export function Connection<T extends object>(nodeType: ClassType<T> | object, typeName: string) {
  @ObjectType(`${typeName}Edge`, { simpleResolvers: true, description: `An item of a ${typeName} list with its cursor.` })
  class Edge {
    @Field(() => String, { description: "Opaque cursor of this item, for `after`/`before`." })
    cursor: string;

    @Field(() => nodeType, { description: "The item." })
    node: T;
  }

  @ObjectType(`${typeName}Connection`, { simpleResolvers: true, description: `A page of ${typeName} items.` })
  class ConnectionClass {
    constructor(private readonly page: Page<T>) {}

    @Field(() => [Edge], { description: "Items of this page, each with its cursor." })
    get edges(): Edge[] {
      return this.page.edges;
    }

    @Field(() => [nodeType], { description: "Items of this page, without cursors." })
    get nodes(): T[] {
      return this.page.edges.map((e) => e.node);
    }

    @Field(() => Int, { description: "Items in the whole list (all pages) under the given filter." })
    get totalCount(): Promise<number> {
      return this.page.totalCount();
    }

    @Field(() => PageInfo, { description: "Where this page sits in the list." })
    get pageInfo(): PageInfo {
      return this.page.pageInfo;
    }
  }
  return ConnectionClass;
}
