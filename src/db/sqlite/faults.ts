import { setTimeout as sleep } from "timers/promises";

// What SQLite's errors mean for the app, and waiting out a lock another connection holds.

/**
 * What kind of database fault an error is, if it is one: "busy" when another connection held the
 * write lock past the wait, "failing" when storage refuses (disk full, I/O error, a file made
 * read-only, gone or damaged, memory exhausted), and null for anything else (a bug, a constraint).
 * The driver gives extended codes (SQLITE_IOERR_WRITE, SQLITE_BUSY_SNAPSHOT): their primary code decides.
 */
export function sqliteFault(error: unknown): "busy" | "failing" | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return null;
  const primary = /^SQLITE_[A-Z]+/.exec(code)?.[0];
  if (primary === undefined) return null;
  if (BUSY.has(primary)) return "busy";
  if (FAILING.has(primary)) return "failing";
  return null;
}

const BUSY = new Set(["SQLITE_BUSY", "SQLITE_LOCKED"]);
const FAILING = new Set([
  "SQLITE_FULL",
  "SQLITE_IOERR",
  "SQLITE_READONLY",
  "SQLITE_CANTOPEN",
  "SQLITE_CORRUPT",
  "SQLITE_NOTADB",
  "SQLITE_PROTOCOL",
  "SQLITE_NOLFS",
  "SQLITE_PERM",
  "SQLITE_NOMEM",
]);

/**
 * Runs `attempt` until it is not refused as busy (another connection holds the lock), pausing
 * between attempts for a growing, jittered while, up to `waitMs`; past that the busy error is
 * thrown. The waiting is done here, between attempts, never inside the driver: a synchronous
 * driver's wait would stop the event loop meanwhile.
 */
export async function whileBusy<T>(attempt: () => T | Promise<T>, waitMs: number): Promise<T> {
  const deadline = Date.now() + Math.max(0, waitMs);
  for (let pause = 1; ; pause = Math.min(pause * 2, 25)) {
    try {
      return await attempt();
    } catch (error) {
      const left = deadline - Date.now();
      if (sqliteFault(error) !== "busy" || left <= 0) throw error;
      // Jitter, so that processes waiting for the same lock do not retry in step.
      await sleep(Math.min(left, pause * (0.5 + Math.random())));
    }
  }
}
