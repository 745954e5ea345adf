/**
 * The benchmark's data floor: the profile page and the delegates page answered with hand-written
 * SQL on the driver directly (better-sqlite3, or pg on PostgreSQL), no GraphQL, no ORM, same JSON
 * as the GraphQL server's `data`.
 * It takes the same request bodies (it dispatches on operationName and reads the variables), so
 * the harness drives it exactly as it drives the server.
 *
 *   DATABASE_FILE=/path/bench.sqlite PORT=0 node dist/bench/data-floor.js
 *   DATABASE_URL=postgres://…/bench PORT=0 node dist/bench/data-floor.js
 *
 * Prints "data floor listening on <port>" once it accepts requests.
 */
import http from "http";
import Database, { type Statement } from "better-sqlite3";
import { Pool } from "pg";
import { DEFAULT_POOL_SIZE } from "../src/config";
import type { Dialect } from "../src/db/dialect";
import { PG_TYPES } from "../src/db/postgres/connection";
import { postgresDialect } from "../src/db/postgres/dialect";
import { numberPlaceholders } from "../src/db/postgres/placeholders";
import { sqliteDialect } from "../src/db/sqlite/dialect";

type Row = Record<string, any>;

/** SQL statements per request of each page (for the report). */
export const FLOOR_STATEMENTS = { transport: 0, statement: 1, profile: 5, delegates: 5 } as const;

const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`, "utf8").toString("base64");
const bool = (v: unknown) => (v === null || v === undefined ? null : Boolean(v));
const awardYear = (from: number | null, to: number | null) => (from !== null && (to === null || to === from) ? from : null);

/** The floor's connection: its statements, and how the engine binds a list of ids (the app's Dialect). */
export interface FloorDb {
  all(sql: string, params: unknown[]): Promise<Row[]>;
  readonly dialect: Pick<Dialect, "inKeys" | "keysParam">;
  close(): Promise<void>;
}

/** better-sqlite3 on the file, its statements prepared once. */
export function sqliteFloorDb(file: string): FloorDb {
  const db = new Database(file, { timeout: 5000 });
  // The server's page cache (ormconfig.ts), so that both read the same way.
  db.pragma("cache_size = -16384");
  const statements = new Map<string, Statement>();
  return {
    async all(sql, params) {
      let st = statements.get(sql);
      if (!st) statements.set(sql, (st = db.prepare(sql)));
      return st.all(...params) as Row[];
    },
    dialect: sqliteDialect,
    close: async () => void db.close(),
  };
}

/**
 * A pg pool as large as the server's by default, so that the page's statements run side by side as
 * they do there; each statement prepared once per connection (a named statement), as the server's.
 */
export function postgresFloorDb(url: string): FloorDb {
  const pool = new Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? DEFAULT_POOL_SIZE), types: PG_TYPES });
  const names = new Map<string, string>();
  return {
    async all(sql, params) {
      let name = names.get(sql);
      if (!name) names.set(sql, (name = `floor${names.size}`));
      return (await pool.query({ name, text: numberPlaceholders(sql), values: params })).rows;
    },
    dialect: postgresDialect,
    close: () => pool.end(),
  };
}

export class DataFloor {
  constructor(private readonly db: FloorDb) {}

  private all(sql: string, params: unknown[]): Promise<Row[]> {
    return this.db.all(sql, params);
  }

  async profile(id: number): Promise<unknown> {
    const [people, positions, seats, awards, proposals] = await Promise.all([
      this.all(
        `SELECT p."id", p."name", p."namePinyin", p."gender", p."biography", p."yearsOfService",
                e."id" AS eid, e."name" AS ename, e."kind" AS ekind, q."id" AS qid, q."name" AS qname
           FROM "person" p LEFT JOIN "organisation" e ON e."id" = p."employerId" LEFT JOIN "organisation" q ON q."id" = e."parentId"
          WHERE p."id" = ?`,
        [id],
      ),
      this.all(
        `SELECT po."id", po."title", po."current", po."yearFrom", po."yearTo", o."id" AS oid, o."name" AS oname
           FROM "position" po JOIN "organisation" o ON o."id" = po."organisationId" WHERE po."personId" = ? ORDER BY po."id"`,
        [id],
      ),
      this.all(
        `SELECT s."id", s."delegation", s."focus", c."id" AS cid, c."name" AS cname, c."nameEn" AS "cnameEn"
           FROM "seat" s JOIN "congress" c ON c."id" = s."congressId" WHERE s."personId" = ? ORDER BY s."id"`,
        [id],
      ),
      this.all(
        `SELECT a."id", a."yearFrom", a."yearTo", a."times", a."repeated", a."rank", a."note",
                h."id" AS hid, h."name" AS hname, h."nameEn" AS "hnameEn", h."level", h."category"
           FROM "award" a JOIN "honour" h ON h."id" = a."honourId" WHERE a."personId" = ? ORDER BY a."id"`,
        [id],
      ),
      this.all(
        `SELECT pr."id", pr."title", pr."summary", c."id" AS cid, c."name" AS cname
           FROM "proposal_author" pa JOIN "proposal" pr ON pr."id" = pa."proposalId" LEFT JOIN "congress" c ON c."id" = pr."congressId"
          WHERE pa."personId" = ? ORDER BY pr."id"`,
        [id],
      ),
    ]);
    const p = people[0];
    if (!p) return { person: null };
    return {
      person: {
        id: gid("Person", p.id),
        name: p.name,
        namePinyin: p.namePinyin,
        gender: p.gender,
        biography: p.biography,
        yearsOfService: p.yearsOfService,
        employer:
          p.eid === null
            ? null
            : {
                id: gid("Organisation", p.eid),
                name: p.ename,
                kind: p.ekind,
                parent: p.qid === null ? null : { id: gid("Organisation", p.qid), name: p.qname },
              },
        positions: positions.map((r) => ({
          id: gid("Position", r.id),
          title: r.title,
          current: bool(r.current),
          yearFrom: r.yearFrom,
          yearTo: r.yearTo,
          organisation: { id: gid("Organisation", r.oid), name: r.oname },
        })),
        seats: seats.map((r) => ({
          id: gid("Seat", r.id),
          congress: { id: gid("Congress", r.cid), name: r.cname, nameEn: r.cnameEn },
          delegation: r.delegation,
          focus: r.focus,
        })),
        awards: awards.map((r) => ({
          id: gid("Award", r.id),
          honour: { id: gid("Honour", r.hid), name: r.hname, nameEn: r.hnameEn, level: r.level, category: r.category },
          year: awardYear(r.yearFrom, r.yearTo),
          yearFrom: r.yearFrom,
          yearTo: r.yearTo,
          times: r.times,
          repeated: Boolean(r.repeated),
          rank: r.rank,
          note: r.note,
        })),
        proposals: proposals.map((r) => ({
          id: gid("Proposal", r.id),
          title: r.title,
          summary: r.summary,
          congress: r.cid === null ? null : { id: gid("Congress", r.cid), name: r.cname },
        })),
      },
    };
  }

  async delegates(congressId: number, first: number): Promise<unknown> {
    const [page, count] = await Promise.all([
      // The page reads the seats' index (congress, the person's sort key, person) and joins each
      // row's person; the employer's name is looked up for the page's rows only.
      this.all(
        `SELECT p."id", p."name", p."namePinyin", p."nameSortKey", p."employerId" AS eid,
                (SELECT e."name" FROM "organisation" e WHERE e."id" = p."employerId") AS ename
           FROM "seat" s JOIN "person" p ON p."id" = s."personId"
          WHERE s."congressId" = ?
          ORDER BY s."nameSortKey", s."personId" LIMIT ?`,
        [congressId, first + 1],
      ),
      // One seat per person and congress (unique index), so seats count delegates.
      this.all(`SELECT COUNT(*) AS n FROM "seat" WHERE "congressId" = ?`, [congressId]),
    ]);
    const rows = page.slice(0, first);
    const ids = this.db.dialect.keysParam(rows.map((r) => r.id));
    const [seats, awards, proposals] = await Promise.all([
      this.all(
        `SELECT s."personId" AS pid, s."delegation", c."id" AS cid, c."name" AS cname FROM "seat" s JOIN "congress" c ON c."id" = s."congressId"
          WHERE ${this.db.dialect.inKeys('s."personId"')} ORDER BY s."id"`,
        [ids],
      ),
      this.all(
        `SELECT a."personId" AS pid, a."yearFrom", a."yearTo", h."id" AS hid, h."name" AS hname, h."level"
           FROM "award" a JOIN "honour" h ON h."id" = a."honourId"
          WHERE ${this.db.dialect.inKeys('a."personId"')} ORDER BY a."id"`,
        [ids],
      ),
      this.all(
        `SELECT pa."personId" AS pid, pr."id", pr."title" FROM "proposal_author" pa JOIN "proposal" pr ON pr."id" = pa."proposalId"
          WHERE ${this.db.dialect.inKeys('pa."personId"')} ORDER BY pr."id"`,
        [ids],
      ),
    ]);
    const group = <T>(list: Row[], map: (r: Row) => T) => {
      const out = new Map<number, T[]>();
      for (const r of list) {
        let g = out.get(r.pid);
        if (!g) out.set(r.pid, (g = []));
        g.push(map(r));
      }
      return out;
    };
    const seatsOf = group(seats, (r) => ({ delegation: r.delegation, congress: { id: gid("Congress", r.cid), name: r.cname } }));
    const awardsOf = group(awards, (r) => ({
      year: awardYear(r.yearFrom, r.yearTo),
      yearFrom: r.yearFrom,
      yearTo: r.yearTo,
      honour: { id: gid("Honour", r.hid), name: r.hname, level: r.level },
    }));
    const proposalsOf = group(proposals, (r) => ({ id: gid("Proposal", r.id), title: r.title }));
    const last = rows[rows.length - 1];
    return {
      delegates: {
        totalCount: count[0].n,
        pageInfo: {
          hasNextPage: page.length > first,
          endCursor: last ? Buffer.from(JSON.stringify([last.nameSortKey, last.id]), "utf8").toString("base64") : null,
        },
        nodes: rows.map((r) => ({
          id: gid("Person", r.id),
          name: r.name,
          namePinyin: r.namePinyin,
          employer: r.eid === null ? null : { id: gid("Organisation", r.eid), name: r.ename },
          seats: seatsOf.get(r.id) ?? [],
          awards: awardsOf.get(r.id) ?? [],
          proposals: proposalsOf.get(r.id) ?? [],
        })),
      },
    };
  }

  /** One statement that reads nothing (`SELECT 1`): what one statement costs a server that does nothing else. */
  async oneStatement(): Promise<void> {
    await this.all("SELECT 1 AS one", []);
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

/** Decodes a global id of `type` ("Person:12" in base64); null otherwise. */
function localId(value: unknown, type: string): number | null {
  if (typeof value !== "string") return null;
  const m = /^([A-Za-z]+):([1-9][0-9]{0,15})$/.exec(Buffer.from(value, "base64").toString("utf8"));
  return m && m[1] === type ? Number(m[2]) : null;
}

export function createFloorServer(floor: DataFloor): http.Server {
  return http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
      res.end(text);
    };
    if (req.method === "GET" && req.url === "/healthz") return send(200, { status: "ok" });
    if (req.method !== "POST") return send(404, { errors: [{ message: "POST /graphql" }] });
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    const answer = async () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        const v = body.variables ?? {};
        if (body.operationName === "Profile") {
          const id = localId(v.id, "Person");
          return send(200, { data: id === null ? { person: null } : await floor.profile(id) });
        }
        if (body.operationName === "DelegatesPage") {
          const congress = localId(v.congress, "Congress");
          const first = Number(v.first ?? 20);
          if (congress === null || !Number.isInteger(first) || first < 0 || first > 100) return send(200, { errors: [{ message: "bad variables" }] });
          return send(200, { data: await floor.delegates(congress, first) });
        }
        if (typeof body.query === "string" && /^\{\s*__typename\s*\}$/.test(body.query.trim())) return send(200, { data: { __typename: "Query" } });
        if (body.operationName === "OneStatement") {
          await floor.oneStatement();
          return send(200, { data: { __typename: "Query" } });
        }
        send(200, { errors: [{ message: `the data floor does not answer ${body.operationName ?? "this query"}` }] });
      } catch (error) {
        send(500, { errors: [{ message: error instanceof Error ? error.message : String(error) }] });
      }
    };
    // answer catches every failure and replies 500 with it, so its promise never rejects.
    req.on("end", () => void answer());
  });
}

if (require.main === module) {
  const url = process.env.DATABASE_URL;
  const file = process.env.DATABASE_FILE;
  if (!file && !url?.startsWith("postgres")) {
    console.error("DATABASE_FILE (SQLite) or DATABASE_URL=postgres://… must name the bench database");
    process.exit(1);
  }
  const floor = new DataFloor(file ? sqliteFloorDb(file) : postgresFloorDb(url!));
  const server = createFloorServer(floor);
  server.keepAliveTimeout = 60_000;
  server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
    const address = server.address();
    console.log(`data floor listening on ${typeof address === "object" && address ? address.port : "?"}`);
  });
  const stop = () => server.close(() => void floor.close().finally(() => process.exit(0)));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
