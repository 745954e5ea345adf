import { MaxLength, Min, ValidateNested } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";
import { IsText, IsYear } from "../../validation";
import { CitationInput } from "./citation.input";

@InputType({ description: "An honour conferred on exactly one person or organisation." })
export class GrantAwardInput {
  @Field(() => ID, { description: "The honour." })
  honour: string;

  @Field(() => ID, { nullable: true, description: "The person who received it (or give organisation)." })
  person?: string | null;

  @Field(() => ID, { nullable: true, description: "The organisation that received it (or give person)." })
  organisation?: string | null;

  @Field(() => Int, { nullable: true, description: "The year, for a single year (1949 to next year)." })
  @IsYear()
  year?: number | null;

  @Field(() => Int, { nullable: true, description: "First year of a range." })
  @IsYear()
  yearFrom?: number | null;

  @Field(() => Int, { nullable: true, description: "Last year of a range." })
  @IsYear()
  yearTo?: number | null;

  @Field(() => Int, { nullable: true, description: "How many times (4次 → 4)." })
  @Min(1)
  times?: number | null;

  @Field(() => Boolean, { defaultValue: false, description: "In consecutive years (连续)." })
  consecutive: boolean;

  @Field(() => Boolean, { defaultValue: false, description: "More than once, count not given (多次)." })
  repeated: boolean;

  @Field(() => String, { nullable: true, description: "Place or grade, e.g. 第一名." })
  @IsText(200)
  rank?: string | null;

  @Field(() => String, { nullable: true, description: "Anything else the source says." })
  @MaxLength(2000)
  note?: string | null;

  @Field(() => CitationInput, { description: "Where the award is stated; required." })
  @ValidateNested()
  citation: CitationInput;
}
