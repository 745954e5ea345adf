import { Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from "typeorm";
import { Citation } from "./citation.entity";
import { Honour } from "./honour.entity";

/**
 * A count of recipients the source gives without naming them ("英德茶行业…获评广东省技术能手6人").
 * Kept apart from awards: nobody is invented to fill the count.
 */
@ObjectType({ simpleResolvers: true, description: "How many in some group hold an honour, as a source counts them without naming them." })
@Entity("honour_tally")
export class HonourTally {
  @Column({ type: "integer", primary: true, generated: "increment" })
  id: number;

  @Index({ unique: true })
  @Column({ type: "varchar", length: 200, nullable: true })
  seedKey: string | null;

  @Index()
  @Column({ type: "integer" })
  honourId: number;

  @ManyToOne(() => Honour, { onDelete: "CASCADE" })
  @JoinColumn({ name: "honourId" })
  honour?: Relation<Honour>;

  @Field(() => String, { description: "The group counted, in the source's words, e.g. 英德茶行业." })
  @Column({ type: "varchar", length: 200 })
  scope: string;

  @Field(() => Int, { description: "How many." })
  @Column({ type: "integer" })
  count: number;

  @Field(() => String, { nullable: true, description: "What is counted, as the source writes it: 人 (people), 家 (units such as studios)." })
  @Column({ type: "varchar", length: 20, nullable: true })
  unit: string | null;

  @Column({ type: "integer" })
  citationId: number;

  @ManyToOne(() => Citation, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "citationId" })
  citation?: Relation<Citation>;
}
