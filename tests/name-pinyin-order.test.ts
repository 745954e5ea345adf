import { textPinyin } from "../src/search/pinyin";
import { ok, startTestServer, TestServer } from "./helpers/server";

/**
 * Organisations, honours and congresses listed in pinyin order (orderBy NAME_PINYIN), as people
 * are: the order of Chinese lists, which code-point order (NAME) is not. The names below are
 * out of pinyin order by code point (北 U+5317 bei, 安 U+5B89 an, 常 U+5E38 chang, 广 U+5E7F guang,
 * 长 U+957F chang); 常沙 and 长沙 read the same, so the one added first comes first.
 */
const ORGANISER = { authorization: "Bearer test-organiser" };
const PLACES = ["北京", "安徽", "常沙", "广州", "长沙"];

interface Named {
  id: string;
  name: string;
  namePinyin: string;
}

let server: TestServer;
/** The ids of what the test added, in the order added. */
const added: Record<string, string[]> = { organisations: [], honours: [], congresses: [] };
let parent: string;

beforeAll(async () => {
  server = await startTestServer();
  parent = ok(await server.gql(`mutation { createOrganisation(input: { name: "测试总公司", kind: ENTERPRISE_GROUP }) { id } }`, {}, ORGANISER))
    .createOrganisation.id;
  for (const place of PLACES) {
    const vars = { name: `${place}测试单位`, parent };
    const org = ok(
      await server.gql(
        `mutation ($name: String!, $parent: ID) { createOrganisation(input: { name: $name, kind: COMPANY, parent: $parent }) { id } }`,
        vars,
        ORGANISER,
      ),
    );
    added.organisations.push(org.createOrganisation.id);
    const honour = ok(
      await server.gql(`mutation ($name: String!) { createHonour(input: { name: $name, level: MUNICIPAL }) { id } }`, { name: `${place}劳动模范` }, ORGANISER),
    );
    added.honours.push(honour.createHonour.id);
    const congress = ok(
      await server.gql(`mutation ($name: String!) { createCongress(input: { name: $name }) { id } }`, { name: `${place}市工会代表大会` }, ORGANISER),
    );
    added.congresses.push(congress.createCongress.id);
  }
});
afterAll(() => server.close());

/** Pinyin, then the id's number (when added): the order NAME_PINYIN promises. */
const byPinyin = (a: Named, b: Named) => (a.namePinyin < b.namePinyin ? -1 : a.namePinyin > b.namePinyin ? 1 : localId(a.id) - localId(b.id));
const localId = (id: string) => Number(Buffer.from(id, "base64").toString().split(":")[1]);

/**
 * Every item of the connection `field` (of the organisation `parent`, or of the root) in `orderBy`'s
 * order, `size` a page: forward with after, and backward with last/before.
 */
async function walk(field: string, orderBy: string, size: number, parent?: string): Promise<{ forward: Named[]; backward: Named[] }> {
  const page = async (args: string, cursor: string | null) => {
    const connection = `${field}(${args}, orderBy: ${orderBy}) { pageInfo { endCursor startCursor hasNextPage hasPreviousPage } nodes { id name namePinyin } }`;
    const query = parent
      ? `query ($cursor: String, $parent: ID!) { organisation(id: $parent) { ${connection} } }`
      : `query ($cursor: String) { ${connection} }`;
    const data = ok(await server.gql(query, { cursor, parent }));
    return (parent ? data.organisation : data)[field];
  };
  const forward: Named[] = [];
  for (let cursor: string | null = null; ;) {
    const { pageInfo, nodes } = await page(`first: ${size}, after: $cursor`, cursor);
    forward.push(...nodes);
    if (!pageInfo.hasNextPage) break;
    cursor = pageInfo.endCursor;
  }
  const backward: Named[] = [];
  for (let cursor: string | null = null; ;) {
    const { pageInfo, nodes } = await page(`last: ${size}, before: $cursor`, cursor);
    backward.unshift(...nodes);
    if (!pageInfo.hasPreviousPage) break;
    cursor = pageInfo.startCursor;
  }
  return { forward, backward };
}

describe.each(["organisations", "honours", "congresses"])("%s with orderBy NAME_PINYIN", (list) => {
  test("come in pinyin order, equal pinyin in the order added, page by page both ways; DESC is the reverse", async () => {
    const { forward, backward } = await walk(list, "{ field: NAME_PINYIN }", 2);
    expect(forward.map((n) => n.id)).toEqual([...forward].sort(byPinyin).map((n) => n.id));
    expect(backward).toEqual(forward);
    // Every row listed once, and the test's rows among them, out of code-point order.
    expect(new Set(forward.map((n) => n.id)).size).toBe(forward.length);
    const ours = forward.filter((n) => added[list].includes(n.id));
    expect(ours.map((n) => n.id)).toEqual(["安徽", "北京", "常沙", "长沙", "广州"].map((place) => added[list][PLACES.indexOf(place)]));
    const byName = (await walk(list, "{ field: NAME }", 100)).forward.filter((n) => added[list].includes(n.id));
    expect(byName.map((n) => n.id)).not.toEqual(ours.map((n) => n.id));

    const descending = await walk(list, "{ field: NAME_PINYIN, direction: DESC }", 3);
    expect(descending.forward.map((n) => n.id)).toEqual(forward.map((n) => n.id).reverse());
    expect(descending.backward).toEqual(descending.forward);
  });

  test("each one's namePinyin is what the pinyin code derives from its name", async () => {
    const { forward } = await walk(list, "{ field: NAME_PINYIN }", 100);
    for (const node of forward) expect({ name: node.name, namePinyin: node.namePinyin }).toEqual({ name: node.name, namePinyin: textPinyin(node.name) });
  });
});

test("an organisation's bodies below it (childrenConnection, read by the loader that pages children) in pinyin order too, both ways", async () => {
  const children = PLACES.map((place, i) => ({ id: added.organisations[i], name: `${place}测试单位`, namePinyin: textPinyin(`${place}测试单位`) }));
  const { forward, backward } = await walk("childrenConnection", "{ field: NAME_PINYIN }", 2, parent);
  expect(forward).toEqual(children.sort(byPinyin));
  expect(backward).toEqual(forward);
  const descending = await walk("childrenConnection", "{ field: NAME_PINYIN, direction: DESC }", 2, parent);
  expect(descending.forward).toEqual([...forward].reverse());
  expect(descending.backward).toEqual(descending.forward);
});

test("a congress's pinyin follows its name when the name is corrected", async () => {
  const { createCongress } = ok(await server.gql(`mutation { createCongress(input: { name: "北海市工会代表大会" }) { id namePinyin } }`, {}, ORGANISER));
  expect(createCongress.namePinyin).toBe(textPinyin("北海市工会代表大会"));
  const { updateCongress } = ok(
    await server.gql(
      `mutation ($id: ID!) { updateCongress(id: $id, input: { name: "安庆市工会代表大会" }) { name namePinyin } }`,
      { id: createCongress.id },
      ORGANISER,
    ),
  );
  expect(updateCongress).toEqual({ name: "安庆市工会代表大会", namePinyin: textPinyin("安庆市工会代表大会") });
});
