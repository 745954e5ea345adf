import { Max, Min, MaxLength, ValidateNested } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";
import { Gender } from "../../entities";
import { IsHttpUrl, IsName } from "../../validation";
import { CitationInput } from "./citation.input";

/**
 * A person's fields as a correction states them, each optional; a creation extends this and
 * restates only the fields it requires or describes otherwise. The validators hold for both.
 */
@InputType()
class PersonFields {
  @Field(() => String, { nullable: true, description: "Name as written; pinyin follows." })
  @IsName(100)
  name?: string | null;

  @Field(() => Gender, { nullable: true, description: "Gender where a source states it." })
  gender?: Gender | null;

  @Field(() => String, { nullable: true, description: "Verbatim passage of a source describing the person." })
  @MaxLength(5000)
  biography?: string | null;

  @Field(() => ID, { nullable: true, description: "Current employer (an Organisation id)." })
  employer?: string | null;

  @Field(() => Int, { nullable: true, description: "Years with the current employer." })
  @Min(0)
  @Max(80)
  yearsOfService?: number | null;

  @Field(() => String, { nullable: true, description: "Link to a photo: an http or https URL (stored as parsed)." })
  @IsHttpUrl()
  photoUrl?: string | null;

  @Field(() => String, { nullable: true, description: "How an ambiguous passage about the person was read, or anything else the source says." })
  @MaxLength(2000)
  note?: string | null;

  @Field(() => CitationInput, { nullable: true, description: "A further source for the person." })
  @ValidateNested()
  citation?: CitationInput | null;
}

@InputType({ description: "A new person." })
export class CreatePersonInput extends PersonFields {
  @Field(() => String, { description: "Name as written, e.g. 万雅丽; pinyin is derived from it." })
  declare name: string;

  @Field(() => Gender, { nullable: true, description: "Only where a source states it." })
  declare gender?: Gender | null;

  @Field(() => CitationInput, { nullable: true, description: "Where the person is named; added to their sources." })
  declare citation?: CitationInput | null;
}

@InputType({ description: "Changes to a person: fields left out stay as they are; null clears a field." })
export class UpdatePersonInput extends PersonFields {}
