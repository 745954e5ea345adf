/**
 * Queries that keep the read threads (src/db/slow-reads.ts) busy well past a short deadline: sixty
 * aliased searches for a common character, each asking for a last ranked page of a hundred (every
 * match sorted), as soon as the query starts. On 12,000 people together they take far longer than
 * 400 ms, so the thread running them is ended at the deadline.
 */
export const MANY = 60;
export const MANY_SEARCHES = `{ ${Array.from({ length: MANY }, (_, i) => `s${i}: search(query: "工", last: ${100 - i}) { totalCount edges { node { __typename } } }`).join(" ")} }`;
/** Cost and alias limits out of the way: these queries are about time. */
export const MANY_LIMITS = { MAX_COST: "100000000", MAX_ALIASES: String(MANY) };
/** A facet count: a slow read, answered in a few milliseconds. */
export const SMALL = `{ personFacets(filter: { honour: { level: NATIONAL } }) { byCongress { key count } } }`;
