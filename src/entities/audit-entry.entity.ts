import { GraphQLDateTime, GraphQLJSON } from "graphql-scalars";
import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index } from "typeorm";
import { NodeEntity } from "../relay/node";

/** One record changed by one write: who (token label), when, what, and the values before and after. */
@ObjectType({ simpleResolvers: true, implements: NodeEntity, description: "One change to one record, as the audit trail keeps it (admins only)." })
@Entity("audit_entry")
export class AuditEntry extends NodeEntity {
  get nodeType() {
    return "AuditEntry" as const;
  }

  @Field(() => GraphQLDateTime, { description: "When, in UTC (e.g. 2025-05-01T08:30:00.000Z)." })
  @Index()
  @Column({ type: "varchar", length: 30 })
  at: string;

  @Field(() => String, { description: "Label of the token that wrote (or `cli:…` for command-line imports)." })
  @Index()
  @Column({ type: "varchar", length: 100 })
  actor: string;

  /** "organiser" or "admin"; shown as the enum TokenRole (src/resolvers/audit.resolver.ts). */
  @Column({ type: "varchar", length: 16 })
  role: string;

  @Field(() => String, { description: "The mutation (or import) that made the change, e.g. updatePerson." })
  @Column({ type: "varchar", length: 50 })
  action: string;

  /** The record's GraphQL type name, e.g. Person; shown as the enum AuditRecordType (src/resolvers/audit.resolver.ts). */
  @Column({ type: "varchar", length: 30 })
  recordType: string;

  @Field(() => ID, { description: "Global id of the record changed (it may since have been deleted)." })
  @Index()
  @Column({ type: "varchar", length: 100 })
  record: string;

  @Field(() => GraphQLJSON, { nullable: true, description: "The record's values before the change; null for a creation." })
  @Column({ type: "simple-json", nullable: true })
  before: Record<string, unknown> | null;

  @Field(() => GraphQLJSON, { nullable: true, description: "The record's values after the change; null for a deletion." })
  @Column({ type: "simple-json", nullable: true })
  after: Record<string, unknown> | null;
}
