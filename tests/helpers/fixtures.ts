import { DataSource } from "typeorm";
import {
  Award,
  Citation,
  Congress,
  Honour,
  HonourCategory,
  HonourLevel,
  Organisation,
  OrganisationKind,
  Person,
  Proposal,
  Seat,
  SourceDocument,
} from "../../src/entities";

const SURNAMES = ["李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐"];
const GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明"];

/**
 * Adds `count` synthetic delegates to a test congress (not the report's): each with an employer,
 * a seat in one of three delegations, an award and a proposal, so lists have many pages and
 * every relation field has rows. Written through TypeORM, so pinyin is derived as on any write.
 */
export async function addSyntheticDelegates(ds: DataSource, count: number) {
  return ds.transaction(async (m) => {
    const doc = await m.save(m.create(SourceDocument, { title: "测试名单", text: "测试名单:合成数据,仅供测试。", byline: null, seedKey: null }));
    const citation = await m.save(m.create(Citation, { documentId: doc.id, quote: "合成数据" }));
    const congress = await m.save(m.create(Congress, { name: "测试市工会第一次代表大会", session: 1, level: HonourLevel.MUNICIPAL, citationId: citation.id }));
    const employers = await m.save(
      [0, 1, 2, 3].map((i) => m.create(Organisation, { name: `测试公司${i}`, kind: OrganisationKind.COMPANY, citationId: citation.id })),
    );
    const federation = await m.save(m.create(Organisation, { name: "测试市总工会", kind: OrganisationKind.FEDERATION, citationId: citation.id }));
    const honour = await m.save(
      m.create(Honour, {
        name: "测试市劳动模范",
        level: HonourLevel.MUNICIPAL,
        category: HonourCategory.LABOUR_MODEL,
        conferrerId: federation.id,
        citationId: citation.id,
      }),
    );
    const people: Person[] = [];
    for (let i = 0; i < count; i++) {
      const name = SURNAMES[i % SURNAMES.length] + GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length] + GIVEN[(i * 7) % GIVEN.length];
      people.push(await m.save(m.create(Person, { name, employerId: employers[i % employers.length].id })));
    }
    for (const [i, person] of people.entries()) {
      await m.save(m.create(Seat, { personId: person.id, congressId: congress.id, delegation: `第${(i % 3) + 1}代表团`, citationId: citation.id }));
      await m.save(m.create(Award, { personId: person.id, honourId: honour.id, yearFrom: 2000 + (i % 20), yearTo: 2000 + (i % 20), citationId: citation.id }));
      const proposal = await m.save(m.create(Proposal, { title: `测试建议${i}`, congressId: congress.id, citationId: citation.id }));
      await m.createQueryBuilder().relation(Proposal, "authors").of(proposal).add(person);
    }
    return { congress, people, employers, honour };
  });
}

/**
 * A delegate list of `rows` new people as an organiser's spreadsheet has them (`name,delegation,employer,title`;
 * 300 employers, 20 delegations, one title), for imports at scale.
 */
export function syntheticDelegateList(rows: number): string {
  const lines = ["name,delegation,employer,title"];
  for (let i = 0; i < rows; i++) lines.push(`代表${i},第${i % 20}代表团,测试企业${i % 300},技师`);
  return lines.join("\n");
}
