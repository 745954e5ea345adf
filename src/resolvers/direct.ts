import { GraphQLField, GraphQLFieldResolver, GraphQLSchema, isObjectType } from "graphql";
import { BuildSchemaOptions, getMetadataStorage } from "type-graphql";
import type { Context } from "../context";

type Resolve = GraphQLFieldResolver<unknown, Context>;
type Class = abstract new (...args: never[]) => object;

/**
 * type-graphql calls every resolver through one generic wrapper, at every call: a resolver-data
 * object, the resolver instance from its container, the middleware chain, and the parameters
 * sorted and mapped anew (an array sort per call). A 50-row delegates page makes about 450 such
 * calls (employer, seats, awards → honour, …) plus about 350 for the `id` getters; the wrapper was
 * a seventh of what the page allocated and about a tenth of its main thread.
 *
 * Once the schema is built (from `resolvers`), this gives a direct call to every field whose definition needs none
 * of the wrapper: no middleware, no roles, and either a getter of the object (`id`, a connection's
 * `nodes`) or a method of a resolver class taking `(@Root() x)` or `(@Root() x, @Ctx() ctx)`.
 * A field with arguments, @Info, validation or middleware keeps type-graphql's resolver, and so
 * does any call whose root is not an instance of the class the resolver declares (type-graphql
 * would convert it first): the answer is always the one type-graphql would give.
 */
export function callResolversDirectly(schema: GraphQLSchema, options: Pick<BuildSchemaOptions, "resolvers" | "globalMiddlewares" | "container">): GraphQLSchema {
  // Global middleware and a custom container apply to every field: with either, no field may skip the wrapper.
  if (options.globalMiddlewares?.length || options.container) throw new Error("callResolversDirectly: the schema has global middleware or a container");
  const resolvers = options.resolvers as readonly Function[];
  const storage = getMetadataStorage();
  const instances = new Map<Function, Record<string, Function>>();

  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    const cls = storage.objectTypes.find((o) => o.name === type.name)?.target as Class | undefined;
    if (!cls) continue;
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, Context>[]) {
      const original = field.resolve as Resolve | undefined;
      if (!original) continue;
      const candidates = storage.fieldResolvers.filter((r) => {
        const owner = r.getObjectType?.();
        // type-graphql's own rule: internal resolvers always, a resolver class's only if the schema has it
        const inSchema = r.kind === "internal" || resolvers.includes(r.target);
        return inSchema && r.schemaName === field.name && owner !== undefined && (owner === cls || cls.prototype instanceof owner);
      });
      if (candidates.length !== 1) continue;
      const [meta] = candidates;
      if (meta.middlewares?.length || meta.roles) continue;
      const owner = meta.getObjectType!() as Class;

      if (meta.kind === "internal") {
        if (meta.params?.length || !isGetter(owner, meta.methodName)) continue;
        const name = meta.methodName;
        field.resolve = (root, args, ctx, info) => (root instanceof owner ? (root as Record<string, unknown>)[name] : original(root, args, ctx, info));
        continue;
      }

      const params = [...(meta.params ?? [])].sort((a, b) => a.index - b.index);
      // (root) or (root, ctx), declared in that order
      const shape = params
        .map((p, i) => ((p.kind === "root" || p.kind === "context") && !(p as { propertyName?: string }).propertyName && p.index === i ? p.kind : "other"))
        .join(",");
      if (shape !== "root" && shape !== "root,context") continue;
      const rootType = (params[0] as { getType?: () => unknown }).getType?.();
      if (typeof rootType !== "function") continue;
      let instance = instances.get(meta.target);
      if (!instance) instances.set(meta.target, (instance = new (meta.target as new () => Record<string, Function>)()));
      const method = instance[meta.methodName];
      const self = instance;
      field.resolve = (root, args, ctx, info) => (root instanceof (rootType as Class) ? method.call(self, root, ctx) : original(root, args, ctx, info));
    }
  }
  return schema;
}

/** Whether `name` is an accessor on the class's prototype chain. */
function isGetter(cls: Class, name: string): boolean {
  for (let proto = cls.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    if (descriptor) return descriptor.get !== undefined;
  }
  return false;
}
