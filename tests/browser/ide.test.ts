import { Browser, chromium } from "playwright-core";
import { startTestServer, TestServer } from "../helpers/server";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
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
  await server?.close();
});

test("the IDE loads with no network but the server, runs a query and shows the result", async () => {
  const page = await browser.newPage();
  const foreign: string[] = [];
  // Anything not from our server fails, as it would offline.
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(server.url)) return route.continue();
    foreign.push(url);
    return route.abort();
  });
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(String(e)));

  await page.goto(`${server.url}/graphql`);
  await page.waitForSelector(".graphiql-query-editor .CodeMirror", { timeout: 30000 });
  const query = `{ delegates(first: 5) { totalCount nodes { name namePinyin employer { name } } } }`;
  await page.evaluate((q) => {
    const editor = document.querySelector(".graphiql-query-editor .CodeMirror") as unknown as { CodeMirror: { setValue(v: string): void } };
    editor.CodeMirror.setValue(q);
  }, query);
  await page.click(".graphiql-execute-button");
  await page.waitForFunction(() => (document.querySelector(".graphiql-response")?.textContent ?? "").includes("totalCount"), null, { timeout: 30000 });
  const result = await page.textContent(".graphiql-response");
  expect(result).toContain("万雅丽");
  expect(result).toContain("Wang Baogang");
  expect(result).toContain("约克广州空调冷冻设备有限公司");
  if (process.env.IDE_SCREENSHOT) await page.screenshot({ path: process.env.IDE_SCREENSHOT });

  // Schema introspection worked too: the docs explorer lists the root type.
  await page.click('button[aria-label="Show Documentation Explorer"]');
  await page.waitForSelector(".graphiql-doc-explorer", { timeout: 10000 });
  expect(await page.textContent(".graphiql-doc-explorer")).toContain("Query");

  expect(foreign).toEqual([]);
  expect(pageErrors).toEqual([]);
});
