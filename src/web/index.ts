// The pages for people, served beside the machine interfaces on the same port: discovery (`/`), the observatory
// (`/stats`), the query editor (`/query`, and `/sparql` opened in a browser) and their assets. `/` and `/sparql`
// answer HTML to browsers only; every other client gets what it got before.

import { duplicatesPage, handleSameAsPage, type DuplicatesSource, type SameAsPageContext } from "./duplicates.js";
import { existsSync, readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import Negotiator from "negotiator";
import { HttpError } from "../server/http-util.js";
import type { QueryBackend as QueryPool } from "../server/backend.js";
import type { GraphInfo } from "../store/types.js";
import { entityData, entityPage, entityType, isQueryableIri, type EntityContext } from "./entity.js";
import { STYLESHEET } from "./assets.js";
import { discoveryPage } from "./discovery.js";
import { html, page, uiLanguage } from "./html.js";
import { QUERY_SCRIPT, queryPage } from "./query.js";
import { checkPage, readCheckForm, type CheckFetcher } from "./check.js";
import { handlePublish, type PublishContext, type PublishSessions } from "./publish.js";
import { statsPage } from "./stats.js";
import type { Federation } from "../dataspace/federation.js";

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

/** When each page request reached handleWeb: its page says how long it took in `Server-Timing` (the benchmark reads it). */
const started = new WeakMap<ServerResponse, number>();

function serverTiming(res: ServerResponse): Record<string, string> {
  const t0 = started.get(res);
  return t0 === undefined ? {} : { "Server-Timing": `render;dur=${(performance.now() - t0).toFixed(2)}` };
}

function sendHtml(res: ServerResponse, status: number, body: string, head: boolean, inlineStyles = false): void {
  res.writeHead(status, {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
    Vary: "Accept, Accept-Language",
    ...serverTiming(res),
    ...securityHeaders(inlineStyles),
  });
  res.end(head ? undefined : body);
}

const require = createRequire(import.meta.url);
/**
 * Files of npm packages served as they are, read once when first asked for. The build copies them into
 * dist/src/vendor/ (scripts/vendor.mjs: the package is a devDependency); run from the sources, they are read
 * from the installed package.
 */
const PACKAGE_ASSETS: Readonly<Record<string, { readonly built: URL; readonly file: string; readonly type: string }>> =
  {
    "/assets/yasgui.min.js": {
      built: new URL("../vendor/yasgui/yasgui.min.js", import.meta.url),
      file: "@zazuko/yasgui/build/yasgui.min.js",
      type: "text/javascript; charset=utf-8",
    },
    "/assets/yasgui.min.css": {
      built: new URL("../vendor/yasgui/yasgui.min.css", import.meta.url),
      file: "@zazuko/yasgui/build/yasgui.min.css",
      type: "text/css; charset=utf-8",
    },
  };

/** Where a package asset is read from: the build's copy, else (running from the sources) the package. */
function packageAssetPath(asset: { readonly built: URL; readonly file: string }): string {
  const built = fileURLToPath(asset.built);
  return existsSync(built) ? built : require.resolve(asset.file);
}
const assetCache = new Map<string, Buffer>();

function sendAsset(res: ServerResponse, type: string, body: string | Buffer, head: boolean): void {
  res.writeHead(200, {
    "Content-Type": type,
    "Cache-Control": "public, max-age=3600",
    "Content-Length": Buffer.byteLength(body),
    "X-Content-Type-Options": "nosniff",
  });
  res.end(head ? undefined : body);
}

/** Media types `/sparql` answers machines with: a browser is one that prefers HTML to all of them. */
const SPARQL_MACHINE_TYPES = [
  "application/sparql-results+json",
  "application/sparql-results+xml",
  "text/turtle",
  "application/n-triples",
  "application/ld+json",
  "application/rdf+xml",
  "text/csv",
  "text/tab-separated-values",
  "application/json",
  "application/xml",
];

/** Whether a `/sparql` GET comes from a person's browser (prefers HTML, names no format): it gets the query page. */
export function sparqlForBrowser(req: IncomingMessage, url: URL): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  if (url.searchParams.has("format") || url.searchParams.has("output")) return false;
  return new Negotiator(req).mediaType([...SPARQL_MACHINE_TYPES, "text/html"]) === "text/html";
}

export interface WebContext {
  readonly pool: QueryPool;
  readonly sessions: PublishSessions;
  readonly publish: PublishContext;
  /** The server's base URL, e.g. `http://127.0.0.1:3030/`. */
  readonly base: string;
  readonly graphs: () => readonly GraphInfo[];
  /** The probable duplicates of the public graphs (`/duplicates`). */
  readonly duplicates: DuplicatesSource;
  /** A signed-in publisher's sameAs confirmation (`/publish/same-as`). */
  readonly confirmSameAs: SameAsPageContext["confirm"];
  /** How `/check` fetches a page given by its address. */
  readonly fetcher?: CheckFetcher;
  /** The other nodes searched by `/federation` (`vivant serve --federate`). */
  readonly federation?: Federation;
}

/** An entity's page or data by content negotiation, from the same URL. */
async function sendEntity(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: EntityContext,
  head: boolean,
): Promise<boolean> {
  const type = entityType(req, ctx.url);
  const vary = { Vary: "Accept, Accept-Language" };
  if (type === undefined) {
    const body = JSON.stringify({
      type: "https://vivant.dev/problems/request/not-acceptable",
      title: "Not Acceptable",
      status: 406,
      code: "request/not-acceptable",
      detail: `an entity is answered as ${ENTITY_LIST}`,
    });
    res.writeHead(406, { "Content-Type": "application/problem+json", ...vary });
    res.end(head ? undefined : body);
    return true;
  }
  if (type === "text/html") {
    const { status, body } = await entityPage(ctx);
    sendHtml(res, status, body, head);
    return true;
  }
  const data = await entityData(ctx, type);
  if (!data) return false;
  res.writeHead(200, {
    "Content-Type": `${type}${type === "application/ld+json" ? "" : "; charset=utf-8"}`,
    "Content-Length": data.byteLength,
    ...vary,
  });
  res.end(head ? undefined : data);
  return true;
}
const ENTITY_LIST = "HTML, Turtle, JSON-LD or N-Triples";

/** A `POST /check`: the pasted or uploaded page checked, in the form's language. */
async function sendCheckedForm(req: IncomingMessage, res: ServerResponse, url: URL, web: WebContext): Promise<void> {
  const lang = uiLanguage(req, url);
  let form: Awaited<ReturnType<typeof readCheckForm>> | undefined;
  let error: string | undefined;
  try {
    form = await readCheckForm(req);
  } catch (e) {
    // In the page's language: HttpError and the checker's own errors carry both.
    const text = (e as { text?: { en: string; fr: string } }).text;
    error = e instanceof HttpError ? e.text[lang] : text ? text[lang] : (e as Error).message;
  }
  const formLang = form?.ui === "en" || form?.ui === "fr" ? form.ui : lang;
  const { status, body } = await checkPage({
    lang: formLang,
    url,
    ...(form ? { form } : {}),
    ...(error !== undefined ? { error } : {}),
    ...(web.fetcher ? { fetcher: web.fetcher } : {}),
  });
  sendHtml(res, status, body, false);
}

/** A package's file (YASGUI's script or stylesheet), read once. */
function sendPackageAsset(res: ServerResponse, path: string, head: boolean): void {
  const asset = PACKAGE_ASSETS[path]!;
  let body = assetCache.get(path);
  if (!body) assetCache.set(path, (body = readFileSync(packageAssetPath(asset))));
  sendAsset(res, asset.type, body, head);
}

/** The discovery page (`/`), or the network's search (`/federation`) when `federated`. */
async function sendDiscovery(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  web: WebContext,
  options: { readonly head: boolean; readonly federated: boolean },
): Promise<void> {
  const { status, body } = await discoveryPage(req, {
    pool: web.pool,
    base: web.base,
    lang: uiLanguage(req, url),
    url,
    ...(web.federation ? { federation: web.federation } : {}),
    ...(options.federated ? { federated: true } : {}),
  });
  sendHtml(res, status, body, options.head);
}

/** `/resource?iri=`: the entity's page or data, or a 400 page when the IRI is not one that can be asked for. */
async function sendResource(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  web: WebContext,
  head: boolean,
): Promise<boolean> {
  const iri = url.searchParams.get("iri") ?? "";
  if (!isQueryableIri(iri)) {
    const lang = uiLanguage(req, url);
    const text =
      lang === "fr"
        ? "Le paramètre iri doit être une IRI absolue, par exemple /resource?iri=https%3A%2F%2Fexample.org%2Fx"
        : "The iri parameter must be an absolute IRI, e.g. /resource?iri=https%3A%2F%2Fexample.org%2Fx";
    sendHtml(
      res,
      400,
      page({ lang, title: "iri", url }, html`<h1>iri</h1><p class="problem" role="alert">${text}</p>`),
      head,
    );
    return true;
  }
  return sendEntity(
    req,
    res,
    { pool: web.pool, lang: uiLanguage(req, url), url, iri, base: web.base, graphs: web.graphs },
    head,
  );
}

/** An IRI this server serves (data published under its own address) is its own page; false when no data names it. */
async function sendServedIri(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  web: WebContext,
  head: boolean,
): Promise<boolean> {
  if (url.pathname.startsWith("/api/") || url.pathname.startsWith("/assets/")) return false;
  const iri = new URL(url.pathname, web.base).href;
  if (!isQueryableIri(iri)) return false;
  const rows = await web.pool.query(
    `ASK { { <${iri}> ?p ?o } UNION { GRAPH ?g { <${iri}> ?p ?o } } }`,
    "application/sparql-results+json",
    "text/turtle",
  );
  if (!(JSON.parse(new TextDecoder().decode(rows.body)) as { boolean: boolean }).boolean) return false;
  return sendEntity(
    req,
    res,
    { pool: web.pool, lang: uiLanguage(req, url), url, iri, base: web.base, graphs: web.graphs },
    head,
  );
}

/** Answers a page request; false when the path is not a page (or the client asked for another format). */
export async function handleWeb(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  web: WebContext,
): Promise<boolean> {
  started.set(res, performance.now());
  if (url.pathname === "/publish/same-as")
    return handleSameAsPage(req, res, url, uiLanguage(req, url), {
      sessions: web.sessions,
      confirm: web.confirmSameAs,
    });
  if (url.pathname === "/publish" || url.pathname.startsWith("/publish/"))
    return handlePublish(req, res, url, uiLanguage(req, url), web.sessions, web.publish);
  if (url.pathname === "/check" && req.method === "POST") {
    await sendCheckedForm(req, res, url, web);
    return true;
  }
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const pool = web.pool;
  const head = req.method === "HEAD";
  switch (url.pathname) {
    case "/assets/vivant.css":
      sendAsset(res, "text/css; charset=utf-8", STYLESHEET, head);
      return true;
    case "/assets/query.js":
      sendAsset(res, "text/javascript; charset=utf-8", QUERY_SCRIPT, head);
      return true;
    case "/assets/yasgui.min.js":
    case "/assets/yasgui.min.css":
      sendPackageAsset(res, url.pathname, head);
      return true;
    case "/query":
    case "/sparql": {
      if (url.pathname === "/sparql" && !sparqlForBrowser(req, url)) return false;
      const query = url.searchParams.get("query") ?? undefined;
      const { status, body } = await queryPage({
        pool,
        lang: uiLanguage(req, url),
        url,
        ...(query !== undefined ? { query } : {}),
      });
      sendHtml(res, status, body, head, true);
      return true;
    }
    case "/":
      if (!prefersHtml(req, "application/json")) return false;
      await sendDiscovery(req, res, url, web, { head, federated: false });
      return true;
    case "/federation":
      // The network's search: only when this node searches others (else 404, as any unknown path).
      if (!web.federation) return false;
      await sendDiscovery(req, res, url, web, { head, federated: true });
      return true;
    case "/check": {
      const { status, body } = await checkPage({ lang: uiLanguage(req, url), url });
      sendHtml(res, status, body, head);
      return true;
    }
    case "/duplicates": {
      const { status, body } = await duplicatesPage({ source: web.duplicates, lang: uiLanguage(req, url), url });
      sendHtml(res, status, body, head);
      return true;
    }
    case "/stats": {
      const { status, body } = await statsPage({ pool, lang: uiLanguage(req, url), url });
      sendHtml(res, status, body, head);
      return true;
    }
    case "/resource":
      return sendResource(req, res, url, web, head);
    default:
      return sendServedIri(req, res, url, web, head);
  }
}
