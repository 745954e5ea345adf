import type { GraphQLRequest } from "../queries";
import { HarnessError, request, sleep, Started } from "./processes";

/** Posts a query and insists on a 200 with data and no errors. */
export async function checked(port: number, req: GraphQLRequest, who: string): Promise<Record<string, unknown>> {
  const res = await request(port, "POST", "/graphql", JSON.stringify(req));
  let json: { data?: Record<string, unknown> | null; errors?: { message: string }[] };
  try {
    json = JSON.parse(res.body) as typeof json;
  } catch {
    throw new HarnessError(`${who}: ${req.operationName ?? req.query.slice(0, 40)} answered ${res.status} with non-JSON: ${res.body.slice(0, 300)}`);
  }
  if (res.status !== 200 || json.errors?.length || !json.data) {
    throw new HarnessError(
      `${who}: ${req.operationName ?? req.query.slice(0, 40)} ${JSON.stringify(req.variables ?? {})} answered ${res.status}: ${JSON.stringify(json.errors ?? json).slice(0, 500)}`,
    );
  }
  return json.data;
}

/** SQL statements the server logs for one warm request (DB_LOGGING=true server). */
export async function statementsFor(server: Started, req: GraphQLRequest): Promise<{ count: number; sql: string[] }> {
  await checked(server.port, req, server.child.name); // warm
  await sleep(20);
  server.child.sqlSeen = [];
  server.child.recordSql = true;
  const before = server.child.sqlCount;
  await checked(server.port, req, server.child.name);
  await sleep(50); // stderr lines may trail the HTTP response by a tick
  server.child.recordSql = false;
  return { count: server.child.sqlCount - before, sql: server.child.sqlSeen.map((s) => (s.length > 8000 ? s.slice(0, 8000) + "…" : s)) };
}

/**
 * Resolves once `server` logs that its read threads have read their facet index, as a server's do
 * when they start: their statements are logged too, and on PostgreSQL in a slow hour they went on
 * while the first requests' statements were counted (a profile page's 1 as 8). Call it right after
 * the start: it listens from then on.
 */
export function readThreadsReady(server: Started, timeoutMs = 60_000): Promise<void> {
  const ready = (line: string) => line.includes('"read threads ready"');
  if (server.child.lines.some(ready)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new HarnessError(`${server.child.name}: no "read threads ready" within ${timeoutMs / 1000} s:\n${server.child.tail()}`)),
      timeoutMs,
    );
    server.child.onLine((line) => {
      if (!ready(line)) return;
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Deep equality, ignoring key order and the values (not the presence) of cursors. */
export function sameData(a: unknown, b: unknown, at = "data"): string | null {
  if (at.endsWith(".endCursor")) return (a === null) === (b === null) ? null : `${at}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return `${at}: array vs non-array`;
    if (a.length !== b.length) return `${at}: ${a.length} items vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = sameData(a[i], b[i], `${at}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    if (ka.join() !== kb.join()) return `${at}: keys ${ka.join(",")} vs ${kb.join(",")}`;
    for (const k of ka) {
      const d = sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return a === b ? null : `${at}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}
