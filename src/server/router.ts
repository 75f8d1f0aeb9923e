// The route table of the server: CORS headers and preflights, the routes of exact paths, then the routes that
// claim a path themselves, tried in order (reconciliation, pages, federation, typed API, feeds, CapData, dumps);
// whatever is thrown becomes a problem document (src/server/http-util.ts `sendError`).

import type { IncomingMessage, ServerResponse } from "node:http";
import type { Federation } from "../dataspace/federation.js";
import { tx } from "../i18n.js";
import type { GraphInfo } from "../store/types.js";
import { handleWeb, type WebContext } from "../web/index.js";
import { handleApi } from "./api.js";
import type { TokenTable } from "./auth.js";
import type { QueryBackend, WriteBackend } from "./backend.js";
import { handleCapData } from "./capdata-route.js";
import { handleCatalog, type Catalog } from "./catalog-route.js";
import { handleDumps } from "./dumps-route.js";
import { handleFederation } from "./federation-route.js";
import { handleFeed } from "./feed-route.js";
import { capdataExport, restrictedGet } from "./graph-read.js";
import { handleGsp } from "./gsp.js";
import { handleHealth } from "./health-route.js";
import { corsHeaders, HttpError, preflight, sendError, sendJson } from "./http-util.js";
import { handleMcp } from "./mcp-route.js";
import { handleReconcile, type ReconcileIndexes } from "./reconcile-route.js";
import { handleConfirmApi, type SameAsContext } from "./same-as.js";
import { handleDescribe, indexDocument, publicBase, serviceDescription } from "./service-route.js";
import { handleSparql } from "./sparql.js";
import type { SpoolStats } from "./spool.js";
import type { WritePath } from "./write-path.js";

/** What the routes are given by the server (src/server/app.ts). */
export interface RouterContext {
  /** The address the server listens on (ends with `/`). */
  readonly url: string;
  /** `Access-Control-Allow-Origin` of every answer. */
  readonly corsOrigin: string;
  readonly unionDefaultGraph: boolean;
  readonly capdataNamespace: string | undefined;
  readonly maxBodyBytes: number;
  readonly maxWriteBytes: number;
  readonly pool: QueryBackend;
  readonly writer: WriteBackend;
  readonly tokens: TokenTable;
  readonly federation: () => Federation | undefined;
  /** Where spooled bodies, change feeds and dumps are kept. */
  readonly localDir: string;
  readonly spool: { readonly dir: string; readonly stats: SpoolStats };
  readonly writes: WritePath;
  readonly catalog: Catalog;
  readonly reconcile: ReconcileIndexes;
  readonly sameAs: SameAsContext;
  readonly web: () => WebContext;
  readonly publicGraphs: () => GraphInfo[];
  readonly writeQueue: () => unknown;
}

/** The methods a path answers to (a preflight's `Access-Control-Allow-Methods`). */
function allowedMethods(pathname: string): string {
  if (pathname === "/graph-store") return "GET, HEAD, PUT, POST, DELETE, OPTIONS";
  const posts =
    pathname === "/sparql" ||
    pathname === "/reconcile" ||
    pathname.startsWith("/reconcile/") ||
    pathname === "/duplicates/confirm";
  return posts ? "GET, HEAD, POST, OPTIONS" : "GET, HEAD, OPTIONS";
}

/** Answers one request. */
export async function handleRequest(req: IncomingMessage, res: ServerResponse, s: RouterContext): Promise<void> {
  const origin = s.corsOrigin;
  for (const [k, v] of Object.entries(corsHeaders(origin))) res.setHeader(k, v);
  try {
    const url = new URL(req.url ?? "/", s.url);
    if (req.method === "OPTIONS") {
      preflight(res, origin, allowedMethods(url.pathname));
      return;
    }
    const route = ROUTES.get(url.pathname);
    if (route) await route(req, res, url, s);
    else if (!(await claimed(req, res, url, s)))
      throw new HttpError(404, "request/not-found", tx("http/not-found", { path: url.pathname }), {
        hint: tx("http/not-found.hint"),
      });
  } catch (e) {
    sendError(res, e);
  }
}

type Route = (req: IncomingMessage, res: ServerResponse, url: URL, s: RouterContext) => Promise<void>;

/** Whether the request's bearer may read a graph (src/server/auth.ts `canRead`). */
const canRead = (req: IncomingMessage, s: RouterContext, graphIri: string): boolean =>
  s.tokens.canRead(req.headers.authorization, graphIri);

/** GET or POST /sparql: the query page for a browser, else the SPARQL 1.1 Protocol (a bare GET: the service description). */
const sparql: Route = async (req, res, url, s) => {
  if (await handleWeb(req, res, url, s.web())) return;
  await handleSparql(req, res, url, {
    pool: s.pool,
    maxBodyBytes: s.maxBodyBytes,
    headers: {},
    describe: (q, r) =>
      handleDescribe(q, r, s.url, () =>
        serviceDescription(publicBase(q, s.url), s.unionDefaultGraph, s.publicGraphs()),
      ),
  });
};

/** /graph-store: a restricted graph's GET here (the query workers do not hold it), else the Graph Store Protocol. */
const graphStore: Route = async (req, res, url, s) => {
  if ((req.method === "GET" || req.method === "HEAD") && (await restrictedGet(req, res, url, s))) return;
  await handleGsp(req, res, url, {
    pool: s.pool,
    tokens: s.tokens,
    maxBodyBytes: s.maxBodyBytes,
    maxWriteBytes: s.maxWriteBytes,
    spool: s.spool,
    headers: {},
    graph: (g) => s.writer.graph(g),
    write: (f, g, l, m) => s.writes.write(f, g, l, m),
    remove: (g) => s.writes.deleteGraph(g),
  });
};

/** `/`: the home page for a browser, else the index document. */
const home: Route = async (req, res, url, s) => {
  if (req.method !== "GET" && req.method !== "HEAD")
    throw new HttpError(405, "request/method", tx("request/method-here", { method: req.method }));
  if (await handleWeb(req, res, url, s.web())) return;
  sendJson(res, 200, indexDocument(s.url, s.federation(), s.publicGraphs()), "application/json", { Vary: "Accept" });
};

/** The routes of exact paths. */
const ROUTES: ReadonlyMap<string, Route> = new Map<string, Route>([
  ["/sparql", sparql],
  ["/graph-store", graphStore],
  [
    "/duplicates/confirm",
    (req, res, _url, s) => handleConfirmApi(req, res, { ...s.sameAs, tokens: s.tokens, maxBodyBytes: s.maxBodyBytes }),
  ],
  [
    "/catalog",
    (req, res, url, s) =>
      handleCatalog(req, res, url, () => s.catalog.quads(publicBase(req, s.url), (g) => canRead(req, s, g))),
  ],
  ["/mcp", (req, res, _url, s) => handleMcp(req, res, s.pool, s.maxBodyBytes)],
  [
    "/health",
    (_req, res, _url, s) =>
      handleHealth(res, {
        pool: s.pool,
        dataDir: s.writer.dataDir,
        publicGraphs: s.publicGraphs,
        writeQueue: s.writeQueue,
      }),
  ],
  ["/", home],
]);

/** Every other path: the first route that claims it answers; false when none does. */
async function claimed(req: IncomingMessage, res: ServerResponse, url: URL, s: RouterContext): Promise<boolean> {
  const base = (): string => publicBase(req, s.url);
  const restricted = (g: string): boolean => s.tokens.restrictedGraphs().has(g);
  const reconcile = { source: s.pool, base: base(), version: s.writes.graphsKey(), maxBodyBytes: s.maxBodyBytes };
  if (await handleReconcile(req, res, url, reconcile, s.reconcile)) return true;
  if (await handleWeb(req, res, url, s.web())) return true;
  if (await handleFederation(req, res, url, s.federation())) return true;
  if (url.pathname.startsWith("/api/") && (await handleApi(req, res, url, s.pool, {}))) return true;
  if (url.pathname.startsWith("/feed/")) await s.writes.ensureFeed(url.pathname.split("/")[2] ?? "");
  // A deleted graph's feed stays readable: its last page says that every entity was deleted (a restricted one, to its readers).
  const feed = {
    feeds: s.writes.feeds,
    base: base(),
    readable: (g: string) => canRead(req, s, g),
    private: restricted,
  };
  if (await handleFeed(req, res, url, feed)) return true;
  const capdata = {
    graphs: () => s.writer.graphs(),
    readable: (g: string) => canRead(req, s, g),
    restricted,
    export: (g: string) => capdataExport(s, g, s.capdataNamespace),
    ...(s.capdataNamespace !== undefined ? { namespace: s.capdataNamespace } : {}),
  };
  if (await handleCapData(req, res, url, capdata)) return true;
  return handleDumps(req, res, url, {
    dataDir: s.localDir,
    ensure: () => s.catalog.ensureDumps(),
    readable: (m) => m.id === "all" || (s.writer.graph(m.graph) !== undefined && canRead(req, s, m.graph)),
    private: (m) => restricted(m.graph),
    base: base(),
  });
}
