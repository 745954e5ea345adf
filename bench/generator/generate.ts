import type { DataSource } from "typeorm";
import { textPinyin } from "../../src/search/pinyin";
import { buildDirectory, Ids } from "./directory";
import { AWARD_COLUMNS, PeopleBuilder, PERSON_COLUMNS, POSITION_COLUMNS, PROPOSAL_AUTHOR_COLUMNS, PROPOSAL_COLUMNS, SEAT_COLUMNS } from "./people";
import { Rng } from "./random";
import { BulkWriter, bulkWriter } from "./writer";

/**
 * Synthetic directory for the benchmark (issue #6): deterministic for a given seed and size, on
 * either engine. The rows are built here once and written by the engine's BulkWriter in large
 * transactions, so the search-index triggers fire as for real data; pinyin columns are filled by
 * the same functions the entities' @BeforeInsert hooks call.
 */

/** seedKey of the source document that marks a database as holding bench data; its byline holds the parameters. */
export const BENCH_DOCUMENT_KEY = "bench:synthetic";

export interface GenerateOptions {
  people: number;
  seed?: number;
  /** Progress lines; silent by default. */
  log?: (line: string) => void;
}

export interface GenerateStats {
  people: number;
  organisations: number;
  honours: number;
  awards: number;
  positions: number;
  congresses: number;
  seats: number;
  proposals: number;
  citations: number;
  /** Wall time of generate(), milliseconds. */
  ms: number;
  /** Per phase, milliseconds. */
  phases: Record<string, number>;
}

export interface BenchMeta {
  people: number;
  seed: number;
}

/** People per transaction. */
const CHUNK = 25000;

/** Reads the bench marker of a database, or null when it holds no bench data. */
export async function benchMeta(all: BulkWriter["all"]): Promise<BenchMeta | null> {
  const rows = await all<{ byline: string | null }>(`SELECT "byline" FROM "source_document" WHERE "seedKey" = ?`, [BENCH_DOCUMENT_KEY]);
  if (!rows.length) return null;
  const m = /people=(\d+) seed=(\d+)/.exec(rows[0].byline ?? "");
  return m ? { people: Number(m[1]), seed: Number(m[2]) } : { people: -1, seed: -1 };
}

/**
 * Adds a synthetic directory of `people` people (and their employers, honours, awards, positions,
 * seats and proposals) to a migrated database. Same seed and size, same data.
 */
export async function generate(ds: DataSource, options: GenerateOptions): Promise<GenerateStats> {
  const writer = await bulkWriter(ds);
  try {
    return await generateWith(writer, options);
  } finally {
    await writer.release();
  }
}

async function generateWith(writer: BulkWriter, options: GenerateOptions): Promise<GenerateStats> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const seed = options.seed ?? 1;
  const total = Math.max(1, Math.floor(options.people));
  if ((await benchMeta(writer.all)) !== null) throw new Error("this database already holds bench data; generate into a fresh database");
  const rng = new Rng(seed * 2654435761 + total);
  const phases: Record<string, number> = {};
  let phaseStart = Date.now();
  const phase = (name: string) => {
    const now = Date.now();
    phases[name] = now - phaseStart;
    log(`  ${name.padEnd(14)} ${((now - phaseStart) / 1000).toFixed(2)} s`);
    phaseStart = now;
  };

  const nextId = async (table: string) => (await writer.all<{ m: number | null }>(`SELECT MAX("id") AS m FROM "${table}"`))[0].m ?? 0;
  const ids: Ids = {
    document: await nextId("source_document"),
    citation: await nextId("citation"),
    organisation: await nextId("organisation"),
    person: await nextId("person"),
    honour: await nextId("honour"),
    award: await nextId("award"),
    position: await nextId("position"),
    congress: await nextId("congress"),
    seat: await nextId("seat"),
    proposal: await nextId("proposal"),
  };
  const byName = async (table: string) =>
    new Map((await writer.all<{ id: number; name: string }>(`SELECT "id", "name" FROM "${table}"`)).map((r) => [r.name, r.id]));
  const existing = { organisations: await byName("organisation"), honours: await byName("honour"), congresses: await byName("congress") };

  // Source documents and citations: one document per congress list, one for honour lists.
  let documents: unknown[][] = [];
  let citations: unknown[][] = [];
  const citationIds = new Map<string, number>();
  const newDocument = (seedKey: string | null, title: string, byline: string | null) => {
    const id = ++ids.document;
    documents.push([id, seedKey, title, byline, `${title}（基准测试合成数据，内容为程序生成，不指向真实人物。）`]);
    return id;
  };
  const cite = (documentId: number, quote: string) => {
    const key = `${documentId}\u0000${quote}`;
    let id = citationIds.get(key);
    if (id === undefined) {
      id = ++ids.citation;
      citationIds.set(key, id);
      citations.push([id, documentId, quote]);
    }
    return id;
  };
  /** The citations drawn since the last call, to be written before the rows that cite them. */
  const newCitations = () => {
    const rows = citations;
    citations = [];
    return rows;
  };
  const sources = { ids, newDocument, cite };
  // The marker document tells the harness this database holds bench data it may regenerate.
  newDocument(BENCH_DOCUMENT_KEY, "基准测试合成名录", `people=${total} seed=${seed}`);
  const honoursDoc = newDocument(null, "各级工会表彰名单汇编（合成）", null);
  const dir = buildDirectory(rng, total, existing, sources);

  // Documents and citations first (everything else points at them), then the directory skeleton.
  await writer.transaction(async () => {
    await writer.insert("source_document", ["id", "seedKey", "title", "byline", "text"], documents);
    documents = [];
    await writer.insert("citation", ["id", "documentId", "quote"], newCitations());
    await writer.insert(
      "organisation",
      ["id", "name", "namePinyin", "kind", "parentId", "region"],
      dir.newOrgs.map((o) => [o.id, o.name, textPinyin(o.name), o.kind, o.parentId, o.region]),
    );
    await writer.insert(
      "honour",
      ["id", "name", "nameEn", "namePinyin", "level", "category", "conferrerId"],
      dir.newHonours.map((h) => [h.id, h.name, h.nameEn, textPinyin(h.name), h.level, h.category, h.conferrerId]),
    );
    await writer.insert(
      "congress",
      ["id", "name", "nameEn", "session", "level", "region", "year", "citationId", "namePinyin"],
      dir.congressRows.map((row) => [...row, textPinyin(String(row[1]))]),
    );
  });
  phase("organisations");

  // ---- people, in chunks: each chunk is one transaction --------------------------------------
  const builder = new PeopleBuilder(rng, dir, sources, honoursDoc);
  const stats = { people: 0, awards: 0, positions: 0, seats: 0, proposals: 0 };
  const timing = { js: 0, people: 0, positions: 0, awards: 0, seats: 0, proposals: 0 };
  const timed = async (key: keyof typeof timing, write: () => Promise<void>) => {
    const t = Date.now();
    await write();
    timing[key] += Date.now() - t;
  };
  for (let from = 0; from < total; from += CHUNK) {
    const t0 = Date.now();
    const n = Math.min(CHUNK, total - from);
    const rows = builder.chunk(n);
    timing.js += Date.now() - t0;
    await writer.transaction(async () => {
      await writer.insert("citation", ["id", "documentId", "quote"], newCitations());
      await timed("people", () => writer.insert("person", PERSON_COLUMNS, rows.person));
      await timed("positions", () => writer.insert("position", POSITION_COLUMNS, rows.position));
      await timed("awards", () => writer.insert("award", AWARD_COLUMNS, rows.award));
      await timed("seats", () => writer.insert("seat", SEAT_COLUMNS, rows.seat));
      await timed("proposals", async () => {
        await writer.insert("proposal", PROPOSAL_COLUMNS, rows.proposal);
        await writer.insert("proposal_author", PROPOSAL_AUTHOR_COLUMNS, rows.proposalAuthor);
      });
    });
    stats.people += n;
    stats.awards += rows.award.length;
    stats.positions += rows.position.length;
    stats.seats += rows.seat.length;
    stats.proposals += rows.proposal.length;
    log(`  people ${String(stats.people).padStart(8)} / ${total}  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  phases["people: build rows (JS, pinyin)"] = timing.js;
  phases["people: insert person"] = timing.people;
  phases["people: insert position"] = timing.positions;
  phases["people: insert award"] = timing.awards;
  phases["people: insert seat"] = timing.seats;
  phases["people: insert proposal"] = timing.proposals;
  phaseStart = Date.now();

  // ---- awards to organisations (unions and companies) -----------------------------------------
  const orgAwards = builder.orgAwards();
  await writer.transaction(async () => {
    await writer.insert("citation", ["id", "documentId", "quote"], newCitations());
    await writer.insert("award", AWARD_COLUMNS, orgAwards);
  });
  stats.awards += orgAwards.length;
  phase("org awards");

  await writer.finish(phase);

  return {
    people: stats.people,
    organisations: dir.newOrgs.length,
    honours: dir.newHonours.length,
    awards: stats.awards,
    positions: stats.positions,
    congresses: dir.congressRows.length,
    seats: stats.seats,
    proposals: stats.proposals,
    citations: citationIds.size,
    ms: Date.now() - started,
    phases,
  };
}
