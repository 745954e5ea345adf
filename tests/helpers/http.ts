/** A GraphQL answer over HTTP, with what a client retrying a refused write looks at. */
export interface HttpAnswer {
  status: number;
  retryAfter: string | null;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };
}

/** POSTs one operation to a server at `url` (a compiled server's or a test server's). */
export async function postGraphQL(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<HttpAnswer> {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: (await res.json()) as HttpAnswer["body"] };
}

/**
 * What became of a write: "written" (answered with data), "refused" (the contract's 503
 * SERVICE_UNAVAILABLE with a Retry-After, nothing written), or anything else, described, which a
 * test counts as a failure (an internal error, a 503 without Retry-After, ...).
 */
export function outcome(answer: HttpAnswer): "written" | "refused" | string {
  const { data, errors } = answer.body;
  if (!errors?.length && data) return "written";
  const codes = (errors ?? []).map((e) => e.extensions?.code);
  if (answer.status === 503 && answer.retryAfter && /^\d+$/.test(answer.retryAfter) && codes.every((c) => c === "SERVICE_UNAVAILABLE")) return "refused";
  return `HTTP ${answer.status}, Retry-After ${answer.retryAfter}, ${JSON.stringify(errors)}`;
}

export async function healthStatus(url: string): Promise<number> {
  return (await fetch(`${url}/healthz`)).status;
}
