import { Field, ID, InputType } from "type-graphql";
import { IsText } from "../../validation";

@InputType({ description: "The source of a fact: a document the directory holds and the verbatim quote from it that states the fact." })
export class CitationInput {
  @Field(() => ID, { description: "The SourceDocument quoted." })
  document: string;

  @Field(() => String, { description: "Verbatim text of that document (whitespace aside); refused if the document does not contain it." })
  @IsText(2000)
  quote: string;
}
