import { getNamedType, GraphQLResolveInfo } from "graphql";
import { validate, ValidateBy, ValidationError } from "class-validator";
import { badInput } from "./errors";

/** First failing property of class-validator's tree as a dotted path ("honour.yearFrom"). */
function firstViolation(errors: ValidationError[], prefix: string[] = []): { path: string[]; message: string } | null {
  for (const error of errors) {
    const path = [...prefix, error.property];
    if (error.constraints && Object.keys(error.constraints).length) return { path, message: Object.values(error.constraints)[0] };
    const nested = firstViolation(error.children ?? [], path);
    if (nested) return nested;
  }
  return null;
}

/** The name of the field argument whose input type is `argType` ("filter"); none for @ArgsType classes, whose fields are the arguments. */
function argumentName(info: GraphQLResolveInfo, argType: unknown): string | null {
  const typeName = typeof argType === "function" ? argType.name : null;
  const field = info.parentType.getFields()[info.fieldName];
  return field.args.find((arg) => getNamedType(arg.type).name === typeName)?.name ?? null;
}

/**
 * type-graphql's validateFn: class-validator on every input object, answered as BAD_USER_INPUT
 * with `extensions.field` naming the argument path at fault (e.g. "filter.honour.yearFrom").
 */
export async function validateArgument(argValue: unknown, argType: unknown, resolverData: { info: GraphQLResolveInfo }): Promise<void> {
  if (argValue === null || typeof argValue !== "object") return;
  const values = Array.isArray(argValue) ? argValue : [argValue];
  for (const [index, value] of values.entries()) {
    if (value === null || typeof value !== "object") continue;
    const violation = firstViolation(await validate(value, { skipMissingProperties: true, forbidUnknownValues: false }));
    if (!violation) continue;
    const name = argumentName(resolverData.info, argType);
    const path = [...(name ? [name] : []), ...(Array.isArray(argValue) ? [String(index)] : []), ...violation.path];
    const field = path.join(".");
    throw badInput(`${field}: ${violation.message}`, field);
  }
}

/** Years a fact may carry: from the founding of the PRC to next year. */
export const FIRST_YEAR = 1949;
export const lastYear = () => new Date().getUTCFullYear() + 1;

const isYear = (value: unknown) => Number.isInteger(value) && (value as number) >= FIRST_YEAR && (value as number) <= lastYear();
const yearMessage = () => `must be a year from ${FIRST_YEAR} to ${lastYear()}`;

/** An integer year between 1949 and next year (checked when the request arrives, not at start-up). */
export function IsYear(): PropertyDecorator {
  return ValidateBy({
    name: "isYear",
    validator: { validate: (value: unknown) => value === null || value === undefined || isYear(value), defaultMessage: yearMessage },
  });
}

/** The same check for a plain argument. */
export function checkYear(value: number, field: string): number {
  if (!isYear(value)) throw badInput(`${field}: ${yearMessage()}`, field);
  return value;
}

/** A name or title: not blank, at most `max` characters. */
export function IsName(max: number): PropertyDecorator {
  return ValidateBy({
    name: "isName",
    validator: {
      validate: (value: unknown) => value === null || value === undefined || (typeof value === "string" && value.trim().length > 0 && value.length <= max),
      defaultMessage: () => `must not be blank and at most ${max} characters`,
    },
  });
}
