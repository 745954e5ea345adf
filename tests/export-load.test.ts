import net from "net";
import { sqlLogger } from "../ormconfig";
import { DataSource } from "typeorm";
import { ok, startTestServer, TestServer } from "./helpers/server";
import { Person } from "../src/entities";
import { captureLog } from "./helpers/log";

/**
 * Exports under clients that do not read: the export waits for the socket (a few chunks ahead at
 * most), and only MAX_EXPORTS run at once; the next is told to come back (503, Retry-After).
 */

/**
 * People with long photo links (exported as Popolo's image, not indexed for search, and within the
 * column's length on every engine): an export of about 16 MB, more than loopback's socket buffers hold.
 */
async function addLongNames(ds: DataSource, people: number, chars: number) {
  const photo = `https://photos.example/${"x".repeat(chars - 23)}`;
  const rows = Array.from({ length: people }, (_, n) => ({
    name: `长名${n + 1}`,
    namePinyin: `Chang Ming ${n + 1}`,
    namePinyinKey: `changming${n + 1}`,
    nameSortKey: `changming${n + 1}`,
    nameInitials: "cm",
    photoUrl: photo,
  }));
  for (let i = 0; i < rows.length; i += 500)
    await ds
      .createQueryBuilder()
      .insert()
      .into(Person)
      .values(rows.slice(i, i + 500))
      .execute();
}

/** Every slow client's socket, closed after each test whatever happened. */
const sockets: net.Socket[] = [];
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.destroy();
});

/** A client that asks for the export, reads its first bytes (status and headers), then stops reading. */
function slowClient(url: string): Promise<{ socket: net.Socket; head: string; first: Buffer }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    sockets.push(socket);
    socket.on("error", reject);
    // HTTP/1.0: the body comes as it is, up to the end of the connection (no chunked encoding).
    socket.write(`GET /export/popolo.json HTTP/1.0\r\nHost: ${hostname}\r\n\r\n`);
    socket.once("data", (first: Buffer) => {
      socket.pause();
      resolve({ socket, head: first.toString("latin1"), first });
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let server: TestServer;
/** Statements a whole export runs (read by a client that keeps up). */
let wholeExport: number;
beforeAll(async () => {
  server = await startTestServer({ env: { MAX_EXPORTS: "2" }, seed: (ds) => addLongNames(ds, 8_000, 2_000) });
  const statements = await server.countStatements(async () => {
    const res = await fetch(`${server.url}/export/popolo.json`);
    expect(JSON.parse(await res.text()).persons.length).toBeGreaterThan(8_000);
  });
  wholeExport = statements.length;
}, 60_000);
afterAll(() => server.close());

test("an export waits for a client that does not read, and finishes once it reads", async () => {
  const statements: string[] = [];
  const unsubscribe = sqlLogger(server.ds).subscribe((sql) => statements.push(sql));
  try {
    const { socket, head, first } = await slowClient(server.url);
    expect(head).toMatch(/^HTTP\/1\.1 200/);
    // Until the export stops asking for rows: the client's and the kernel's buffers are full.
    for (let seen = -1; seen !== statements.length;) {
      seen = statements.length;
      await sleep(300);
    }
    expect(statements.length).toBeLessThan(wholeExport);
    // Reading again, the client gets the rest: the whole export, as valid JSON.
    const body: Buffer[] = [first];
    socket.on("data", (chunk: Buffer) => body.push(chunk));
    socket.resume();
    await new Promise((resolve) => socket.once("end", resolve));
    expect(statements.length).toBe(wholeExport);
    const response = Buffer.concat(body);
    const text = response.subarray(response.indexOf("\r\n\r\n") + 4).toString("utf8");
    expect(JSON.parse(text).persons.length).toBeGreaterThan(8_000);
  } finally {
    unsubscribe();
  }
});

test("at most MAX_EXPORTS run at once: the next is 503 SERVICE_UNAVAILABLE with Retry-After, and runs once one ends", async () => {
  const running = [await slowClient(server.url), await slowClient(server.url)];
  for (const { head } of running) expect(head).toMatch(/^HTTP\/1\.1 200/);
  const refused = await fetch(`${server.url}/export/popolo.json`);
  const text = await refused.text();
  expect(refused.status).toBe(503);
  expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(JSON.parse(text).errors[0].extensions).toEqual({ code: "SERVICE_UNAVAILABLE" });
  // The CSV export counts too.
  const { congresses } = ok(await server.gql(`{ congresses(first: 1) { nodes { id } } }`));
  expect((await fetch(`${server.url}/export/delegates.csv?congress=${congresses.nodes[0].id}`)).status).toBe(503);

  // One slow client gives up: its place is free (once the server has seen the connection close).
  running[0].socket.destroy();
  let status = 503;
  for (let i = 0; i < 100 && status === 503; i++) {
    const res = await fetch(`${server.url}/export/delegates.csv?congress=${congresses.nodes[0].id}`);
    status = res.status;
    await res.arrayBuffer();
    if (status === 503) await sleep(50);
  }
  expect(status).toBe(200);
});

describe("a client that stops reading", () => {
  let idle: TestServer;
  beforeAll(async () => {
    idle = await startTestServer({ env: { MAX_EXPORTS: "1", EXPORT_IDLE_TIMEOUT_MS: "500" }, seed: (ds) => addLongNames(ds, 8_000, 2_000) });
  }, 60_000);
  afterAll(() => idle.close());

  test("is cut off after EXPORT_IDLE_TIMEOUT_MS, and its place goes to the next export", async () => {
    const { head } = await slowClient(idle.url);
    expect(head).toMatch(/^HTTP\/1\.1 200/);
    const refused = await fetch(`${idle.url}/export/popolo.json`);
    await refused.arrayBuffer();
    expect(refused.status).toBe(503);
    // The stalled client still holds its socket open; the server gives its place up by itself.
    let next = refused;
    for (let i = 0; i < 100 && next.status === 503; i++) {
      await sleep(100);
      next = await fetch(`${idle.url}/export/popolo.json`);
      if (next.status === 503) await next.arrayBuffer();
    }
    expect(next.status).toBe(200);
    expect(JSON.parse(await next.text()).persons.length).toBeGreaterThan(8_000);
  });
});

describe("exports when the slow-read queue is full", () => {
  let full: TestServer;
  beforeAll(async () => {
    // One read thread, started on first need (a test server's pool), and one place in its queue: the
    // first export waits for the thread to start, the second for the first, and the rest find no place.
    full = await startTestServer({ env: { READ_THREADS: "1", READ_QUEUE: "1", MAX_EXPORTS: "20" } });
  });
  afterAll(() => full.close());

  test("an export refused for a full queue is 503 SERVICE_UNAVAILABLE with Retry-After, not an internal error", async () => {
    const { congresses } = ok(await full.gql(`{ congresses(first: 1) { nodes { id } } }`));
    const { result: answers, entries } = await captureLog("info", () =>
      Promise.all(
        Array.from({ length: 10 }, async (_, i) => {
          const res = await fetch(`${full.url}/export/${i % 2 ? "popolo.json" : `delegates.csv?congress=${congresses.nodes[0].id}`}`);
          const text = await res.text();
          return { status: res.status, retryAfter: res.headers.get("retry-after"), text };
        }),
      ),
    );
    expect(answers.map((a) => a.status).filter((s) => s !== 200 && s !== 503)).toEqual([]);
    const refused = answers.filter((a) => a.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    for (const a of refused) {
      expect(Number(a.retryAfter)).toBeGreaterThan(0);
      expect(JSON.parse(a.text).errors[0].extensions).toEqual({ code: "SERVICE_UNAVAILABLE" });
    }
    expect(answers.some((a) => a.status === 200)).toBe(true);
    expect(entries.filter((e) => e.msg === "internal error")).toEqual([]);
  });

  test("an export whose client goes away while its read waits is dropped quietly, not logged as an internal error", async () => {
    // A server of its own, whose one read thread has not started: the export's read waits for it.
    const fresh = await startTestServer({ env: { READ_THREADS: "1" } });
    try {
      const { congresses } = ok(await fresh.gql(`{ congresses(first: 1) { nodes { id } } }`));
      const { entries } = await captureLog("info", async () => {
        const client = new AbortController();
        const gone = fetch(`${fresh.url}/export/delegates.csv?congress=${congresses.nodes[0].id}`, { signal: client.signal }).catch(() => "gone");
        await sleep(20);
        client.abort();
        expect(await gone).toBe("gone");
        // The next export is answered: the thread started, and the dropped read took no place for ever.
        expect((await fetch(`${fresh.url}/export/delegates.csv?congress=${congresses.nodes[0].id}`)).status).toBe(200);
      });
      expect(entries.filter((e) => e.level === "error")).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});
