// The pages for people, served beside the machine interfaces on the same port: discovery (`/`), the observatory
// (`/stats`) and the stylesheet. `/` answers HTML to browsers and the JSON index to everything else.

import type { IncomingMessage, ServerResponse } from "node:http";
import Negotiator from "negotiator";
import type { QueryPool } from "../server/pool.js";
import { STYLESHEET } from "./assets.js";
import { discoveryPage } from "./discovery.js";
import { uiLanguage } from "./html.js";
import { statsPage } from "./stats.js";

export { html, escapeHtml, Html, uiLanguage } from "./html.js";
export type { UiLang } from "./i18n.js";

/** Whether the client prefers HTML to `alternative` (browsers do; `*\/*` and API clients get the alternative). */
export function prefersHtml(req: IncomingMessage, alternative: string): boolean {
  return new Negotiator(req).mediaType([alternative, "text/html"]) === "text/html";
}

const SECURITY_HEADERS = {
  "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
} as const;

function sendHtml(res: ServerResponse, status: number, body: string, head: boolean): void {
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Content-Length": Buffer.byteLength(body), Vary: "Accept, Accept-Language", ...SECURITY_HEADERS });
  res.end(head ? undefined : body);
}

/** Answers a page request; false when the path is not a page (or the client asked for another format). */
export async function handleWeb(req: IncomingMessage, res: ServerResponse, url: URL, pool: QueryPool): Promise<boolean> {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const head = req.method === "HEAD";
  switch (url.pathname) {
    case "/assets/vivant.css":
      res.writeHead(200, { "Content-Type": "text/css; charset=utf-8", "Cache-Control": "public, max-age=3600", "Content-Length": Buffer.byteLength(STYLESHEET), "X-Content-Type-Options": "nosniff" });
      res.end(head ? undefined : STYLESHEET);
      return true;
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
