import { GraphQLScalarType, ValueNode } from "graphql";
import { GraphQLDate } from "graphql-scalars";

/**
 * A calendar date, ISO 8601 `yyyy-mm-dd`, kept as that string from input to column to answer.
 * graphql-scalars' Date does the checking (2024-02-30 is refused), but hands resolvers a JS Date
 * at UTC midnight, which TypeORM writes to a date column in local time: a day early west of
 * Greenwich. So its checks are used and its parsed value is not.
 */
export const DateScalar = new GraphQLScalarType<string, string>({
  ...GraphQLDate.toConfig(),
  name: "Date",
  description: "A calendar date in ISO 8601 form, yyyy-mm-dd (e.g. 2024-02-29); an impossible date such as 2024-02-30 is refused.",
  serialize: (value) => GraphQLDate.serialize(value),
  parseValue(value) {
    GraphQLDate.parseValue(value);
    return value as string;
  },
  parseLiteral(ast: ValueNode, variables) {
    GraphQLDate.parseLiteral(ast, variables);
    return (ast as { value: string }).value;
  },
});
