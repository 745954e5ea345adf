import accepts from "accepts";
import { Router } from "express";
import type { IncomingMessage } from "http";
import path from "path";
import { projectRoot } from "../config";
import { requestTarget, type RequestTarget } from "./graphql-route";

/** A file inside an installed package, found through its package.json (UMD builds are not in "exports"). */
function packageFile(pkg: string, file: string): string {
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
}

/** Files the IDE page loads, all from our own node_modules so the page works offline. */
const ASSETS: Record<string, string> = {
  "react.production.min.js": packageFile("react", "umd/react.production.min.js"),
  "react-dom.production.min.js": packageFile("react-dom", "umd/react-dom.production.min.js"),
  "graphiql.min.js": packageFile("graphiql", "graphiql.min.js"),
  "graphiql.min.css": packageFile("graphiql", "graphiql.min.css"),
  "ide.js": path.join(projectRoot(), "src", "http", "ide-page.js"),
};

const DEFAULT_QUERY = `# Welcome to the delegate directory. Press the ▶ button (or Ctrl-Enter) to run.
# The Docs panel on the left lists every type and field.
{
  delegates(first: 10) {
    totalCount
    nodes {
      id
      name
      namePinyin
      employer { name }
      seats { congress { name } delegation }
      awards { honour { name level } year times rank }
      proposals { title }
    }
  }
}
`;

export const IDE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Delegate directory · GraphiQL</title>
<link rel="stylesheet" href="/ide/graphiql.min.css">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading the GraphQL IDE…</div>
<script id="default-query" type="text/plain">${DEFAULT_QUERY}</script>
<script src="/ide/react.production.min.js"></script>
<script src="/ide/react-dom.production.min.js"></script>
<script src="/ide/graphiql.min.js"></script>
<script src="/ide/ide.js"></script>
</body>
</html>
`;

/**
 * Whether a request is a browser asking `GET /graphql` for a page: GET queries (`?query=`) and API
 * clients go to Apollo. The server's dispatch (src/server.ts) and the page's route both ask this.
 */
export function wantsIdePage(req: IncomingMessage, { path, search }: RequestTarget): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  if (!/^\/graphql\/?$/i.test(path) || new URLSearchParams(search).has("query")) return false;
  return accepts(req).type(["application/json", "text/html"]) === "text/html";
}

/** `GET /graphql` for a browser (the page) and `/ide/*` (its assets). */
export function ideRouter(): Router {
  const router = Router();
  router.get("/graphql", (req, res, next) => {
    if (!wantsIdePage(req, requestTarget(req))) return next();
    res.type("html").set("Cache-Control", "no-cache").send(IDE_HTML);
  });
  router.get("/ide/:file", (req, res, next) => {
    const file = ASSETS[req.params.file];
    if (!file) return next();
    res.set("Cache-Control", "public, max-age=3600");
    res.sendFile(file);
  });
  return router;
}
