/** A GraphQL answer over HTTP, with what a client retrying a refused write looks at. */
export interface HttpAnswer {
  status: number;
  retryAfter: string | null;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };
}

/** POSTs one operation to a server at `url` (a compiled server's or a test server's). */
export async function postGraphQL(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: (await res.json()) as HttpAnswer["body"] };
}

/**
 * What became of a write: "written" (answered with data), "refused" (the contract's 503
 * SERVICE_UNAVAILABLE with a Retry-After, nothing written), or anything else, described, which a
 * test counts as a failure (an internal error, a 503 without Retry-After, ...).
 */
export function outcome(answer: HttpAnswer): string {
  const { data, errors } = answer.body;
  if (!errors?.length && data) return "written";
  const codes = (errors ?? []).map((e) => e.extensions?.code);
  if (answer.status === 503 && answer.retryAfter && /^\d+$/.test(answer.retryAfter) && codes.every((c) => c === "SERVICE_UNAVAILABLE")) return "refused";
  return `HTTP ${answer.status}, Retry-After ${answer.retryAfter}, ${JSON.stringify(errors)}`;
}

export async function healthStatus(url: string): Promise<number> {
  return (await fetch(`${url}/healthz`)).status;
}

/** The numeric key of a global id (AuditEntry ids grow with each entry written). */
export const keyOf = (id: string) => Number(Buffer.from(id, "base64").toString("utf8").split(":")[1]);

export interface Audited {
  id: string;
  action: string;
  before: { biography?: string | null } | null;
  after: { biography?: string | null } | null;
}

/** Every audit entry of `action`, oldest first, read with an admin's `token`. */
export async function auditTrail(url: string, action: string, token: string): Promise<Audited[]> {
  const entries: Audited[] = [];
  let after: string | null = null;
  for (;;) {
    const page: any = await postGraphQL(
      url,
      `query ($after: String, $action: String) { auditLog(first: 100, after: $after, direction: ASC, filter: { action: $action }) {
        nodes { id action before after } pageInfo { hasNextPage endCursor } } }`,
      { after, action },
      token,
    );
    entries.push(...page.body.data.auditLog.nodes);
    if (!page.body.data.auditLog.pageInfo.hasNextPage) return entries;
    after = page.body.data.auditLog.pageInfo.endCursor;
  }
}

export async function firstPerson(url: string): Promise<string> {
  return (await postGraphQL(url, `{ people(first: 1) { nodes { id } } }`)).body.data.people.nodes[0].id;
}
