import { Field, Int, ObjectType } from "type-graphql";
import { BeforeInsert, BeforeUpdate, Column, Entity, Index, JoinColumn, JoinTable, ManyToMany, ManyToOne, type Relation } from "typeorm";
import { personPinyinColumns } from "../search/pinyin";
import { NodeEntity } from "../relay/node";
import { Citation } from "./citation.entity";
import { Gender } from "./enums";
import { Organisation } from "./organisation.entity";

@ObjectType({ simpleResolvers: true, implements: NodeEntity, description: "A person: a delegate, an honour recipient or anyone else the sources name." })
@Entity("person")
// PostgreSQL's search index reads the pinyin and initials under COLLATE "C" (its SearchIndex migration
// makes these indexes); TypeORM cannot describe such an index, so it is told to leave them be.
@Index("IDX_person_pinyin_key_c", { synchronize: false })
@Index("IDX_person_initials_c", { synchronize: false })
export class Person extends NodeEntity {
  get nodeType() {
    return "Person" as const;
  }

  @Index({ unique: true })
  @Column({ type: "varchar", length: 200, nullable: true })
  seedKey: string | null;

  @Field(() => String, { description: "Name as written in the source, e.g. 万雅丽." })
  @Index()
  @Column({ type: "varchar", length: 100 })
  name: string;

  @Field(() => String, { description: 'Name in pinyin, surname first, e.g. "Wan Yali".' })
  @Index()
  @Column({ type: "varchar", length: 200 })
  namePinyin: string;

  /** Lower-case pinyin with no spaces ("wanyali"); what search and ordering compare. */
  @Index()
  @Column({ type: "varchar", length: 200 })
  namePinyinKey: string;

  /** Syllables apart ("wan ya li"), so pinyin order compares syllable by syllable (wan < wang). */
  @Index()
  @Column({ type: "varchar", length: 300 })
  nameSortKey: string;

  /** First letter of each syllable ("wyl"). */
  @Index()
  @Column({ type: "varchar", length: 50 })
  nameInitials: string;

  @Field(() => Gender, { nullable: true, description: "As the source states it; null where it is silent." })
  @Column({ type: "varchar", length: 16, nullable: true })
  gender: Gender | null;

  @Field(() => String, { nullable: true, description: "Verbatim passage of the source describing the person." })
  @Column({ type: "text", nullable: true })
  biography: string | null;

  @Index()
  @Column({ type: "integer", nullable: true })
  employerId: number | null;

  @ManyToOne(() => Organisation, { nullable: true, onDelete: "SET NULL" })
  @JoinColumn({ name: "employerId" })
  employer?: Relation<Organisation> | null;

  @Field(() => Int, { nullable: true, description: "Years with the current employer as the source gives them (在公司工作20年 → 20)." })
  @Column({ type: "integer", nullable: true })
  yearsOfService: number | null;

  @Field(() => String, { nullable: true, description: "Link to a photo of the person: an http or https URL; null where there is none." })
  @Column({ type: "varchar", length: 2048, nullable: true })
  photoUrl: string | null;

  @Field(() => String, {
    nullable: true,
    description: "How an ambiguous passage about the person was read (the reading that claims least), or anything else the source says.",
  })
  @Column({ type: "text", nullable: true })
  note: string | null;

  /** Quotes about the person that are not tied to one position, seat, award or proposal. */
  @ManyToMany(() => Citation)
  @JoinTable({ name: "person_citation", joinColumn: { name: "personId" }, inverseJoinColumn: { name: "citationId" } })
  citations?: Relation<Citation[]>;

  /** Pinyin is derived from the name on every write, so it can never drift from it. */
  @BeforeInsert()
  @BeforeUpdate()
  derivePinyin() {
    Object.assign(this, personPinyinColumns(this.name));
  }
}
