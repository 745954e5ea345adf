import { graphql, GraphQLObjectType, GraphQLSchema } from "graphql";
import { Arg, Authorized, AuthChecker, buildSchema, BuildSchemaOptions, Ctx, Field, FieldResolver, ID, Int, MiddlewareFn, ObjectType, Query, Resolver, Root, UseMiddleware } from "type-graphql";
import { callResolversDirectly } from "../src/resolvers/direct";

/**
 * src/resolvers/direct.ts replaces type-graphql's generic resolver wrapper with a direct call where
 * the wrapper has nothing to do. The answers must stay exactly type-graphql's, and every field
 * that needs the wrapper (arguments, middleware) must keep it.
 */
@ObjectType()
class Box {
  n: number;

  @Field(() => ID, { name: "id", simple: false })
  get globalId(): string {
    return `Box:${this.n}`;
  }
}

const seen: string[] = [];
const audit: MiddlewareFn = async ({ info }, next) => {
  seen.push(info.fieldName);
  return next();
};

@Resolver(() => Box)
class BoxResolver {
  @Query(() => [Box])
  boxes(): Box[] {
    // One instance and one plain object: type-graphql converts the second into a Box.
    return [Object.assign(new Box(), { n: 1 }), { n: 2 } as Box];
  }

  @FieldResolver(() => String)
  label(@Root() box: Box, @Ctx() ctx: { prefix: string }): string {
    return `${ctx.prefix}${box.n}:${box instanceof Box}`;
  }

  @FieldResolver(() => Int)
  double(@Root() box: Box): number {
    return box.n * 2;
  }

  @FieldResolver(() => String)
  shout(@Root() box: Box, @Arg("times", () => Int) times: number): string {
    return `${"!".repeat(times)}${box.n}`;
  }

  @FieldResolver(() => String)
  @UseMiddleware(audit)
  audited(@Root() box: Box): string {
    return `audited ${box.n}`;
  }

  @FieldResolver(() => String, { nullable: true })
  @Authorized("admin")
  secret(@Root() box: Box): string {
    return `secret ${box.n}`;
  }
}

const authChecker: AuthChecker<{ admin?: boolean }> = ({ context }) => context.admin === true;

const QUERY = `{ boxes { id label double shout(times: 2) audited } }`;
let schema: GraphQLSchema;
let before: Record<string, unknown>;

beforeAll(async () => {
  const options: BuildSchemaOptions = { resolvers: [BoxResolver], authChecker };
  schema = await buildSchema(options);
  const fields = (schema.getType("Box") as GraphQLObjectType).getFields();
  before = Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, field.resolve]));
  callResolversDirectly(schema, options);
});

test("getters and (root) / (root, ctx) methods are called directly; fields with arguments, middleware or roles keep type-graphql's resolver", () => {
  const fields = (schema.getType("Box") as GraphQLObjectType).getFields();
  expect(fields.id.resolve).not.toBe(before.id);
  expect(fields.label.resolve).not.toBe(before.label);
  expect(fields.double.resolve).not.toBe(before.double);
  expect(fields.shout.resolve).toBe(before.shout);
  expect(fields.audited.resolve).toBe(before.audited);
  expect(fields.secret.resolve).toBe(before.secret);
});

test("a field with roles still checks them", async () => {
  const denied = await graphql({ schema, source: `{ boxes { secret } }`, contextValue: { prefix: "" } });
  expect(denied.errors?.[0].message).toMatch(/Access denied/);
  const allowed = await graphql({ schema, source: `{ boxes { secret } }`, contextValue: { prefix: "", admin: true } });
  expect(allowed.data).toEqual({ boxes: [{ secret: "secret 1" }, { secret: "secret 2" }] });
});

test("a schema with global middleware is refused: no field may skip it", () => {
  expect(() => callResolversDirectly(schema, { resolvers: [BoxResolver], globalMiddlewares: [audit] })).toThrow(/global middleware/);
});

test("answers are type-graphql's, for instances and for plain objects it converts", async () => {
  seen.length = 0;
  const result = await graphql({ schema, source: QUERY, contextValue: { prefix: "#" } });
  expect(result.errors).toBeUndefined();
  expect(result.data).toEqual({
    boxes: [
      { id: "Box:1", label: "#1:true", double: 2, shout: "!!1", audited: "audited 1" },
      { id: "Box:2", label: "#2:true", double: 4, shout: "!!2", audited: "audited 2" },
    ],
  });
  expect(seen).toEqual(["audited", "audited"]);
});
