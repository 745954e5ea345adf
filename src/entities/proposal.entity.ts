import { Field, ObjectType } from "type-graphql";
import { Column, Entity, Index, JoinColumn, JoinTable, ManyToMany, ManyToOne, type Relation } from "typeorm";
import { NodeEntity } from "../relay/node";
import { Citation } from "./citation.entity";
import { Congress } from "./congress.entity";
import { Person } from "./person.entity";

@ObjectType({ simpleResolvers: true, implements: NodeEntity, description: "A proposal or suggestion (提案, 建议) a delegate brings to a congress." })
@Entity("proposal")
export class Proposal extends NodeEntity {
  get nodeType() {
    return "Proposal" as const;
  }

  @Index({ unique: true })
  @Column({ type: "varchar", length: 200, nullable: true })
  seedKey: string | null;

  @Field(() => String, { description: "Title or gist as the source gives it." })
  @Column({ type: "varchar", length: 500 })
  title: string;

  @Field(() => String, { nullable: true, description: "Longer description, verbatim from the source." })
  @Column({ type: "text", nullable: true })
  summary: string | null;

  @Field(() => String, { nullable: true, description: "The subject it addresses, in the source's words." })
  @Column({ type: "varchar", length: 200, nullable: true })
  topic: string | null;

  @Index()
  @Column({ type: "integer", nullable: true })
  congressId: number | null;

  @ManyToOne(() => Congress, { nullable: true, onDelete: "SET NULL" })
  @JoinColumn({ name: "congressId" })
  congress?: Relation<Congress> | null;

  @ManyToMany(() => Person)
  @JoinTable({ name: "proposal_author", joinColumn: { name: "proposalId" }, inverseJoinColumn: { name: "personId" } })
  authors?: Relation<Person[]>;

  @Column({ type: "integer" })
  citationId: number;

  @ManyToOne(() => Citation, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "citationId" })
  citation?: Relation<Citation>;
}
