import type { Dialect } from "../dialect";
import { jsonTextList, jsonTextObject } from "../json-text";
import { sqliteSearch } from "./search";

/**
 * SQLite's: keys as one JSON array walked by json_each, rows as json_group_array. A single key is
 * bound as itself, so that SQLite reads a table joined to it as `column = ?`: most of a profile
 * page's reads are of one key, and json_each cost each a virtual-table cursor and a JSON parse.
 */
export const sqliteDialect: Dialect = {
  keyTable: () => `(SELECT "value" AS "key" FROM json_each(?)) AS "keys"`,
  oneKeyTable: () => `(SELECT ? AS "key") AS "keys"`,
  keysParam: (keys) => (keys.length === 1 ? keys[0] : JSON.stringify(keys)),
  inKeys: (column) => `${column} IN (SELECT "value" FROM json_each(?))`,
  inSubquery: (column, subquery) => `${column} IN (${subquery})`,
  existsProbe: (subquery) => `EXISTS (${subquery})`,
  // SQLite's LIKE ignores the case of ASCII letters.
  contains: (column, param) => `${column} LIKE ${param} ESCAPE '\\'`,
  jsonArrays: (values, from, orderBy) =>
    `SELECT json_group_array(json_array(${values.join(", ")})${orderBy === null ? "" : ` ORDER BY ${orderBy}`}) AS "rows" FROM ${from}`,
  // json() marks the text as JSON: SQLite promises that only of a value straight from a JSON function
  // (a scalar subquery's keeps it in 3.53, a column of a subquery in FROM does not, and json_array then quotes it).
  jsonValue: (query) => `json((${query}))`,
  jsonObject: jsonTextObject,
  jsonList: jsonTextList,
  // json_quote escapes a text or number as json_object does.
  jsonScalar: (sql) => `json_quote(${sql})`,
  // Booleans are stored as 0 and 1.
  jsonBoolean: (column) => `CASE WHEN ${column} IS NULL THEN NULL WHEN ${column} THEN 'true' ELSE 'false' END`,
  congressSeats: (key) => `SELECT COALESCE((SELECT c.seats FROM congress_seat_count c WHERE c."congressId" = ${key}), 0)`,
  // Changes with every commit of another connection, in this process or another; not with the connection's own.
  dataVersion: `SELECT data_version AS "version" FROM pragma_data_version()`,
  // Table statistics for the query planner (which index to drive an IN subquery from); quick when fresh.
  optimize: ["PRAGMA optimize=0x10002"],
  search: sqliteSearch,
};
