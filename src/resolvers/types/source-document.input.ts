import { MaxLength } from "class-validator";
import { Field, InputType } from "type-graphql";
import { DateScalar } from "../../date-scalar";
import { IsDateInYears, IsHttpUrl, IsName, IsText } from "../../validation";

/** What a document's creation and its corrections share: its particulars, each optional. */
@InputType({ description: "A source document's particulars." })
class SourceDocumentParticulars {
  @Field(() => String, { nullable: true, description: "Credits line(s)." })
  @MaxLength(2000)
  byline?: string | null;

  @Field(() => String, { nullable: true, description: "Where it can be read: an http or https URL (stored as parsed)." })
  @IsHttpUrl()
  url?: string | null;

  @Field(() => String, { nullable: true, description: "Who published it." })
  @IsName(200)
  publisher?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Day of publication, yyyy-mm-dd, in a year from 1949 to next year." })
  @IsDateInYears()
  publishedOn?: string | null;
}

@InputType({ description: "A source document to cite: a report, a list, a decision." })
export class CreateSourceDocumentInput extends SourceDocumentParticulars {
  @Field(() => String, { description: "Headline or title." })
  @IsText(500)
  title: string;

  @Field(() => String, { description: "The whole text, verbatim." })
  @IsText(1_000_000)
  text: string;
}

/** The text is not correctable: every citation's quote must stay verbatim text of it. */
@InputType({ description: "Corrections to a source document's particulars (not its text): fields left out stay as they are; null clears a field." })
export class UpdateSourceDocumentInput extends SourceDocumentParticulars {
  @Field(() => String, { nullable: true, description: "Headline or title; may not be cleared." })
  @IsText(500)
  title?: string | null;
}
