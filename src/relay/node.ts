import { Field, ID, InterfaceType } from "type-graphql";
import { PrimaryGeneratedColumn } from "typeorm";
import { NodeTypeName, toGlobalId } from "./global-id";

/**
 * Every major type implements Node: an opaque global id that `node(id:)` resolves.
 * The database key stays an integer (`id`, never exposed); GraphQL's `id` is the global one.
 * Node and the unions (Recipient, SearchItem) hold entity instances and keep type-graphql's own
 * resolveType (the implementing class by instanceof), which answers at once: a `resolveType`
 * option would be wrapped in an async function, a promise per abstract value.
 */
@InterfaceType("Node", {
  description: "An object with a global id that `Query.node` can fetch again.",
})
export abstract class NodeEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** GraphQL type name; each entity class states its own. */
  abstract get nodeType(): NodeTypeName;

  @Field(() => ID, { name: "id", simple: false, description: "Opaque global id, stable across restarts (base64 of `Type:key`)." })
  get globalId(): string {
    return toGlobalId(this.nodeType, this.id);
  }
}
