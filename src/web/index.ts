// The pages for people, served beside the machine interfaces on the same port: discovery (`/`), the observatory
// (`/stats`), the query editor (`/query`, and `/sparql` opened in a browser) and their assets. `/` and `/sparql`
// answer HTML to browsers only; every other client gets what it got before.

import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import Negotiator from "negotiator";
import type { QueryPool } from "../server/pool.js";
import { STYLESHEET } from "./assets.js";
import { discoveryPage } from "./discovery.js";
import { uiLanguage } from "./html.js";
import { QUERY_SCRIPT, queryPage } from "./query.js";
import { statsPage } from "./stats.js";

export { html, escapeHtml, Html, uiLanguage } from "./html.js";
export type { UiLang } from "./i18n.js";

/** Whether the client prefers HTML to `alternative` (browsers do; `*\/*` and API clients get the alternative). */
export function prefersHtml(req: IncomingMessage, alternative: string): boolean {
  return new Negotiator(req).mediaType([alternative, "text/html"]) === "text/html";
}

/** No inline script anywhere; the query editor alone needs inline styles (CodeMirror and YASR set them). */
function securityHeaders(inlineStyles: boolean): Record<string, string> {
  return {
    "Content-Security-Policy": `default-src 'none'; script-src 'self'; style-src 'self'${inlineStyles ? " 'unsafe-inline'" : ""}; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
  };
}

function sendHtml(res: ServerResponse, status: number, body: string, head: boolean, inlineStyles = false): void {
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Content-Length": Buffer.byteLength(body), Vary: "Accept, Accept-Language", ...securityHeaders(inlineStyles) });
  res.end(head ? undefined : body);
}

const require = createRequire(import.meta.url);
/** Files of npm packages served as they are, read once when first asked for. */
const PACKAGE_ASSETS: Readonly<Record<string, { readonly file: string; readonly type: string }>> = {
  "/assets/yasgui.min.js": { file: "@zazuko/yasgui/build/yasgui.min.js", type: "text/javascript; charset=utf-8" },
  "/assets/yasgui.min.css": { file: "@zazuko/yasgui/build/yasgui.min.css", type: "text/css; charset=utf-8" },
};
const assetCache = new Map<string, Buffer>();

function sendAsset(res: ServerResponse, type: string, body: string | Buffer, head: boolean): void {
  res.writeHead(200, { "Content-Type": type, "Cache-Control": "public, max-age=3600", "Content-Length": Buffer.byteLength(body), "X-Content-Type-Options": "nosniff" });
  res.end(head ? undefined : body);
}

/** Media types `/sparql` answers machines with: a browser is one that prefers HTML to all of them. */
const SPARQL_MACHINE_TYPES = ["application/sparql-results+json", "application/sparql-results+xml", "text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml", "text/csv", "text/tab-separated-values", "application/json", "application/xml"];

/** Whether a `/sparql` GET comes from a person's browser (prefers HTML, names no format): it gets the query page. */
export function sparqlForBrowser(req: IncomingMessage, url: URL): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  if (url.searchParams.has("format") || url.searchParams.has("output")) return false;
  return new Negotiator(req).mediaType([...SPARQL_MACHINE_TYPES, "text/html"]) === "text/html";
}

/** Answers a page request; false when the path is not a page (or the client asked for another format). */
export async function handleWeb(req: IncomingMessage, res: ServerResponse, url: URL, pool: QueryPool): Promise<boolean> {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const head = req.method === "HEAD";
  switch (url.pathname) {
    case "/assets/vivant.css":
      sendAsset(res, "text/css; charset=utf-8", STYLESHEET, head);
      return true;
    case "/assets/query.js":
      sendAsset(res, "text/javascript; charset=utf-8", QUERY_SCRIPT, head);
      return true;
    case "/assets/yasgui.min.js":
    case "/assets/yasgui.min.css": {
      const asset = PACKAGE_ASSETS[url.pathname]!;
      let body = assetCache.get(url.pathname);
      if (!body) assetCache.set(url.pathname, (body = readFileSync(require.resolve(asset.file))));
      sendAsset(res, asset.type, body, head);
      return true;
    }
    case "/query":
    case "/sparql": {
      if (url.pathname === "/sparql" && !sparqlForBrowser(req, url)) return false;
      const query = url.searchParams.get("query") ?? undefined;
      const { status, body } = await queryPage({ pool, lang: uiLanguage(req, url), url, ...(query !== undefined ? { query } : {}) });
      sendHtml(res, status, body, head, true);
      return true;
    }
    case "/": {
      if (!prefersHtml(req, "application/json")) return false;
      const { status, body } = await discoveryPage(req, { pool, lang: uiLanguage(req, url), url });
      sendHtml(res, status, body, head);
      return true;
    }
    case "/stats": {
      const { status, body } = await statsPage({ pool, lang: uiLanguage(req, url), url });
      sendHtml(res, status, body, head);
      return true;
    }
    default:
      return false;
  }
}
