import { Field, ObjectType } from "type-graphql";
import { BeforeInsert, BeforeUpdate, Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from "typeorm";
import { textPinyinColumns } from "../search/pinyin";
import { NodeEntity } from "../relay/node";
import { Citation } from "./citation.entity";
import { HonourCategory, HonourLevel } from "./enums";
import { Organisation } from "./organisation.entity";

@ObjectType({
  simpleResolvers: true,
  implements: NodeEntity,
  description: "An honour, title, medal or competition result that people or organisations receive.",
})
@Entity("honour")
@Index("IDX_honour_name_pinyin", ["namePinyin", "id"])
export class Honour extends NodeEntity {
  get nodeType() {
    return "Honour" as const;
  }

  @Index({ unique: true })
  @Column({ type: "varchar", length: 200, nullable: true })
  seedKey: string | null;

  @Field(() => String, { description: "Name as written in the source, e.g. 广东省五一劳动奖章." })
  @Index()
  @Column({ type: "varchar", length: 300 })
  name: string;

  @Field(() => String, { nullable: true, description: "English name, where one is established." })
  @Column({ type: "varchar", length: 300, nullable: true })
  nameEn: string | null;

  @Field(() => String, { description: "Name in pinyin without tone marks." })
  @Column({ type: "varchar", length: 1200 })
  namePinyin: string;

  @Field(() => HonourLevel, { description: "Administrative level of the conferring body." })
  @Index()
  @Column({ type: "varchar", length: 32 })
  level: HonourLevel;

  @Field(() => HonourCategory, { description: "What the honour recognises." })
  @Index()
  @Column({ type: "varchar", length: 32 })
  category: HonourCategory;

  @Index()
  @Column({ type: "integer", nullable: true })
  conferrerId: number | null;

  @ManyToOne(() => Organisation, { nullable: true, onDelete: "SET NULL" })
  @JoinColumn({ name: "conferrerId" })
  conferrer?: Relation<Organisation> | null;

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
