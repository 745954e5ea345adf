import { MaxLength, Min, ValidateNested } from "class-validator";
import { Field, InputType, Int } from "type-graphql";
import { HonourLevel } from "../../entities";
import { IsName, IsYear } from "../../validation";
import { CitationInput } from "./citation.input";

/**
 * A congress's fields as a correction states them, each optional; a creation extends this and
 * restates only the fields it requires or describes otherwise. The validators hold for both.
 */
@InputType()
class CongressFields {
  @Field(() => String, { nullable: true, description: "Name as written." })
  @IsName(200)
  name?: string | null;

  @Field(() => String, { nullable: true, description: "English name." })
  @MaxLength(300)
  nameEn?: string | null;

  @Field(() => Int, { nullable: true, description: "Which in the series." })
  @Min(1)
  session?: number | null;

  @Field(() => HonourLevel, { nullable: true, description: "Administrative level." })
  level?: HonourLevel | null;

  @Field(() => String, { nullable: true, description: "Region it covers." })
  @MaxLength(200)
  region?: string | null;

  @Field(() => Int, { nullable: true, description: "Year it sits (1949 to next year)." })
  @IsYear()
  year?: number | null;
}

@InputType({ description: "A new congress." })
export class CreateCongressInput extends CongressFields {
  @Field(() => String, { description: "Name as written, e.g. 广东省工会第十五次代表大会." })
  declare name: string;

  @Field(() => Int, { nullable: true, description: "Which in the series (第十五次 → 15)." })
  declare session?: number | null;

  @Field(() => CitationInput, { nullable: true, description: "Where it is named." })
  @ValidateNested()
  citation?: CitationInput | null;
}

@InputType({ description: "Changes to a congress: fields left out stay as they are; null clears a field." })
export class UpdateCongressInput extends CongressFields {}
