import { fromGlobalId } from "../src/relay/global-id";
import { ok, startTestServer, TestServer } from "./helpers/server";

/*
 * A congress's delegates in pinyin order are read from the seats' own copy of each delegate's sort
 * key (the SeatNameSortKey migrations keep it with triggers). The list must follow every write that
 * moves it: a new seat, a renamed delegate, an ended seat, a deleted person, an import. The
 * oracle is everyone in pinyin order (read from the people's own sort key), kept to the delegates.
 */

const ORGANISER = { authorization: "Bearer test-organiser" };
const ADMIN = { authorization: "Bearer test-admin" };
let server: TestServer;
let congress: string;

beforeAll(async () => {
  server = await startTestServer();
  const data = ok(await server.gql(`{ congresses(first: 100) { nodes { id delegates(first: 1) { totalCount } } } }`));
  congress = data.congresses.nodes.find((c: any) => c.delegates.totalCount > 0).id;
});
afterAll(() => server.close());

const write = async (query: string, variables: Record<string, unknown>, as = ORGANISER) => ok(await server.gql(query, variables, as));
const createPerson = async (name: string): Promise<string> =>
  (await write(`mutation ($input: CreatePersonInput!) { createPerson(input: $input) { id } }`, { input: { name } })).createPerson.id;
const addSeat = async (person: string, at = congress): Promise<string> =>
  (await write(`mutation ($input: AddSeatInput!) { addSeat(input: $input) { id } }`, { input: { person, congress: at } })).addSeat.id;
const rename = (id: string, name: string) =>
  write(`mutation ($id: ID!, $input: UpdatePersonInput!) { updatePerson(id: $id, input: $input) { id } }`, { id, input: { name } });

/** Every id of the list `field` under `args` (`$c` is the congress), page by page of `size`: forwards, or from the end with `last`. */
async function walk(field: "delegates" | "people", args: string, size: number, backwards = false): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const paging = backwards ? `last: ${size}, before: $cursor` : `first: ${size}, after: $cursor`;
    const variables = `${args.includes("$c") ? "$c: ID!, " : ""}$cursor: String`;
    const list: any = ok(
      await server.gql(
        `query (${variables}) { ${field}(${args}, ${paging}) { nodes { id } pageInfo { hasNextPage endCursor hasPreviousPage startCursor } } }`,
        {
          c: congress,
          cursor,
        },
      ),
    )[field];
    const page = list.nodes.map((n: any) => n.id);
    if (backwards) ids.unshift(...page);
    else ids.push(...page);
    const more = backwards ? list.pageInfo.hasPreviousPage : list.pageInfo.hasNextPage;
    cursor = more ? (backwards ? list.pageInfo.startCursor : list.pageInfo.endCursor) : null;
  } while (cursor);
  return ids;
}

/** The delegates' ids as the oracle orders them: everyone in pinyin order, kept to those holding a seat at the congress. */
async function expected(): Promise<string[]> {
  const seated = new Set(await walk("delegates", `filter: { congress: $c }, orderBy: { field: CREATED }`, 100));
  return (await walk("people", `orderBy: { field: NAME_PINYIN }`, 100)).filter((id) => seated.has(id));
}

/** The delegates in pinyin order, every way a client pages them: forwards by 2, backwards by 2, nested under the congress list, and descending. */
async function everyReading(): Promise<string[][]> {
  const inPinyin = `filter: { congress: $c }, orderBy: { field: NAME_PINYIN }`;
  const nested: any = ok(await server.gql(`{ congresses(first: 100) { nodes { id delegates(first: 100) { nodes { id } } } } }`)).congresses.nodes.find(
    (c: any) => c.id === congress,
  );
  const descending = await walk("delegates", `filter: { congress: $c }, orderBy: { field: NAME_PINYIN, direction: DESC }`, 3);
  return [await walk("delegates", inPinyin, 2), await walk("delegates", inPinyin, 2, true), nested.delegates.nodes.map((n: any) => n.id), descending.reverse()];
}

async function expectInOrder() {
  const want = await expected();
  expect(want.length).toBeGreaterThan(1);
  for (const reading of await everyReading()) expect(reading).toEqual(want);
}

test("a congress's delegates in pinyin order follow new seats, renamed delegates, ended seats and deleted people", async () => {
  await expectInOrder();
  // New delegates sort among the seeded ones: first (艾, ai), last (左, zuo), between.
  const zuo = await createPerson("左新华");
  const ai = await createPerson("艾明");
  const li = await createPerson("李想");
  const seatOfLi = await addSeat(li);
  await addSeat(zuo);
  await addSeat(ai);
  await expectInOrder();
  const before = await everyReading();
  // Renames move one delegate from last to first, and another from first to last.
  await rename(zuo, "安左");
  await rename(ai, "祝艾");
  await expectInOrder();
  expect(await everyReading()).not.toEqual(before);
  // A seat ended, and the same person seated again after being renamed.
  await write(`mutation ($id: ID!) { endSeat(id: $id) }`, { id: seatOfLi });
  await expectInOrder();
  await rename(li, "阿李");
  await addSeat(li);
  await expectInOrder();
  await write(`mutation ($id: ID!) { deletePerson(id: $id) }`, { id: ai }, ADMIN);
  await expectInOrder();
});

/** How many delegates `c` has, as the API counts them: the list's totalCount, people filtered by it, and the congress list's nested delegates. */
async function counted(c: string): Promise<number[]> {
  const data = ok(
    await server.gql(
      `query ($c: ID!) {
        delegates(filter: { congress: $c }, first: 1) { totalCount }
        people(filter: { congress: $c }, first: 1) { totalCount }
        congresses(first: 100) { nodes { id delegates(first: 1) { totalCount } } }
      }`,
      { c },
    ),
  );
  const nested = data.congresses.nodes.find((n: any) => n.id === c);
  return [data.delegates.totalCount, data.people.totalCount, ...(nested ? [nested.delegates.totalCount] : [])];
}

/** The oracle: how many people hold a seat at `c`, read from every person's own seats (nothing the database counts). */
async function seatedAt(c: string): Promise<number> {
  let n = 0;
  let cursor: string | null = null;
  do {
    const { people }: any = ok(
      await server.gql(
        `query ($cursor: String) { people(first: 100, after: $cursor) { nodes { seats { congress { id } } } pageInfo { hasNextPage endCursor } } }`,
        {
          cursor,
        },
      ),
    );
    n += people.nodes.filter((p: any) => p.seats.some((s: any) => s.congress.id === c)).length;
    cursor = people.pageInfo.hasNextPage ? people.pageInfo.endCursor : null;
  } while (cursor);
  return n;
}

async function expectCounted(...congresses: string[]) {
  for (const c of congresses) {
    const n = await seatedAt(c);
    expect(await counted(c)).toEqual([n, n, n]);
  }
}

test("a congress's delegates are counted as its seats stand after every write: seats added and ended, an import, people deleted, rows written straight to the database, the congress deleted", async () => {
  const other = ok(await server.gql(`mutation { createCongress(input: { name: "计数测试代表大会" }) { id } }`, {}, ORGANISER)).createCongress.id;
  await expectCounted(other, congress);
  expect(await counted(other)).toEqual([0, 0, 0]);
  const [a, b, c] = [await createPerson("计一"), await createPerson("计二"), await createPerson("计三")];
  const seatOfA = await addSeat(a, other);
  await addSeat(b, other);
  await addSeat(c, other);
  await addSeat(c);
  await expectCounted(other, congress);
  expect((await counted(other))[0]).toBe(3);
  const report = (
    await write(`mutation ($csv: String!, $c: ID!) { importDelegates(csv: $csv, congress: $c) { created errors { message } } }`, {
      csv: "name\n计四\n计五\n",
      c: other,
    })
  ).importDelegates;
  expect(report).toEqual({ created: 2, errors: [] });
  await write(`mutation ($id: ID!) { endSeat(id: $id) }`, { id: seatOfA });
  await write(`mutation ($id: ID!) { deletePerson(id: $id) }`, { id: c }, ADMIN);
  await expectCounted(other, congress);
  expect((await counted(other))[0]).toBe(3);
  // Rows written by something other than this server (a bulk load, a seed tool): a seat added, moved to another congress, removed.
  const id = (gid: string) => fromGlobalId(gid)!.id;
  await server.ds.query(`INSERT INTO seat ("personId", "congressId") VALUES (${id(a)}, ${id(other)})`);
  await expectCounted(other, congress);
  await server.ds.query(`UPDATE seat SET "congressId" = ${id(congress)} WHERE "personId" = ${id(a)} AND "congressId" = ${id(other)}`);
  await expectCounted(other, congress);
  await server.ds.query(`DELETE FROM seat WHERE "personId" = ${id(a)}`);
  await expectCounted(other, congress);
  await write(`mutation ($id: ID!) { deleteCongress(id: $id) }`, { id: other }, ADMIN);
  expect((await counted(other)).slice(0, 2)).toEqual([0, 0]);
  await expectCounted(congress);
});
