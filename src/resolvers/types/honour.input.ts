import { MaxLength, ValidateNested } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { HonourCategory, HonourLevel } from "../../entities";
import { IsName } from "../../validation";
import { CitationInput } from "./citation.input";

/**
 * An honour's fields as a correction states them, each optional; a creation extends this and
 * restates only the fields it requires or describes otherwise. The validators hold for both.
 */
@InputType()
class HonourFields {
  @Field(() => String, { nullable: true, description: "Name as written." })
  @IsName(300)
  name?: string | null;

  @Field(() => String, { nullable: true, description: "Established English name." })
  @MaxLength(300)
  nameEn?: string | null;

  @Field(() => HonourLevel, { nullable: true, description: "Level of the conferring body." })
  level?: HonourLevel | null;

  @Field(() => HonourCategory, { nullable: true, description: "What it recognises." })
  category?: HonourCategory | null;

  @Field(() => ID, { nullable: true, description: "The organisation that confers it; null for unknown." })
  conferrer?: string | null;

  @Field(() => CitationInput, { nullable: true, description: "Where it is named." })
  @ValidateNested()
  citation?: CitationInput | null;
}

@InputType({ description: "A new honour." })
export class CreateHonourInput extends HonourFields {
  @Field(() => String, { description: "Name as written, e.g. 广东省五一劳动奖章." })
  declare name: string;

  @Field(() => HonourLevel, { description: "Level of the conferring body." })
  declare level: HonourLevel;

  @Field(() => HonourCategory, { defaultValue: HonourCategory.OTHER, description: "What it recognises." })
  declare category: HonourCategory;

  @Field(() => ID, { nullable: true, description: "The organisation that confers it." })
  declare conferrer?: string | null;
}

@InputType({ description: "Changes to an honour: fields left out stay as they are; null clears a field." })
export class UpdateHonourInput extends HonourFields {}
