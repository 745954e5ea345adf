import { Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from "typeorm";
import { NodeEntity } from "../relay/node";
import { Citation } from "./citation.entity";
import { Organisation } from "./organisation.entity";
import { Person } from "./person.entity";

@ObjectType({ simpleResolvers: true, implements: NodeEntity, description: "A title a person holds or held at an organisation." })
@Entity("position")
export class Position extends NodeEntity {
  get nodeType() {
    return "Position" as const;
  }

  @Index({ unique: true })
  @Column({ type: "varchar", length: 200, nullable: true })
  seedKey: string | null;

  @Index()
  @Column({ type: "integer" })
  personId: number;

  @ManyToOne(() => Person, { onDelete: "CASCADE" })
  @JoinColumn({ name: "personId" })
  person?: Relation<Person>;

  @Index()
  @Column({ type: "integer" })
  organisationId: number;

  @ManyToOne(() => Organisation, { onDelete: "CASCADE" })
  @JoinColumn({ name: "organisationId" })
  organisation?: Relation<Organisation>;

  @Field(() => String, { description: "Title as written, e.g. 副总经理." })
  @Column({ type: "varchar", length: 200 })
  title: string;

  @Field(() => Boolean, { nullable: true, description: "True while the person holds it (现任), false once ended; null where the source does not say." })
  @Column({ type: "boolean", nullable: true })
  current: boolean | null;

  @Field(() => Int, { nullable: true, description: "First year held, where the source says." })
  @Column({ type: "integer", nullable: true })
  yearFrom: number | null;

  @Field(() => Int, { nullable: true, description: "Last year held, where the source says." })
  @Column({ type: "integer", nullable: true })
  yearTo: number | null;

  @Column({ type: "integer", nullable: true })
  citationId: number | null;

  @ManyToOne(() => Citation, { nullable: true, onDelete: "SET NULL" })
  @JoinColumn({ name: "citationId" })
  citation?: Relation<Citation> | null;
}
