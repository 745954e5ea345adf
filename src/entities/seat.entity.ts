import { Field, ObjectType } from "type-graphql";
import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from "typeorm";
import { NodeEntity } from "../relay/node";
import { Citation } from "./citation.entity";
import { Congress } from "./congress.entity";
import { Person } from "./person.entity";

@ObjectType({ simpleResolvers: true, implements: NodeEntity, description: "A person's seat as a delegate to a congress." })
@Entity("seat")
@Index(["congressId", "delegation"])
@Index(["personId", "congressId"], { unique: true })
// A congress's delegates in pinyin order, read from the seats alone (PeopleSelection: seat order).
@Index("IDX_seat_congress_name_sort", ["congressId", "nameSortKey", "personId"])
export class Seat extends NodeEntity {
  get nodeType() {
    return "Seat" as const;
  }

  @Index({ unique: true })
  @Column({ type: "varchar", length: 200, nullable: true })
  seedKey: string | null;

  @Column({ type: "integer" })
  personId: number;

  @ManyToOne(() => Person, { onDelete: "CASCADE" })
  @JoinColumn({ name: "personId" })
  person?: Relation<Person>;

  /**
   * The person's nameSortKey, kept by the database's triggers (the SeatNameSortKey migrations) on
   * every insert of a seat, change of its person and change of the person's name: never written
   * or read by the app's entities, only by the SQL of pages in pinyin order.
   */
  @Column({ type: "varchar", length: 300, nullable: true, select: false, insert: false, update: false })
  nameSortKey?: string | null;

  @Column({ type: "integer" })
  congressId: number;

  @ManyToOne(() => Congress, { onDelete: "CASCADE" })
  @JoinColumn({ name: "congressId" })
  congress?: Relation<Congress>;

  @Field(() => String, { nullable: true, description: "Delegation (代表团) the delegate sits with; null where the source does not say." })
  @Column({ type: "varchar", length: 200, nullable: true })
  delegation: string | null;

  @Field(() => String, { nullable: true, description: "What the delegate says they will focus on at this congress, verbatim." })
  @Column({ type: "text", nullable: true })
  focus: string | null;

  @Column({ type: "integer", nullable: true })
  citationId: number | null;

  @ManyToOne(() => Citation, { nullable: true, onDelete: "SET NULL" })
  @JoinColumn({ name: "citationId" })
  citation?: Relation<Citation> | null;
}
