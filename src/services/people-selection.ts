import type { DataSource } from "typeorm";
import { Dialect, SqlReader } from "../db";
import { ColumnSet, hydrate, jsonRowsQuery } from "../db/json-rows";
import type { ReadJson } from "../db/read-batch";
import { joinSql, Sql, sql } from "../db/sql";
import type { Person } from "../entities";
import { badInput } from "../errors";
import { expectGlobalId } from "../relay/global-id";
import { orderTerms, PageRequest, pageQuery, PageSource, SortKey } from "../relay/cursors";
import type { HonourConditions, PeopleFilter } from "./people-filter";
import { peopleByNameSql } from "../search";
import { containsPattern } from "../db/like";

/**
 * A key a scope names: its value, or the SQL that names it in a read of several parents' lists at
 * once (src/loaders/pages.ts: PARENT).
 */
export type ScopeKey = number | Sql;
const keySql = (key: ScopeKey): Sql => (typeof key === "number" ? sql("?", key) : key);

/** Options that only the server sets (never client input). */
export interface PersonScope {
  /** Only people holding at least one congress seat. */
  delegatesOnly?: boolean;
  /** Only people employed by, or holding a position at, this organisation. */
  organisationId?: ScopeKey;
  /** Only people holding a seat at this congress (its delegates: what `filter.congress` selects). */
  congressId?: ScopeKey;
}

/** The highest person id: an upper bound of the number of people, read from the primary key. */
export const PEOPLE_BOUND = `SELECT MAX(q.id) FROM person q`;

/** People who have a row in `from` meeting `where`, keyed by `key` (a non-null person id column). */
interface IdSet {
  key: string;
  from: string;
  where: Sql[];
  /** A unique index holds each person to one row of the set, so its ids need no DISTINCT. */
  unique?: boolean;
}

/** `SELECT what FROM` the set's rows, under its conditions and `also`. */
function selectFrom(set: IdSet, what: string, also: Sql[] = []): Sql {
  const where = joinSql([...set.where, ...also], " AND ");
  return { text: `SELECT ${what} FROM ${set.from}${where.text ? ` WHERE ${where.text}` : ""}`, params: where.params };
}

/**
 * How a page query states its id sets. "in" (Dialect.inSubquery: `p.id IN (subquery)`) runs each subquery once from its
 * own index and sorts what matches: best when few people match. "exists" (correlated `EXISTS`) walks
 * the sort index and probes each person until the page is full: best when many match, since
 * sorting thousands of matches costs more than probing until a page is full.
 */
export type SetForm = "in" | "exists";

/**
 * The people a filter and scope select, held as conditions, so that one selection yields a page
 * query in either form, a count and the facets' matching set. The person table is `p`.
 *
 * Its SQL binds every value by position (src/db/sql.ts), so each shape of list is one prepared
 * statement. It went through TypeORM's query builder, which writes number values into the text
 * (a congress id, a cursor key, the LIMIT): every congress and every cursor page was parsed and
 * planned anew, and building the text was a noticeable part of a delegates page's main thread.
 */
export class PeopleSelection {
  /** Id sets every matching person belongs to. */
  readonly sets: IdSet[] = [];
  /** Conditions on the person row itself, or on sets that cannot be intersected (NOT IN). */
  readonly rowConditions: Sql[] = [];
  /**
   * Whether counting may walk a large part of the directory: honours, proposals and names can match
   * tens of thousands of people, and no condition at all counts everyone. Seats of a congress or
   * delegation and an employer are read from their own indexes.
   */
  broad = false;
  /** The seats of one congress (a delegation of it too), one per person, when the selection has them (also one of `sets`). */
  private congressSeats?: IdSet;
  /** The congress whose seats are the selection's one condition (no delegation either), as its key's SQL. */
  private congressAlone?: Sql;
  /** The selection's honour conditions (each also one of `sets`). */
  readonly honours: HonourCondition[] = [];

  /**
   * `read`, which reads with the selections of `filters`, each in one statement, in one state of
   * the database: in a snapshot when there are several; as it comes otherwise.
   */
  static inOneState<T>(db: SqlReader, filters: readonly (PeopleFilter | null | undefined)[], read: () => Promise<T>): Promise<T> {
    return filters.length > 1 ? db.snapshot(read) : read();
  }

  /** Whether a condition is a name (`nameContains`), matched in the search index: a read that may walk tens of thousands of rows. */
  readonly named: boolean = false;

  /** The selection of `filter` and `scope`, made without reading. */
  constructor(
    private readonly dialect: Dialect,
    filter: PeopleFilter | null | undefined,
    scope: PersonScope = {},
  ) {
    const seated = scope.congressId !== undefined;
    // A congress or delegation condition already means a seat; a second seat subquery only costs time.
    if (scope.delegatesOnly && !filter?.congress && !filter?.delegation && !seated) this.sets.push({ key: `s0."personId"`, from: "seat s0", where: [] });
    if (scope.organisationId !== undefined) {
      const org = keySql(scope.organisationId);
      this.rowConditions.push({
        text: `(p."employerId" = ${org.text} OR p.id IN (SELECT po."personId" FROM position po WHERE po."organisationId" = ${org.text}))`,
        params: [...org.params, ...org.params],
      });
    }
    const seats: Sql[] = [];
    const congresses: Sql[] = [];
    if (seated) congresses.push(keySql(scope.congressId!));
    if (filter?.congress) congresses.push(sql("?", expectGlobalId(filter.congress, "Congress", "filter.congress")));
    for (const congress of congresses) seats.push({ text: `s."congressId" = ${congress.text}`, params: congress.params });
    if (filter?.delegation) seats.push(sql(`s.delegation = ?`, filter.delegation));
    if (congresses.length === 1 && seats.length === 1) this.congressAlone = congresses[0];
    // One seat per person and congress (unique index on personId, congressId), so counting them needs
    // no DISTINCT, which cost the reader connection several times what COUNT(*) does per delegates page.
    if (seats.length) {
      const set: IdSet = { key: `s."personId"`, from: "seat s", where: seats, unique: seated || Boolean(filter?.congress) };
      this.sets.push(set);
      if (set.unique) this.congressSeats = set;
    }
    const narrowScope = scope.organisationId !== undefined || seated;
    this.broad = !filter && !narrowScope && !scope.delegatesOnly;
    if (!filter) return;
    this.broad =
      Boolean(filter.nameContains?.trim() || filter.honour || filter.honours?.length || (filter.hasProposals !== undefined && filter.hasProposals !== null)) ||
      (!filter.congress && !filter.delegation && !filter.employer && !narrowScope);
    if (filter.employer) this.rowConditions.push(sql(`p."employerId" = ?`, expectGlobalId(filter.employer, "Organisation", "filter.employer")));
    if (filter.nameContains?.trim()) {
      // Matched by search's own query (src/search), so that `nameContains` finds whom `search` finds by name.
      // A row condition, not an id set: IN reads the matches once into an index, where an EXISTS probe (the walk form) would match per person.
      const names = peopleByNameSql(this.dialect.search, filter.nameContains);
      this.rowConditions.push(names ? { text: this.dialect.inSubquery("p.id", names.text), params: names.params } : sql("1 = 0"));
      this.named = true;
    }
    const honours: [HonourConditions, string][] = [
      ...(filter.honour ? [[filter.honour, "filter.honour"] as [HonourConditions, string]] : []),
      ...(filter.honours ?? []).map((m, i) => [m, `filter.honours.${i}`] as [HonourConditions, string]),
    ];
    for (const [match, field] of honours) {
      this.sets.push(honourSet(this.dialect, match, field));
      this.honours.push(honourCondition(this.dialect, match, field));
    }
    if (filter.hasProposals === true) this.sets.push({ key: `pa."personId"`, from: "proposal_author pa", where: [] });
    if (filter.hasProposals === false) this.rowConditions.push(sql(`p.id NOT IN (SELECT pa."personId" FROM proposal_author pa)`));
  }

  /** Whether the selection has no condition: everyone. */
  get everyone(): boolean {
    return this.sets.length === 0 && this.rowConditions.length === 0;
  }

  /** Whether the selection is honour conditions and nothing else: the facet index can answer it alone. */
  get honoursOnly(): boolean {
    return this.honours.length > 0 && this.sets.length === this.honours.length && this.rowConditions.length === 0;
  }

  /** The selection's conditions on `person p`, for a WHERE clause (empty text: everyone). */
  where(form: SetForm = "in"): Sql {
    const sets = this.sets.map((set) => {
      if (form === "in") {
        const ids = selectFrom(set, set.key);
        return { text: this.dialect.inSubquery("p.id", ids.text), params: ids.params };
      }
      const probe = selectFrom(set, "1", [sql(`${set.key} = p.id`)]);
      return { text: this.dialect.existsProbe(probe.text), params: probe.params };
    });
    return joinSql([...sets, ...this.rowConditions], " AND ");
  }

  /**
   * The ids of the matching people. With id sets only, their INTERSECT: the person table is never
   * read (foreign keys guarantee every id exists).
   */
  idsQuery(): Sql {
    if (this.rowConditions.length === 0 && this.sets.length > 0) {
      // INTERSECT removes duplicates; a single set needs DISTINCT (a person holds several awards)
      // unless a unique index already rules them out.
      const [only] = this.sets;
      return this.sets.length === 1
        ? selectFrom(only, `${only.unique ? "" : "DISTINCT "}${only.key} AS id`)
        : joinSql(
            this.sets.map((s) => selectFrom(s, `${s.key} AS id`)),
            " INTERSECT ",
          );
    }
    const where = this.where();
    return { text: `SELECT p.id AS id FROM "person" p${where.text ? ` WHERE ${where.text}` : ""}`, params: where.params };
  }

  /**
   * The number of matching people and, in the same statement, the highest person id (an upper
   * bound of all people, read from the primary key) for choosing the page form.
   */
  async countWithTotal(db: SqlReader): Promise<{ count: number; total: number }> {
    const count = this.countQuery();
    const [row] = await db.rows<{ n: number; total: number | null }>(`SELECT (${count.text}) AS n, (${PEOPLE_BOUND}) AS total`, count.params);
    return { count: Number(row.n), total: Number(row.total ?? 0) };
  }

  /**
   * The number of matching people, as a query. The seats of one congress alone are read from the
   * count the engine keeps, where it keeps one (Dialect.congressSeats).
   */
  countQuery(): Sql {
    const congress = this.congressAlone;
    if (congress && this.sets.length === 1 && this.rowConditions.length === 0) {
      const kept = this.dialect.congressSeats(congress.text);
      if (kept !== null) return { text: kept, params: congress.params };
    }
    const ids = this.idsQuery();
    return { text: `SELECT COUNT(*) FROM (${ids.text}) matching`, params: ids.params };
  }

  /**
   * Where a page in `keys` order reads the people `p` from: in pinyin order, the seats of one
   * congress (a delegation of it too) and nothing else are read from the seats' index on
   * (congressId, nameSortKey, personId), which holds each delegate's sort key (the SeatNameSortKey
   * migrations), so a page reads its rows and no more; otherwise the people under `where(form)`.
   * `column` names a property's column of `p`.
   */
  pageSource(form: SetForm, keys: readonly SortKey[], column: (property: string) => string): PageSource {
    const seats = this.congressSeats;
    const seatsAlone = seats !== undefined && this.sets.length === 1 && this.rowConditions.length === 0;
    if (seatsAlone && keys.map((k) => k.property).join() === "nameSortKey,id") {
      // Every seat's person exists (a foreign key, deleted with the person), so a page of ids alone reads the index alone.
      return {
        from: `seat s JOIN "person" p ON p.id = s."personId"`,
        keysFrom: "seat s",
        where: joinSql(seats.where, " AND "),
        column: (property) => (property === "id" ? `s."personId"` : `s."nameSortKey"`),
      };
    }
    return { from: `"person" p`, where: this.where(form), column };
  }

  /**
   * A page of the matching people, in the order and past the cursors `req` gives (src/relay/paginate.ts),
   * with `set`'s columns, in one prepared statement, which `read` runs (SqlReader.json's form).
   */
  async page(ds: DataSource, read: ReadJson, form: SetForm, req: PageRequest, set: ColumnSet): Promise<Person[]> {
    // By name: the entity classes (and the schema they declare) stay out of the worker threads, which import this module too.
    const metadata = ds.getMetadata("Person");
    const name = (property: string) => metadata.findColumnWithPropertyName(property)!.databaseName;
    const page = pageQuery(
      this.pageSource(form, req.keys, (property) => `p."${name(property)}"`),
      req,
      set.columns,
      "p",
    );
    const text = jsonRowsQuery(
      this.dialect,
      set,
      `(${page.text}) "page"`,
      orderTerms(req.keys, req.backwards, (p) => `"${name(p)}"`),
    );
    return hydrate<Person>(ds, metadata, set, (await read(text, page.params)) as unknown[][]);
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

/**
 * An honour condition as the facet index answers it: the honours meeting its conditions on the
 * honour itself (`honours`: a query of honour ids), and the years its award must overlap.
 */
export interface HonourCondition {
  honours: Sql;
  yearFrom: number | null;
  yearTo: number | null;
}

/** The conditions of `match` on the honour `h`, the honour's id being `honourId`; `field` names it in errors. */
function honourConditions(dialect: Dialect, match: HonourConditions, field: string, honourId: string): Sql[] {
  const where: Sql[] = [];
  if (match.id) where.push(sql(`${honourId} = ?`, expectGlobalId(match.id, "Honour", `${field}.id`)));
  if (match.nameContains) where.push(sql(dialect.contains("h.name", "?"), containsPattern(match.nameContains)));
  if (match.level) where.push(sql(`h.level = ?`, match.level));
  if (match.category) where.push(sql(`h.category = ?`, match.category));
  if (match.conferrer) where.push(sql(`h."conferrerId" = ?`, expectGlobalId(match.conferrer, "Organisation", `${field}.conferrer`)));
  if (match.yearFrom != null && match.yearTo != null && match.yearFrom > match.yearTo) {
    throw badInput(`${field}.yearFrom (${match.yearFrom}) is after yearTo (${match.yearTo})`, `${field}.yearFrom`);
  }
  return where;
}

/** `match` for the facet index (the same conditions honourSet states in SQL). */
function honourCondition(dialect: Dialect, match: HonourConditions, field: string): HonourCondition {
  const where = joinSql(honourConditions(dialect, match, field, "h.id"), " AND ");
  return {
    honours: { text: `SELECT h.id AS id FROM honour h${where.text ? ` WHERE ${where.text}` : ""}`, params: where.params },
    yearFrom: match.yearFrom ?? null,
    yearTo: match.yearTo ?? null,
  };
}

/** The person holds an award matching every condition of `match`; `field` names it in errors. */
function honourSet(dialect: Dialect, match: HonourConditions, field: string): IdSet {
  const where = [sql(`a."personId" IS NOT NULL`), ...honourConditions(dialect, match, field, `a."honourId"`)];
  if (match.yearFrom != null) where.push(sql(`COALESCE(a."yearTo", a."yearFrom") >= ?`, match.yearFrom));
  if (match.yearTo != null) where.push(sql(`a."yearFrom" <= ?`, match.yearTo));
  return { key: `a."personId"`, from: `award a JOIN honour h ON h.id = a."honourId"`, where };
}
