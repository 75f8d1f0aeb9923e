// /.well-known/capdata-export.rdf?publisher=ID: one publisher's graph in the CapData Culture model, as RDF/XML
// (src/export/capdata.ts), at the address CapData's platform harvests. One server holds several publishers: the
// query parameter names which (its publisher id, its dataset id as in /dumps/, or its graph IRI); without it, the
// server's one public graph. A restricted graph (share: in the tokens file) is never exported to the public: it is
// answered as if it did not exist (404), and to a bearer that may read it, never kept by a shared cache.

import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { publisherGraph, publisherIds } from "../export/capdata-source.js";
import { tx } from "../i18n.js";
import type { GraphInfo } from "../store/types.js";
import { HttpError, send } from "./http-util.js";

export const CAPDATA_PATH = "/.well-known/capdata-export.rdf";

export interface CapDataContext {
  /** Every graph of the server. */
  readonly graphs: () => readonly GraphInfo[];
  /** Whether the request may read this graph (a restricted graph: only its partners' bearers). */
  readonly readable: (graphIri: string) => boolean;
  /** Whether the graph is restricted (then never kept by shared caches). */
  readonly restricted: (graphIri: string) => boolean;
  /** The graph's export as RDF/XML (made in a query worker: src/export/capdata-source.ts `capdataOfNTriples`). */
  readonly export: (graphIri: string) => Promise<string>;
  /** The ontology's namespace (`vivant serve --capdata-namespace`). @default the provisional one */
  readonly namespace?: string;
}

/** Answers GET/HEAD of the CapData export; false when the path is not its. */
export async function handleCapData(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: CapDataContext,
): Promise<boolean> {
  if (url.pathname !== CAPDATA_PATH) return false;
  if (req.method !== "GET" && req.method !== "HEAD")
    throw new HttpError(405, "request/method", tx("request/method-here", { method: req.method }), {
      headers: { Allow: "GET, HEAD, OPTIONS" },
    });
  const asked = url.searchParams.getAll("publisher");
  if (asked.length > 1)
    throw new HttpError(400, "capdata/which-publisher", tx("capdata/which-publisher"), {
      hint: tx("capdata/which-publisher.hint", { example: `${CAPDATA_PATH}?publisher=ID`, ids: "" }),
    });
  // What the caller may read: restricted graphs stay invisible to everyone else, even by name.
  const graphs = ctx.graphs().filter((g) => ctx.readable(g.graphIri));
  const publicGraphs = graphs.filter((g) => !ctx.restricted(g.graphIri));
  const g = publisherGraph(asked.length ? graphs : publicGraphs, asked[0]);
  if (g === "ambiguous") {
    throw new HttpError(400, "capdata/which-publisher", tx("capdata/which-publisher"), {
      hint: tx("capdata/which-publisher.hint", {
        example: `${CAPDATA_PATH}?publisher=ID`,
        ids: publisherIds(publicGraphs),
      }),
    });
  }
  if (!g)
    throw new HttpError(404, "capdata/no-publisher", tx("capdata/no-publisher", { id: asked[0] ?? "" }), {
      hint: tx("capdata/no-publisher.hint", { ids: publisherIds(publicGraphs) }),
    });
  const restricted = ctx.restricted(g.graphIri);
  const etag = `"capdata-${g.version}-${createHash("sha256")
    .update(`${g.graphIri} ${ctx.namespace ?? ""}`)
    .digest("base64url")
    .slice(0, 22)}"`;
  const headers: Record<string, string> = {
    ETag: etag,
    "Last-Modified": new Date(g.modified).toUTCString(),
    "Cache-Control": restricted ? "private, no-store" : "public, max-age=300",
    Vary: "Authorization",
  };
  if (
    (req.headers["if-none-match"] ?? "")
      .split(",")
      .map((s) => s.trim())
      .includes(etag)
  ) {
    res.writeHead(304, headers).end();
    return true;
  }
  send(res, 200, "application/rdf+xml", await exportOf(g, `${etag} ${g.modified} ${g.triples}`, ctx), headers);
  return true;
}

/** The last exports made, by graph version and namespace (a harvester asks again and again for the same file). */
const made = new Map<string, Promise<string>>();
const KEEP = 8;

function exportOf(g: GraphInfo, key: string, ctx: CapDataContext): Promise<string> {
  let text = made.get(key);
  if (text === undefined) {
    text = ctx.export(g.graphIri);
    made.set(key, text);
    text.catch(() => made.delete(key));
    while (made.size > KEEP) made.delete(made.keys().next().value!);
  }
  return text;
}
