import { Rng, Weighted } from "./random";
import { City } from "./workplaces";

/**
 * The bench data's vocabulary: honours, awards, proposals and congresses here; names
 * (./names.ts) and workplaces (./workplaces.ts) are re-exported so callers import one module.
 */
export { FEMALE_GIVEN, MALE_GIVEN, SHARED_GIVEN, SURNAMES } from "./names";
export { BRANDS, CITIES, CITY_PICK, INDUSTRIES, TITLES, UNION_TITLES } from "./workplaces";
export type { City } from "./workplaces";

export interface HonourTemplate {
  suffix: string;
  nameEn?: string;
  category: string;
  /** Relative popularity within its level. */
  weight: number;
  /** Conferred on organisations rather than people. */
  forOrgs?: boolean;
}

export const NATIONAL_HONOURS: (HonourTemplate & { name: string })[] = [
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
export const PROVINCIAL_HONOURS: (HonourTemplate & { name: string })[] = [
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
export const MUNICIPAL_HONOURS: HonourTemplate[] = [
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
export const COUNTY_HONOURS: HonourTemplate[] = [
  { suffix: "五一劳动奖章", category: "LABOUR_MEDAL", weight: 6 },
  { suffix: "劳动模范", category: "LABOUR_MODEL", weight: 3 },
  { suffix: "技术能手", category: "SKILLS", weight: 6 },
  { suffix: "优秀工会工作者", category: "TRADE_UNION_WORK", weight: 4 },
  { suffix: "职工之家", category: "TRADE_UNION_WORK", weight: 3, forOrgs: true },
];
export const ENTERPRISE_HONOURS: HonourTemplate[] = [
  { suffix: "优秀员工", category: "OTHER", weight: 10 },
  { suffix: "先进个人", category: "OTHER", weight: 6 },
  { suffix: "金点子奖", category: "INNOVATION", weight: 3 },
  { suffix: "优秀工会工作者", category: "TRADE_UNION_WORK", weight: 2 },
  { suffix: "技能比武冠军", category: "SKILLS", weight: 2 },
];

/** Share of awards per level: most are enterprise and county honours, national ones rare. */
export const LEVEL_SHARE = new Weighted<string>([
  ["ENTERPRISE", 42],
  ["COUNTY", 24],
  ["MUNICIPAL", 24],
  ["PROVINCIAL", 8.5],
  ["NATIONAL", 1.5],
]);
/** Awards per person: a quarter none, a long tail up to ten. */
export const AWARD_COUNT = new Weighted<number>([
  [0, 25],
  [1, 25],
  [2, 20],
  [3, 12],
  [4, 8],
  [5, 5],
  [6, 2.5],
  [7, 1.2],
  [8, 0.7],
  [10, 0.6],
]);

export const PROPOSAL_TOPICS = [
  "职工技能培训",
  "新就业形态劳动者权益保障",
  "产业工人队伍建设改革",
  "职工之家建设",
  "工会驿站服务",
  "劳模工匠人才创新工作室",
  "职工医疗互助",
  "女职工权益保护",
  "安全生产",
  "工资集体协商",
  "困难职工帮扶",
  "职工文化体育活动",
  "农民工欠薪治理",
  "职工住房保障",
  "技能人才评价",
  "职工心理健康",
  "货车司机权益保障",
  "快递员休息权",
  "基层工会经费使用",
  "职工疗休养",
];
export const PROPOSAL_VERBS = ["加强", "完善", "推进", "进一步做好", "健全", "优化", "扩大"];
export const FOCUS = ["职工技能提升", "一线职工权益", "产业工人队伍建设", "新业态劳动者入会", "女职工关爱", "安全生产"];

export interface CongressSpec {
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

export const CONGRESSES: CongressSpec[] = [
  {
    key: "acftu-18",
    name: "中国工会第十八次全国代表大会",
    nameEn: "18th National Congress of Chinese Trade Unions",
    session: 18,
    level: "NATIONAL",
    region: "全国",
    year: 2023,
    share: 0.004,
    city: null,
    delegation: () => "广东代表团",
  },
  {
    key: "guangdong-14",
    name: "广东省工会第十四次代表大会",
    nameEn: "14th Guangdong Provincial Trade Union Congress",
    session: 14,
    level: "PROVINCIAL",
    region: "广东省",
    year: 2018,
    share: 0.03,
    city: null,
    delegation: (city, _county, rng) => (rng.chance(0.12) ? rng.pick(["省直机关代表团", "省国资系统代表团", "省铁路代表团"]) : `${city.name}代表团`),
  },
  {
    key: "guangdong-15",
    name: "广东省工会第十五次代表大会",
    nameEn: "15th Guangdong Provincial Trade Union Congress",
    session: 15,
    level: "PROVINCIAL",
    region: "广东省",
    year: 2023,
    share: 0.03,
    city: null,
    delegation: (city, _county, rng) => (rng.chance(0.12) ? rng.pick(["省直机关代表团", "省国资系统代表团", "省铁路代表团"]) : `${city.name}代表团`),
  },
  {
    key: "qingyuan-8",
    name: "清远市工会第八次代表大会",
    nameEn: "8th Qingyuan Municipal Trade Union Congress",
    session: 8,
    level: "MUNICIPAL",
    region: "清远市",
    year: 2021,
    share: 0.12,
    city: 4,
    delegation: (city, county) => `${county ?? city.name}代表团`,
  },
  {
    key: "guangzhou-16",
    name: "广州市工会第十六次代表大会",
    nameEn: "16th Guangzhou Municipal Trade Union Congress",
    session: 16,
    level: "MUNICIPAL",
    region: "广州市",
    year: 2022,
    share: 0.05,
    city: 0,
    delegation: (city, county) => `${county ?? city.name}代表团`,
  },
  {
    key: "shenzhen-8",
    name: "深圳市工会第八次代表大会",
    nameEn: "8th Shenzhen Municipal Trade Union Congress",
    session: 8,
    level: "MUNICIPAL",
    region: "深圳市",
    year: 2021,
    share: 0.05,
    city: 1,
    delegation: (city, county) => `${county ?? city.name}代表团`,
  },
];
