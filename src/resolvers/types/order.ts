import { registerEnumType } from "type-graphql";

export enum OrderDirection {
  ASC = "ASC",
  DESC = "DESC",
}
registerEnumType(OrderDirection, {
  name: "OrderDirection",
  description: "Sort direction.",
  valuesConfig: { ASC: { description: "Smallest first (A→Z, oldest first)." }, DESC: { description: "Largest first." } },
});
