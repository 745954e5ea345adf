import { MaxLength, ValidateNested } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { OrganisationKind } from "../../entities";
import { IsName } from "../../validation";
import { CitationInput } from "./citation.input";

@InputType({ description: "A new organisation." })
export class CreateOrganisationInput {
  @Field(() => String, { description: "Name as written." })
  @IsName(200)
  name: string;

  @Field(() => OrganisationKind, { description: "What sort of body it is." })
  kind: OrganisationKind;

  @Field(() => ID, { nullable: true, description: "The body it sits under (a union under its company)." })
  parent?: string | null;

  @Field(() => String, { nullable: true, description: "Where it is based." })
  @MaxLength(200)
  region?: string | null;

  @Field(() => CitationInput, { nullable: true, description: "Where it is named." })
  @ValidateNested()
  citation?: CitationInput | null;
}

@InputType({ description: "Changes to an organisation: fields left out stay as they are; null clears a field." })
export class UpdateOrganisationInput {
  @Field(() => String, { nullable: true, description: "Name as written." })
  @IsName(200)
  name?: string | null;

  @Field(() => OrganisationKind, { nullable: true, description: "What sort of body it is." })
  kind?: OrganisationKind | null;

  @Field(() => ID, { nullable: true, description: "The body it sits under; null for none." })
  parent?: string | null;

  @Field(() => String, { nullable: true, description: "Where it is based." })
  @MaxLength(200)
  region?: string | null;

  @Field(() => CitationInput, { nullable: true, description: "Where it is named." })
  @ValidateNested()
  citation?: CitationInput | null;
}
