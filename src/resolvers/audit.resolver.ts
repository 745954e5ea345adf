import { MaxLength } from "class-validator";
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Query, registerEnumType, Resolver, Root } from "type-graphql";
import { ADMIN_ONLY } from "../auth/roles";
import { AuditEntry } from "../entities";
import type { Context } from "../context";
import { badInput } from "../errors";
import { Connection, ConnectionArgs } from "../relay/connection";
import { fromGlobalId, NODE_TYPES } from "../relay/global-id";
import { paginate } from "../relay/paginate";
import { OrderDirection } from "./types/order";

export const AuditEntryConnection = Connection(AuditEntry, "AuditEntry");

/** The role of the token that wrote (stored as "organiser" or "admin"). */
export enum TokenRole {
  ORGANISER = "ORGANISER",
  ADMIN = "ADMIN",
}
registerEnumType(TokenRole, {
  name: "TokenRole",
  description: "What a bearer token may do.",
  valuesConfig: {
    ORGANISER: { description: "Create and correct records, import; not delete people, organisations, honours or congresses." },
    ADMIN: { description: "Everything, the audit trail included." },
  },
});

/** SourceDocument → SOURCE_DOCUMENT: a type name as an enum value. */
const enumName = (typeName: string) => typeName.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();

/** Every type a write records (a Node type: the audit trail keeps the record's global id); audit entries themselves are never changed. */
const RECORDED = NODE_TYPES.filter((t) => t !== "AuditEntry");
export const AuditRecordType = Object.fromEntries(RECORDED.map((t) => [enumName(t), enumName(t)]));
registerEnumType(AuditRecordType, {
  name: "AuditRecordType",
  description: "The type of a record the audit trail shows changed.",
  valuesConfig: Object.fromEntries(RECORDED.map((t) => [enumName(t), { description: `${/^(?:[AEIOU]|Hon)/.test(t) ? "An" : "A"} ${t}.` }])),
});

@InputType({ description: "Narrows the audit trail; all given conditions must hold." })
export class AuditFilter {
  @Field(() => ID, { nullable: true, description: "Changes to this record (its global id)." })
  record?: string | null;

  @Field(() => String, { nullable: true, description: "Changes made with this token (its label)." })
  @MaxLength(100)
  actor?: string | null;

  @Field(() => String, { nullable: true, description: "Changes made by this mutation, e.g. updatePerson or importDelegates." })
  @MaxLength(50)
  action?: string | null;
}

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Authorized(ADMIN_ONLY)
  @Query(() => AuditEntryConnection, { description: "Every change to the directory: who, when, what, before and after; newest first by default. Admin only." })
  async auditLog(
    @Arg("filter", () => AuditFilter, { nullable: true, description: "Conditions entries must meet." }) filter: AuditFilter | null,
    @Arg("direction", () => OrderDirection, { defaultValue: OrderDirection.DESC, description: "DESC: newest first." }) direction: OrderDirection,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: Context,
  ) {
    const qb = ctx.ds.getRepository(AuditEntry).createQueryBuilder("e");
    if (filter?.record) {
      if (!fromGlobalId(filter.record)) throw badInput(`filter.record: "${filter.record}" is not a global id`, "filter.record");
      qb.andWhere("e.record = :record", { record: filter.record });
    }
    if (filter?.actor) qb.andWhere("e.actor = :actor", { actor: filter.actor });
    if (filter?.action) qb.andWhere("e.action = :action", { action: filter.action });
    return new AuditEntryConnection(await paginate(qb, page, [{ property: "id", direction }], ctx));
  }

  @FieldResolver(() => TokenRole, { description: "Role of the token that wrote." })
  role(@Root() entry: AuditEntry): string {
    return entry.role.toUpperCase();
  }

  @FieldResolver(() => AuditRecordType, { description: "Type of the record changed." })
  recordType(@Root() entry: AuditEntry): string {
    return enumName(entry.recordType);
  }
}
