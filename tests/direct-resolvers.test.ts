import { graphql, GraphQLObjectType, GraphQLResolveInfo, GraphQLSchema } from "graphql";
import {
  Arg, Authorized, AuthChecker, buildSchema, BuildSchemaOptions, Ctx, Field, FieldResolver, ID, Info, InputType, Int, MiddlewareFn, ObjectType, Query, Resolver, Root,
  UseMiddleware,
} from "type-graphql";
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

@InputType()
class Range {
  @Field(() => Int)
  from: number;

  get width(): number {
    return 10 - this.from;
  }
}

const seen: string[] = [];
const validated: unknown[] = [];
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

  @Query(() => Box, { nullable: true })
  box(@Arg("n", () => Int) n: number, @Info() info: GraphQLResolveInfo, @Ctx() ctx: { prefix: string }): Box | null {
    return n > 0 ? Object.assign(new Box(), { n: n + info.fieldName.length + ctx.prefix.length }) : null;
  }

  @FieldResolver(() => String)
  shout(@Root() box: Box, @Arg("times", () => Int) times: number, @Arg("mark", () => String, { nullable: true }) mark: string | null): string {
    return `${(mark ?? "!").repeat(times)}${box.n}`;
  }

  @FieldResolver(() => Int)
  span(@Root() box: Box, @Arg("range", () => Range) range: Range): number {
    // type-graphql makes the input object a Range: the getter only works on an instance
    return box.n + range.width;
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

const QUERY = `{ boxes { id label double shout(times: 2) loud: shout(times: 1, mark: "?") span(range: { from: 3 }) audited } box(n: 4) { id } none: box(n: 0) { id } }`;
const options: BuildSchemaOptions = {
  resolvers: [BoxResolver],
  authChecker,
  // records what it is asked to validate; like src/validation.ts it checks input objects only
  validateFn: (value) => {
    validated.push(value);
  },
};
let schema: GraphQLSchema;
let before: Record<string, Record<string, unknown>>;

/** Each field's resolver, by type and field. */
function resolversOf(s: GraphQLSchema) {
  return Object.fromEntries(
    ["Box", "Query"].map((t) => [t, Object.fromEntries(Object.entries((s.getType(t) as GraphQLObjectType).getFields()).map(([name, field]) => [name, field.resolve]))]),
  );
}

beforeAll(async () => {
  schema = await buildSchema(options);
  before = resolversOf(schema);
  callResolversDirectly(schema, options, true);
});

test("getters and methods taking root, context, info and scalar arguments are called directly; input objects, middleware and roles keep type-graphql's resolver", () => {
  const after = resolversOf(schema);
  for (const [type, field] of [["Box", "id"], ["Box", "label"], ["Box", "double"], ["Box", "shout"], ["Query", "box"]]) expect(after[type][field]).not.toBe(before[type][field]);
  for (const [type, field] of [["Box", "span"], ["Box", "audited"], ["Box", "secret"]]) expect(after[type][field]).toBe(before[type][field]);
});

test("scalar arguments keep the wrapper when the schema's validateFn is not known to ignore them", async () => {
  const other = await buildSchema(options);
  const unchanged = resolversOf(other);
  callResolversDirectly(other, options);
  const after = resolversOf(other);
  expect(after.Box.shout).toBe(unchanged.Box.shout);
  expect(after.Query.box).toBe(unchanged.Query.box);
  expect(after.Box.double).not.toBe(unchanged.Box.double);
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
  const reference = await graphql({ schema: await buildSchema(options), source: QUERY, contextValue: { prefix: "#" } });
  seen.length = 0;
  validated.length = 0;
  const result = await graphql({ schema, source: QUERY, contextValue: { prefix: "#" } });
  expect(result).toEqual(reference);
  expect(result.errors).toBeUndefined();
  expect(result.data).toEqual({
    boxes: [
      { id: "Box:1", label: "#1:true", double: 2, shout: "!!1", loud: "?1", span: 8, audited: "audited 1" },
      { id: "Box:2", label: "#2:true", double: 4, shout: "!!2", loud: "?2", span: 9, audited: "audited 2" },
    ],
    box: { id: "Box:8" },
    none: null,
  });
  expect(seen).toEqual(["audited", "audited"]);
  // The input object is still validated, for both boxes. The scalar arguments go to validateFn only
  // for the plain object, which keeps type-graphql's resolver (it converts the object into a Box).
  expect(validated).toEqual([expect.any(Range), 2, undefined, 1, "?", expect.any(Range)]);
});
