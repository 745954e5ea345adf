import { GraphQLField, GraphQLFieldResolver, GraphQLResolveInfo, GraphQLSchema, isEnumType, isNonNullType, isObjectType, isScalarType } from "graphql";
import { BuildSchemaOptions, getMetadataStorage } from "type-graphql";
import type { Context } from "../context";

type Resolve = GraphQLFieldResolver<unknown, Context>;
type Class = abstract new (...args: never[]) => object;
type ParamMeta = NonNullable<ReturnType<typeof getMetadataStorage>["fieldResolvers"][number]["params"]>[number];
/** How one parameter of a method is taken from graphql's (root, args, ctx, info). */
type Take = (root: unknown, args: Record<string, unknown>, ctx: Context, info: GraphQLResolveInfo) => unknown;

/**
 * type-graphql calls every resolver through one generic wrapper, at every call: a resolver-data
 * object, the resolver instance from its container, the middleware chain, and the parameters
 * sorted and mapped anew (an array sort per call); with a validateFn, every argument also goes
 * through an async validation, so the answer becomes a promise. A 50-row delegates page makes
 * about 450 such calls (employer, seats, awards → honour, …) plus about 350 for the `id` getters;
 * the wrapper was a seventh of what the page allocated and about a tenth of its main thread.
 *
 * Once the schema is built (from `resolvers`), this gives a direct call to every field whose
 * definition needs none of the wrapper: no middleware, no roles, and either a getter of the
 * object (`id`, a connection's `nodes`) or a method taking `@Root()` (an instance of the class
 * the resolver declares: anything else gets type-graphql's conversion), `@Ctx()`, `@Info()`, and
 * `@Arg`s of scalar or enum types, which type-graphql hands over as they are. Such an argument
 * is validated by nothing (`scalarArgsUnvalidated`: the schema's validateFn ignores scalars, as
 * src/validation.ts does) unless it names its own validation, which keeps the wrapper. A field
 * with an input-object argument, @Args, middleware or roles keeps type-graphql's resolver: the
 * answer is always the one type-graphql would give.
 */
export function callResolversDirectly(
  schema: GraphQLSchema,
  options: Pick<BuildSchemaOptions, "resolvers" | "globalMiddlewares" | "container" | "validateFn">,
  scalarArgsUnvalidated = false,
): GraphQLSchema {
  // Global middleware and a custom container apply to every field: with either, no field may skip the wrapper.
  if (options.globalMiddlewares?.length || options.container) throw new Error("callResolversDirectly: the schema has global middleware or a container");
  const resolvers = options.resolvers as readonly Function[];
  const storage = getMetadataStorage();
  const instances = new Map<Function, Record<string, Function>>();
  const roots = new Set([schema.getQueryType(), schema.getMutationType()]);

  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    const isRoot = roots.has(type);
    const cls = isRoot ? undefined : (storage.objectTypes.find((o) => o.name === type.name)?.target as Class | undefined);
    if (!isRoot && !cls) continue;
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, Context>[]) {
      const original = field.resolve as Resolve | undefined;
      if (!original) continue;
      const candidates = isRoot
        ? (type === schema.getQueryType() ? storage.queries : storage.mutations).filter((r) => resolvers.includes(r.target) && r.schemaName === field.name)
        : storage.fieldResolvers.filter((r) => {
            const owner = r.getObjectType?.();
            // type-graphql's own rule: internal resolvers always, a resolver class's only if the schema has it
            const inSchema = r.kind === "internal" || resolvers.includes(r.target);
            return inSchema && r.schemaName === field.name && owner !== undefined && (owner === cls || cls!.prototype instanceof owner);
          });
      if (candidates.length !== 1) continue;
      const [meta] = candidates;
      if (meta.middlewares?.length || meta.roles) continue;

      if ("kind" in meta && meta.kind === "internal") {
        const owner = meta.getObjectType!() as Class;
        if (meta.params?.length || !isGetter(owner, meta.methodName)) continue;
        const name = meta.methodName;
        field.resolve = (root, args, ctx, info) => (root instanceof owner ? (root as Record<string, unknown>)[name] : original(root, args, ctx, info));
        continue;
      }

      const params = [...(meta.params ?? [])].sort((a, b) => a.index - b.index);
      if (params.some((p, i) => p.index !== i)) continue;
      const takes = params.map((p) => take(p, field, options.validateFn !== undefined && !scalarArgsUnvalidated));
      if (takes.some((t) => t === null)) continue;
      const rootParam = params.find((p) => p.kind === "root");
      const rootType = rootParam ? (rootParam as { getType?: () => unknown }).getType?.() : undefined;
      if (rootParam && typeof rootType !== "function") continue;
      let instance = instances.get(meta.target);
      if (!instance) instances.set(meta.target, (instance = new (meta.target as new () => Record<string, Function>)()));
      const method = instance[meta.methodName];
      const self = instance;
      const call = direct(method, self, takes as Take[]);
      field.resolve = rootParam
        ? (root, args, ctx, info) => (root instanceof (rootType as Class) ? call(root, args, ctx, info) : original(root, args, ctx, info))
        : call;
    }
  }
  return schema;
}

/** How a parameter is passed without the wrapper, or null when it needs the wrapper. */
function take(param: ParamMeta, field: GraphQLField<unknown, Context>, validated: boolean): Take | null {
  if ((param as { propertyName?: string }).propertyName) return null;
  switch (param.kind) {
    case "root":
      return (root) => root;
    case "context":
      return (_root, _args, ctx) => ctx;
    case "info":
      return (_root, _args, _ctx, info) => info;
    case "arg": {
      const arg = field.args.find((a) => a.name === param.name);
      const named = arg && (isNonNullType(arg.type) ? arg.type.ofType : arg.type);
      const plain = named !== undefined && (isScalarType(named) || isEnumType(named));
      if (!plain || validated || param.validateFn || param.validateSettings !== undefined) return null;
      const name = param.name;
      return (_root, args) => args[name];
    }
    default:
      return null;
  }
}

/** The method called with its parameters (the common shapes spelled out: no array per call). */
function direct(method: Function, self: object, takes: Take[]): Resolve {
  const [a, b, c] = takes;
  switch (takes.length) {
    case 0:
      return () => method.call(self);
    case 1:
      return (root, args, ctx, info) => method.call(self, a(root, args, ctx, info));
    case 2:
      return (root, args, ctx, info) => method.call(self, a(root, args, ctx, info), b(root, args, ctx, info));
    case 3:
      return (root, args, ctx, info) => method.call(self, a(root, args, ctx, info), b(root, args, ctx, info), c(root, args, ctx, info));
    default:
      return (root, args, ctx, info) => method.apply(self, takes.map((t) => t(root, args, ctx, info)));
  }
}

/** Whether `name` is an accessor on the class's prototype chain. */
function isGetter(cls: Class, name: string): boolean {
  for (let proto = cls.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    if (descriptor) return descriptor.get !== undefined;
  }
  return false;
}
