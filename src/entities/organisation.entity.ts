import { Field, ObjectType } from "type-graphql";
import { BeforeInsert, BeforeUpdate, Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from "typeorm";
import { textPinyinColumns } from "../search/pinyin";
import { NodeEntity } from "../relay/node";
import { Citation } from "./citation.entity";
import { OrganisationKind } from "./enums";

@ObjectType({ simpleResolvers: true, implements: NodeEntity, description: "A company, trade union, federation, group, association or other body." })
@Entity("organisation")
@Index("IDX_organisation_name_pinyin", ["namePinyin", "id"])
export class Organisation extends NodeEntity {
  get nodeType() {
    return "Organisation" as const;
  }

  @Index({ unique: true })
  @Column({ type: "varchar", length: 200, nullable: true })
  seedKey: string | null;

  @Field(() => String, {
    description:
      "Name as written in the source, e.g. 清远市总工会; where the source only refers to the body (公司工会, 省总), a full name derived from what it refers to, and then `nameDerived` is true.",
  })
  @Index()
  @Column({ type: "varchar", length: 200 })
  name: string;

  @Field(() => String, {
    nullable: true,
    description: "The source's own words for the body when `name` is derived (公司工会, 省总); null when `name` is as written.",
  })
  @Column({ type: "varchar", length: 200, nullable: true })
  nameAsWritten: string | null;

  /** Derived names are kept apart from written ones in the data, not only in the seed file's comments. */
  @Field(() => Boolean, {
    description: "True when `name` is not the source's words but derived from what they refer to; `nameAsWritten` then holds the words.",
  })
  get nameDerived(): boolean {
    return this.nameAsWritten !== null && this.nameAsWritten !== undefined;
  }

  @Field(() => String, { description: 'Name in pinyin without tone marks, e.g. "qing yuan shi zong gong hui".' })
  @Column({ type: "varchar", length: 800 })
  namePinyin: string;

  @Field(() => OrganisationKind, { description: "What sort of body this is." })
  @Column({ type: "varchar", length: 32 })
  kind: OrganisationKind;

  @Index()
  @Column({ type: "integer", nullable: true })
  parentId: number | null;

  @ManyToOne(() => Organisation, { nullable: true, onDelete: "SET NULL" })
  @JoinColumn({ name: "parentId" })
  parent?: Relation<Organisation> | null;

  @Field(() => String, { nullable: true, description: "Place the organisation is based, where the source says." })
  @Column({ type: "varchar", length: 200, nullable: true })
  region: string | null;

  @Column({ type: "integer", nullable: true })
  citationId: number | null;

  @ManyToOne(() => Citation, { nullable: true, onDelete: "SET NULL" })
  @JoinColumn({ name: "citationId" })
  citation?: Relation<Citation> | null;

  /** Pinyin is derived from the name on every write. */
  @BeforeInsert()
  @BeforeUpdate()
  derivePinyin() {
    Object.assign(this, textPinyinColumns(this.name));
  }
}

/**
 * What is wrong with a name and its written form together, or null: `nameAsWritten` equal to the
 * name would mark a name the source writes as derived. The seed loader and the writes share it.
 */
export function nameAsWrittenProblem(o: Pick<Organisation, "name" | "nameAsWritten">): string | null {
  return o.nameAsWritten !== null && o.nameAsWritten === o.name ? "the same as name; leave it out (null) where the name is as written" : null;
}
