import { Matches, MaxLength, Min, ValidateNested } from "class-validator";
import { Field, Float, ID, InputType, Int } from "type-graphql";
import { METRIC_PATTERN, METRIC_RULE } from "../../entities/statistic.entity";
import { IsName, IsText, IsYear } from "../../validation";
import { CitationInput } from "./citation.input";

const METRIC_MESSAGE = `must be ${METRIC_RULE}`;

/**
 * A statistic's fields as a correction states them, each optional; a creation extends this and
 * restates only the fields it requires or describes otherwise. The validators hold for both.
 */
@InputType()
class StatisticFields {
  @Field(() => ID, { nullable: true, description: "The organisation the source gives it for." })
  organisation?: string | null;

  @Field(() => String, { nullable: true, description: "Stable key of what is counted." })
  @Matches(METRIC_PATTERN, { message: METRIC_MESSAGE })
  metric?: string | null;

  @Field(() => String, { nullable: true, description: "What is counted, in the source's words." })
  @IsName(200)
  label?: string | null;

  @Field(() => Float, { nullable: true, description: "The figure (0 or more)." })
  @Min(0)
  value?: number | null;

  // Kept as written, not cleaned as a name: a unit may hold no letter at all (%, ‰).
  @Field(() => String, { nullable: true, description: "Unit as written." })
  @IsText(20)
  unit?: string | null;

  @Field(() => String, { nullable: true, description: "Period as written." })
  @IsName(100)
  period?: string | null;

  @Field(() => Int, { nullable: true, description: "Calendar year, only where the period as written states it." })
  @IsYear()
  year?: number | null;

  @Field(() => Boolean, { nullable: true, description: "The source gives it roughly." })
  approximate?: boolean | null;

  @Field(() => Float, { nullable: true, description: "The whole it is part of." })
  @Min(0)
  outOf?: number | null;

  @Field(() => String, { nullable: true, description: "How an ambiguous passage was read, or anything else the source says." })
  @MaxLength(2000)
  note?: string | null;

  @Field(() => CitationInput, { nullable: true, description: "Where the figure is stated (replaces the citation)." })
  @ValidateNested()
  citation?: CitationInput | null;
}

@InputType({ description: "A figure a source gives about an organisation." })
export class CreateStatisticInput extends StatisticFields {
  @Field(() => ID, { description: "The organisation the source gives it for." })
  declare organisation: string;

  @Field(() => String, { description: "Stable key of what is counted, e.g. NEW_UNIONS." })
  declare metric: string;

  @Field(() => String, { description: "What is counted, in the source's words." })
  declare label: string;

  @Field(() => Float, { description: "The figure (0 or more)." })
  declare value: number;

  @Field(() => String, { nullable: true, description: "Unit as written (家, 名, 人次, 元, %)." })
  declare unit?: string | null;

  @Field(() => String, { nullable: true, description: "Period as written (近三年, 去年, 截至目前, 2024年)." })
  declare period?: string | null;

  @Field(() => Boolean, { defaultValue: false, description: "The source gives it roughly (近200, 100多)." })
  declare approximate: boolean;

  @Field(() => Float, { nullable: true, description: "The whole it is part of, where the source gives one (6 of 8: 8)." })
  declare outOf?: number | null;

  @Field(() => CitationInput, { description: "Where the figure is stated; required." })
  declare citation: CitationInput;
}

@InputType({ description: "Corrections to a statistic: fields left out stay as they are; null clears a field." })
export class UpdateStatisticInput extends StatisticFields {}
