// SPARQL 1.1 Protocol (query operation): GET and POST (direct and form-encoded), dataset parameters,
// content negotiation, and the service description when no query is given. Updates are refused.

import { tx } from "../i18n.js";
import type { IncomingMessage, ServerResponse } from "node:http";
import { operationKind } from "../store/sparql-text.js";
import type { QueryOptions } from "../store/types.js";
import { HttpError, mediaTypeOf, negotiate, readBody, send, strictParams } from "./http-util.js";
import type { QueryBackend as QueryPool } from "./backend.js";

export const RESULTS_OFFERS = [
  "application/sparql-results+json",
  "application/sparql-results+xml",
  "text/csv",
  "text/tab-separated-values",
] as const;
export const GRAPH_OFFERS = [
  "text/turtle",
  "application/n-triples",
  "application/n-quads",
  "application/ld+json",
  "application/trig",
  "application/rdf+xml",
] as const;
/** Other media types clients send for the same formats (SPARQLWrapper, Jena, rdf4j, YASGUI; see the README). */
export const RESULTS_ALIASES: Readonly<Record<string, string>> = {
  "application/json": "application/sparql-results+json",
  "text/javascript": "application/sparql-results+json",
  "application/javascript": "application/sparql-results+json",
  "application/x-sparqlstar-results+json": "application/sparql-results+json",
  "application/xml": "application/sparql-results+xml",
  "text/xml": "application/sparql-results+xml",
  "application/x-sparqlstar-results+xml": "application/sparql-results+xml",
};
/** Turtle is also sent for N3 (a Turtle document is an N3 document). */
export const GRAPH_ALIASES: Readonly<Record<string, string>> = {
  "application/json": "application/ld+json",
  "application/x-json+ld": "application/ld+json",
  "text/plain": "application/n-triples",
  "application/x-turtle": "text/turtle",
  "application/turtle": "text/turtle",
  "text/n3": "text/turtle",
  "text/rdf+n3": "text/turtle",
  "application/n3": "text/turtle",
  "application/xml": "application/rdf+xml",
  "text/xml": "application/rdf+xml",
  "application/x-trig": "application/trig",
  "text/x-nquads": "application/n-quads",
};

/**
 * Names a `format=` (or `output=`) parameter may give, per answer kind: Vivant's own, SPARQLWrapper's
 * (xml, json, n3, turtle, json-ld, rdf+xml, csv, tsv) and Fuseki's. A name that does not apply to the query's kind
 * (e.g. `format=n3` on a SELECT, as SPARQLWrapper sends it) is ignored and Accept decides.
 */
export const RESULTS_FORMAT_NAMES: Readonly<Record<string, string>> = {
  json: "application/sparql-results+json",
  srj: "application/sparql-results+json",
  "sparql-results+json": "application/sparql-results+json",
  xml: "application/sparql-results+xml",
  srx: "application/sparql-results+xml",
  "sparql-results+xml": "application/sparql-results+xml",
  csv: "text/csv",
  tsv: "text/tab-separated-values",
};
export const GRAPH_FORMAT_NAMES: Readonly<Record<string, string>> = {
  turtle: "text/turtle",
  ttl: "text/turtle",
  n3: "text/turtle",
  ntriples: "application/n-triples",
  "n-triples": "application/n-triples",
  nt: "application/n-triples",
  nquads: "application/n-quads",
  "n-quads": "application/n-quads",
  nq: "application/n-quads",
  jsonld: "application/ld+json",
  "json-ld": "application/ld+json",
  json: "application/ld+json",
  trig: "application/trig",
  rdfxml: "application/rdf+xml",
  "rdf+xml": "application/rdf+xml",
  "rdf/xml": "application/rdf+xml",
  rdf: "application/rdf+xml",
  xml: "application/rdf+xml",
};

/**
 * The answer's media type: the first `format`/`output` value that names one of `offers` (a short name, or media
 * types like an Accept header) wins; when none does (absent, empty or unknown), the Accept header decides.
 */
export function chooseMediaType(
  formats: readonly string[],
  accept: string | undefined,
  offers: readonly string[],
  aliases: Readonly<Record<string, string>>,
  names: Readonly<Record<string, string>>,
): string | undefined {
  for (const raw of formats) {
    // A `+` typed unencoded in a URL arrives as a space: `rdf xml`, `application/ld json`.
    const f = raw.trim().replace(/([a-z0-9.-]) (?=[a-z0-9.-])/gi, "$1+");
    if (!f) continue;
    const named = names[f.toLowerCase()];
    if (named !== undefined) return named;
    if (f.includes("/")) {
      const t = negotiate(f, offers, aliases);
      if (t !== undefined) return t;
    }
  }
  return negotiate(accept, offers, aliases);
}

export interface SparqlContext {
  readonly pool: QueryPool;
  readonly maxBodyBytes: number;
  /** Answers the service description (GET without a query). */
  readonly describe: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  readonly headers: Record<string, string>;
}

const refusedUpdate = (): HttpError =>
  new HttpError(403, "sparql/update-refused", tx("sparql/update-refused"), {
    hint: tx("sparql/update-refused.hint"),
  });

/** The query and dataset of a protocol request. */
interface Operation {
  readonly query: string;
  readonly options: QueryOptions;
  /** The `format` and `output` parameters' values, in order. */
  readonly formats: readonly string[];
}

function fromParams(params: URLSearchParams, query: string | undefined): Operation | undefined {
  if (params.has("update")) throw refusedUpdate();
  const queries = params.getAll("query");
  if (query === undefined && queries.length > 1)
    throw new HttpError(400, "sparql/several-queries", tx("sparql/several-queries"), {
      hint: tx("sparql/several-queries.hint"),
    });
  const text = query ?? queries[0];
  if (text === undefined) return undefined;
  const options: { defaultGraphs?: string[]; namedGraphs?: string[] } = {};
  if (params.has("default-graph-uri")) options.defaultGraphs = params.getAll("default-graph-uri");
  if (params.has("named-graph-uri")) options.namedGraphs = params.getAll("named-graph-uri");
  return { query: text, options, formats: [...params.getAll("format"), ...params.getAll("output")] };
}

async function operationOf(req: IncomingMessage, url: URL, maxBody: number): Promise<Operation | undefined> {
  if (req.method === "GET" || req.method === "HEAD") return fromParams(strictParams(url.search.slice(1)), undefined);
  if (req.method !== "POST")
    throw new HttpError(405, "request/method", tx("request/method-sparql", { method: req.method }), {
      headers: { Allow: "GET, HEAD, POST, OPTIONS" },
    });
  const type = mediaTypeOf(req.headers["content-type"]);
  if (type === "application/sparql-update") throw refusedUpdate();
  const body = await readBody(req, maxBody);
  if (type === "application/x-www-form-urlencoded") {
    const params = strictParams(body);
    // Dataset parameters may also be in the URL of a form POST.
    for (const [k, v] of strictParams(url.search.slice(1))) if (k !== "query") params.append(k, v);
    const op = fromParams(params, undefined);
    if (!op)
      throw new HttpError(400, "sparql/no-query", tx("sparql/no-query-form"), {
        hint: tx("sparql/no-query-form.hint"),
      });
    return op;
  }
  if (type === "application/sparql-query") return fromParams(strictParams(url.search.slice(1)), body);
  throw new HttpError(415, "request/media-type", tx("sparql/post-media-type", { type: type || "—" }), {
    hint: tx("sparql/post-media-type.hint"),
  });
}

export async function handleSparql(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: SparqlContext,
): Promise<void> {
  const op = await operationOf(req, url, ctx.maxBodyBytes);
  if (!op) {
    if (url.searchParams.size > 0 && !url.searchParams.has("format")) {
      throw new HttpError(400, "sparql/no-query", tx("sparql/no-query"), { hint: tx("sparql/no-query.hint") });
    }
    await ctx.describe(req, res);
    return;
  }
  const kind = operationKind(op.query);
  if (kind === "update") throw refusedUpdate();
  const graph = kind === "construct" || kind === "describe";
  const accept = req.headers.accept;
  const resultsType = graph
    ? RESULTS_OFFERS[0]
    : chooseMediaType(op.formats, accept, RESULTS_OFFERS, RESULTS_ALIASES, RESULTS_FORMAT_NAMES);
  const graphType = graph
    ? chooseMediaType(op.formats, accept, GRAPH_OFFERS, GRAPH_ALIASES, GRAPH_FORMAT_NAMES)
    : GRAPH_OFFERS[0];
  if (!resultsType || !graphType) {
    const offers = graph ? GRAPH_OFFERS : RESULTS_OFFERS;
    throw new HttpError(
      406,
      "request/not-acceptable",
      tx("sparql/not-acceptable", { form: (kind ?? "select").toUpperCase(), accept }),
      {
        hint: tx("sparql/not-acceptable.hint", {
          offers: offers.join(", "),
          names: Object.keys(graph ? GRAPH_FORMAT_NAMES : RESULTS_FORMAT_NAMES).join(", "),
        }),
      },
    );
  }
  const r = await ctx.pool.query(op.query, resultsType, graphType, op.options);
  send(res, 200, r.mediaType, r.body, ctx.headers);
}
