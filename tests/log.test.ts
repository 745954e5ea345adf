import { flushLog, log, setLogLevel } from "../src/log";
import { parseLines } from "./helpers/log";
import { requireBuild, startNode } from "./helpers/processes";

/** stdout's writes while `run` runs and until the event loop has turned once more, each as written. */
async function writesAround(run: () => void): Promise<{ during: string[]; after: string[] }> {
  flushLog();
  const writes: string[] = [];
  setLogLevel("info");
  const spy = jest.spyOn(process.stdout, "write").mockImplementation((chunk) => (writes.push(String(chunk)), true));
  try {
    run();
    const during = [...writes];
    await new Promise((turned) => setImmediate(turned));
    return { during, after: writes.slice(during.length) };
  } finally {
    spy.mockRestore();
    setLogLevel((process.env.TEST_LOG_LEVEL || "silent") as "silent");
  }
}

describe("the log", () => {
  test("lines logged in one turn of the event loop are written together after it, in order, each a whole JSON line", async () => {
    const { during, after } = await writesAround(() => {
      log("info", "request", { requestId: "a" });
      log("warn", "slow", { requestId: "b" });
      log("info", "request", { requestId: "c" });
    });
    expect(during).toEqual([]);
    expect(after).toHaveLength(1);
    expect(parseLines(after[0]).map((entry) => [entry.level, entry.msg, entry.requestId])).toEqual([
      ["info", "request", "a"],
      ["warn", "slow", "b"],
      ["info", "request", "c"],
    ]);
  });

  test("an error is written at once, after the lines logged before it", async () => {
    const { during, after } = await writesAround(() => {
      log("info", "request", { requestId: "a" });
      log("error", "internal error", { requestId: "b", error: new Error("boom") });
    });
    expect(during).toHaveLength(1);
    expect(parseLines(during[0]).map((entry) => [entry.level, entry.requestId])).toEqual([
      ["info", "a"],
      ["error", "b"],
    ]);
    expect(after).toEqual([]);
  });

  test("a process that exits in the turn it logged in still writes its lines", async () => {
    const logModule = requireBuild("src/log.js");
    const script = `const { log } = require(${JSON.stringify(logModule)}); log("info", "first"); log("warn", "second"); process.exit(3);`;
    const { status, stdout } = await startNode(["-e", script]).done;
    expect(status).toBe(3);
    expect(parseLines(stdout).map((entry) => entry.msg)).toEqual(["first", "second"]);
  });
});
