import { ok, startTestServer, TestServer } from "./helpers/server";

/** Scalars and enums a client's code generator sees: timestamps as DateTime, closed sets as enums. */
const ORGANISER = { authorization: "Bearer test-organiser" };
const ADMIN = { authorization: "Bearer test-admin" };

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function fieldType(type: string, field: string) {
  const t = ok(await server.gql(`query ($t: String!) { __type(name: $t) { fields { name type { kind name ofType { kind name } } } } }`, { t: type })).__type;
  const f = t.fields.find((x: any) => x.name === field);
  return f.type.kind === "NON_NULL" ? f.type.ofType : f.type;
}

async function enumValues(name: string): Promise<string[]> {
  return ok(await server.gql(`query ($t: String!) { __type(name: $t) { enumValues { name } } }`, { t: name })).__type.enumValues.map((v: any) => v.name);
}

describe("the audit trail's types", () => {
  test("at is a DateTime; role and recordType are enums", async () => {
    expect(await fieldType("AuditEntry", "at")).toEqual({ kind: "SCALAR", name: "DateTime" });
    const role = await fieldType("AuditEntry", "role");
    expect(role.kind).toBe("ENUM");
    expect((await enumValues(role.name)).sort()).toEqual(["ADMIN", "ORGANISER"]);
    const recordType = await fieldType("AuditEntry", "recordType");
    expect(recordType.kind).toBe("ENUM");
    expect(await enumValues(recordType.name)).toEqual(expect.arrayContaining(["PERSON", "ORGANISATION", "SOURCE_DOCUMENT", "SEAT", "POSITION", "AWARD"]));
  });

  test("entries written through the API read back with those types", async () => {
    const created = ok(await server.gql(`mutation { createPerson(input: { name: "类型员" }) { id } }`, {}, ORGANISER)).createPerson;
    await server.gql(`mutation ($id: ID!) { deletePerson(id: $id) }`, { id: created.id }, ADMIN);
    const log = ok(await server.gql(`query ($r: ID!) { auditLog(filter: { record: $r }) { nodes { at role recordType action } } }`, { r: created.id }, ADMIN))
      .auditLog.nodes;
    expect(log.map((e: any) => [e.action, e.role, e.recordType])).toEqual([
      ["deletePerson", "ADMIN", "PERSON"],
      ["createPerson", "ORGANISER", "PERSON"],
    ]);
    for (const e of log) expect(e.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  });

  test("every type the trail records is a value of the enum (a congress, then an import of six kinds)", async () => {
    const congress = ok(await server.gql(`mutation { createCongress(input: { name: "类型市工会第一次代表大会" }) { id } }`, {}, ORGANISER)).createCongress.id;
    const csv = "name,delegation,employer,title,honours\n类型甲,第一代表团,类型有限公司,技术员,清远市最美产业工人(2023)\n";
    const report = ok(
      await server.gql(
        `mutation ($csv: String!, $c: ID!) { importDelegates(csv: $csv, congress: $c) { created errors { message } } }`,
        { csv, c: congress },
        ORGANISER,
      ),
    );
    expect(report.importDelegates.errors).toEqual([]);
    const kinds = ok(await server.gql(`{ auditLog(first: 100) { nodes { recordType } } }`, {}, ADMIN)).auditLog.nodes.map((e: any) => e.recordType);
    expect(new Set(kinds)).toEqual(new Set(["CONGRESS", "SOURCE_DOCUMENT", "ORGANISATION", "PERSON", "SEAT", "POSITION", "AWARD"]));
  });
});
