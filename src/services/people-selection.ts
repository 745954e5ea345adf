import { Brackets, DataSource, SelectQueryBuilder } from "typeorm";
import { Person } from "../entities";
import { badInput } from "../errors";
import { expectGlobalId } from "../relay/global-id";
import type { HonourMatch, PersonFilter } from "../resolvers/types/person.filter";
import { containsPattern, LIKE_ESCAPE } from "../search/like";

/** Options that only the server sets (never client input). */
export interface PersonScope {
  /** Only people holding at least one congress seat. */
  delegatesOnly?: boolean;
  /** Only people employed by, or holding a position at, this organisation. */
  organisationId?: number;
}

type Params = Record<string, unknown>;

/** People who have a row in `from` meeting `where`, keyed by `key` (a non-null person id column). */
interface IdSet {
  key: string;
  from: string;
  where: string[];
  params: Params;
  /** A unique index holds each person to one row of the set, so its ids need no DISTINCT. */
  unique?: boolean;
}

/** `SELECT what FROM` the set's rows, under its conditions and `also`. */
function selectFrom(set: IdSet, what: string, also: string[] = []): string {
  const where = [...set.where, ...also];
  return `SELECT ${what} FROM ${set.from}${where.length ? ` WHERE ${where.join(" AND ")}` : ""}`;
}

/**
 * How a page query states its id sets. "in" (`p.id IN (subquery)`) runs each subquery once from its
 * own index and sorts what matches: best when few people match. "exists" (correlated `EXISTS`) walks
 * the sort index and probes each person until the page is full: best when many match, since
 * sorting 5,000 of 100,000 people cost 10 ms where the walk stops after about 1,000 probes (2 ms).
 */
export type SetForm = "in" | "exists";

let seq = 0;

/**
 * The people a filter and scope select, held as conditions rather than SQL text, so that one
 * selection yields a page query in either form, a count and the facets' matching set.
 */
export class PeopleSelection {
  /** Id sets every matching person belongs to. */
  readonly sets: IdSet[] = [];
  /** Conditions on the person row itself (alias `p`), or on sets that cannot be intersected (NOT IN). */
  readonly rowConditions: ((qb: SelectQueryBuilder<Person>) => void)[] = [];

  constructor(filter: PersonFilter | null | undefined, scope: PersonScope = {}) {
    // A congress or delegation condition already means a seat; a second seat subquery only costs time.
    if (scope.delegatesOnly && !filter?.congress && !filter?.delegation) this.sets.push({ key: `s0."personId"`, from: "seat s0", where: [], params: {} });
    if (scope.organisationId !== undefined) {
      const scopeOrg = scope.organisationId;
      this.rowConditions.push((qb) =>
        qb.andWhere(
          new Brackets((w) =>
            w.where(`p."employerId" = :scopeOrg`).orWhere(`p.id IN (SELECT po."personId" FROM position po WHERE po."organisationId" = :scopeOrg)`),
          ),
          { scopeOrg },
        ),
      );
    }
    if (!filter) return;
    if (filter.congress || filter.delegation) {
      const where: string[] = [];
      const params: Params = {};
      if (filter.congress) {
        where.push(`s."congressId" = :fCongress`);
        params.fCongress = expectGlobalId(filter.congress, "Congress", "filter.congress");
      }
      if (filter.delegation) {
        where.push(`s.delegation = :fDelegation`);
        params.fDelegation = filter.delegation;
      }
      // One seat per person and congress (unique index on personId, congressId). A DISTINCT over
      // 5,000 seats cost 1.4 ms of the reader connection per delegates page; COUNT(*) costs 0.2 ms.
      this.sets.push({ key: `s."personId"`, from: "seat s", where, params, unique: Boolean(filter.congress) });
    }
    if (filter.employer) {
      const fEmployer = expectGlobalId(filter.employer, "Organisation", "filter.employer");
      this.rowConditions.push((qb) => qb.andWhere(`p."employerId" = :fEmployer`, { fEmployer }));
    }
    if (filter.nameContains?.trim()) {
      const fName = containsPattern(filter.nameContains.trim());
      const fPinyin = containsPattern(filter.nameContains.toLowerCase().replace(/\s+/g, ""));
      this.rowConditions.push((qb) =>
        qb.andWhere(
          new Brackets((w) => w.where(`p.name LIKE :fName ${LIKE_ESCAPE}`).orWhere(`p."namePinyinKey" LIKE :fPinyin ${LIKE_ESCAPE}`)),
          { fName, fPinyin },
        ),
      );
    }
    if (filter.honour) this.sets.push(honourSet(filter.honour, "filter.honour"));
    filter.honours?.forEach((match, i) => this.sets.push(honourSet(match, `filter.honours.${i}`)));
    if (filter.hasProposals === true) this.sets.push({ key: `pa."personId"`, from: "proposal_author pa", where: [], params: {} });
    if (filter.hasProposals === false) this.rowConditions.push((qb) => qb.andWhere(`p.id NOT IN (SELECT pa."personId" FROM proposal_author pa)`));
  }

  /** Adds the selection's conditions to a query over people (alias `p`); no order, no limit. */
  apply(qb: SelectQueryBuilder<Person>, form: SetForm = "in"): SelectQueryBuilder<Person> {
    for (const set of this.sets) {
      if (form === "in") qb.andWhere(`p.id IN (${selectFrom(set, set.key)})`, set.params);
      else qb.andWhere(`EXISTS (${selectFrom(set, "1", [`${set.key} = p.id`])})`, set.params);
    }
    for (const condition of this.rowConditions) condition(qb);
    return qb;
  }

  /**
   * SQL (with TypeORM's named parameters) for the ids of the matching people. With id sets only,
   * their INTERSECT: the person table is never read (foreign keys guarantee every id exists).
   */
  idsQuery(ds: DataSource): [string, Params] {
    if (this.rowConditions.length === 0 && this.sets.length > 0) {
      const params = Object.assign({}, ...this.sets.map((s) => s.params));
      // INTERSECT removes duplicates; a single set needs DISTINCT (a person holds several awards)
      // unless a unique index already rules them out.
      const [only] = this.sets;
      const sql =
        this.sets.length === 1
          ? selectFrom(only, `${only.unique ? "" : "DISTINCT "}${only.key} AS id`)
          : this.sets.map((s) => selectFrom(s, `${s.key} AS id`)).join(" INTERSECT ");
      return [sql, params];
    }
    const qb = this.apply(ds.getRepository(Person).createQueryBuilder("p").select("p.id", "id"));
    return [qb.getQuery(), qb.getParameters()];
  }

  /**
   * The number of matching people and, in the same statement, the highest person id (an upper
   * bound of all people, read from the primary key) for choosing the page form.
   */
  async countWithTotal(ds: DataSource): Promise<{ count: number; total: number }> {
    const [ids, params] = this.idsQuery(ds);
    const [sql, values] = ds.driver.escapeQueryWithParameters(
      `SELECT (SELECT COUNT(*) FROM (${ids}) matching) AS n, (SELECT MAX(q.id) FROM person q) AS total`,
      params,
      {},
    );
    const [row] = await ds.query(sql, values);
    return { count: Number(row.n), total: Number(row.total ?? 0) };
  }

  /**
   * The form for a page of `size` rows, given `count` matches out of about `total` people:
   * walking the sort index costs about size·total/count probes, sorting the matches about count;
   * walk when that is cheaper.
   */
  static formFor(size: number, count: number, total: number): SetForm {
    return count * count > (size + 1) * total ? "exists" : "in";
  }
}

/** The person holds an award matching every condition of `match`; `field` names it in errors. */
function honourSet(match: HonourMatch, field: string): IdSet {
  const p = `hm${++seq}`;
  const where = [`a."personId" IS NOT NULL`];
  const params: Params = {};
  if (match.id) {
    where.push(`a."honourId" = :${p}Id`);
    params[`${p}Id`] = expectGlobalId(match.id, "Honour", `${field}.id`);
  }
  if (match.nameContains) {
    where.push(`h.name LIKE :${p}Name ${LIKE_ESCAPE}`);
    params[`${p}Name`] = containsPattern(match.nameContains);
  }
  if (match.level) {
    where.push(`h.level = :${p}Level`);
    params[`${p}Level`] = match.level;
  }
  if (match.category) {
    where.push(`h.category = :${p}Category`);
    params[`${p}Category`] = match.category;
  }
  if (match.conferrer) {
    where.push(`h."conferrerId" = :${p}Conferrer`);
    params[`${p}Conferrer`] = expectGlobalId(match.conferrer, "Organisation", `${field}.conferrer`);
  }
  if (match.yearFrom != null && match.yearTo != null && match.yearFrom > match.yearTo) {
    throw badInput(`${field}.yearFrom (${match.yearFrom}) is after yearTo (${match.yearTo})`, `${field}.yearFrom`);
  }
  if (match.yearFrom != null) {
    where.push(`COALESCE(a."yearTo", a."yearFrom") >= :${p}YearFrom`);
    params[`${p}YearFrom`] = match.yearFrom;
  }
  if (match.yearTo != null) {
    where.push(`a."yearFrom" <= :${p}YearTo`);
    params[`${p}YearTo`] = match.yearTo;
  }
  return { key: `a."personId"`, from: `award a JOIN honour h ON h.id = a."honourId"`, where, params };
}
