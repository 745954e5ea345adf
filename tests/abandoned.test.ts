import http from "http";
import type { AddressInfo } from "net";
import { abandonment } from "../src/http/abandoned";

/** A server whose one request's handler gets the abandonment and the response; the test drives the rest. */
async function serveOne(): Promise<{ url: string; request: Promise<{ signal: () => AbortSignal; res: http.ServerResponse }>; close(): void }> {
  let handed!: (value: { signal: () => AbortSignal; res: http.ServerResponse }) => void;
  const request = new Promise<{ signal: () => AbortSignal; res: http.ServerResponse }>((resolve) => (handed = resolve));
  const server = http.createServer((_req, res) => handed({ signal: abandonment(res), res }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, request, close: () => server.close() };
}

describe("a request's abandonment signal (made when a slow read first asks for it)", () => {
  test("asked for after the client went away: already aborted", async () => {
    const s = await serveOne();
    const client = http.get(s.url).on("error", () => undefined);
    const { signal, res } = await s.request;
    const closed = new Promise((resolve) => res.once("close", resolve));
    client.destroy();
    await closed;
    expect(signal().aborted).toBe(true);
    s.close();
  });

  test("made after the client went away (a context built late): aborted", async () => {
    let handed!: (res: http.ServerResponse) => void;
    const closedResponse = new Promise<http.ServerResponse>((resolve) => (handed = resolve));
    const server = http.createServer((_req, res) => res.once("close", () => handed(res)));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const client = http.get(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`).on("error", () => undefined);
    setTimeout(() => client.destroy(), 50);
    expect(abandonment(await closedResponse)().aborted).toBe(true);
    server.close();
  });

  test("asked for before the client went away: aborted when it goes", async () => {
    const s = await serveOne();
    const client = http.get(s.url).on("error", () => undefined);
    const { signal } = await s.request;
    const asked = signal();
    expect(asked.aborted).toBe(false);
    const aborted = new Promise((resolve) => asked.addEventListener("abort", resolve));
    client.destroy();
    await aborted;
    expect(asked.aborted).toBe(true);
    expect(signal()).toBe(asked);
    s.close();
  });

  test("an answer sent whole is never abandoned", async () => {
    const s = await serveOne();
    const answered = new Promise<void>((resolve) => http.get(s.url, (r) => r.resume().on("end", resolve)));
    const { signal, res } = await s.request;
    const closed = new Promise((resolve) => res.once("close", resolve));
    res.end("ok");
    await answered;
    await closed;
    expect(signal().aborted).toBe(false);
    s.close();
  });
});
