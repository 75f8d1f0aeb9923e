// The federated typed questions over HTTP (src/dataspace/federation.ts): /api/federation/performances (JSON-LD, each
// performance with its `source` node) and /api/federation/performances/facets (counts summed over the nodes), each
// with a `federation` block naming every node asked and those whose part is missing (`partial`). The filter is read
// and checked as /api/performances reads it; nothing of the request but the checked filter, the limit and the cursor
// reaches another node, and never the caller's Authorization.

import type { IncomingMessage, ServerResponse } from "node:http";
import type { Lang } from "../errors.js";
import { langOf, tx } from "../i18n.js";
import type { Federation, FederatedAnswer, NodeReport } from "../dataspace/federation.js";
import { JSONLD_CONTEXT } from "../query/performances.js";
import { filterFromParams } from "./api.js";
import { HttpError, sendJson } from "./http-util.js";

const PATHS = ["/api/federation/performances", "/api/federation/performances/facets"];

/** The JSON-LD context of a federated page: the typed API's, with the node a performance came from. */
export const FEDERATED_CONTEXT = {
  ...JSONLD_CONTEXT,
  source: { "@id": "https://vivant.dev/ns#source", "@type": "@id" },
  alsoAt: { "@id": "https://vivant.dev/ns#alsoAt", "@type": "@id" },
  federation: { "@id": "https://vivant.dev/ns#federation", "@type": "@json" },
} as const;

function one(params: URLSearchParams, name: string): string | undefined {
  const all = params.getAll(name);
  if (all.length > 1)
    throw new HttpError(400, "api/repeated-parameter", tx("api/repeated-parameter", { name, count: all.length }), {
      hint: tx("api/repeated-parameter.hint", { name }),
    });
  return all[0];
}

/** A node's report as JSON, its message in the request's language. */
function reportJson(r: NodeReport, lang: Lang): Record<string, unknown> {
  return {
    node: r.node,
    status: r.status,
    ms: Math.round(r.ms),
    ...(r.items !== undefined ? { items: r.items } : {}),
    ...(r.httpStatus !== undefined ? { httpStatus: r.httpStatus } : {}),
    ...(r.message ? { message: r.message[lang] } : {}),
    ...(r.detail !== undefined ? { detail: r.detail } : {}),
  };
}

function federationJson(a: FederatedAnswer, lang: Lang): Record<string, unknown> {
  return {
    partial: a.partial,
    nodes: a.nodes.map((r) => reportJson(r, lang)),
    failed: a.failed.map((r) => reportJson(r, lang)),
  };
}

/** Answers the federated routes; false for any other path. 404 when this node searches no other. */
export async function handleFederation(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  federation: Federation | undefined,
): Promise<boolean> {
  if (!PATHS.includes(url.pathname)) return false;
  if (req.method !== "GET" && req.method !== "HEAD")
    throw new HttpError(405, "request/method", tx("request/method-here", { method: req.method }), {
      headers: { Allow: "GET, HEAD, OPTIONS" },
    });
  if (!federation)
    throw new HttpError(404, "federation/not-configured", tx("federation/not-configured"), {
      hint: tx("federation/not-configured.hint"),
    });
  const lang = langOf(req.headers["accept-language"]);
  // The answer depends on the language of the messages and on the nodes' data at this moment.
  const headers = { "Cache-Control": "no-store", Vary: "Accept-Language", "Content-Language": lang };
  if (url.pathname === "/api/federation/performances") {
    const filter = filterFromParams(url.searchParams, ["limit", "cursor"]);
    const limitText = one(url.searchParams, "limit");
    const cursor = one(url.searchParams, "cursor");
    const page = await federation.performances(filter, {
      ...(limitText !== undefined ? { limit: Number(limitText) } : {}),
      ...(cursor ? { cursor } : {}),
    });
    let next: string | undefined;
    if (page.next !== undefined) {
      const u = new URL(url.href);
      u.searchParams.set("cursor", page.next);
      next = u.pathname + u.search;
    }
    sendJson(
      res,
      200,
      {
        "@context": FEDERATED_CONTEXT,
        "@graph": page.items,
        ...(next !== undefined ? { next } : {}),
        federation: federationJson(page, lang),
      },
      "application/ld+json",
      headers,
    );
    return true;
  }
  const filter = filterFromParams(url.searchParams, ["facet"]);
  const facets = await federation.facets(filter, url.searchParams.getAll("facet"));
  sendJson(
    res,
    200,
    // graphs: each graph counted, from which node (a graph two nodes hold is counted once).
    { facets: facets.facets, graphs: facets.graphs, federation: federationJson(facets, lang) },
    "application/json",
    headers,
  );
  return true;
}
