import { Field, InputType, registerEnumType } from "type-graphql";
import type { SortKey } from "../../relay/cursors";

export enum OrderDirection {
  ASC = "ASC",
  DESC = "DESC",
}
registerEnumType(OrderDirection, {
  name: "OrderDirection",
  description: "Sort direction.",
  valuesConfig: { ASC: { description: "Smallest first (A→Z, oldest first)." }, DESC: { description: "Largest first." } },
});

/** What every `orderBy` argument holds: one value of its list's field enum and a direction. */
export interface Order<F extends string> {
  field: F;
  direction: OrderDirection;
}

/**
 * The one shape of an order input (type-graphql's generic-types pattern): each list's order
 * extends the class this returns, so only its name, description and field enum are its own.
 */
export function OrderInput<F extends string>(fieldEnum: Record<string, F>) {
  // Not reachable from any resolver itself, so type-graphql emits only the classes that extend it.
  @InputType()
  abstract class OrderInputClass implements Order<F> {
    @Field(() => fieldEnum, { description: "Sort key." })
    field: F;

    @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: "Direction." })
    direction: OrderDirection;
  }
  return OrderInputClass;
}

/**
 * Turns an order into the sort keys pagination reads: the entity property each field sorts by,
 * in the order's direction; `fallback` is the field of a list asked for without an order.
 */
export function orderSortKeys<F extends string>(properties: Record<F, string>, fallback: NoInfer<F>) {
  return (order: Order<F> | null | undefined): SortKey[] => [
    { property: properties[order?.field ?? fallback], direction: order?.direction ?? OrderDirection.ASC },
  ];
}

export enum NameOrderField {
  NAME = "NAME",
  NAME_PINYIN = "NAME_PINYIN",
  CREATED = "CREATED",
}
registerEnumType(NameOrderField, {
  name: "NameOrderField",
  description: "What to sort a list of named things by.",
  valuesConfig: {
    NAME: { description: "The name, by Unicode code point." },
    NAME_PINYIN: {
      description: "Pinyin of the name (`namePinyin`: alphabetical, the usual order of Chinese lists); equal pinyin by when added (reversed by DESC).",
    },
    CREATED: { description: "When the record was added." },
  },
});

@InputType({ description: "Order of a list of named things (organisations, honours, congresses)." })
export class NameOrder extends OrderInput(NameOrderField) {}

export const nameSortKeys = orderSortKeys({ NAME: "name", NAME_PINYIN: "namePinyin", CREATED: "id" }, NameOrderField.NAME);

export enum PersonOrderField {
  NAME_PINYIN = "NAME_PINYIN",
  NAME = "NAME",
  CREATED = "CREATED",
}
registerEnumType(PersonOrderField, {
  name: "PersonOrderField",
  description: "What to sort people by.",
  valuesConfig: {
    NAME_PINYIN: { description: "Pinyin of the name (alphabetical, the usual order of Chinese name lists)." },
    NAME: { description: "Name by Unicode code point." },
    CREATED: { description: "When the record was added." },
  },
});

@InputType({ description: "Order of a list of people." })
export class PersonOrder extends OrderInput(PersonOrderField) {}

export const personSortKeys = orderSortKeys({ NAME_PINYIN: "nameSortKey", NAME: "name", CREATED: "id" }, PersonOrderField.NAME_PINYIN);
