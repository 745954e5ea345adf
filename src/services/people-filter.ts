import type { HonourCategory, HonourLevel } from "../entities";

/**
 * Conditions on one honour a person received, as the people services read them; the GraphQL
 * input HonourMatch (src/resolvers/types/person.filter.ts) implements this.
 */
export interface HonourConditions {
  id?: string | null;
  nameContains?: string | null;
  level?: HonourLevel | null;
  category?: HonourCategory | null;
  conferrer?: string | null;
  yearFrom?: number | null;
  yearTo?: number | null;
}

/** What narrows a list of people, as the people services read it; the GraphQL input PersonFilter implements this. */
export interface PeopleFilter {
  congress?: string | null;
  delegation?: string | null;
  employer?: string | null;
  nameContains?: string | null;
  honour?: HonourConditions | null;
  honours?: HonourConditions[] | null;
  hasProposals?: boolean | null;
}
