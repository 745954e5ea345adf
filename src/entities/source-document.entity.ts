import { Field, ObjectType } from "type-graphql";
import { Column, Entity, Index } from "typeorm";
import { DateScalar } from "../date-scalar";
import { NodeEntity } from "../relay/node";

@ObjectType({ simpleResolvers: true, implements: NodeEntity, description: "A published text the directory's facts are drawn from, kept verbatim." })
@Entity("source_document")
export class SourceDocument extends NodeEntity {
  get nodeType() {
    return "SourceDocument" as const;
  }

  /** Seed key (file name without extension) so a re-seed finds the same row. */
  @Index({ unique: true })
  @Column({ type: "varchar", length: 200, nullable: true })
  seedKey: string | null;

  @Field(() => String, { description: "Headline as printed." })
  @Column({ type: "varchar", length: 500 })
  title: string;

  @Field(() => String, { nullable: true, description: "Credits line(s) as printed (editors, reporter); null when none." })
  @Column({ type: "text", nullable: true })
  byline: string | null;

  @Field(() => String, { nullable: true, description: "Where the document can be read: an http or https URL; null where it is not known." })
  @Column({ type: "varchar", length: 2048, nullable: true })
  url: string | null;

  @Field(() => String, { nullable: true, description: "Who published it (a newspaper, a union's site); null where the document does not say." })
  @Column({ type: "varchar", length: 200, nullable: true })
  publisher: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Day of publication, yyyy-mm-dd; null where the document does not say." })
  @Column({ type: "date", nullable: true })
  publishedOn: string | null;

  @Field(() => String, { description: "The whole text, verbatim; every citation's quote occurs in it (whitespace aside)." })
  @Column({ type: "text" })
  text: string;
}
