import { Rng, Weighted } from "./random";

/** The bench data's vocabulary: names, places, employers, titles, honours and congresses. */

/** Surnames with rough Guangdong frequencies (陈 李 黄 lead); compound and polyphonic ones included. */
export const SURNAMES = new Weighted<string>([
  ["陈", 100], ["李", 80], ["黄", 75], ["张", 60], ["梁", 50], ["林", 48], ["刘", 46], ["吴", 40], ["罗", 38], ["杨", 32],
  ["何", 30], ["郑", 30], ["周", 28], ["谢", 28], ["王", 28], ["叶", 24], ["邓", 22], ["冯", 20], ["曾", 20], ["蔡", 18],
  ["许", 18], ["朱", 18], ["钟", 18], ["彭", 16], ["潘", 16], ["卢", 15], ["赖", 14], ["苏", 14], ["邱", 14], ["余", 13],
  ["关", 10], ["温", 10], ["廖", 12], ["江", 9], ["莫", 9], ["麦", 8], ["区", 5], ["单", 3], ["谭", 10], ["袁", 8],
  ["胡", 8], ["徐", 8], ["孙", 6], ["马", 6], ["高", 6], ["郭", 7], ["方", 6], ["龙", 5], ["严", 4], ["侯", 4],
  ["万", 4], ["曹", 4], ["丘", 3], ["欧", 4], ["骆", 3], ["翁", 3], ["肖", 7], ["姚", 4], ["巫", 2], ["戴", 3],
  ["欧阳", 4], ["司徒", 3], ["上官", 1], ["诸葛", 1], ["司马", 1], ["单于", 0.2],
]);

export const MALE_GIVEN = [
  "伟", "强", "军", "勇", "杰", "涛", "明", "辉", "斌", "华", "建", "国", "志", "峰", "磊", "鹏", "宇", "浩", "俊", "文",
  "刚", "宝", "荣", "海", "东", "平", "健", "锋", "永", "新", "家", "振", "龙", "庆", "德", "毅", "超", "波", "亮", "鑫",
  "晨", "子", "嘉", "博", "智", "培", "耀", "达", "彬", "炜", "锦", "昌", "祥", "汉", "展", "铭", "景", "灿", "坤", "雄",
];
export const FEMALE_GIVEN = [
  "丽", "芳", "娟", "敏", "静", "燕", "艳", "霞", "婷", "玲", "萍", "红", "雅", "琳", "颖", "慧", "倩", "洁", "梅", "莉",
  "兰", "凤", "秀", "英", "佳", "欣", "怡", "雪", "月", "珊", "晓", "思", "翠", "琼", "碧", "宁", "嫦", "彩", "妍", "薇",
  "媚", "惠", "少", "卿", "露", "桂", "映", "婉", "素", "晴",
];
export const SHARED_GIVEN = ["小", "晓", "文", "永", "春", "少", "志", "嘉", "锦", "建", "玉", "金", "思", "家", "国", "海"];

export interface City {
  name: string;
  weight: number;
  counties: string[];
}

/** Guangdong's prefecture-level cities (weights ≈ workforce, Qingyuan boosted: the directory starts there) and some counties. */
export const CITIES: City[] = [
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
export const CITY_PICK = new Weighted(CITIES.map((c, i) => [i, c.weight] as const));

export const BRANDS = [
  "华粤", "南方", "粤海", "金鹏", "宏达", "新科", "中联", "恒信", "鸿运", "明珠", "联诚", "东方", "长城", "远航", "嘉禾",
  "德盛", "鑫源", "万通", "天和", "昌盛", "永安", "瑞丰", "广安", "志高", "美景", "海纳", "冠华", "盈科", "信达", "宝丰",
  "富华", "星河", "凯达", "润和", "创维", "金利", "大华", "雅居", "丰泰", "通达", "顺昌", "骏业", "同心", "国泰", "荣盛",
];
export const INDUSTRIES = [
  "建材", "电力", "物流", "食品", "纺织", "电子", "机械", "化工", "水泥", "陶瓷", "家电", "汽车零部件", "制药", "酒店", "旅游",
  "通信", "建筑工程", "环保科技", "港务", "燃气", "供水", "印刷", "塑胶", "五金", "家具", "服装", "农业发展", "商贸", "茶业", "冷链",
];

export const TITLES = new Weighted<string>([
  ["操作工", 14], ["技术员", 10], ["班长", 9], ["高级班长", 3], ["技师", 6], ["高级技师", 3], ["工程师", 7], ["高级工程师", 3],
  ["车间主任", 5], ["部门经理", 5], ["副总经理", 2], ["总经理", 1], ["工会主席", 2], ["质检员", 5], ["安全主任", 2],
  ["项目经理", 3], ["主管", 6], ["设计师", 3], ["客房部经理", 1], ["驾驶员", 4], ["电工", 4], ["焊工", 3], ["维修工", 4],
]);
export const UNION_TITLES = new Weighted<string>([["工会委员", 6], ["工会副主席", 2], ["工会主席", 1], ["女职工委员会主任", 1], ["工会小组长", 4]]);

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
export const LEVEL_SHARE = new Weighted<string>([["ENTERPRISE", 42], ["COUNTY", 24], ["MUNICIPAL", 24], ["PROVINCIAL", 8.5], ["NATIONAL", 1.5]]);
/** Awards per person: a quarter none, a long tail up to ten. */
export const AWARD_COUNT = new Weighted<number>([[0, 25], [1, 25], [2, 20], [3, 12], [4, 8], [5, 5], [6, 2.5], [7, 1.2], [8, 0.7], [10, 0.6]]);

export const PROPOSAL_TOPICS = [
  "职工技能培训", "新就业形态劳动者权益保障", "产业工人队伍建设改革", "职工之家建设", "工会驿站服务", "劳模工匠人才创新工作室",
  "职工医疗互助", "女职工权益保护", "安全生产", "工资集体协商", "困难职工帮扶", "职工文化体育活动", "农民工欠薪治理",
  "职工住房保障", "技能人才评价", "职工心理健康", "货车司机权益保障", "快递员休息权", "基层工会经费使用", "职工疗休养",
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

