import { randomBytes } from "crypto";
import http from "http";
import { brotliCompressSync, deflateSync, gzipSync } from "zlib";
import { captureLog } from "./helpers/log";
import { startTestServer, TestServer } from "./helpers/server";

/**
 * The request body of POST /graphql as clients send it (src/http/json-body.ts): the cases
 * body-parser answered before, each answered the same way (tests/http.test.ts holds the first few:
 * malformed JSON, a latin charset, 1 MB, gzip, an unknown encoding).
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const QUERY = JSON.stringify({ query: "{ __typename }" });
const ANSWER = { data: { __typename: "Query" } };

interface Answer {
  status: number;
  body: any;
  /** The socket the answer came on (for keep-alive). */
  socket: unknown;
}

/** POSTs `chunks` (one write each, `gapMs` apart; no Content-Length when `chunked`) and reads the answer. */
function post(
  headers: Record<string, string>,
  chunks: (string | Buffer)[],
  options: { chunked?: boolean; agent?: http.Agent; gapMs?: number } = {},
): Promise<Answer> {
  const { port } = new URL(server.url);
  const bytes = chunks.map((c) => (typeof c === "string" ? Buffer.from(c) : c));
  const length = bytes.reduce((n, b) => n + b.length, 0);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/graphql",
        agent: options.agent,
        headers: { "content-type": "application/json", ...(options.chunked ? {} : { "content-length": String(length) }), ...headers },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on("data", (c: Buffer) => parts.push(c));
        res.on("end", () => {
          const text = Buffer.concat(parts).toString("utf8");
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null, socket: req.socket });
        });
      },
    );
    req.on("error", reject);
    const send = (i: number) => {
      if (i === bytes.length) return void req.end();
      req.write(bytes[i]);
      if (options.gapMs) setTimeout(() => send(i + 1), options.gapMs);
      else send(i + 1);
    };
    send(0);
  });
}

/** Runs `run` with an agent that keeps one connection open, so its requests share a socket. */
async function onOneConnection(run: (agent: http.Agent) => Promise<void>): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    await run(agent);
  } finally {
    agent.destroy();
  }
}

const code = (a: Answer) => [a.status, a.body?.errors?.[0]?.extensions?.code];

describe("POST /graphql's body", () => {
  test("UTF-8 with or without a byte-order mark, sent in several pieces or chunked", async () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(QUERY)]);
    expect((await post({}, [bom])).body).toEqual(ANSWER);
    // A multi-byte character split between two writes arrives whole.
    const named = Buffer.from(
      JSON.stringify({ query: "query ($q: String!) { search(query: $q, first: 1) { nodes { __typename } } }", variables: { q: "万雅丽" } }),
    );
    const cut = named.indexOf(Buffer.from("万")) + 1;
    const split = await post({ "content-type": "application/json; charset=utf-8" }, [named.subarray(0, cut), named.subarray(cut)], { chunked: true });
    expect(split.status).toBe(200);
    expect(split.body.data.search.nodes).toEqual([{ __typename: "Person" }]);
  });

  test("another UTF charset named in the Content-Type is decoded; UTF-8 not spelt utf-8 is refused as before", async () => {
    const utf16 = Buffer.from(QUERY, "utf16le");
    expect((await post({ "content-type": "application/json; charset=UTF-16LE" }, [utf16])).body).toEqual(ANSWER);
    expect(code(await post({ "content-type": "application/json; charset=utf8" }, [QUERY]))).toEqual([415, "BAD_REQUEST"]);
    expect(code(await post({ "content-type": "application/json; charset=utf-99" }, [QUERY]))).toEqual([415, "BAD_REQUEST"]);
  });

  test.each([
    ["deflate", deflateSync],
    ["br", brotliCompressSync],
    ["GZIP", gzipSync],
  ])("a %s-compressed body is read", async (encoding, compress) => {
    expect((await post({ "content-encoding": encoding }, [compress(Buffer.from(QUERY))])).body).toEqual(ANSWER);
  });

  test("an empty or identity Content-Encoding is no encoding; a name that is not one (even an object's own) is 415", async () => {
    expect((await post({ "content-encoding": "" }, [QUERY])).body).toEqual(ANSWER);
    expect((await post({ "content-encoding": "Identity" }, [QUERY])).body).toEqual(ANSWER);
    for (const encoding of ["constructor", "__proto__", "toString", "x-unknown"]) {
      expect([encoding, ...code(await post({ "content-encoding": encoding }, [QUERY]))]).toEqual([encoding, 415, "BAD_REQUEST"]);
    }
    // The server is still there.
    expect((await post({}, [QUERY])).body).toEqual(ANSWER);
  });

  test("bytes after the end of a compressed body are read and dropped: the connection answers the next request", async () => {
    await onOneConnection(async (agent) => {
      for (const [encoding, compress] of [
        ["deflate", deflateSync],
        ["br", brotliCompressSync],
      ] as const) {
        const trailed = await post({ "content-encoding": encoding }, [compress(Buffer.from(QUERY)), Buffer.alloc(200_000, 0x20)], { agent });
        expect([encoding, trailed.status, trailed.body]).toEqual([encoding, 200, ANSWER]);
        const next = await post({}, [QUERY], { agent });
        expect([encoding, next.body, next.socket]).toEqual([encoding, ANSWER, trailed.socket]);
      }
    });
  });

  test("the 1 MB limit holds after decompression, and for a chunked body with no length", async () => {
    const big = JSON.stringify({ query: "{ __typename }", variables: { pad: "x".repeat(1_100_000) } });
    const zipped = gzipSync(Buffer.from(big));
    expect(zipped.length).toBeLessThan(20_000);
    expect(code(await post({ "content-encoding": "gzip" }, [zipped]))).toEqual([413, "PAYLOAD_TOO_LARGE"]);
    const pieces = Array.from({ length: 11 }, (_, i) => big.slice(i * 100_000, (i + 1) * 100_000));
    expect(code(await post({}, pieces, { chunked: true }))).toEqual([413, "PAYLOAD_TOO_LARGE"]);
    // Just under the limit is read.
    const fits = JSON.stringify({ query: "{ __typename }", variables: { pad: "x".repeat(1024 * 1024 - 100) } });
    expect((await post({}, [fits])).status).toBe(200);
  });

  test("a refused body is read to its end: the connection answers the next request", async () => {
    await onOneConnection(async (agent) => {
      const big = JSON.stringify({ query: "{ __typename }", variables: { pad: "x".repeat(1_100_000) } });
      const refused = await post({}, [big.slice(0, 600_000), big.slice(600_000)], { chunked: true, agent });
      expect(code(refused)).toEqual([413, "PAYLOAD_TOO_LARGE"]);
      const next = await post({}, [QUERY], { agent });
      expect([next.status, next.body, next.socket]).toEqual([200, ANSWER, refused.socket]);
      // Refused by its Content-Length, before a byte of it is read.
      const announced = await post({}, [big], { agent });
      expect([...code(announced), announced.socket]).toEqual([413, "PAYLOAD_TOO_LARGE", refused.socket]);
      expect((await post({}, [QUERY], { agent })).socket).toBe(refused.socket);
      // Compressed, and refused while its compressed bytes are still coming: 1.2 MB of base64 noise
      // compresses to about 0.9 MB, of which the first 0.8 MB inflate past the limit.
      const noise = randomBytes(900_000).toString("base64");
      const zipped = gzipSync(Buffer.from(JSON.stringify({ query: "{ __typename }", variables: { noise } })));
      expect(zipped.length).toBeGreaterThan(850_000);
      const pieces = Array.from({ length: 10 }, (_, i) => zipped.subarray(i * 100_000, (i + 1) * 100_000));
      const inflated = await post({ "content-encoding": "gzip" }, pieces, { chunked: true, agent, gapMs: 20 });
      expect([...code(inflated), inflated.socket]).toEqual([413, "PAYLOAD_TOO_LARGE", refused.socket]);
      const after = await post({}, [QUERY], { agent });
      expect([after.status, after.body, after.socket]).toEqual([200, ANSWER, refused.socket]);
    });
  });

  test.each([
    ["a string", '"{ __typename }"'],
    ["a number", "12"],
    ["only spaces", "   "],
  ])("JSON that is %s is refused as not JSON (400), as body-parser's strict mode did", async (_label, body) => {
    const refused = await post({}, [body]);
    expect([...code(refused), refused.body.errors[0].message]).toEqual([400, "BAD_REQUEST", "The request body is not valid JSON"]);
  });

  test("an empty body is not refused as bad JSON: Apollo says what it needs", async () => {
    const empty = await post({}, []);
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].message).toMatch(/POST body missing/);
  });

  test("a body that does not decompress is a client error, not a server fault; its connection answers the next request", async () => {
    await onOneConnection(async (agent) => {
      const garbage = Array.from({ length: 5 }, () => randomBytes(100_000));
      const { result, entries } = await captureLog("info", () => post({ "content-encoding": "gzip" }, garbage, { chunked: true, agent, gapMs: 20 }));
      expect(code(result)).toEqual([400, "BAD_REQUEST"]);
      expect(entries.filter((e) => e.level === "error")).toEqual([]);
      const next = await post({}, [QUERY], { agent });
      expect([next.status, next.body, next.socket]).toEqual([200, ANSWER, result.socket]);
    });
  });

  test("a request cut off in its body logs no error, and the server answers the next", async () => {
    const { port } = new URL(server.url);
    const { entries } = await captureLog("info", async () => {
      await new Promise<void>((resolve) => {
        const req = http.request({
          host: "127.0.0.1",
          port,
          method: "POST",
          path: "/graphql",
          headers: { "content-type": "application/json", "content-length": "1000" },
        });
        req.on("error", () => resolve());
        req.write(QUERY.slice(0, 10), () => setTimeout(() => req.destroy(), 50));
        req.on("close", () => resolve());
      });
      await new Promise((r) => setTimeout(r, 50));
      expect((await post({}, [QUERY])).body).toEqual(ANSWER);
    });
    expect(entries.filter((e) => e.level === "error")).toEqual([]);
  });
});
