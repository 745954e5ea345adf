import { Worker } from "worker_threads";
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

  test("a turn's lines go out in writes of whole lines of at most 4,096 bytes (what a pipe shared by WORKERS=N takes whole), a longer line alone", async () => {
    const note = "代".repeat(50); // 150 bytes of UTF-8, 50 characters
    const long = "x".repeat(5000);
    const { during, after } = await writesAround(() => {
      for (let i = 0; i < 60; i++) log("info", "request", { requestId: `r${i}`, note });
      log("info", "long", { long });
      log("info", "request", { requestId: "last" });
    });
    expect(during).toEqual([]);
    expect(after.length).toBeGreaterThan(3);
    for (const write of after) {
      expect(write.endsWith("\n")).toBe(true);
      if (!write.includes(long)) expect(Buffer.byteLength(write)).toBeLessThanOrEqual(4096);
    }
    expect(after.filter((write) => write.includes(long)).map((write) => parseLines(write).length)).toEqual([1]);
    expect(parseLines(after.join("")).map((entry) => entry.requestId ?? entry.msg)).toEqual([...Array.from({ length: 60 }, (_, i) => `r${i}`), "long", "last"]);
  });

  test("a worker thread's line is written as it is logged: a thread ended by terminate() in the same turn has lost none", async () => {
    const code = `const { log } = require(${JSON.stringify(requireBuild("src/log.js"))}); log("info", "from a read thread"); require("worker_threads").parentPort.postMessage("logged"); for (;;) {}`;
    const worker = new Worker(code, { eval: true, stdout: true });
    let out = "";
    worker.stdout.on("data", (chunk) => (out += chunk));
    await new Promise((logged) => worker.once("message", logged));
    await worker.terminate();
    await new Promise((drained) => setImmediate(drained));
    expect(parseLines(out).map((entry) => entry.msg)).toEqual(["from a read thread"]);
  });

  test("a process that exits in the turn it logged in still writes its lines", async () => {
    const logModule = requireBuild("src/log.js");
    const script = `const { log } = require(${JSON.stringify(logModule)}); log("info", "first"); log("warn", "second"); process.exit(3);`;
    const { status, stdout } = await startNode(["-e", script]).done;
    expect(status).toBe(3);
    expect(parseLines(stdout).map((entry) => entry.msg)).toEqual(["first", "second"]);
  });
});
