import fs from "fs";
import path from "path";
import { openDataSource } from "../ormconfig";
import type { DatabaseConfig } from "../src/config";
import { databaseUrl, freshDatabase, freshDatabaseUrl } from "./helpers/database";
import { exited, ROOT, runScript, startCompiledServer } from "./helpers/processes";

const CONGRESS = Buffer.from("Congress:1").toString("base64");

/** Whether the database `db` has each of the tables `names`. */
async function tablesIn(db: DatabaseConfig, names: string[]): Promise<boolean[]> {
  const ds = await openDataSource(db);
  const runner = ds.createQueryRunner();
  try {
    return await Promise.all(names.map((name) => runner.hasTable(name)));
  } finally {
    await runner.release();
    await ds.destroy();
  }
}

async function gql(url: string, query: string, token?: string) {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return res.json();
}

describe("the compiled entry point (npm start)", () => {
  test("starts on an empty database, seeds it, serves, stops on SIGTERM; a restart adds nothing", async () => {
    const env = { DATABASE_URL: await freshDatabaseUrl() };
    const first = await startCompiledServer(env);
    expect(first.output()).toMatch(/seeded an empty database/);
    const count = async (url: string) => (await gql(url, "{ people { totalCount } organisations { totalCount } honours { totalCount } }")).data;
    const before = await count(first.url);
    expect(before.people.totalCount).toBe(5);
    first.child.kill("SIGTERM");
    expect(await exited(first.child)).toBe(0);

    const second = await startCompiledServer(env);
    expect(second.output()).not.toMatch(/seeded/);
    expect(await count(second.url)).toEqual(before);
    second.child.kill("SIGTERM");
    expect(await exited(second.child)).toBe(0);
  });

  test("a bad environment variable stops it with a message, not a stack", () => {
    const result = runScript("src/index.js", [], { DATABASE_URL: "postgres://u@h" });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('DATABASE_URL must name a host and a database (postgres://user@host:5432/name), got "postgres://u@h"');
  });

  test("a port already in use stops it with a message, not a stack", async () => {
    const env = { DATABASE_URL: await freshDatabaseUrl() };
    const first = await startCompiledServer(env);
    try {
      const port = new URL(first.url).port;
      const result = runScript("src/index.js", [], { ...env, PORT: port });
      expect(result.status).toBe(1);
      expect(result.stderr.trim()).toBe(`cannot listen on port ${port}: EADDRINUSE`);
    } finally {
      first.child.kill("SIGTERM");
      await exited(first.child);
    }
  });
});

describe("npm run token", () => {
  test("create prints a token once and stores only its hash; list; revoke", async () => {
    const env = { DATABASE_URL: await freshDatabaseUrl() };
    const created = runScript("scripts/token.js", ["create", "--role", "organiser", "--label", "qingyuan-office"], env);
    expect(created.status).toBe(0);
    const secret = created.stdout.trim();
    expect(secret).toMatch(/^ddt_[A-Za-z0-9_-]{43}$/);

    const listed = runScript("scripts/token.js", ["list"], env);
    expect(listed.stdout).toMatch(/qingyuan-office\torganiser\t.*\tlive/);
    expect(listed.stdout).not.toContain(secret);
    expect(runScript("scripts/token.js", ["create", "--role", "root", "--label", "x"], env).status).toBe(1);

    const server = await startCompiledServer(env);
    const write = `mutation { createPerson(input: { name: "令牌测试" }) { name } }`;
    expect((await gql(server.url, write, secret)).data).toEqual({ createPerson: { name: "令牌测试" } });

    expect(runScript("scripts/token.js", ["revoke", "qingyuan-office"], env).status).toBe(0);
    expect((await gql(server.url, write, secret)).errors[0].extensions.code).toBe("UNAUTHENTICATED");
    expect(runScript("scripts/token.js", ["list"], env).stdout).toMatch(/qingyuan-office\torganiser\t.*\trevoked/);
    server.child.kill("SIGTERM");
    await exited(server.child);
  });
});

describe("npm run import", () => {
  test("imports a GBK file, dry-runs, and refuses a bad file with row and column", async () => {
    const env = { DATABASE_URL: await freshDatabaseUrl() };
    expect(runScript("seeds/cli.js", [], env).status).toBe(0);
    const gbk = path.join(ROOT, "tests", "fixtures", "delegates-gbk.csv");
    const dry = runScript("scripts/import.js", ["--congress", CONGRESS, "--dry-run", gbk], env);
    expect(dry.stdout.trim()).toBe("2 rows: 2 created, 0 updated, 0 unchanged, 0 errors (dry run, nothing written)");
    const real = runScript("scripts/import.js", ["--congress", CONGRESS, gbk], env);
    expect(real.status).toBe(0);
    expect(real.stdout.trim()).toBe("2 rows: 2 created, 0 updated, 0 unchanged, 0 errors");
    const again = runScript("scripts/import.js", ["--congress", CONGRESS, gbk], env);
    expect(again.stdout.trim()).toBe("2 rows: 0 created, 0 updated, 2 unchanged, 0 errors");

    const sample = path.join(ROOT, "seeds", "sample-delegates.csv");
    expect(runScript("scripts/import.js", ["--congress", CONGRESS, sample], env).stdout.trim()).toBe("2 rows: 0 created, 0 updated, 2 unchanged, 0 errors");

    const bad = runScript("scripts/import.js", ["--congress", CONGRESS, path.join(ROOT, "tests", "fixtures", "delegates-bad.csv")], env);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('row 3, column honours: unknown honour "不存在的荣誉"');
    expect(bad.stdout.trim()).toBe("2 rows: 0 created, 0 updated, 0 unchanged, 1 errors (nothing written)");
    expect(runScript("scripts/import.js", [], env).stderr).toMatch(/^usage:/);
  });

  test("into a database that holds no directory (a mistyped path or name) it imports nothing and makes none", async () => {
    const gbk = path.join(ROOT, "tests", "fixtures", "delegates-gbk.csv");
    const missing = await freshDatabase();
    const result = runScript("scripts/import.js", ["--congress", CONGRESS, gbk], { DATABASE_URL: databaseUrl(missing) });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    if (missing.kind === "sqlite") {
      expect(result.stderr.trim()).toBe(`no database at ${missing.file}`);
      expect(fs.existsSync(missing.file)).toBe(false);
      return;
    }
    expect(result.stderr.trim()).toMatch(/^no directory in database .+: start a server on it or run npm run seed first$/);
    expect(await tablesIn(missing, ["migrations", "person"])).toEqual([false, false]);
  });
});

describe("npm run pinyin:refresh", () => {
  test("reads every person, organisation, honour and congress and says how many it wrote again; --check writes nothing; a mistake is refused", async () => {
    const env = { DATABASE_URL: await freshDatabaseUrl() };
    expect(runScript("seeds/cli.js", [], env).status).toBe(0);
    const result = runScript("scripts/pinyin-refresh.js", [], env);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split("\n")).toEqual([
      "person: 5 rows read, 0 rewritten",
      expect.stringMatching(/^organisation: [1-9][0-9]* rows read, 0 rewritten$/),
      expect.stringMatching(/^honour: [1-9][0-9]* rows read, 0 rewritten$/),
      "congress: 1 rows read, 0 rewritten",
    ]);
    const check = runScript("scripts/pinyin-refresh.js", ["--check"], env);
    expect(check.status).toBe(0);
    expect(check.stdout.split("\n")[0]).toBe("person: 5 rows read, 0 differing (nothing written)");

    const typo = runScript("scripts/pinyin-refresh.js", ["--dry-run"], env);
    expect(typo.status).toBe(1);
    expect(typo.stderr).toMatch(/^usage: npm run pinyin:refresh/);
    const missing = path.join(ROOT, "data", "no-such-directory.sqlite");
    const none = runScript("scripts/pinyin-refresh.js", [], { DATABASE_URL: `sqlite:${missing}` });
    expect(none.status).toBe(1);
    expect(none.stderr.trim()).toBe(`no database at ${missing}`);
  });

  test("a database that holds no directory (an empty SQLite file, a new PostgreSQL database, another application's) is refused, not made into one and seeded", async () => {
    const empty = await freshDatabase();
    if (empty.kind === "sqlite") fs.writeFileSync(empty.file, "");
    for (const args of [[], ["--check"]]) {
      const result = runScript("scripts/pinyin-refresh.js", args, { DATABASE_URL: databaseUrl(empty) });
      expect(result.status).toBe(1);
      expect(result.stderr.trim()).toMatch(/^no directory in .+: start a server on it or run npm run seed first$/);
    }
    expect(await tablesIn(empty, ["migrations", "person"])).toEqual([false, false]);

    // Another application's database, with TypeORM's migrations table of its own, is refused too.
    const other = await openDataSource(empty);
    try {
      await other.query(`CREATE TABLE "migrations" ("id" integer PRIMARY KEY, "timestamp" bigint NOT NULL, "name" varchar NOT NULL)`);
      await other.query(`INSERT INTO "migrations" ("id", "timestamp", "name") VALUES (1, 1700000000000, 'Invoices1700000000000')`);
    } finally {
      await other.destroy();
    }
    const refused = runScript("scripts/pinyin-refresh.js", [], { DATABASE_URL: databaseUrl(empty) });
    expect(refused.stderr.trim()).toMatch(/^no directory in .+: start a server on it or run npm run seed first$/);
    expect(await tablesIn(empty, ["migrations", "person"])).toEqual([true, false]);
  });
});
