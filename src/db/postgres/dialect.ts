import type { Dialect } from "../dialect";
import { jsonTextList, jsonTextObject } from "../json-text";
import { postgresSearch } from "./search";

/** A text, number or boolean as JSON text (to_json escapes as json_build_object does); SQL NULL stays NULL. */
const toJsonText = (sql: string) => `to_json(${sql})::text`;

/**
 * PostgreSQL's: keys as one int array (unnest, = ANY), rows as the text of a json_agg of json_build_array. The
 * driver sends a JS array as an array literal, so one parameter holds any number of keys.
 */
export const postgresDialect: Dialect = {
  keyTable: () => `(SELECT unnest(?::int[]) AS "key") AS "keys"`,
  oneKeyTable: () => `(SELECT (?::int[])[1] AS "key") AS "keys"`,
  keysParam: (keys) => [...keys],
  inKeys: (column) => `${column} = ANY(?::int[])`,
  // IN (subquery) becomes a semi-join, which the planner drives from the sort index when the page is
  // short: 7,000 probes for a congress of 663 delegates. An array of the subquery's values is read first.
  inSubquery: (column, subquery) => `${column} = ANY(ARRAY(${subquery}))`,
  // The planner turns EXISTS into a semi-join, planned from its estimate of the matches: an honour
  // level's awards, estimated per honour from the average (58 rows against 913), so it joined all
  // 14,676 people of a provincial-level filter to sort them for a page of 21 (35 ms). OFFSET 0 keeps
  // the subquery a plan of its own, run per person as the sort index is walked (2.6 ms).
  existsProbe: (subquery) => `EXISTS (${subquery} OFFSET 0)`,
  contains: (column, param) => `${column} ILIKE ${param} ESCAPE '\\'`,
  jsonArrays: (values, from, orderBy) =>
    `SELECT COALESCE(json_agg(json_build_array(${values.join(", ")})${orderBy === null ? "" : ` ORDER BY ${orderBy}`}), '[]'::json)::text AS "rows" FROM ${from}`,
  // jsonArrays answers text, as on SQLite; cast back, json_build_array embeds it as the value it holds.
  jsonValue: (query) => `(${query})::json`,
  jsonObject: jsonTextObject,
  jsonList: jsonTextList,
  jsonScalar: toJsonText,
  jsonBoolean: toJsonText,
  congressSeats: () => null,
  // Moved by a statement trigger on every table of the directory (the Initial migration), in the writer's transaction.
  dataVersion: `SELECT "version" AS "version" FROM "data_version"`,
  optimize: ["ANALYZE"],
  search: postgresSearch,
};
