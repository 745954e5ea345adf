import { getNamedType, GraphQLResolveInfo } from "graphql";
import { MaxLength, validate, ValidateBy, ValidationError } from "class-validator";
import { badInput } from "./errors";
import { Cleaned, cleanName, cleanUrl, textProblem } from "./text";

type Violation = { path: string[]; message: string };

/** First failing property of class-validator's tree as a dotted path ("honour.yearFrom"). */
function firstViolation(errors: ValidationError[], prefix: string[] = []): Violation | null {
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

/** Properties whose text is cleaned before it is checked (@IsName, @IsHttpUrl), with their cleaner, by class prototype. */
const cleaners = new WeakMap<object, Map<string, (text: string) => Cleaned>>();

function cleanerOf(object: object, key: string): ((text: string) => Cleaned) | undefined {
  for (let proto = Object.getPrototypeOf(object) as object | null; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    const clean = cleaners.get(proto)?.get(key);
    if (clean) return clean;
  }
  return undefined;
}

function cleanWith(clean: (text: string) => Cleaned): PropertyDecorator {
  return (target, key) => {
    cleaners.set(target, new Map([...(cleaners.get(target) ?? []), [String(key), clean]]));
  };
}

/**
 * Every string of an input object, nested ones too: text with a cleaner (a name, a link) is
 * replaced by its clean form, any other string must merely be storable (src/text.ts). The first
 * problem, if any.
 */
function cleanStrings(input: object, prefix: string[] = []): Violation | null {
  for (const [key, value] of Object.entries(input) as [string, unknown][]) {
    const path = [...prefix, key];
    if (typeof value === "string") {
      const clean = cleanerOf(input, key);
      if (!clean) {
        const problem = textProblem(value);
        if (problem) return { path, message: problem };
        continue;
      }
      const cleaned = clean(value);
      if (cleaned.problem !== undefined) return { path, message: cleaned.problem };
      (input as Record<string, unknown>)[key] = cleaned.value;
    } else if (value !== null && typeof value === "object") {
      const nested = cleanStrings(value, path);
      if (nested) return nested;
    }
  }
  return null;
}

/**
 * type-graphql's validateFn, run on every input object before its resolver (which receives the
 * same object): identifying text is cleaned in place, then class-validator checks the rest. A
 * problem is answered as BAD_USER_INPUT with `extensions.field` naming the argument path at fault
 * (e.g. "filter.honour.yearFrom").
 */
export async function validateArgument(argValue: unknown, argType: unknown, resolverData: { info: GraphQLResolveInfo }): Promise<void> {
  if (argValue === null || typeof argValue !== "object") return;
  const values: unknown[] = Array.isArray(argValue) ? argValue : [argValue];
  for (const [index, value] of values.entries()) {
    if (value === null || typeof value !== "object") continue;
    const violation = cleanStrings(value) ?? firstViolation(await validate(value, { skipMissingProperties: true, forbidUnknownValues: false }));
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

/** A date (yyyy-mm-dd, already a valid day: the Date scalar) whose year is one IsYear takes. */
export function IsDateInYears(): PropertyDecorator {
  return ValidateBy({
    name: "isDateInYears",
    validator: {
      validate: (value: unknown) => value === null || value === undefined || (typeof value === "string" && isYear(Number(value.slice(0, 4)))),
      defaultMessage: () => `must be a day in a year from ${FIRST_YEAR} to ${lastYear()}`,
    },
  });
}

/** The same check for a plain argument. */
export function checkYear(value: number, field: string): number {
  if (!isYear(value)) throw badInput(`${field}: ${yearMessage()}`, field);
  return value;
}

const notBlank = (max: number) =>
  ValidateBy({
    name: "notBlank",
    validator: {
      validate: (value: unknown) => value === null || value === undefined || (typeof value === "string" && value.trim().length > 0 && value.length <= max),
      defaultMessage: () => `must not be blank and at most ${max} characters`,
    },
  });

/**
 * Identifying text (a name, a title, a delegation): cleaned before it is checked (src/text.ts),
 * then at most `max` characters.
 */
export function IsName(max: number): PropertyDecorator {
  const check = notBlank(max);
  const clean = cleanWith(cleanName);
  return (target, key) => {
    clean(target, key);
    check(target, key);
  };
}

/**
 * Text a filter compares with identifying text (a delegation): cleaned as stored text is, so that
 * " 清远代表团 " or 清远\u200b代表团 finds 清远代表团; at most `max` characters. Blank text (spaces
 * alone too) is no condition, as an empty value always was.
 */
export function IsNameFilter(max: number): PropertyDecorator {
  const clean = cleanWith((text) => (text.trim() ? cleanName(text) : { value: "" }));
  const check = MaxLength(max);
  return (target, key) => {
    clean(target, key);
    check(target, key);
  };
}

/** A link for browsers: an http(s) URL with a host, stored in its parsed form (src/text.ts cleanUrl). */
export function IsHttpUrl(): PropertyDecorator {
  return cleanWith(cleanUrl);
}

/** Free text that must say something (a quote, a document, a proposal's title): kept as given, not blank, at most `max` characters. */
export function IsText(max: number): PropertyDecorator {
  return notBlank(max);
}
