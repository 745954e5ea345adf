import { MaxLength, ValidateNested } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";
import { IsName, IsYear } from "../../validation";
import { CitationInput } from "./citation.input";

@InputType({ description: "A title a person holds at an organisation." })
export class AddPositionInput {
  @Field(() => ID, { description: "The person." })
  person: string;

  @Field(() => ID, { description: "The organisation." })
  organisation: string;

  @Field(() => String, { description: "Title as written, e.g. 工会主席." })
  @IsName(200)
  title: string;

  @Field(() => Boolean, { nullable: true, defaultValue: true, description: "Held now (现任); null if unknown." })
  current?: boolean | null;

  @Field(() => Int, { nullable: true, description: "First year held." })
  @IsYear()
  yearFrom?: number | null;

  @Field(() => Int, { nullable: true, description: "Last year held." })
  @IsYear()
  yearTo?: number | null;

  @Field(() => CitationInput, { nullable: true, description: "Where the position is stated." })
  @ValidateNested()
  citation?: CitationInput | null;
}

@InputType({ description: "A person's seat at a congress." })
export class AddSeatInput {
  @Field(() => ID, { description: "The person." })
  person: string;

  @Field(() => ID, { description: "The congress." })
  congress: string;

  @Field(() => String, { nullable: true, description: "Delegation (代表团)." })
  @IsName(200)
  delegation?: string | null;

  @Field(() => String, { nullable: true, description: "What the delegate says they will focus on." })
  @MaxLength(2000)
  focus?: string | null;

  @Field(() => CitationInput, { nullable: true, description: "Where the seat is stated." })
  @ValidateNested()
  citation?: CitationInput | null;
}

@InputType({ description: "Corrections to a seat: fields left out stay as they are; null clears a field." })
export class UpdateSeatInput {
  @Field(() => String, { nullable: true, description: "Delegation (代表团)." })
  @IsName(200)
  delegation?: string | null;

  @Field(() => String, { nullable: true, description: "Stated focus." })
  @MaxLength(2000)
  focus?: string | null;
}
