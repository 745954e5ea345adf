import { Field, InputType, registerEnumType } from "type-graphql";
import type { SortKey } from "../../relay/cursors";
import { OrderDirection } from "./order";

export enum NameOrderField {
  NAME = "NAME",
  CREATED = "CREATED",
}
registerEnumType(NameOrderField, {
  name: "NameOrderField",
  description: "What to sort a list of named things by.",
  valuesConfig: { NAME: { description: "The name." }, CREATED: { description: "When the record was added." } },
});

@InputType({ description: "Order of a list of named things (organisations, honours, congresses)." })
export class NameOrder {
  @Field(() => NameOrderField, { description: "Sort key." })
  field: NameOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: "Direction." })
  direction: OrderDirection;
}

export function nameSortKeys(order: NameOrder | null | undefined): SortKey[] {
  const direction = order?.direction ?? OrderDirection.ASC;
  return (order?.field ?? NameOrderField.NAME) === NameOrderField.NAME ? [{ property: "name", direction }] : [{ property: "id", direction }];
}
