import type { SqlReader } from "../db";
import type { Asked, Bucket, FacetName } from "./facets";
import { PeopleSelection } from "./people-selection";

const NONE = -1;
/** People read at once (with their awards and seats) while the index is read. */
const PAGE = 10_000;
/** How many answers of peopleWith an index keeps (FacetIndex.recent). */
const RECENT = 4;
/** A year that is NULL. */
const NO_YEAR = -0x80000000;

/** An honour condition as the index tests it: which honours (a flag per honour bucket) and the years the award must overlap. */
export interface AwardTest {
  honours: Uint8Array;
  yearFrom: number | null;
  yearTo: number | null;
}

/** The buckets a facet can have, by dense number: key, label, and the label's place in SQLite's order. */
class Buckets {
  readonly rank: Int32Array;

  constructor(
    readonly keys: readonly (string | number)[],
    readonly labels: readonly string[],
  ) {
    // SQLite orders text by its UTF-8 bytes; JavaScript compares UTF-16 units, which differs past U+FFFF.
    const sorted = [...new Set(labels)].map((l) => [l, Buffer.from(l, "utf8")] as const).sort((a, b) => Buffer.compare(a[1], b[1]));
    const place = new Map(sorted.map(([l], i) => [l, i]));
    this.rank = Int32Array.from(labels, (l) => place.get(l)!);
  }

  /** The buckets of `counts` that hold anyone: largest first, ties by label, then key (as the SQL orders them); at most `first`. */
  ordered(counts: Int32Array, first: number | null): Bucket[] {
    const held: number[] = [];
    for (let b = 0; b < counts.length; b++) if (counts[b] > 0) held.push(b);
    const key = (b: number) => this.keys[b];
    held.sort((a, b) => counts[b] - counts[a] || this.rank[a] - this.rank[b] || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    return (first === null ? held : held.slice(0, first)).map((b) => [this.keys[b], this.labels[b], counts[b]]);
  }
}

/** Dense numbers for the keys of a small table: key → number, and the keys in number order. */
function numbering<K>(keys: Iterable<K>): { of: Map<K, number>; keys: K[] } {
  const list = [...new Set(keys)];
  return { of: new Map(list.map((k, i) => [k, i])), keys: list };
}

/**
 * What the six facets count, for every person, in typed arrays (a few bytes per person, award and
 * seat), read from SQL in one snapshot and counted in memory: SQL counting read each matching
 * person's awards and seats once per facet, through indexes. People are numbered in id order; a
 * person's awards are awards[awardStart[i] .. awardStart[i + 1]], seats likewise. Buckets are
 * dense numbers (an honour, a year, an employer …), so counting is array increments.
 */
export class FacetIndex {
  private constructor(
    /** Person ids, ascending. */
    readonly people: Int32Array,
    readonly employer: Int32Array,
    readonly awardStart: Int32Array,
    readonly awardHonour: Int32Array,
    /** An award's yearFrom and yearTo (NO_YEAR: NULL). */
    readonly awardFrom: Int32Array,
    readonly awardTo: Int32Array,
    readonly seatStart: Int32Array,
    readonly seatCongress: Int32Array,
    readonly seatDelegation: Int32Array,
    /** Level bucket of each honour bucket. */
    readonly honourLevel: Int32Array,
    /** Honour id → honour bucket. */
    private readonly honourBucket: Map<number, number>,
    /** The year of year bucket 0. */
    private readonly firstYear: number,
    readonly buckets: Record<FacetName, Buckets>,
  ) {
    // The awards of each honour (by number, in person order) and each award's person, so that an
    // honour condition reads the awards of its honours rather than every person's.
    const honours = honourLevel.length;
    this.honourAwardStart = new Int32Array(honours + 1);
    for (let a = 0; a < awardHonour.length; a++) if (awardHonour[a] !== NONE) this.honourAwardStart[awardHonour[a] + 1]++;
    for (let h = 0; h < honours; h++) this.honourAwardStart[h + 1] += this.honourAwardStart[h];
    this.honourAwards = new Int32Array(this.honourAwardStart[honours]);
    this.awardPerson = new Int32Array(awardHonour.length);
    const next = this.honourAwardStart.slice(0, honours);
    for (let i = 0; i < people.length; i++) {
      for (let a = awardStart[i]; a < awardStart[i + 1]; a++) {
        this.awardPerson[a] = i;
        if (awardHonour[a] !== NONE) this.honourAwards[next[awardHonour[a]]++] = a;
      }
    }
  }

  /** Awards by honour bucket: honourAwards[honourAwardStart[h] .. honourAwardStart[h + 1]], each honour's in person order. */
  private readonly honourAwardStart: Int32Array;
  private readonly honourAwards: Int32Array;
  /** The person (number) of each award. */
  private readonly awardPerson: Int32Array;

  /** Bytes held in typed arrays. */
  get bytes(): number {
    const arrays = [
      this.people,
      this.employer,
      this.awardStart,
      this.awardHonour,
      this.awardFrom,
      this.awardTo,
      this.seatStart,
      this.seatCongress,
      this.seatDelegation,
      this.honourLevel,
      this.honourAwardStart,
      this.honourAwards,
      this.awardPerson,
    ];
    return arrays.reduce((n, a) => n + a.byteLength, 0) + Object.values(this.buckets).reduce((n, b) => n + b.rank.byteLength, 0);
  }

  /** Reads the index from `db` (to be called in a snapshot), `page` people at a time. */
  static async read(db: SqlReader, page = PAGE): Promise<FacetIndex> {
    const d = db.dialect;
    const all = async <T>(values: string[], from: string, params: unknown[] = [], orderBy: string | null = null) =>
      (await db.json(d.jsonArrays(values, from, orderBy), params)) as T[];
    const count = async (from: string) => Number((await db.rows<{ n: number }>(`SELECT COUNT(*) AS n FROM ${from}`, []))[0].n);
    const honours = await all<[number, string, string]>(["h.id", "h.name", "h.level"], `"honour" h`);
    const congresses = await all<[number, string]>(["c.id", "c.name"], `"congress" c`);
    const organisations = await all<[number, string]>(["o.id", "o.name"], `"organisation" o WHERE o.id IN (SELECT q."employerId" FROM "person" q)`);
    const delegations = await all<[string]>(["s.delegation"], `(SELECT DISTINCT x.delegation FROM "seat" x WHERE x.delegation IS NOT NULL) s`);
    const orgs = numbering(organisations.map((o) => o[0]));
    const honour = numbering(honours.map((h) => h[0]));
    const level = numbering(honours.map((h) => h[2]).sort());
    const congress = numbering(congresses.map((c) => c[0]));
    const delegation = numbering(delegations.map((r) => r[0]));

    const n = await count(`"person"`);
    const [ids, employer, awardStart, seatStart] = [new Int32Array(n), new Int32Array(n), new Int32Array(n + 1), new Int32Array(n + 1)];
    const m = await count(`"award" WHERE "personId" IS NOT NULL`);
    const [awardHonour, awardFrom, awardTo] = [new Int32Array(m), new Int32Array(m), new Int32Array(m)];
    const k = await count(`"seat"`);
    const [seatCongress, seatDelegation] = [new Int32Array(k), new Int32Array(k)];
    let [p, a, s] = [0, 0, 0];
    let [firstYear, lastYear] = [Infinity, -Infinity];
    // A page of people at a time, with their awards and seats, so that what is parsed at once stays small.
    while (p < n) {
      const people = await all<[number, number | null]>(
        ["q.id", `q."employerId"`],
        `(SELECT p.id, p."employerId" FROM "person" p WHERE p.id > ? ORDER BY p.id LIMIT ?) q`,
        [p ? ids[p - 1] : 0, page],
        "q.id",
      );
      if (!people.length) break;
      const range = [people[0][0], people[people.length - 1][0]];
      const first = p;
      for (const [id, employerId] of people) {
        ids[p] = id;
        employer[p++] = employerId === null ? NONE : (orgs.of.get(employerId) ?? NONE);
      }
      // Rows in person order, so they are stored in that order and each person's are together.
      const awards = await all<[number, number, number | null, number | null]>(
        [`a."personId"`, `a."honourId"`, `a."yearFrom"`, `a."yearTo"`],
        `"award" a WHERE a."personId" BETWEEN ? AND ?`,
        range,
        `a."personId"`,
      );
      for (let i = first, r = 0; r < awards.length; r++) {
        const [person, honourId, from, to] = awards[r];
        while (i < p && ids[i] < person) i++;
        if (i === p || ids[i] !== person || a === m) continue;
        awardStart[i + 1]++;
        awardHonour[a] = honour.of.get(honourId) ?? NONE;
        awardFrom[a] = from ?? NO_YEAR;
        awardTo[a++] = to ?? NO_YEAR;
        if (from !== null) [firstYear, lastYear] = [Math.min(firstYear, from), Math.max(lastYear, from, to ?? from)];
      }
      const seats = await all<[number, number, string | null]>(
        [`s."personId"`, `s."congressId"`, "s.delegation"],
        `"seat" s WHERE s."personId" BETWEEN ? AND ?`,
        range,
        `s."personId"`,
      );
      for (let i = first, r = 0; r < seats.length; r++) {
        const [person, congressId, name] = seats[r];
        while (i < p && ids[i] < person) i++;
        if (i === p || ids[i] !== person || s === k) continue;
        seatStart[i + 1]++;
        seatCongress[s] = congress.of.get(congressId) ?? NONE;
        seatDelegation[s++] = name === null ? NONE : (delegation.of.get(name) ?? NONE);
      }
    }
    for (let i = 0; i < n; i++) [awardStart[i + 1], seatStart[i + 1]] = [awardStart[i + 1] + awardStart[i], seatStart[i + 1] + seatStart[i]];
    const years = firstYear > lastYear ? [] : Array.from({ length: lastYear - firstYear + 1 }, (_, i) => firstYear + i);
    const name = <K>(rows: [K, string, ...unknown[]][]) => new Map(rows.map((r) => [r[0], r[1]]));
    const [honourName, orgName, congressName] = [name(honours), name(organisations), name(congresses)];
    return new FacetIndex(
      ids.subarray(0, p),
      employer.subarray(0, p),
      awardStart.subarray(0, p + 1),
      awardHonour.subarray(0, a),
      awardFrom.subarray(0, a),
      awardTo.subarray(0, a),
      seatStart.subarray(0, p + 1),
      seatCongress.subarray(0, s),
      seatDelegation.subarray(0, s),
      Int32Array.from(honours, (h) => level.of.get(h[2])!),
      honour.of,
      firstYear,
      {
        byHonourLevel: new Buckets(level.keys, level.keys),
        byHonour: new Buckets(
          honour.keys,
          honour.keys.map((id) => honourName.get(id)!),
        ),
        byEmployer: new Buckets(
          orgs.keys,
          orgs.keys.map((id) => orgName.get(id)!),
        ),
        byDelegation: new Buckets(delegation.keys, delegation.keys),
        byCongress: new Buckets(
          congress.keys,
          congress.keys.map((id) => congressName.get(id)!),
        ),
        byAwardYear: new Buckets(years, years.map(String)),
      },
    );
  }

  /** The numbers of the people with `ids` (an id it does not hold is left out; each person once). */
  positionsOf(ids: readonly number[]): Int32Array {
    const found = new Int32Array(ids.length);
    const taken = new Uint8Array(this.people.length);
    let n = 0;
    for (let k = 0; k < ids.length; k++) {
      const i = search(this.people, ids[k]);
      if (i === NONE || taken[i]) continue;
      taken[i] = 1;
      found[n++] = i;
    }
    return found.subarray(0, n);
  }

  /** The flags, per honour bucket, of the honours with `ids`, for an AwardTest. */
  honoursOf(ids: readonly number[]): Uint8Array {
    const flags = new Uint8Array(this.honourLevel.length);
    for (const id of ids) {
      const h = this.honourBucket.get(id);
      if (h !== undefined) flags[h] = 1;
    }
    return flags;
  }

  /**
   * The numbers of the people who hold, for each of `tests`, an award passing it: what PeopleSelection's
   * SQL selects for honour conditions (its year conditions: COALESCE(yearTo, yearFrom) >= yearFrom,
   * yearFrom <= yearTo, a NULL failing either).
   */
  peopleWith(tests: readonly AwardTest[]): Int32Array {
    const key = tests.map((t) => `${flagged(t.honours)}/${t.yearFrom}/${t.yearTo}`).join(";");
    const found = this.recent.get(key) ?? this.select(tests);
    // Last used last: the entry that goes is the one used longest ago.
    this.recent.delete(key);
    this.recent.set(key, found);
    if (this.recent.size > RECENT) this.recent.delete(this.recent.keys().next().value!);
    return found;
  }

  /**
   * The last few answers of peopleWith, by their tests, read-only: the total and the facets of one
   * request are two tasks asking for the same people, and a page of results is asked for again.
   */
  private readonly recent = new Map<string, Int32Array>();

  private select(tests: readonly AwardTest[]): Int32Array {
    // held[i]: how many of the tests, in order, person i has passed so far.
    const held = new Int32Array(this.people.length);
    for (let t = 0; t < tests.length; t++) {
      const { honours, yearFrom, yearTo } = tests[t];
      for (let h = 0; h < honours.length; h++) {
        if (!honours[h]) continue;
        for (let k = this.honourAwardStart[h]; k < this.honourAwardStart[h + 1]; k++) {
          const a = this.honourAwards[k];
          const i = this.awardPerson[a];
          if (held[i] !== t) continue; // passed this test already, or failed an earlier one
          const from = this.awardFrom[a];
          if (yearFrom !== null) {
            const to = this.awardTo[a] !== NO_YEAR ? this.awardTo[a] : from;
            if (to === NO_YEAR || to < yearFrom) continue;
          }
          if (yearTo !== null && (from === NO_YEAR || from > yearTo)) continue;
          held[i] = t + 1;
        }
      }
    }
    const found = new Int32Array(this.people.length);
    let n = 0;
    for (let i = 0; i < held.length; i++) if (held[i] === tests.length) found[n++] = i;
    return found.slice(0, n);
  }

  /** The highest person id (0: nobody). */
  get lastId(): number {
    return this.people.length ? this.people[this.people.length - 1] : 0;
  }

  /**
   * The buckets of each facet of `asked` over the people numbered `positions` (each once; null:
   * everyone), in one pass: a person counts once per bucket, an award in each year from its first
   * to its last.
   */
  count(positions: Int32Array | null, asked: readonly Asked[]): Bucket[][] {
    const want = new Set(asked.map((a) => a.facet));
    const tally = (facet: FacetName) => (want.has(facet) ? new Tally(this.buckets[facet].keys.length) : null);
    const [levels, honours, employers, delegations, congresses, years] = [
      tally("byHonourLevel"),
      tally("byHonour"),
      tally("byEmployer"),
      tally("byDelegation"),
      tally("byCongress"),
      tally("byAwardYear"),
    ];
    const awards = levels || honours || years;
    const n = positions ? positions.length : this.people.length;
    for (let k = 0; k < n; k++) {
      const i = positions ? positions[k] : k;
      const turn = k + 1;
      if (employers && this.employer[i] !== NONE) employers.add(this.employer[i], turn);
      if (awards) {
        for (let a = this.awardStart[i]; a < this.awardStart[i + 1]; a++) {
          const h = this.awardHonour[a];
          honours?.add(h, turn);
          levels?.add(this.honourLevel[h], turn);
          const from = this.awardFrom[a];
          if (years && from !== NO_YEAR) {
            // As the SQL's span: yearFrom, and each year after it up to yearTo.
            const last = Math.max(from, this.awardTo[a]) - this.firstYear;
            for (let y = from - this.firstYear; y <= last; y++) years.add(y, turn);
          }
        }
      }
      if (congresses || delegations) {
        for (let s = this.seatStart[i]; s < this.seatStart[i + 1]; s++) {
          congresses?.add(this.seatCongress[s], turn);
          if (delegations && this.seatDelegation[s] !== NONE) delegations.add(this.seatDelegation[s], turn);
        }
      }
    }
    const tallies: Record<FacetName, Tally | null> = {
      byHonourLevel: levels,
      byHonour: honours,
      byEmployer: employers,
      byDelegation: delegations,
      byCongress: congresses,
      byAwardYear: years,
    };
    return asked.map((a) => this.buckets[a.facet].ordered(tallies[a.facet]!.counts, a.first));
  }
}

/** People per bucket, each counted once: a bucket remembers the turn of the last person counted in it. */
class Tally {
  readonly counts: Int32Array;
  private readonly last: Int32Array;

  constructor(buckets: number) {
    this.counts = new Int32Array(buckets);
    this.last = new Int32Array(buckets);
  }

  /** Counts the person whose turn is `turn` (from 1) in `bucket`, unless already counted there. */
  add(bucket: number, turn: number): void {
    if (this.last[bucket] === turn) return;
    this.last[bucket] = turn;
    this.counts[bucket]++;
  }
}

/** The places of the flags set in `flags`, as text. */
function flagged(flags: Uint8Array): string {
  const set: number[] = [];
  for (let i = 0; i < flags.length; i++) if (flags[i]) set.push(i);
  return set.join(",");
}

/** Where `id` is in the ascending `ids`, or NONE. */
function search(ids: Int32Array, id: number): number {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (ids[mid] < id) lo = mid + 1;
    else if (ids[mid] > id) hi = mid - 1;
    else return mid;
  }
  return NONE;
}

/** An index held (or being read), and the data version it was read at. */
interface Held {
  version: string;
  index: Promise<FacetIndex>;
}

const held = new WeakMap<SqlReader, Held>();

/**
 * The facet index of `db`'s database at `version`, the data version read in the snapshot this is
 * called in: read anew when another connection has committed since it was read (every write is
 * another connection's: `db` is isolated), so the index and the reads beside it see one state;
 * concurrent callers share one read.
 */
function indexAt(db: SqlReader, version: string): Promise<FacetIndex> {
  const last = held.get(db);
  if (last && last.version === version) return last.index;
  held.delete(db); // the old index goes before the new one is read: one in memory at a time
  const entry: Held = { version, index: FacetIndex.read(db) };
  held.set(db, entry);
  entry.index.catch(() => held.get(db) === entry && held.delete(db));
  return entry.index;
}

/**
 * One statement: the data version, and the ids `selection` needs from SQL: the honours of each
 * honour condition (honour conditions alone), the people it selects (any other), none (everyone).
 * One statement sees one state of the database, in a snapshot or not.
 */
async function readSelection(db: SqlReader, selection: PeopleSelection): Promise<{ version: string; ids: number[][] }> {
  const d = db.dialect;
  const lists = selection.everyone ? [] : selection.honoursOnly ? selection.honours.map((h) => h.honours) : [selection.idsQuery()];
  const values = [`(${d.dataVersion})`, ...lists.map((list) => d.jsonValue(d.jsonArrays(["x.id"], `(${list.text}) x`, null)))];
  const params = lists.flatMap((list) => list.params);
  const [[version, ...ids]] = (await db.json(d.jsonArrays(values, `(SELECT 1 AS "one") o`, null), params)) as [[number | string | null, ...[number][][]]];
  if (version === null) throw new Error("the database has no data version (its data_version row is missing)");
  return { version: String(version), ids: ids.map((rows) => rows.map((row) => row[0])) };
}

/**
 * The facet index of `db`'s database and the numbers in it of the people `selection` selects
 * (null: everyone): honour conditions from the index alone, others by their SQL. Index and ids are
 * of one state of the database: while the held index is current, that takes one statement and no
 * transaction (on PostgreSQL a transaction is two more round trips per request, which a read thread
 * spent waiting); otherwise the index is read anew in a snapshot with the ids.
 */
export async function inIndex(db: SqlReader, selection: PeopleSelection): Promise<{ index: FacetIndex; positions: Int32Array | null }> {
  const last = held.get(db);
  if (last) {
    const read = await readSelection(db, selection);
    if (read.version === last.version) {
      const index = await last.index;
      return { index, positions: positionsIn(index, selection, read.ids) };
    }
  }
  return db.snapshot(async () => {
    const read = await readSelection(db, selection);
    const index = await indexAt(db, read.version);
    return { index, positions: positionsIn(index, selection, read.ids) };
  });
}

/**
 * Reads the facet index of `db`'s database now: a server's read thread does as it starts, so that
 * the first facet count or honour-filtered count after start-up does not wait for it (about a
 * second at 100,000 people).
 */
export async function readIndex(db: SqlReader): Promise<void> {
  await inIndex(db, new PeopleSelection(db.dialect, null));
}

/** The numbers in `index` of the people `selection` selects (null: everyone), their ids read now (in the snapshot `index` was read in). */
export async function selectedIn(db: SqlReader, index: FacetIndex, selection: PeopleSelection): Promise<Int32Array | null> {
  return positionsIn(index, selection, (await readSelection(db, selection)).ids);
}

/** The numbers in `index` of the people `selection` selects, from the ids readSelection read. */
function positionsIn(index: FacetIndex, selection: PeopleSelection, ids: number[][]): Int32Array | null {
  if (selection.everyone) return null;
  if (!selection.honoursOnly) return index.positionsOf(ids[0]);
  return index.peopleWith(selection.honours.map(({ yearFrom, yearTo }, i) => ({ honours: index.honoursOf(ids[i]), yearFrom, yearTo })));
}
