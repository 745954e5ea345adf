import { DELEGATES, GraphQLRequest, Picked } from "../queries";
import { checked, readThreadsReady, statementsFor } from "./check";
import type { Options } from "./options";
import { serverEnv, startProcess } from "./processes";

export interface StatementCounts {
  /** SQL statements of one warm request per query kind (and delegates5/delegates50), with and without DataLoaders. */
  statements: Record<string, { dataloader: number; naive: number | null; sql: string[] }>;
  /** The server's answer to every request: what the data floor and the others must answer too. */
  reference: Map<string, Record<string, unknown>>;
  /** Query kinds the server could not answer, with why (tolerated on PostgreSQL only: see `tolerate`). */
  broken: Map<string, string>;
  startups: Record<string, number>;
}

/**
 * Phase 1: the statements of one warm request, on servers that log SQL (not the ones under load),
 * and the server's answers. With `tolerate`, a query kind whose request fails is set aside as
 * broken (reported as an ERROR row) instead of ending the run.
 */
export async function countStatements(opts: Options, serverScript: string, picked: Picked, tolerate: (kind: string) => boolean): Promise<StatementCounts> {
  const statements: StatementCounts["statements"] = {};
  const reference = new Map<string, Record<string, unknown>>();
  const broken = new Map<string, string>();
  const delegatesOf = (first: number): GraphQLRequest => ({
    query: DELEGATES,
    operationName: "DelegatesPage",
    variables: { congress: picked.largestCongress, first },
  });
  const logging = await startProcess("server (logging)", serverScript, serverEnv(opts.database, true, true));
  const startups: Record<string, number> = { "server (logging)": logging.startupMs };
  try {
    await readThreadsReady(logging);
    for (const s of picked.specs) {
      try {
        for (const req of s.requests) reference.set(JSON.stringify(req), await checked(logging.port, req, "server"));
        const counted = await statementsFor(logging, s.requests[0]);
        statements[s.kind] = { dataloader: counted.count, naive: null, sql: counted.sql };
      } catch (error) {
        if (!tolerate(s.kind)) throw error;
        broken.set(s.kind, error instanceof Error ? error.message : String(error));
        console.log(`  ERROR ${s.kind}: ${broken.get(s.kind)!.slice(0, 300)}`);
      }
    }
    const rows5 = await statementsFor(logging, delegatesOf(5));
    const rows50 = await statementsFor(logging, delegatesOf(50));
    statements.delegates5 = { dataloader: rows5.count, naive: null, sql: rows5.sql };
    statements.delegates50 = { dataloader: rows50.count, naive: null, sql: rows50.sql };
  } finally {
    await logging.child.stop();
  }
  const naiveLogging = await startProcess("naive server (logging)", serverScript, serverEnv(opts.database, false, true));
  startups["naive server (logging)"] = naiveLogging.startupMs;
  try {
    await readThreadsReady(naiveLogging);
    for (const s of picked.specs) if (!broken.has(s.kind)) statements[s.kind].naive = (await statementsFor(naiveLogging, s.requests[0])).count;
    statements.delegates5.naive = (await statementsFor(naiveLogging, delegatesOf(5))).count;
    statements.delegates50.naive = (await statementsFor(naiveLogging, delegatesOf(50))).count;
  } finally {
    await naiveLogging.child.stop();
  }
  return { statements, reference, broken, startups };
}
