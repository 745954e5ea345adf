import "reflect-metadata";
import fs from "fs";
import type { Database, Statement } from "better-sqlite3";
import { DataSource } from "typeorm";
import { openDirectory } from "../src/boot";
import { loadConfig } from "../src/config";
import { namePinyin, textPinyin } from "../src/search/pinyin";

/**
 * Synthetic directory for the benchmark (issue #6): deterministic for a given seed and size.
 * Rows go into the real tables with plain multi-row INSERTs inside large transactions, so the
 * search-index triggers fire exactly as for real data; pinyin columns are filled by the same
 * functions the entities' @BeforeInsert hooks call.
 *
 * `npm run bench:data -- --people 100000 [--seed 1]` writes into the database DATABASE_URL names.
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

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

/** sfc32 seeded through splitmix32: small, fast, good enough, and the same on every machine. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) >>> 0;
    return t / 4294967296;
  }

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Index into a list ranked by popularity: Zipf-like with exponent `s`. */
  zipf(n: number, s = 1): number {
    // Inverse-CDF of a continuous power law over [1, n + 1), good enough for skew.
    const u = this.next();
    if (s === 1) return Math.min(n - 1, Math.floor(Math.exp(u * Math.log(n + 1)) - 1));
    const a = 1 - s;
    return Math.min(n - 1, Math.floor(Math.pow(u * (Math.pow(n + 1, a) - 1) + 1, 1 / a) - 1));
  }
}

/** Picks from weighted entries with a precomputed cumulative table. */
class Weighted<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;
  constructor(private readonly items: readonly (readonly [T, number])[]) {
    let sum = 0;
    for (const [, w] of items) this.cumulative.push((sum += w));
    this.total = sum;
  }
  pick(rng: Rng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo][0];
  }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

/** Surnames with rough Guangdong frequencies (陈 李 黄 lead); compound and polyphonic ones included. */
const SURNAMES = new Weighted<string>([
  ["陈", 100], ["李", 80], ["黄", 75], ["张", 60], ["梁", 50], ["林", 48], ["刘", 46], ["吴", 40], ["罗", 38], ["杨", 32],
  ["何", 30], ["郑", 30], ["周", 28], ["谢", 28], ["王", 28], ["叶", 24], ["邓", 22], ["冯", 20], ["曾", 20], ["蔡", 18],
  ["许", 18], ["朱", 18], ["钟", 18], ["彭", 16], ["潘", 16], ["卢", 15], ["赖", 14], ["苏", 14], ["邱", 14], ["余", 13],
  ["关", 10], ["温", 10], ["廖", 12], ["江", 9], ["莫", 9], ["麦", 8], ["区", 5], ["单", 3], ["谭", 10], ["袁", 8],
  ["胡", 8], ["徐", 8], ["孙", 6], ["马", 6], ["高", 6], ["郭", 7], ["方", 6], ["龙", 5], ["严", 4], ["侯", 4],
  ["万", 4], ["曹", 4], ["丘", 3], ["欧", 4], ["骆", 3], ["翁", 3], ["肖", 7], ["姚", 4], ["巫", 2], ["戴", 3],
  ["欧阳", 4], ["司徒", 3], ["上官", 1], ["诸葛", 1], ["司马", 1], ["单于", 0.2],
]);

const MALE_GIVEN = [
  "伟", "强", "军", "勇", "杰", "涛", "明", "辉", "斌", "华", "建", "国", "志", "峰", "磊", "鹏", "宇", "浩", "俊", "文",
  "刚", "宝", "荣", "海", "东", "平", "健", "锋", "永", "新", "家", "振", "龙", "庆", "德", "毅", "超", "波", "亮", "鑫",
  "晨", "子", "嘉", "博", "智", "培", "耀", "达", "彬", "炜", "锦", "昌", "祥", "汉", "展", "铭", "景", "灿", "坤", "雄",
];
const FEMALE_GIVEN = [
  "丽", "芳", "娟", "敏", "静", "燕", "艳", "霞", "婷", "玲", "萍", "红", "雅", "琳", "颖", "慧", "倩", "洁", "梅", "莉",
  "兰", "凤", "秀", "英", "佳", "欣", "怡", "雪", "月", "珊", "晓", "思", "翠", "琼", "碧", "宁", "嫦", "彩", "妍", "薇",
  "媚", "惠", "少", "卿", "露", "桂", "映", "婉", "素", "晴",
];
const SHARED_GIVEN = ["小", "晓", "文", "永", "春", "少", "志", "嘉", "锦", "建", "玉", "金", "思", "家", "国", "海"];

interface City {
  name: string;
  weight: number;
  counties: string[];
}

/** Guangdong's prefecture-level cities (weights ≈ workforce, Qingyuan boosted: the directory starts there) and some counties. */
const CITIES: City[] = [
  { name: "广州市", weight: 18, counties: ["天河区", "越秀区", "海珠区", "番禺区", "白云区", "黄埔区", "花都区", "增城区"] },
  { name: "深圳市", weight: 17, counties: ["福田区", "南山区", "罗湖区", "宝安区", "龙岗区", "龙华区"] },
  { name: "东莞市", weight: 10, counties: [] },
  { name: "佛山市", weight: 9, counties: ["禅城区", "南海区", "顺德区", "三水区"] },
  { name: "清远市", weight: 9, counties: ["清城区", "清新区", "英德市", "连州市", "佛冈县", "阳山县", "连山壮族瑶族自治县", "连南瑶族自治县"] },
  { name: "湛江市", weight: 6, counties: ["赤坎区", "霞山区", "雷州市", "廉江市", "吴川市"] },
  { name: "茂名市", weight: 6, counties: ["茂南区", "高州市", "化州市", "信宜市"] },
  { name: "揭阳市", weight: 5, counties: ["榕城区", "普宁市", "揭西县"] },
  { name: "汕头市", weight: 5, counties: ["金平区", "龙湖区", "潮阳区", "澄海区"] },
  { name: "惠州市", weight: 5, counties: ["惠城区", "惠阳区", "博罗县", "惠东县"] },
  { name: "江门市", weight: 4, counties: ["蓬江区", "新会区", "台山市", "开平市", "鹤山市", "恩平市"] },
  { name: "梅州市", weight: 4, counties: ["梅江区", "兴宁市", "梅县区", "大埔县"] },
  { name: "肇庆市", weight: 4, counties: ["端州区", "四会市", "高要区"] },
  { name: "中山市", weight: 4, counties: [] },
  { name: "韶关市", weight: 3, counties: ["武江区", "浈江区", "乐昌市", "南雄市", "仁化县"] },
  { name: "河源市", weight: 3, counties: ["源城区", "紫金县", "龙川县"] },
  { name: "珠海市", weight: 2, counties: ["香洲区", "斗门区", "金湾区"] },
  { name: "阳江市", weight: 2, counties: ["江城区", "阳春市"] },
  { name: "汕尾市", weight: 2, counties: ["城区", "陆丰市", "海丰县"] },
  { name: "潮州市", weight: 2, counties: ["湘桥区", "潮安区"] },
  { name: "云浮市", weight: 2, counties: ["云城区", "罗定市"] },
];
const CITY_PICK = new Weighted(CITIES.map((c, i) => [i, c.weight] as const));

const BRANDS = [
  "华粤", "南方", "粤海", "金鹏", "宏达", "新科", "中联", "恒信", "鸿运", "明珠", "联诚", "东方", "长城", "远航", "嘉禾",
  "德盛", "鑫源", "万通", "天和", "昌盛", "永安", "瑞丰", "广安", "志高", "美景", "海纳", "冠华", "盈科", "信达", "宝丰",
  "富华", "星河", "凯达", "润和", "创维", "金利", "大华", "雅居", "丰泰", "通达", "顺昌", "骏业", "同心", "国泰", "荣盛",
];
const INDUSTRIES = [
  "建材", "电力", "物流", "食品", "纺织", "电子", "机械", "化工", "水泥", "陶瓷", "家电", "汽车零部件", "制药", "酒店", "旅游",
  "通信", "建筑工程", "环保科技", "港务", "燃气", "供水", "印刷", "塑胶", "五金", "家具", "服装", "农业发展", "商贸", "茶业", "冷链",
];

const TITLES = new Weighted<string>([
  ["操作工", 14], ["技术员", 10], ["班长", 9], ["高级班长", 3], ["技师", 6], ["高级技师", 3], ["工程师", 7], ["高级工程师", 3],
  ["车间主任", 5], ["部门经理", 5], ["副总经理", 2], ["总经理", 1], ["工会主席", 2], ["质检员", 5], ["安全主任", 2],
  ["项目经理", 3], ["主管", 6], ["设计师", 3], ["客房部经理", 1], ["驾驶员", 4], ["电工", 4], ["焊工", 3], ["维修工", 4],
]);
const UNION_TITLES = new Weighted<string>([["工会委员", 6], ["工会副主席", 2], ["工会主席", 1], ["女职工委员会主任", 1], ["工会小组长", 4]]);

interface HonourTemplate {
  suffix: string;
  nameEn?: string;
  category: string;
  /** Relative popularity within its level. */
  weight: number;
  /** Conferred on organisations rather than people. */
  forOrgs?: boolean;
}

const NATIONAL_HONOURS: (HonourTemplate & { name: string })[] = [
  { name: "全国五一劳动奖章", nameEn: "National May 1st Labour Medal", category: "LABOUR_MEDAL", suffix: "", weight: 10 },
  { name: "全国劳动模范", nameEn: "National Model Worker", category: "LABOUR_MODEL", suffix: "", weight: 4 },
  { name: "全国先进工作者", nameEn: "National Advanced Worker", category: "LABOUR_MODEL", suffix: "", weight: 2 },
  { name: "全国技术能手", nameEn: "National Technical Expert", category: "SKILLS", suffix: "", weight: 6 },
  { name: "全国优秀工会工作者", nameEn: "National Outstanding Trade Union Worker", category: "TRADE_UNION_WORK", suffix: "", weight: 3 },
  { name: "全国质量管理小组活动优秀推进者", category: "QUALITY", suffix: "", weight: 2 },
  { name: "全国职工优秀技术创新成果奖", category: "INNOVATION", suffix: "", weight: 2 },
  { name: "全国优秀共产党员", category: "PARTY_WORK", suffix: "", weight: 1 },
  { name: "全国模范职工之家", nameEn: "National Model Workers' Home", category: "TRADE_UNION_WORK", suffix: "", weight: 3, forOrgs: true },
  { name: "全国工人先锋号", nameEn: "National Workers' Pioneer", category: "OTHER", suffix: "", weight: 3, forOrgs: true },
];
const PROVINCIAL_HONOURS: (HonourTemplate & { name: string })[] = [
  { name: "广东省五一劳动奖章", nameEn: "Guangdong May 1st Labour Medal", category: "LABOUR_MEDAL", suffix: "", weight: 10 },
  { name: "广东省劳动模范", nameEn: "Guangdong Model Worker", category: "LABOUR_MODEL", suffix: "", weight: 4 },
  { name: "广东省先进工作者", category: "LABOUR_MODEL", suffix: "", weight: 2 },
  { name: "广东省技术能手", nameEn: "Guangdong Technical Expert", category: "SKILLS", suffix: "", weight: 8 },
  { name: "南粤工匠", nameEn: "South Guangdong Craftsman", category: "SKILLS", suffix: "", weight: 3 },
  { name: "广东省优秀工会工作者", category: "TRADE_UNION_WORK", suffix: "", weight: 4 },
  { name: "广东省职工技术创新成果奖", category: "INNOVATION", suffix: "", weight: 3 },
  { name: "广东省质量管理小组活动优秀推进者", category: "QUALITY", suffix: "", weight: 3 },
  { name: "广东省巾帼建功标兵", category: "OTHER", suffix: "", weight: 2 },
  { name: "广东省优秀共产党员", category: "PARTY_WORK", suffix: "", weight: 1 },
  { name: "广东省旅游行业先进个人", category: "SECTOR", suffix: "", weight: 1 },
  { name: "广东省模范职工之家", category: "TRADE_UNION_WORK", suffix: "", weight: 4, forOrgs: true },
  { name: "广东省工人先锋号", category: "OTHER", suffix: "", weight: 4, forOrgs: true },
];
const MUNICIPAL_HONOURS: HonourTemplate[] = [
  { suffix: "五一劳动奖章", category: "LABOUR_MEDAL", weight: 8 },
  { suffix: "劳动模范", category: "LABOUR_MODEL", weight: 4 },
  { suffix: "技术能手", category: "SKILLS", weight: 8 },
  { suffix: "优秀工会工作者", category: "TRADE_UNION_WORK", weight: 5 },
  { suffix: "金点子奖", category: "INNOVATION", weight: 4 },
  { suffix: "职工技能大赛一等奖", category: "SKILLS", weight: 3 },
  { suffix: "优秀共产党员", category: "PARTY_WORK", weight: 2 },
  { suffix: "模范职工之家", category: "TRADE_UNION_WORK", weight: 4, forOrgs: true },
  { suffix: "工人先锋号", category: "OTHER", weight: 3, forOrgs: true },
];
const COUNTY_HONOURS: HonourTemplate[] = [
  { suffix: "五一劳动奖章", category: "LABOUR_MEDAL", weight: 6 },
  { suffix: "劳动模范", category: "LABOUR_MODEL", weight: 3 },
  { suffix: "技术能手", category: "SKILLS", weight: 6 },
  { suffix: "优秀工会工作者", category: "TRADE_UNION_WORK", weight: 4 },
  { suffix: "职工之家", category: "TRADE_UNION_WORK", weight: 3, forOrgs: true },
];
const ENTERPRISE_HONOURS: HonourTemplate[] = [
  { suffix: "优秀员工", category: "OTHER", weight: 10 },
  { suffix: "先进个人", category: "OTHER", weight: 6 },
  { suffix: "金点子奖", category: "INNOVATION", weight: 3 },
  { suffix: "优秀工会工作者", category: "TRADE_UNION_WORK", weight: 2 },
  { suffix: "技能比武冠军", category: "SKILLS", weight: 2 },
];

/** Share of awards per level: most are enterprise and county honours, national ones rare. */
const LEVEL_SHARE = new Weighted<string>([["ENTERPRISE", 42], ["COUNTY", 24], ["MUNICIPAL", 24], ["PROVINCIAL", 8.5], ["NATIONAL", 1.5]]);
/** Awards per person: a quarter none, a long tail up to ten. */
const AWARD_COUNT = new Weighted<number>([[0, 25], [1, 25], [2, 20], [3, 12], [4, 8], [5, 5], [6, 2.5], [7, 1.2], [8, 0.7], [10, 0.6]]);

const PROPOSAL_TOPICS = [
  "职工技能培训", "新就业形态劳动者权益保障", "产业工人队伍建设改革", "职工之家建设", "工会驿站服务", "劳模工匠人才创新工作室",
  "职工医疗互助", "女职工权益保护", "安全生产", "工资集体协商", "困难职工帮扶", "职工文化体育活动", "农民工欠薪治理",
  "职工住房保障", "技能人才评价", "职工心理健康", "货车司机权益保障", "快递员休息权", "基层工会经费使用", "职工疗休养",
];
const PROPOSAL_VERBS = ["加强", "完善", "推进", "进一步做好", "健全", "优化", "扩大"];
const FOCUS = ["职工技能提升", "一线职工权益", "产业工人队伍建设", "新业态劳动者入会", "女职工关爱", "安全生产"];

// ---------------------------------------------------------------------------------------------
// Raw, prepared, multi-row inserts on the connection TypeORM opened

/** The better-sqlite3 connection under a TypeORM SQLite DataSource. */
export function rawConnection(ds: DataSource): Database {
  const db = (ds.driver as unknown as { databaseConnection?: Database }).databaseConnection;
  if (!db) throw new Error("bench data needs a SQLite DataSource (better-sqlite3 driver)");
  return db;
}

async function exec(db: Database, sql: string): Promise<void> {
  db.exec(sql);
}

async function all<T>(db: Database, sql: string, params: unknown[] = []): Promise<T[]> {
  return db.prepare(sql).all(...params) as T[];
}

/** SQLite has no boolean: better-sqlite3 refuses one (TypeORM binds 1 and 0, as here). */
const bindable = (values: unknown[]) => values.map((v) => (typeof v === "boolean" ? (v ? 1 : 0) : v));

/** Bound parameters per statement: well under SQLite's default limit (32766). */
const PARAMS_PER_STATEMENT = 30000;

/** Inserts `rows` (arrays in `columns` order) with one prepared multi-row INSERT reused per full chunk. */
async function insertAll(db: Database, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  if (!rows.length) return;
  const perStatement = Math.max(1, Math.min(500, Math.floor(PARAMS_PER_STATEMENT / columns.length)));
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  const sql = (n: number) => `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${Array(n).fill(tuple).join(", ")}`;
  const full = Math.floor(rows.length / perStatement);
  if (full > 0) {
    const st: Statement = db.prepare(sql(perStatement));
    for (let i = 0; i < full; i++) {
      const params: unknown[] = [];
      for (const row of rows.slice(i * perStatement, (i + 1) * perStatement)) params.push(...row);
      st.run(...bindable(params));
    }
  }
  const rest = rows.slice(full * perStatement);
  if (rest.length) db.prepare(sql(rest.length)).run(...bindable(rest.flat()));
}

// ---------------------------------------------------------------------------------------------
// The generator

interface Org {
  id: number;
  name: string;
  kind: string;
  parentId: number | null;
  region: string;
  city: number;
  county: string | null;
}

interface HonourRow {
  id: number;
  name: string;
  nameEn: string | null;
  level: string;
  category: string;
  conferrerId: number | null;
  weight: number;
  forOrgs: boolean;
}

interface CongressSpec {
  key: string;
  name: string;
  nameEn: string;
  session: number;
  level: string;
  region: string;
  year: number;
  /** Share of eligible people who hold a seat. */
  share: number;
  /** Only people employed in this city (index into CITIES), or anyone. */
  city: number | null;
  /** Delegation of a delegate from `city`/`county`. */
  delegation: (city: City, county: string | null, rng: Rng) => string;
}

const CONGRESSES: CongressSpec[] = [
  {
    key: "acftu-18", name: "中国工会第十八次全国代表大会", nameEn: "18th National Congress of Chinese Trade Unions", session: 18,
    level: "NATIONAL", region: "全国", year: 2023, share: 0.004, city: null, delegation: () => "广东代表团",
  },
  {
    key: "guangdong-14", name: "广东省工会第十四次代表大会", nameEn: "14th Guangdong Provincial Trade Union Congress", session: 14,
    level: "PROVINCIAL", region: "广东省", year: 2018, share: 0.03, city: null,
    delegation: (city, _county, rng) => (rng.chance(0.12) ? rng.pick(["省直机关代表团", "省国资系统代表团", "省铁路代表团"]) : `${city.name}代表团`),
  },
  {
    key: "guangdong-15", name: "广东省工会第十五次代表大会", nameEn: "15th Guangdong Provincial Trade Union Congress", session: 15,
    level: "PROVINCIAL", region: "广东省", year: 2023, share: 0.03, city: null,
    delegation: (city, _county, rng) => (rng.chance(0.12) ? rng.pick(["省直机关代表团", "省国资系统代表团", "省铁路代表团"]) : `${city.name}代表团`),
  },
  {
    key: "qingyuan-8", name: "清远市工会第八次代表大会", nameEn: "8th Qingyuan Municipal Trade Union Congress", session: 8,
    level: "MUNICIPAL", region: "清远市", year: 2021, share: 0.12, city: 4,
    delegation: (city, county) => `${county ?? city.name}代表团`,
  },
  {
    key: "guangzhou-16", name: "广州市工会第十六次代表大会", nameEn: "16th Guangzhou Municipal Trade Union Congress", session: 16,
    level: "MUNICIPAL", region: "广州市", year: 2022, share: 0.05, city: 0,
    delegation: (city, county) => `${county ?? city.name}代表团`,
  },
  {
    key: "shenzhen-8", name: "深圳市工会第八次代表大会", nameEn: "8th Shenzhen Municipal Trade Union Congress", session: 8,
    level: "MUNICIPAL", region: "深圳市", year: 2021, share: 0.05, city: 1,
    delegation: (city, county) => `${county ?? city.name}代表团`,
  },
];

/** Reads the bench marker of a database, or null when it holds no bench data. */
export async function benchMeta(ds: DataSource): Promise<BenchMeta | null> {
  const rows: { byline: string | null }[] = await ds.query(`SELECT "byline" FROM "source_document" WHERE "seedKey" = ?`, [BENCH_DOCUMENT_KEY]);
  if (!rows.length) return null;
  const m = /people=(\d+) seed=(\d+)/.exec(rows[0].byline ?? "");
  return m ? { people: Number(m[1]), seed: Number(m[2]) } : { people: -1, seed: -1 };
}

/**
 * Adds a synthetic directory of `people` people (and their employers, honours, awards, positions,
 * seats and proposals) to a migrated database. Same seed and size, same data.
 */
export async function generate(ds: DataSource, options: GenerateOptions): Promise<GenerateStats> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const seed = options.seed ?? 1;
  const total = Math.max(1, Math.floor(options.people));
  if ((await benchMeta(ds)) !== null) throw new Error("this database already holds bench data; generate into a fresh file");
  const rng = new Rng(seed * 2654435761 + total);
  const db = rawConnection(ds);
  const phases: Record<string, number> = {};
  let phaseStart = Date.now();
  const phase = (name: string) => {
    const now = Date.now();
    phases[name] = now - phaseStart;
    log(`  ${name.padEnd(14)} ${((now - phaseStart) / 1000).toFixed(2)} s`);
    phaseStart = now;
  };

  const nextId = async (table: string) => (await all<{ m: number | null }>(db, `SELECT MAX("id") AS m FROM "${table}"`))[0].m ?? 0;
  const ids = {
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

  const [{ cache_size: oldCache }] = await all<{ cache_size: number }>(db, "PRAGMA cache_size");
  await exec(db, "PRAGMA cache_size = -262144"); // 256 MiB while loading: the indexes stay in memory

  // Source documents and citations: one document per congress list, one for honour lists.
  const documents: unknown[][] = [];
  const citations: unknown[][] = [];
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
  // The marker document tells the harness this file is a bench database it may regenerate.
  newDocument(BENCH_DOCUMENT_KEY, "基准测试合成名录", `people=${total} seed=${seed}`);
  const honoursDoc = newDocument(null, "各级工会表彰名单汇编（合成）", null);

  // ---- organisations -----------------------------------------------------------------------
  const orgs: Org[] = [];
  const existingOrg = new Map<string, number>(
    (await all<{ id: number; name: string }>(db, `SELECT "id", "name" FROM "organisation"`)).map((r) => [r.name, r.id]),
  );
  const newOrgs: Org[] = [];
  const addOrg = (name: string, kind: string, parentId: number | null, city: number, county: string | null): Org => {
    const existing = existingOrg.get(name);
    const org: Org = { id: existing ?? ++ids.organisation, name, kind, parentId, region: county ?? CITIES[city]?.name ?? "广东省", city, county };
    if (existing === undefined) {
      newOrgs.push(org);
      existingOrg.set(name, org.id);
    }
    orgs.push(org);
    return org;
  };
  const acftu = addOrg("中华全国总工会", "FEDERATION", null, -1, null);
  const gdftu = addOrg("广东省总工会", "FEDERATION", null, -1, null);
  const cityFtu = CITIES.map((c, i) => addOrg(`${c.name}总工会`, "FEDERATION", gdftu.id, i, null));
  const countyFtu = new Map<string, Org>();
  CITIES.forEach((c, i) => c.counties.forEach((county) => countyFtu.set(county, addOrg(`${c.name.replace(/市$/, "")}${county}总工会`, "FEDERATION", cityFtu[i].id, i, county))));

  const usedNames = new Set(orgs.map((o) => o.name));
  const uniqueName = (make: () => string) => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const name = make();
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return name;
      }
    }
    let n = 2;
    const base = make();
    while (usedNames.has(`${base}${n}`)) n++;
    usedNames.add(`${base}${n}`);
    return `${base}${n}`;
  };
  const place = (city: number) => {
    const c = CITIES[city];
    const county = c.counties.length && rng.chance(0.7) ? rng.pick(c.counties) : null;
    return { county, prefix: (county ?? c.name).replace(/(市|区|县)$/, "").replace(/壮族瑶族自治$|瑶族自治$/, "") };
  };

  const groupCount = Math.max(3, Math.round(total / 1000));
  const companyCount = Math.max(20, Math.round(total / 40));
  const groups: Org[] = [];
  for (let i = 0; i < groupCount; i++) {
    const city = CITY_PICK.pick(rng);
    const { county, prefix } = place(city);
    groups.push(addOrg(uniqueName(() => `${rng.chance(0.5) ? CITIES[city].name.replace(/市$/, "") : prefix}${rng.pick(BRANDS)}${rng.pick(["集团", "控股集团", "实业集团"])}有限公司`), "ENTERPRISE_GROUP", null, city, county));
  }
  const companies: Org[] = [];
  /** Employer popularity: a few large employers, a long tail of small ones. */
  for (let i = 0; i < companyCount; i++) {
    const inGroup = rng.chance(0.25) ? rng.pick(groups) : null;
    const city = inGroup && rng.chance(0.6) ? inGroup.city : CITY_PICK.pick(rng);
    const { county, prefix } = place(city);
    const industry = rng.pick(INDUSTRIES);
    const suffix = rng.pick(["有限公司", "有限公司", "有限公司", "股份有限公司", "有限责任公司"]);
    companies.push(addOrg(uniqueName(() => `${prefix}${rng.pick(BRANDS)}${industry}${suffix}`), "COMPANY", inGroup?.id ?? null, city, county));
  }
  const unions = new Map<number, Org>();
  for (const company of companies) {
    if (rng.chance(0.6)) unions.set(company.id, addOrg(`${company.name}工会`, "TRADE_UNION", company.id, company.city, company.county));
  }
  for (const name of ["广东省质量协会", "广东省职工技术协会", "广东省旅游协会", "广东省劳动模范协会"]) addOrg(name, "ASSOCIATION", null, -1, null);
  const employerPick = new Weighted(companies.map((c, i) => [c, 1 / Math.pow(i + 1, 0.6)] as const));

  // ---- honours -----------------------------------------------------------------------------
  const honours: HonourRow[] = [];
  const existingHonour = new Map<string, number>(
    (await all<{ id: number; name: string }>(db, `SELECT "id", "name" FROM "honour"`)).map((r) => [r.name, r.id]),
  );
  const newHonours: HonourRow[] = [];
  const addHonour = (name: string, t: HonourTemplate, level: string, conferrerId: number | null): HonourRow => {
    const existing = existingHonour.get(name);
    const h: HonourRow = { id: existing ?? ++ids.honour, name, nameEn: t.nameEn ?? null, level, category: t.category, conferrerId, weight: t.weight, forOrgs: !!t.forOrgs };
    if (existing === undefined) {
      newHonours.push(h);
      existingHonour.set(name, h.id);
    }
    honours.push(h);
    return h;
  };
  const national = NATIONAL_HONOURS.map((t) => addHonour(t.name, t, "NATIONAL", acftu.id));
  const provincial = PROVINCIAL_HONOURS.map((t) => addHonour(t.name, t, "PROVINCIAL", gdftu.id));
  const municipal = CITIES.map((c, i) => MUNICIPAL_HONOURS.map((t) => addHonour(`${c.name}${t.suffix}`, t, "MUNICIPAL", cityFtu[i].id)));
  const county = new Map<string, HonourRow[]>();
  for (const [name, ftu] of countyFtu) county.set(name, COUNTY_HONOURS.map((t) => addHonour(`${ftu.name.replace(/总工会$/, "")}${t.suffix}`, t, "COUNTY", ftu.id)));
  const enterprise = new Map<number, HonourRow[]>();
  for (const org of [...groups, ...companies]) {
    if (org.kind === "ENTERPRISE_GROUP" || rng.chance(0.6)) {
      const templates = ENTERPRISE_HONOURS.filter(() => rng.chance(0.5));
      if (!templates.length) templates.push(ENTERPRISE_HONOURS[0]);
      enterprise.set(org.id, templates.map((t) => addHonour(`${org.name}${t.suffix}`, t, "ENTERPRISE", org.id)));
    }
  }
  const weightedHonours = (list: HonourRow[], forOrgs: boolean) => {
    const eligible = list.filter((h) => h.forOrgs === forOrgs);
    return eligible.length ? new Weighted(eligible.map((h) => [h, h.weight] as const)) : null;
  };
  const nationalPick = weightedHonours(national, false)!;
  const provincialPick = weightedHonours(provincial, false)!;
  const municipalPick = municipal.map((l) => weightedHonours(l, false)!);
  const countyPick = new Map([...county].map(([k, l]) => [k, weightedHonours(l, false)!]));
  const enterprisePick = new Map([...enterprise].map(([k, l]) => [k, weightedHonours(l, false)!]));
  const orgHonourPick = new Weighted(
    [...national, ...provincial, ...municipal.flat(), ...[...county.values()].flat()].filter((h) => h.forOrgs).map((h) => [h, h.weight / (h.level === "NATIONAL" ? 8 : h.level === "PROVINCIAL" ? 3 : 1)] as const),
  );

  // ---- congresses ----------------------------------------------------------------------------
  const existingCongress = new Map<string, number>(
    (await all<{ id: number; name: string }>(db, `SELECT "id", "name" FROM "congress"`)).map((r) => [r.name, r.id]),
  );
  const congressRows: unknown[][] = [];
  const congressDocs = new Map<string, number>();
  const congressIds = CONGRESSES.map((c) => {
    const doc = newDocument(null, `${c.name}代表名单（合成）`, null);
    congressDocs.set(c.key, doc);
    const existing = existingCongress.get(c.name);
    if (existing !== undefined) return existing;
    const id = ++ids.congress;
    congressRows.push([id, c.name, c.nameEn, c.session, c.level, c.region, c.year, cite(doc, `${c.name}代表名单`)]);
    return id;
  });

  // Documents and citations first (everything else points at them), then the directory skeleton.
  await exec(db, "BEGIN");
  try {
    await insertAll(db, "source_document", ["id", "seedKey", "title", "byline", "text"], documents);
    documents.length = 0;
    await insertAll(db, "citation", ["id", "documentId", "quote"], citations);
    citations.length = 0;
    await insertAll(
      db, "organisation", ["id", "name", "namePinyin", "kind", "parentId", "region"],
      newOrgs.map((o) => [o.id, o.name, textPinyin(o.name), o.kind, o.parentId, o.region]),
    );
    await insertAll(
      db, "honour", ["id", "name", "nameEn", "namePinyin", "level", "category", "conferrerId"],
      newHonours.map((h) => [h.id, h.name, h.nameEn, textPinyin(h.name), h.level, h.category, h.conferrerId]),
    );
    await insertAll(db, "congress", ["id", "name", "nameEn", "session", "level", "region", "year", "citationId"], congressRows);
    await exec(db, "COMMIT");
  } catch (error) {
    await exec(db, "ROLLBACK").catch(() => {});
    throw error;
  }
  phase("organisations");

  // ---- people, in chunks: each chunk is one transaction --------------------------------------
  const pinyinCache = new Map<string, ReturnType<typeof namePinyin>>();
  const pinyinOf = (name: string) => {
    let p = pinyinCache.get(name);
    if (!p) pinyinCache.set(name, (p = namePinyin(name)));
    return p;
  };
  const CHUNK = 25000;
  const stats = { people: 0, awards: 0, positions: 0, seats: 0, proposals: 0 };
  /** Seats per congress so far, for co-authors of proposals. */
  const delegatesOf = CONGRESSES.map(() => [] as number[]);
  const timing = { js: 0, people: 0, positions: 0, awards: 0, seats: 0, proposals: 0 };
  const currentYear = 2024;

  for (let from = 0; from < total; from += CHUNK) {
    const t0 = Date.now();
    const n = Math.min(CHUNK, total - from);
    const personRows: unknown[][] = [];
    const positionRows: unknown[][] = [];
    const awardRows: unknown[][] = [];
    const seatRows: unknown[][] = [];
    const proposalRows: unknown[][] = [];
    const authorRows: unknown[][] = [];
    for (let i = 0; i < n; i++) {
      const id = ++ids.person;
      const female = rng.chance(0.42);
      const surname = SURNAMES.pick(rng);
      const pool = female ? FEMALE_GIVEN : MALE_GIVEN;
      const firstChar = rng.chance(0.15) ? rng.pick(SHARED_GIVEN) : pool[rng.zipf(pool.length, 0.8)];
      const given = rng.chance(0.78) ? firstChar + pool[rng.zipf(pool.length, 0.8)] : pool[rng.zipf(pool.length, 0.8)];
      const name = surname + given;
      const py = pinyinOf(name);
      const employer = rng.chance(0.95) ? employerPick.pick(rng) : null;
      const city = employer ? CITIES[employer.city] : CITIES[CITY_PICK.pick(rng)];
      const title = TITLES.pick(rng);
      const years = rng.chance(0.6) ? rng.int(1, 35) : null;
      const gender = rng.chance(0.9) ? (female ? "FEMALE" : "MALE") : null;

      // Awards first: delegates and biographies depend on them.
      const awardCount = AWARD_COUNT.pick(rng);
      const held: HonourRow[] = [];
      for (let k = 0; k < awardCount; k++) {
        let level = LEVEL_SHARE.pick(rng);
        let honour: HonourRow | null = null;
        for (let fallback = 0; !honour && fallback < 4; fallback++) {
          if (level === "ENTERPRISE") {
            const pick = employer ? enterprisePick.get(employer.id) ?? (employer.parentId !== null ? enterprisePick.get(employer.parentId) : undefined) : undefined;
            if (pick) honour = pick.pick(rng);
            else level = "COUNTY";
          } else if (level === "COUNTY") {
            const pick = employer?.county ? countyPick.get(employer.county) : undefined;
            if (pick) honour = pick.pick(rng);
            else level = "MUNICIPAL";
          } else if (level === "MUNICIPAL") {
            honour = municipalPick[employer ? employer.city : CITIES.indexOf(city)].pick(rng);
          } else if (level === "PROVINCIAL") honour = provincialPick.pick(rng);
          else honour = nationalPick.pick(rng);
        }
        if (!honour) continue;
        held.push(honour);
        const shape = rng.next();
        let yearFrom: number | null = currentYear - Math.floor(Math.pow(rng.next(), 1.6) * 20);
        let yearTo: number | null = yearFrom;
        let times: number | null = null;
        let consecutive = 0;
        let repeated = 0;
        if (shape < 0.08) {
          const span = rng.int(2, 4);
          yearFrom = Math.min(yearFrom, currentYear - span + 1);
          yearTo = yearFrom + span - 1;
          times = span;
          consecutive = 1;
        } else if (shape < 0.13) {
          times = rng.int(2, 6);
          yearFrom = yearTo = null;
        } else if (shape < 0.16) {
          repeated = 1;
          yearFrom = yearTo = null;
        } else if (shape < 0.26) {
          yearFrom = yearTo = null;
        }
        const rank = honour.category === "SKILLS" && rng.chance(0.2) ? rng.pick(["第一名", "第二名", "第三名", "一等奖", "二等奖"]) : null;
        const citation = cite(honoursDoc, `${yearFrom ?? ""}${yearFrom ? "年度" : ""}${honour.name}名单`);
        awardRows.push([++ids.award, honour.id, id, null, yearFrom, yearTo, times, consecutive, repeated, rank, null, citation]);
      }

      const employerName = employer?.name ?? "";
      const biography = rng.chance(0.5)
        ? `${name}，${female ? "女" : "男"}，${rng.int(1965, 2000)}年出生，${employer ? `现任${employerName}${title}` : `从事${rng.pick(INDUSTRIES)}行业工作`}` +
          `${years !== null ? `，在公司工作${years}年` : ""}。` +
          (held.length ? `曾获${held.slice(0, 3).map((h) => h.name).join("、")}等荣誉。` : "")
        : null;
      personRows.push([id, name, py.display, py.key, py.sortKey, py.initials, gender, biography, employer?.id ?? null, years]);

      if (employer) {
        positionRows.push([++ids.position, id, employer.id, title, 1, years !== null ? currentYear - rng.int(0, years) : null, null]);
        const union = unions.get(employer.id);
        if (union && rng.chance(0.2)) positionRows.push([++ids.position, id, union.id, UNION_TITLES.pick(rng), 1, null, null]);
        else if (rng.chance(0.15)) {
          const yearTo = currentYear - rng.int(1, 8);
          positionRows.push([++ids.position, id, employer.id, TITLES.pick(rng), 0, yearTo - rng.int(1, 6), yearTo]);
        }
      }

      // Seats: people with higher honours are likelier delegates.
      const boost = 1 + held.reduce((s, h) => s + (h.level === "NATIONAL" ? 6 : h.level === "PROVINCIAL" ? 3 : h.level === "MUNICIPAL" ? 1 : 0.3), 0);
      CONGRESSES.forEach((c, ci) => {
        if (c.city !== null && (!employer || employer.city !== c.city)) return;
        if (!rng.chance(Math.min(0.9, c.share * boost * 0.6))) return;
        const delegation = rng.chance(0.9) ? c.delegation(city, employer?.county ?? null, rng) : null;
        const focus = rng.chance(0.1) ? `将重点关注${rng.pick(FOCUS)}` : null;
        const citation = cite(congressDocs.get(c.key)!, `${name}（${employerName || city.name}）当选为${c.name}代表`);
        seatRows.push([++ids.seat, id, congressIds[ci], delegation, focus, citation]);
        delegatesOf[ci].push(id);
        if (rng.chance(0.25)) {
          const topic = rng.pick(PROPOSAL_TOPICS);
          const proposalTitle = `关于${rng.pick(PROPOSAL_VERBS)}${topic}工作的建议`;
          const proposalId = ++ids.proposal;
          const summary = rng.chance(0.7)
            ? `建议${c.region === "全国" ? "各级" : c.region}工会${rng.pick(PROPOSAL_VERBS)}${topic}，${rng.pick(["加大经费投入", "建立长效机制", "完善考核办法", "推动政策落地"])}，切实维护职工合法权益。`
            : null;
          proposalRows.push([proposalId, proposalTitle, summary, topic, congressIds[ci], cite(congressDocs.get(c.key)!, `${name}等代表提出《${proposalTitle}》（第${proposalId}号）`)]);
          const authors = new Set([id]);
          const pool = delegatesOf[ci];
          const extra = rng.chance(0.4) ? rng.int(1, 3) : 0;
          for (let a = 0; a < extra && pool.length > 1; a++) authors.add(pool[rng.int(0, pool.length - 1)]);
          for (const author of authors) authorRows.push([proposalId, author]);
        }
      });
    }
    const t1 = Date.now();
    timing.js += t1 - t0;

    await exec(db, "BEGIN");
    try {
      await insertAll(db, "citation", ["id", "documentId", "quote"], citations);
      citations.length = 0;
      let t = Date.now();
      await insertAll(db, "person", ["id", "name", "namePinyin", "namePinyinKey", "nameSortKey", "nameInitials", "gender", "biography", "employerId", "yearsOfService"], personRows);
      timing.people += Date.now() - t;
      t = Date.now();
      await insertAll(db, "position", ["id", "personId", "organisationId", "title", "current", "yearFrom", "yearTo"], positionRows);
      timing.positions += Date.now() - t;
      t = Date.now();
      await insertAll(db, "award", ["id", "honourId", "personId", "organisationId", "yearFrom", "yearTo", "times", "consecutive", "repeated", "rank", "note", "citationId"], awardRows);
      timing.awards += Date.now() - t;
      t = Date.now();
      await insertAll(db, "seat", ["id", "personId", "congressId", "delegation", "focus", "citationId"], seatRows);
      timing.seats += Date.now() - t;
      t = Date.now();
      await insertAll(db, "proposal", ["id", "title", "summary", "topic", "congressId", "citationId"], proposalRows);
      await insertAll(db, "proposal_author", ["proposalId", "personId"], authorRows);
      timing.proposals += Date.now() - t;
      await exec(db, "COMMIT");
    } catch (error) {
      await exec(db, "ROLLBACK").catch(() => {});
      throw error;
    }
    stats.people += n;
    stats.awards += awardRows.length;
    stats.positions += positionRows.length;
    stats.seats += seatRows.length;
    stats.proposals += proposalRows.length;
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
  const orgAwards: unknown[][] = [];
  for (const org of [...unions.values(), ...companies]) {
    if (!rng.chance(0.35)) continue;
    const count = rng.int(1, 3);
    for (let k = 0; k < count; k++) {
      const honour = orgHonourPick.pick(rng);
      const year = rng.chance(0.85) ? currentYear - Math.floor(Math.pow(rng.next(), 1.6) * 15) : null;
      orgAwards.push([++ids.award, honour.id, null, org.id, year, year, null, 0, 0, null, null, cite(honoursDoc, `${year ?? ""}${year ? "年度" : ""}${honour.name}名单`)]);
    }
  }
  await exec(db, "BEGIN");
  try {
    await insertAll(db, "citation", ["id", "documentId", "quote"], citations);
    await insertAll(db, "award", ["id", "honourId", "personId", "organisationId", "yearFrom", "yearTo", "times", "consecutive", "repeated", "rank", "note", "citationId"], orgAwards);
    await exec(db, "COMMIT");
  } catch (error) {
    await exec(db, "ROLLBACK").catch(() => {});
    throw error;
  }
  stats.awards += orgAwards.length;
  phase("org awards");

  await exec(db, `PRAGMA cache_size = ${oldCache}`);
  await exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
  phase("checkpoint");

  return {
    people: stats.people,
    organisations: newOrgs.length,
    honours: newHonours.length,
    awards: stats.awards,
    positions: stats.positions,
    congresses: congressRows.length,
    seats: stats.seats,
    proposals: stats.proposals,
    citations: citationIds.size,
    ms: Date.now() - started,
    phases,
  };
}

// ---------------------------------------------------------------------------------------------
// CLI

export function parseArgs(argv: string[]): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) throw new Error(`unexpected argument "${argv[i]}"`);
    if (m[2] !== undefined) out[m[1]] = m[2];
    else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) out[m[1]] = argv[++i];
    else out[m[1]] = true;
  }
  return out;
}

export function positiveInt(value: string | true | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value === true || !Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
  return n;
}

/** Creates (migrates, seeds) the database file and fills it; the file must not hold bench data yet. */
export async function buildBenchDatabase(file: string, people: number, seed: number, log: (line: string) => void): Promise<GenerateStats> {
  const t0 = Date.now();
  const { ds } = await openDirectory({ kind: "sqlite", file, logging: false });
  try {
    log(`migrated and seeded ${file} in ${((Date.now() - t0) / 1000).toFixed(2)} s`);
    return await generate(ds, { people, seed, log });
  } finally {
    await ds.destroy();
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const people = positiveInt(args.people, "people", 100000);
  const seed = positiveInt(args.seed, "seed", 1);
  const database = loadConfig().database;
  if (database.kind !== "sqlite") throw new Error("bench data is written to SQLite so far (DATABASE_URL=sqlite:<path>)");
  const file = database.file;
  if (args.fresh === true) for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  console.log(`bench data: ${people} people, seed ${seed}, into ${file}`);
  const t0 = Date.now();
  const stats = await buildBenchDatabase(file, people, seed, (l) => console.log(l));
  const wall = (Date.now() - t0) / 1000;
  console.log(
    `loaded ${stats.people} people, ${stats.organisations} organisations, ${stats.honours} honours, ${stats.awards} awards, ` +
      `${stats.positions} positions, ${stats.congresses} congresses, ${stats.seats} seats, ${stats.proposals} proposals, ${stats.citations} citations`,
  );
  for (const [name, ms] of Object.entries(stats.phases)) console.log(`  ${name.padEnd(34)} ${(ms / 1000).toFixed(2)} s`);
  console.log(`generate(): ${(stats.ms / 1000).toFixed(1)} s; whole command incl. migrations: ${wall.toFixed(1)} s; file ${(fs.statSync(file).size / 1048576).toFixed(0)} MB`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
