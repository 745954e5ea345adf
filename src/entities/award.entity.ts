import { Field, Int, ObjectType } from "type-graphql";
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from "typeorm";
import { NodeEntity } from "../relay/node";
import { Citation } from "./citation.entity";
import { Honour } from "./honour.entity";
import { Organisation } from "./organisation.entity";
import { Person } from "./person.entity";

/**
 * One conferral of an honour on one recipient. Repetition is data, not prose: "4次" is times 4,
 * "连续三年" from 2022 is yearFrom 2022, yearTo 2024, times 3, consecutive; "多次" is repeated with no count.
 */
@ObjectType({ simpleResolvers: true, implements: NodeEntity, description: "An honour conferred on a person or an organisation." })
@Entity("award")
// Named as the Initial migration made it: TypeORM 1.x derives another name for the same check.
@Check("CHK_b0c631a21f4f6ed4b4b40fbc43", `("personId" IS NULL) <> ("organisationId" IS NULL)`)
// Covers "who holds honours like these" (honour filters with years, facets): yearTo and personId
// in the index spare a table read per award.
@Index(["honourId", "yearFrom", "yearTo", "personId"])
// Covers a person's awards by honour and year (the facets of the people matching a filter read every
// award of every one of them), and
// serves a person's awards as the plain personId index did. Named: TypeORM names an index by its
// table and sorted columns, which would give it the name of the index above.
@Index("IDX_award_person_honour_years", ["personId", "honourId", "yearFrom", "yearTo"])
export class Award extends NodeEntity {
  get nodeType() {
    return "Award" as const;
  }

  @Index({ unique: true })
  @Column({ type: "varchar", length: 200, nullable: true })
  seedKey: string | null;

  @Column({ type: "integer" })
  honourId: number;

  @ManyToOne(() => Honour, { onDelete: "CASCADE" })
  @JoinColumn({ name: "honourId" })
  honour?: Relation<Honour>;

  @Column({ type: "integer", nullable: true })
  personId: number | null;

  @ManyToOne(() => Person, { nullable: true, onDelete: "CASCADE" })
  @JoinColumn({ name: "personId" })
  person?: Relation<Person> | null;

  @Index()
  @Column({ type: "integer", nullable: true })
  organisationId: number | null;

  @ManyToOne(() => Organisation, { nullable: true, onDelete: "CASCADE" })
  @JoinColumn({ name: "organisationId" })
  organisation?: Relation<Organisation> | null;

  /** Computed from the row itself, so a plain field: no resolver for the executor to call per award. */
  @Field(() => Int, { nullable: true, description: "The year, when a single one is known; see yearFrom/yearTo for ranges." })
  get year(): number | null {
    return this.yearFrom !== null && (this.yearTo === null || this.yearTo === this.yearFrom) ? this.yearFrom : null;
  }

  @Field(() => Int, { nullable: true, description: "First (or only) year, where the source gives one." })
  @Index()
  @Column({ type: "integer", nullable: true })
  yearFrom: number | null;

  @Field(() => Int, { nullable: true, description: "Last year of a range; equals yearFrom for a single year." })
  @Column({ type: "integer", nullable: true })
  yearTo: number | null;

  @Field(() => Int, { nullable: true, description: "How many times received, where the source counts (4次 → 4)." })
  @Column({ type: "integer", nullable: true })
  times: number | null;

  @Field(() => Boolean, { description: "Received in consecutive years (连续)." })
  @Column({ type: "boolean", default: false })
  consecutive: boolean;

  @Field(() => Boolean, { description: "The source says more than once without a count (多次)." })
  @Column({ type: "boolean", default: false })
  repeated: boolean;

  @Field(() => String, { nullable: true, description: "Place or grade within the honour, e.g. 第一名." })
  @Column({ type: "varchar", length: 200, nullable: true })
  rank: string | null;

  @Field(() => String, { nullable: true, description: "Anything else the source says about this conferral." })
  @Column({ type: "text", nullable: true })
  note: string | null;

  @Column({ type: "integer" })
  citationId: number;

  @ManyToOne(() => Citation, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "citationId" })
  citation?: Relation<Citation>;
}
