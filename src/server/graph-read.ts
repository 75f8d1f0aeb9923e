// Reads of one graph outside the query workers: its N-Triples from its file (or the remote store), a triple test on
// it, its CapData export, and the Graph Store GET of a restricted graph (which the query workers never load).

import type { IncomingMessage, ServerResponse } from "node:http";
import type { Quad } from "@rdfjs/types";
import { DataFactory, Parser } from "n3";
import { capdataOfNTriples } from "../export/capdata-source.js";
import { tx } from "../i18n.js";
import { quadsToJsonLd } from "../jsonld/convert.js";
import { serializeRdf } from "../rdf/io.js";
import { graphFileText } from "../store/files.js";
import { serializeTriples } from "../store/oxigraph.js";
import { RemoteStore } from "../store/remote.js";
import type { GraphWriter } from "../store/writer.js";
import type { TokenTable } from "./auth.js";
import type { QueryBackend, WriteBackend } from "./backend.js";
import { HttpError, negotiate, send } from "./http-util.js";
import { QueryPool } from "./pool.js";
import { GRAPH_ALIASES } from "./sparql.js";

/** What reading a graph needs: the backends and the tokens (who may read a restricted graph). */
export interface GraphReadContext {
  readonly writer: WriteBackend;
  readonly pool: QueryBackend;
  readonly tokens: TokenTable;
}

/** A graph's current content as N-Triples: read from its file, or from the remote store. */
export async function graphText(writer: WriteBackend, graphIri: string): Promise<string> {
  if (writer instanceof RemoteStore) return writer.graphNTriples(graphIri);
  return graphFileText((writer as GraphWriter).graphFile(graphIri));
}

/** Whether a graph has a triple `<s> <p> ?o` (with `o`, that object): a restricted graph, not in the query workers, from its file. */
export async function graphHas(
  c: GraphReadContext,
  graphIri: string,
  s: string,
  p: string,
  o?: string,
): Promise<boolean> {
  if (!c.writer.graph(graphIri)) return false;
  if (c.tokens.restrictedGraphs().has(graphIri)) {
    const quads = new Parser({ format: "application/n-triples" }).parse(await graphText(c.writer, graphIri));
    return quads.some(
      (q) => q.subject.value === s && q.predicate.value === p && (o === undefined || q.object.value === o),
    );
  }
  const filter = o === undefined ? "" : ` FILTER(?o = <${o}>)`;
  const r = await c.pool.select(`SELECT ?o WHERE { GRAPH <${graphIri}> { <${s}> <${p}> ?o${filter} } } LIMIT 1`, {
    unionDefaultGraph: false,
  });
  return r.bindings.length > 0;
}

/**
 * A graph's CapData Culture export (RDF/XML): written by a query worker from the graph's file (off the HTTP
 * thread, restricted graphs included: the worker reads the file, it does not query them); with a remote store,
 * here from its N-Triples.
 */
export function capdataExport(c: GraphReadContext, graphIri: string, namespace: string | undefined): Promise<string> {
  if (c.pool instanceof QueryPool && !(c.writer instanceof RemoteStore))
    return c.pool.capdata((c.writer as GraphWriter).graphFile(graphIri), graphIri, namespace);
  return graphText(c.writer, graphIri).then((nt) =>
    capdataOfNTriples(nt, { graphIri, ...(namespace !== undefined ? { namespace } : {}) }),
  );
}

const RESTRICTED_OFFERS = [
  "application/n-triples",
  "text/turtle",
  "application/n-quads",
  "application/ld+json",
  "application/rdf+xml",
];

/**
 * Graph Store GET of a restricted graph (the query workers do not hold it): 404 to whoever may not read it (as for
 * a graph that does not exist), else the graph read from its file. False when the graph is not restricted.
 */
export async function restrictedGet(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  c: GraphReadContext,
): Promise<boolean> {
  const graphIri = url.searchParams.get("graph");
  if (graphIri === null || url.searchParams.getAll("graph").length !== 1 || !c.tokens.restrictedGraphs().has(graphIri))
    return false;
  if (!c.tokens.canRead(req.headers.authorization, graphIri) || !c.writer.graph(graphIri))
    throw new HttpError(404, "gsp/no-graph", tx("gsp/no-graph", { graph: graphIri }), {
      hint: tx("gsp/no-graph.hint"),
    });
  const type = negotiate(req.headers.accept, RESTRICTED_OFFERS, GRAPH_ALIASES);
  if (!type)
    throw new HttpError(406, "request/not-acceptable", tx("gsp/not-acceptable", { accept: req.headers.accept }), {
      hint: tx("request/accept-one-of", { list: RESTRICTED_OFFERS.join(", ") }),
    });
  const text = await graphText(c.writer, graphIri);
  const body = type === "application/n-triples" ? text : await serialized(text, type, graphIri);
  send(res, 200, type, body, { "Cache-Control": "private, no-store", Vary: "Authorization, Accept" });
  return true;
}

/** A graph's N-Triples in another of the offered formats (N-Quads in the graph itself). */
async function serialized(text: string, type: string, graphIri: string): Promise<string> {
  const quads = new Parser({ format: "application/n-triples" }).parse(text);
  return type === "application/ld+json"
    ? JSON.stringify(await quadsToJsonLd(quads))
    : type === "application/rdf+xml"
      ? serializeTriples(quads, "application/rdf+xml")
      : type === "application/n-quads"
        ? await serializeRdf(
            quads.map(
              (q) => DataFactory.quad(q.subject, q.predicate, q.object, DataFactory.namedNode(graphIri)) as Quad,
            ),
            "nquads",
          )
        : await serializeRdf(quads, "turtle");
}
