import { registerEnumType } from "type-graphql";

export enum OrganisationKind {
  COMPANY = "COMPANY",
  TRADE_UNION = "TRADE_UNION",
  FEDERATION = "FEDERATION",
  ENTERPRISE_GROUP = "ENTERPRISE_GROUP",
  ASSOCIATION = "ASSOCIATION",
  GOVERNMENT_BODY = "GOVERNMENT_BODY",
  PARTY_BODY = "PARTY_BODY",
  CONGRESS = "CONGRESS",
  EVENT = "EVENT",
  OTHER = "OTHER",
}
registerEnumType(OrganisationKind, {
  name: "OrganisationKind",
  description: "What sort of body an organisation is.",
  valuesConfig: {
    COMPANY: { description: "A company or other employer (有限公司 …)." },
    TRADE_UNION: { description: "A grassroots trade union, usually under its company (公司工会)." },
    FEDERATION: { description: "A trade-union federation at county, city, province or national level (总工会)." },
    ENTERPRISE_GROUP: { description: "A group of companies (集团)." },
    ASSOCIATION: { description: "A professional or trade association (协会)." },
    GOVERNMENT_BODY: { description: "A government department or agency." },
    PARTY_BODY: { description: "A Party organisation or organ work committee." },
    CONGRESS: { description: "A standing body of a congress." },
    EVENT: { description: "A competition, contest or other event (竞赛, 大赛, 交流活动)." },
    OTHER: { description: "None of the above." },
  },
});

export enum HonourLevel {
  NATIONAL = "NATIONAL",
  PROVINCIAL = "PROVINCIAL",
  MUNICIPAL = "MUNICIPAL",
  COUNTY = "COUNTY",
  ENTERPRISE = "ENTERPRISE",
  OTHER = "OTHER",
}
registerEnumType(HonourLevel, {
  name: "HonourLevel",
  description: "Administrative level of the body that confers an honour.",
  valuesConfig: {
    NATIONAL: { description: "National (全国)." },
    PROVINCIAL: { description: "Provincial (省级), e.g. 广东省五一劳动奖章." },
    MUNICIPAL: { description: "Prefecture-level city (市级), e.g. 清远市." },
    COUNTY: { description: "County or county-level city (县级), e.g. 英德市." },
    ENTERPRISE: { description: "Conferred by a company or enterprise group." },
    OTHER: { description: "Any other or unknown level." },
  },
});

export enum HonourCategory {
  LABOUR_MODEL = "LABOUR_MODEL",
  LABOUR_MEDAL = "LABOUR_MEDAL",
  SKILLS = "SKILLS",
  INNOVATION = "INNOVATION",
  QUALITY = "QUALITY",
  TRADE_UNION_WORK = "TRADE_UNION_WORK",
  PARTY_WORK = "PARTY_WORK",
  SECTOR = "SECTOR",
  OTHER = "OTHER",
}
registerEnumType(HonourCategory, {
  name: "HonourCategory",
  description: "What an honour recognises.",
  valuesConfig: {
    LABOUR_MODEL: { description: "Model worker titles (劳动模范)." },
    LABOUR_MEDAL: { description: "May 1st Labour Medals (五一劳动奖章)." },
    SKILLS: { description: "Skills titles and competitions (技术能手, 技能竞赛)." },
    INNOVATION: { description: "Innovation and suggestion schemes (金点子, 创新)." },
    QUALITY: { description: "Quality management and QC circles (QCC, 质量管理)." },
    TRADE_UNION_WORK: { description: "Trade-union work (优秀工会工作者, 职工之家)." },
    PARTY_WORK: { description: "Party work (优秀党务工作者)." },
    SECTOR: { description: "Recognition within one industry or sector (e.g. tourism)." },
    OTHER: { description: "Any other honour." },
  },
});

export enum Gender {
  FEMALE = "FEMALE",
  MALE = "MALE",
}
registerEnumType(Gender, {
  name: "Gender",
  description: "Gender as the source states it (e.g. by pronoun); null where the source is silent.",
  valuesConfig: { FEMALE: { description: "Female (她)." }, MALE: { description: "Male (他)." } },
});
