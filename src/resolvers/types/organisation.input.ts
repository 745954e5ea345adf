import { MaxLength, ValidateNested } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { OrganisationKind } from "../../entities";
import { IsName } from "../../validation";
import { CitationInput } from "./citation.input";

/**
 * An organisation's fields as a correction states them, each optional; a creation extends this
 * and restates only the fields it requires or describes otherwise. The validators hold for both.
 */
@InputType()
class OrganisationFields {
  @Field(() => String, { nullable: true, description: "Name as written, or derived (then give nameAsWritten)." })
  @IsName(200)
  name?: string | null;

  @Field(() => String, { nullable: true, description: "The source's own words when `name` is derived; null when `name` is as written." })
  @IsName(200)
  nameAsWritten?: string | null;

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

@InputType({ description: "A new organisation." })
export class CreateOrganisationInput extends OrganisationFields {
  @Field(() => String, { description: "Name as written, or derived where the source only refers to the body (then give nameAsWritten)." })
  declare name: string;

  @Field(() => String, { nullable: true, description: "The source's own words when `name` is derived (公司工会, 省总)." })
  declare nameAsWritten?: string | null;

  @Field(() => OrganisationKind, { description: "What sort of body it is." })
  declare kind: OrganisationKind;

  @Field(() => ID, { nullable: true, description: "The body it sits under (a union under its company)." })
  declare parent?: string | null;
}

@InputType({ description: "Changes to an organisation: fields left out stay as they are; null clears a field." })
export class UpdateOrganisationInput extends OrganisationFields {}
