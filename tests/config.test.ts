import fs from "fs";
import os from "os";
import path from "path";
import { ConfigError, databaseLabel, DEFAULT_POOL_SIZE, loadConfig, MAX_READ_THREADS, MAX_WORKERS, projectRoot, SERVER_NODE_FLAGS } from "../src/config";
import { SqlLogger } from "../src/db/sql-logger";

describe("configuration from the environment", () => {
  test("defaults: port 4000, SQLite under data/, no tokens, no SQL log", () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.database).toEqual({ kind: "sqlite", file: path.join(projectRoot(), "data", "directory.sqlite"), logging: false });
    expect(config.tokens.size).toBe(0);
  });

  test("DATABASE_URL=sqlite:<path>, PORT, DB_LOGGING, AUTH_TOKENS", () => {
    const config = loadConfig({ DATABASE_URL: "sqlite:/tmp/x.sqlite", PORT: "8080", DB_LOGGING: "true", AUTH_TOKENS: "organiser:s1, admin:s2" });
    expect(config.database).toEqual({ kind: "sqlite", file: "/tmp/x.sqlite", logging: true });
    expect(config.port).toBe(8080);
    expect([...config.tokens]).toEqual([
      ["s1", "organiser"],
      ["s2", "admin"],
    ]);
    expect(loadConfig({ DATABASE_URL: "sqlite:rel/dir.sqlite" }).database).toHaveProperty("file", path.resolve("rel/dir.sqlite"));
  });

  test("DATABASE_URL=postgres://…, with DATABASE_POOL_SIZE and DATABASE_READ_URL", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://u@db.example:5433/directory" }).database).toEqual({
      kind: "postgres",
      url: "postgres://u@db.example:5433/directory",
      readUrl: null,
      poolSize: DEFAULT_POOL_SIZE,
      logging: false,
    });
    const env = { DATABASE_URL: "postgresql://u:pw@primary/directory", DATABASE_READ_URL: "postgres://u:pw@replica/directory", DATABASE_POOL_SIZE: "4" };
    expect(loadConfig(env).database).toEqual({ kind: "postgres", url: env.DATABASE_URL, readUrl: env.DATABASE_READ_URL, poolSize: 4, logging: false });
    // A password never reaches the logs.
    expect(databaseLabel(loadConfig(env).database)).toBe("postgresql://u:***@primary/directory");
  });

  test.each([
    [{ PORT: "eighty" }, /PORT/],
    [{ DATABASE_URL: "mysql://x" }, /DATABASE_URL/],
    [{ DATABASE_URL: "postgres://u@h" }, /DATABASE_URL must name a host and a database/],
    [{ DATABASE_URL: "postgres://u@h/db", DATABASE_POOL_SIZE: "0" }, /DATABASE_POOL_SIZE/],
    [{ DATABASE_URL: "postgres://u@h/db", DATABASE_READ_URL: "mysql://r/db" }, /DATABASE_READ_URL must be a postgres:\/\/ URL/],
    [{ DATABASE_READ_URL: "postgres://r/db" }, /DATABASE_READ_URL needs DATABASE_URL=postgres/],
    [{ DB_LOGGING: "maybe" }, /DB_LOGGING/],
    [{ AUTH_TOKENS: "root:s" }, /AUTH_TOKENS/],
    [{ AUTH_TOKENS: "admin:" }, /AUTH_TOKENS/],
    [{ WRITE_LOCK_TIMEOUT_MS: "-1" }, /WRITE_LOCK_TIMEOUT_MS/],
    [{ WRITE_LOCK_TIMEOUT_MS: "5s" }, /WRITE_LOCK_TIMEOUT_MS/],
    [{ WORKERS: "0" }, /WORKERS/],
    [{ WORKERS: "-2" }, /WORKERS/],
    [{ WORKERS: "2.5" }, /WORKERS/],
    [{ WORKERS: "all" }, /WORKERS/],
    [{ WORKERS: String(MAX_WORKERS + 1) }, /WORKERS/],
    [{ DATABASE_URL: "sqlite::memory:" }, /in-memory SQLite database is not supported/],
    [{ READ_THREADS: "0" }, /READ_THREADS/],
    [{ READ_QUEUE: "none" }, /READ_QUEUE/],
  ])("%j is refused with a message naming the variable", (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  test("WORKERS: one process by default, a number, or auto for one per core", () => {
    expect(loadConfig({}).workers).toBe(1);
    expect(loadConfig({ WORKERS: "3" }).workers).toBe(3);
    expect(loadConfig({ WORKERS: "auto" }).workers).toBe(Math.min(os.availableParallelism(), MAX_WORKERS));
  });

  test("READ_THREADS: by default the process's share of the cores, less one on SQLite (its threads run the SQL themselves)", () => {
    const cores = os.availableParallelism();
    const pg = { DATABASE_URL: "postgres://u@db.example/directory" };
    expect(loadConfig({}).readThreads).toBe(Math.min(MAX_READ_THREADS, Math.max(1, cores - 1)));
    expect(loadConfig(pg).readThreads).toBe(Math.min(MAX_READ_THREADS, cores));
    const share = Math.floor(cores / loadConfig({ WORKERS: "auto" }).workers);
    expect(loadConfig({ ...pg, WORKERS: "auto" }).readThreads).toBe(share);
    expect(loadConfig({ WORKERS: "auto" }).readThreads).toBe(Math.max(1, share - 1));
    expect(loadConfig({ ...pg, READ_THREADS: "5" }).readThreads).toBe(5);
  });

  test("DB_LOGGING prints every statement on one line", () => {
    const writes: string[] = [];
    const spy = jest.spyOn(process.stderr, "write").mockImplementation((chunk: any) => {
      writes.push(String(chunk));
      return true;
    });
    new SqlLogger(true).logQuery("SELECT *\n  FROM person\n WHERE id = ?", [1]);
    new SqlLogger(false).logQuery("SELECT 2");
    spy.mockRestore();
    expect(writes).toEqual(["sql: SELECT * FROM person WHERE id = ? -- [1]\n"]);
  });
});

test("npm start runs the server with the Node options the benchmark and the tests use", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8"));
  const start: string = pkg.scripts.start;
  const command = start.slice(start.indexOf("node "));
  expect(command).toBe(`node ${SERVER_NODE_FLAGS.join(" ")} dist/src/index.js`);
});
