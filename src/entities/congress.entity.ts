import { Field, Int, ObjectType } from "type-graphql";
import { BeforeInsert, BeforeUpdate, Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from "typeorm";
import { NodeEntity } from "../relay/node";
import { textPinyinColumns } from "../search/pinyin";
import { Citation } from "./citation.entity";
import { HonourLevel } from "./enums";

@ObjectType({ simpleResolvers: true, implements: NodeEntity, description: "A trade-union congress, e.g. 广东省工会第十五次代表大会." })
@Entity("congress")
@Index("IDX_congress_name_pinyin", ["namePinyin", "id"])
export class Congress extends NodeEntity {
  get nodeType() {
    return "Congress" as const;
  }

  @Index({ unique: true })
  @Column({ type: "varchar", length: 200, nullable: true })
  seedKey: string | null;

  @Field(() => String, { description: "Name as written in the source." })
  @Index()
  @Column({ type: "varchar", length: 200 })
  name: string;

  /**
   * Added by a migration, which cannot derive it (migrations import no live code): start-up fills
   * in the rows it left empty (src/services/pinyin-refresh.ts fillCongressPinyin).
   */
  @Field(() => String, { description: 'Name in pinyin without tone marks, e.g. "guang dong sheng gong hui di shi wu ci dai biao da hui".' })
  @Column({ type: "varchar", length: 800, default: "" })
  namePinyin: string;

  @Field(() => String, { nullable: true, description: 'English name, e.g. "15th Guangdong Provincial Trade Union Congress".' })
  @Column({ type: "varchar", length: 300, nullable: true })
  nameEn: string | null;

  @Field(() => Int, { nullable: true, description: "Which congress in the series (第十五次 → 15)." })
  @Column({ type: "integer", nullable: true })
  session: number | null;

  @Field(() => HonourLevel, { nullable: true, description: "Administrative level of the congress (provincial, municipal …)." })
  @Column({ type: "varchar", length: 32, nullable: true })
  level: HonourLevel | null;

  @Field(() => String, { nullable: true, description: "Region the congress covers, e.g. 广东省." })
  @Column({ type: "varchar", length: 200, nullable: true })
  region: string | null;

  @Field(() => Int, { nullable: true, description: "Year it sits, where the source says." })
  @Column({ type: "integer", nullable: true })
  year: number | null;

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
