import { ArrayMaxSize, Max, MaxLength, Min, ValidateNested } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";
import { HonourCategory, HonourLevel } from "../../entities";
import type { HonourConditions, PeopleFilter } from "../../services/people-filter";
import { IsNameFilter } from "../../validation";

@InputType({ description: "Conditions on one honour a person received; all given conditions hold for the same award." })
export class HonourMatch implements HonourConditions {
  @Field(() => ID, { nullable: true, description: "The honour's id." })
  id?: string | null;

  @Field(() => String, { nullable: true, description: "Part of the honour's name, e.g. 五一." })
  @MaxLength(200)
  nameContains?: string | null;

  @Field(() => HonourLevel, { nullable: true, description: "Level of the honour." })
  level?: HonourLevel | null;

  @Field(() => HonourCategory, { nullable: true, description: "What the honour recognises." })
  category?: HonourCategory | null;

  @Field(() => ID, { nullable: true, description: "The organisation that confers the honour." })
  conferrer?: string | null;

  @Field(() => Int, { nullable: true, description: "Received in this year or later (a year range counts if it overlaps)." })
  @Min(1900)
  @Max(2100)
  yearFrom?: number | null;

  @Field(() => Int, { nullable: true, description: "Received in this year or earlier." })
  @Min(1900)
  @Max(2100)
  yearTo?: number | null;
}

@InputType({ description: "Narrows a list of people; all given conditions must hold." })
export class PersonFilter implements PeopleFilter {
  @Field(() => ID, { nullable: true, description: "Holds a seat at this congress." })
  congress?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Sits with this delegation (its name, spaces at the ends and invisible characters aside; with `congress`, at that congress).",
  })
  @IsNameFilter(200)
  delegation?: string | null;

  @Field(() => ID, { nullable: true, description: "Currently employed by this organisation." })
  employer?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Part of the name, matched as `search` matches names: characters, pinyin from a syllable on (case, spaces and tone marks ignored), or initials (wyl).",
  })
  @MaxLength(100)
  nameContains?: string | null;

  @Field(() => HonourMatch, { nullable: true, description: "Received an honour matching all of these conditions." })
  @ValidateNested()
  honour?: HonourMatch | null;

  @Field(() => [HonourMatch], {
    nullable: true,
    description: "Received, for each condition set, an honour matching it (all must hold; different awards may satisfy each).",
  })
  @ValidateNested({ each: true })
  @ArrayMaxSize(10)
  honours?: HonourMatch[] | null;

  @Field(() => Boolean, { nullable: true, description: "true: authored at least one proposal; false: none." })
  hasProposals?: boolean | null;
}
