import fs from "fs";
import { ok, startTestServer, tempDbFile } from "./helpers/server";
import { exited, limitFileSize, logLines, startCompiledServer } from "./helpers/processes";
import { healthStatus, HttpAnswer, outcome, postGraphQL } from "./helpers/http";

const TOKEN = "write-faults-test-token";
const CREATE = `mutation ($name: String!) { createPerson(input: { name: $name }) { id name } }`;
const UPDATE = `mutation ($id: ID!, $biography: String!) { updatePerson(id: $id, input: { biography: $biography }) { biography } }`;
const ADMIN_HEADER = { authorization: "Bearer test-admin" };

describe("a full disk never turns into silent data loss", () => {
  test("writes before, during and after a disk fault: every one answered with data is there after a restart, the others were refused as 503", async () => {
    const file = tempDbFile();
    const env = { DATABASE_URL: `sqlite:${file}`, AUTH_TOKENS: `organiser:${TOKEN}`, LOG_LEVEL: "error" };
    const server = await startCompiledServer(env);
    const outcomes = new Map<string, string>();
    const answers = new Map<string, HttpAnswer>();
    const create = async (name: string) => {
      const answer = await postGraphQL(server.url, CREATE, { name }, TOKEN);
      answers.set(name, answer);
      outcomes.set(name, outcome(answer));
    };
    const health: number[] = [];

    for (let i = 1; i <= 3; i++) await create(`落盘前${i}`);
    health.push(await healthStatus(server.url));

    // The disk is full: no file of the server's can take another byte, so no commit can go through.
    limitFileSize(server.child.pid!, 1);
    for (let i = 1; i <= 3; i++) await create(`落盘中${i}`);
    health.push(await healthStatus(server.url));
    await Promise.all([4, 5, 6].map((i) => create(`落盘中${i}`)));
    health.push(await healthStatus(server.url));

    // Space is back: the server notices without a restart, and writes commit again.
    limitFileSize(server.child.pid!, "unlimited");
    health.push(await healthStatus(server.url));
    for (let i = 1; i <= 3; i++) await create(`落盘后${i}`);
    await Promise.all([4, 5, 6].map((i) => create(`落盘后${i}`)));

    server.child.kill("SIGKILL");
    await exited(server.child);
    const again = await startCompiledServer(env);
    try {
      const found = await postGraphQL(again.url, `{ people(filter: { nameContains: "落盘" }, first: 100) { nodes { name } } }`);
      const written = [...outcomes].filter(([, o]) => o === "written").map(([name]) => name);
      // Every write answered with data is in the database, and nothing else is.
      expect(found.body.data.people.nodes.map((n: { name: string }) => n.name).sort()).toEqual(written.sort());
      // Each write was answered with data or refused with the contract's 503 (never an internal error):
      // refused while the disk was full, written before and after.
      expect(Object.fromEntries(outcomes)).toEqual(
        Object.fromEntries([...outcomes.keys()].map((name) => [name, name.startsWith("落盘中") ? "refused" : "written"])),
      );
      expect(health).toEqual([200, 503, 503, 200]);
      expect(answers.get("落盘中1")!.retryAfter).toBe("30");
      expect(answers.get("落盘中1")!.body.errors![0].message).toBe("the database cannot take writes: nothing was written; try again in 30 s");
      // The log says which fault it was: the driver's code, not the message alone.
      const failing = logLines(server).filter((line) => line.msg === "writes are failing");
      expect(failing).toHaveLength(1);
      expect((failing[0].error as { code?: string }).code).toMatch(/^SQLITE_(IOERR|FULL)/);
    } finally {
      again.child.kill("SIGTERM");
      await exited(again.child);
    }
  }, 60_000);
});

describe("a write that cannot get the database in time", () => {
  test("waiting behind a long import in the same server past WRITE_LOCK_TIMEOUT_MS: 503 SERVICE_UNAVAILABLE with Retry-After, nothing written", async () => {
    const server = await startTestServer({ env: { WRITE_LOCK_TIMEOUT_MS: "50" } });
    try {
      const person = ok(await server.gql(`{ people(first: 1) { nodes { id biography } } }`)).people.nodes[0];
      const congress = Buffer.from("Congress:1").toString("base64");
      const csv = ["name,delegation", ...Array.from({ length: 3000 }, (_, i) => `排队${i},一团`)].join("\n");
      let imported = false;
      const importing = server
        .gql(`mutation ($csv: String!, $c: ID!) { importDelegates(csv: $csv, congress: $c) { created } }`, { csv, c: congress }, ADMIN_HEADER)
        .finally(() => (imported = true));
      const answers = [];
      while (!imported) answers.push(await postGraphQL(server.url, UPDATE, { id: person.id, biography: `排队中${answers.length}` }, "test-organiser"));
      expect(ok(await importing).importDelegates.created).toBe(3000);

      const refused = answers.filter((a) => outcome(a) === "refused");
      expect(refused.length).toBeGreaterThan(0);
      expect(answers.filter((a) => !["written", "refused"].includes(outcome(a)))).toEqual([]);
      expect(refused[0]).toEqual({
        status: 503,
        retryAfter: "1",
        body: {
          data: null,
          errors: [
            {
              message: "the database is busy with other writes: nothing was written; try again in 1 s",
              path: ["updatePerson"],
              locations: expect.anything(),
              extensions: { code: "SERVICE_UNAVAILABLE" },
            },
          ],
        },
      });
      // Nothing of a refused update was written: the biography is that of the last update answered with data.
      const written = answers.filter((a) => outcome(a) === "written").map((a) => a.body.data.updatePerson.biography);
      const now = ok(await server.gql(`query ($id: ID!) { person(id: $id) { biography } }`, { id: person.id })).person.biography;
      expect(now).toBe(written.length ? written[written.length - 1] : person.biography);
      const audited = ok(await server.gql(`{ auditLog(first: 100, filter: { action: "updatePerson" }) { totalCount } }`, {}, ADMIN_HEADER)).auditLog.totalCount;
      expect(audited).toBe(written.length);
    } finally {
      await server.close();
    }
  });
});

describe("a write refused after another write of the same request committed", () => {
  test("the answer is not a 503 saying nothing was written: the first mutation stays written, the refused one says it alone wrote nothing", async () => {
    const file = tempDbFile();
    const env = { DATABASE_URL: `sqlite:${file}`, AUTH_TOKENS: `organiser:${TOKEN}`, LOG_LEVEL: "error" };
    const server = await startCompiledServer(env);
    try {
      // Room for a small write, not for an import of 3,000 rows: the first mutation commits, the second finds the disk full.
      const largest = Math.max(...[file, `${file}-wal`].map((f) => (fs.existsSync(f) ? fs.statSync(f).size : 0)));
      limitFileSize(server.child.pid!, largest + 400 * 1024);
      const csv = ["name,delegation", ...Array.from({ length: 3000 }, (_, i) => `满盘${i},一团`)].join("\n");
      const answer = await postGraphQL(
        server.url,
        `mutation ($csv: String!, $c: ID!) { first: createPerson(input: { name: "先写入者" }) { name } second: importDelegates(csv: $csv, congress: $c) { created } }`,
        { csv, c: Buffer.from("Congress:1").toString("base64") },
        TOKEN,
      );
      limitFileSize(server.child.pid!, "unlimited");

      // Not the contract's "nothing was written, try again" (503 + Retry-After): a client repeating the request would repeat the first write.
      expect(answer.status).toBe(200);
      expect(answer.retryAfter).toBeNull();
      expect(answer.body.errors).toEqual([
        {
          message:
            "the database cannot take writes: this mutation wrote nothing, but the ones before it in this request were written; send only this one again, in 30 s",
          path: ["second"],
          locations: expect.anything(),
          extensions: { code: "SERVICE_UNAVAILABLE" },
        },
      ]);
      // The mutations are non-null, so GraphQL nulls the whole answer; the error's path and message say what was written.
      expect(answer.body.data).toBeNull();
      const found = await postGraphQL(
        server.url,
        `{ a: people(filter: { nameContains: "先写入者" }) { totalCount } b: people(filter: { nameContains: "满盘" }) { totalCount } }`,
      );
      expect(found.body.data).toEqual({ a: { totalCount: 1 }, b: { totalCount: 0 } });
    } finally {
      server.child.kill("SIGTERM");
      await exited(server.child);
    }
  }, 60_000);
});
