import { Field, ObjectType } from "type-graphql";
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from "typeorm";
import { SourceDocument } from "./source-document.entity";

@ObjectType({ simpleResolvers: true, description: "Where a fact comes from: a verbatim quote from a source document." })
@Entity("citation")
@Index(["documentId", "quote"], { unique: true })
export class Citation {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  documentId: number;

  @ManyToOne(() => SourceDocument, { onDelete: "CASCADE" })
  @JoinColumn({ name: "documentId" })
  document?: Relation<SourceDocument>;

  @Field(() => String, { description: "Verbatim text of the document that states the fact." })
  @Column({ type: "text" })
  quote: string;
}
