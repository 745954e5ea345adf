import { ArrayMaxSize, ArrayMinSize, MaxLength, ValidateNested } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { IsText } from "../../validation";
import { CitationInput } from "./citation.input";

/**
 * A proposal's fields as a correction states them, each optional; a creation extends this and
 * restates only the fields it requires or describes otherwise. The validators hold for both.
 */
@InputType()
class ProposalFields {
  @Field(() => String, { nullable: true, description: "Title." })
  @IsText(500)
  title?: string | null;

  @Field(() => String, { nullable: true, description: "Longer description." })
  @MaxLength(10000)
  summary?: string | null;

  @Field(() => String, { nullable: true, description: "The subject it addresses." })
  @MaxLength(200)
  topic?: string | null;

  @Field(() => ID, { nullable: true, description: "The congress it is brought to." })
  congress?: string | null;

  @Field(() => [ID], { nullable: true, description: "Who brings it; replaces the list." })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  authors?: string[] | null;

  @Field(() => CitationInput, { nullable: true, description: "A new source for the proposal." })
  @ValidateNested()
  citation?: CitationInput | null;
}

@InputType({ description: "A new proposal." })
export class CreateProposalInput extends ProposalFields {
  @Field(() => String, { description: "Title or gist as the source gives it." })
  declare title: string;

  @Field(() => [ID], { description: "Who brings it (one or more people)." })
  declare authors: string[];

  @Field(() => CitationInput, { description: "Where the proposal is stated; required." })
  declare citation: CitationInput;
}

@InputType({ description: "Changes to a proposal: fields left out stay as they are; null clears a field." })
export class UpdateProposalInput extends ProposalFields {}
