import http from "http";
import { AddressInfo } from "net";
import { Browser, chromium, Page } from "playwright-core";
import { startTestServer, TestServer } from "../helpers/server";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** A single-page app's page: served from its own loopback port, so the API is another origin. */
const APP_HTML = `<!doctype html><html><head><meta charset="utf-8"><title>app</title></head><body>app</body></html>`;

let api: TestServer;
let restricted: TestServer;
let app: http.Server;
let appOrigin: string;
let browser: Browser;

beforeAll(async () => {
  api = await startTestServer();
  restricted = await startTestServer({ dbFile: api.dbFile, env: { CORS_ORIGINS: "https://elsewhere.example" } });
  app = http.createServer((_req, res) => res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(APP_HTML));
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  appOrigin = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => app?.close(resolve));
  await restricted?.close();
  await api?.close();
});

/** What the app's own script gets when it queries `apiUrl`: the answer and the headers it may read, or the browser's error. */
function queryFromPage(page: Page, apiUrl: string) {
  return page.evaluate(async (url) => {
    try {
      // JSON and a bearer token: not a "simple" request, so the browser sends a preflight first.
      const res = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: "Bearer test-organiser", "apollo-require-preflight": "true" },
        body: JSON.stringify({ query: `{ delegates(first: 1) { totalCount nodes { name } } }` }),
      });
      return { ok: true as const, status: res.status, body: await res.json(), requestId: res.headers.get("x-request-id") };
    } catch (error) {
      return { ok: false as const, error: String(error) };
    }
  }, apiUrl);
}

test("a page on another origin queries the API and reads the answer and its request id", async () => {
  const page = await browser.newPage();
  await page.goto(appOrigin);
  const result = await queryFromPage(page, api.url);
  expect(result).toMatchObject({ ok: true, status: 200 });
  if (!result.ok) return;
  expect(result.body.data.delegates.totalCount).toBeGreaterThan(0);
  expect(result.requestId).toMatch(/\S+/);
  await page.close();
});

test("with CORS_ORIGINS naming another origin, the browser withholds the answer from the page", async () => {
  const page = await browser.newPage();
  const consoleErrors: string[] = [];
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  await page.goto(appOrigin);
  const result = await queryFromPage(page, restricted.url);
  expect(result).toEqual({ ok: false, error: expect.stringMatching(/Failed to fetch/) });
  expect(consoleErrors.join("\n")).toMatch(/CORS policy/);
  await page.close();
});
