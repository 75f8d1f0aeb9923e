// SPARQL 1.1 Protocol (query operation): GET and POST (direct and form-encoded), dataset parameters,
// content negotiation, and the service description when no query is given. Updates are refused.

import type { IncomingMessage, ServerResponse } from "node:http";
import { operationKind } from "../store/sparql-text.js";
import type { QueryOptions } from "../store/types.js";
import { HttpError, mediaTypeOf, negotiate, readBody, send } from "./http-util.js";
import type { QueryPool } from "./pool.js";

export const RESULTS_OFFERS = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values"] as const;
export const GRAPH_OFFERS = ["text/turtle", "application/n-triples", "application/n-quads", "application/ld+json", "application/trig", "application/rdf+xml"] as const;
export const RESULTS_ALIASES: Readonly<Record<string, string>> = { "application/json": "application/sparql-results+json", "application/xml": "application/sparql-results+xml", "text/xml": "application/sparql-results+xml" };
export const GRAPH_ALIASES: Readonly<Record<string, string>> = { "application/json": "application/ld+json", "text/plain": "application/n-triples", "application/x-turtle": "text/turtle" };

/** `?format=` shortcuts, for browsers and curl. */
const FORMAT_PARAM: Readonly<Record<string, string>> = {
  json: "application/sparql-results+json", xml: "application/sparql-results+xml", csv: "text/csv", tsv: "text/tab-separated-values",
  turtle: "text/turtle", ttl: "text/turtle", ntriples: "application/n-triples", nt: "application/n-triples",
  nquads: "application/n-quads", nq: "application/n-quads", jsonld: "application/ld+json", trig: "application/trig", rdfxml: "application/rdf+xml",
};

export interface SparqlContext {
  readonly pool: QueryPool;
  readonly maxBodyBytes: number;
  /** Answers the service description (GET without a query). */
  readonly describe: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  readonly headers: Record<string, string>;
}

const refusedUpdate = (): HttpError =>
  new HttpError(403, "sparql/update-refused", "SPARQL Update is not accepted: this endpoint is read-only", {
    hint: "publishers replace their graph with the Graph Store Protocol (PUT /graph-store?graph=…) and a bearer token; every write is validated",
  });

/** The query and dataset of a protocol request. */
interface Operation {
  readonly query: string;
  readonly options: QueryOptions;
  readonly format?: string;
}

function fromParams(params: URLSearchParams, query: string | undefined): Operation | undefined {
  if (params.has("update")) throw refusedUpdate();
  const queries = params.getAll("query");
  if (query === undefined && queries.length > 1) throw new HttpError(400, "sparql/several-queries", "more than one query parameter", { hint: "send one query per request" });
  const text = query ?? queries[0];
  if (text === undefined) return undefined;
  const options: { defaultGraphs?: string[]; namedGraphs?: string[] } = {};
  if (params.has("default-graph-uri")) options.defaultGraphs = params.getAll("default-graph-uri");
  if (params.has("named-graph-uri")) options.namedGraphs = params.getAll("named-graph-uri");
  const format = params.get("format") ?? undefined;
  return { query: text, options, ...(format !== undefined ? { format } : {}) };
}

async function operationOf(req: IncomingMessage, url: URL, maxBody: number): Promise<Operation | undefined> {
  if (req.method === "GET" || req.method === "HEAD") return fromParams(url.searchParams, undefined);
  if (req.method !== "POST") throw new HttpError(405, "request/method", `${req.method} is not allowed on the query endpoint`, { headers: { Allow: "GET, HEAD, POST, OPTIONS" } });
  const type = mediaTypeOf(req.headers["content-type"]);
  if (type === "application/sparql-update") throw refusedUpdate();
  const body = await readBody(req, maxBody);
  if (type === "application/x-www-form-urlencoded") {
    const params = new URLSearchParams(body);
    // Dataset parameters may also be in the URL of a form POST.
    for (const [k, v] of url.searchParams) if (k !== "query") params.append(k, v);
    const op = fromParams(params, undefined);
    if (!op) throw new HttpError(400, "sparql/no-query", "the form has no query parameter", { hint: "send query=… (URL-encoded)" });
    return op;
  }
  if (type === "application/sparql-query") return fromParams(url.searchParams, body);
  throw new HttpError(415, "request/media-type", `a query POST must be application/sparql-query or application/x-www-form-urlencoded, not ${type || "untyped"}`, {
    hint: "send the query as the body with Content-Type: application/sparql-query",
  });
}

export async function handleSparql(req: IncomingMessage, res: ServerResponse, url: URL, ctx: SparqlContext): Promise<void> {
  const op = await operationOf(req, url, ctx.maxBodyBytes);
  if (!op) {
    if (url.searchParams.size > 0 && !url.searchParams.has("format")) {
      throw new HttpError(400, "sparql/no-query", "no query parameter", { hint: "GET /sparql?query=… (URL-encoded), or POST the query" });
    }
    await ctx.describe(req, res);
    return;
  }
  const kind = operationKind(op.query);
  if (kind === "update") throw refusedUpdate();
  const graph = kind === "construct" || kind === "describe";
  const forced = op.format !== undefined ? (FORMAT_PARAM[op.format.toLowerCase()] ?? op.format) : undefined;
  const accept = forced ?? req.headers.accept;
  const resultsType = graph ? RESULTS_OFFERS[0] : negotiate(accept, RESULTS_OFFERS, RESULTS_ALIASES);
  const graphType = graph ? negotiate(accept, GRAPH_OFFERS, GRAPH_ALIASES) : GRAPH_OFFERS[0];
  if (!resultsType || !graphType) {
    const offers = graph ? GRAPH_OFFERS : RESULTS_OFFERS;
    throw new HttpError(406, "request/not-acceptable", `cannot answer a ${(kind ?? "select").toUpperCase()} query in ${accept}`, { hint: `accept one of ${offers.join(", ")}` });
  }
  const r = await ctx.pool.query(op.query, resultsType, graphType, op.options);
  send(res, 200, r.mediaType, r.body, ctx.headers);
}
