// What the server says about itself: its public address as a client reached it, the index document at `/` (JSON),
// and the SPARQL 1.1 Service Description answered by GET /sparql without a query.

import type { IncomingMessage, ServerResponse } from "node:http";
import type { Quad } from "@rdfjs/types";
import { DataFactory } from "n3";
import type { Federation } from "../dataspace/federation.js";
import { tx } from "../i18n.js";
import { quadsToJsonLd } from "../jsonld/convert.js";
import { serializeRdf } from "../rdf/io.js";
import { CATALOG_GRAPH } from "../store/catalog.js";
import { serializeTriples } from "../store/oxigraph.js";
import type { GraphInfo } from "../store/types.js";
import { HttpError, send } from "./http-util.js";
import { chooseMediaType, GRAPH_ALIASES, GRAPH_FORMAT_NAMES, GRAPH_OFFERS, RESULTS_OFFERS } from "./sparql.js";

const SD = "http://www.w3.org/ns/sparql-service-description#";
const FORMATS = "http://www.w3.org/ns/formats/";
const FORMAT_IRI: Readonly<Record<string, string>> = {
  "application/sparql-results+json": "SPARQL_Results_JSON",
  "application/sparql-results+xml": "SPARQL_Results_XML",
  "text/csv": "SPARQL_Results_CSV",
  "text/tab-separated-values": "SPARQL_Results_TSV",
  "text/turtle": "Turtle",
  "application/n-triples": "N-Triples",
  "application/n-quads": "N-Quads",
  "application/ld+json": "JSON-LD",
  "application/trig": "TriG",
  "application/rdf+xml": "RDF_XML",
};

/**
 * The server's address as the client reached it: `X-Forwarded-Proto` and `X-Forwarded-Host` (first values) when a
 * proxy sets them, else the `Host` header, else `listening` (the address it listens on). A malformed host is ignored.
 */
export function publicBase(req: IncomingMessage, listening: string): string {
  const first = (h: string | string[] | undefined): string | undefined =>
    (Array.isArray(h) ? h[0] : h)?.split(",")[0]?.trim() || undefined;
  const host = [first(req.headers["x-forwarded-host"]), req.headers.host].find(
    (h) => h !== undefined && /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(h),
  );
  if (host === undefined) return listening;
  const proto = first(req.headers["x-forwarded-proto"])?.toLowerCase();
  return `${proto === "https" || proto === "http" ? proto : "http"}://${host}/`;
}

/** The index document at `/`: the endpoints (at the address the server listens on) and the public graphs. */
export function indexDocument(
  url: string,
  federation: Federation | undefined,
  graphs: readonly GraphInfo[],
): Record<string, unknown> {
  return {
    name: "Vivant: live-performance programming as linked open data",
    sparql: `${url}sparql`,
    graphStore: `${url}graph-store?graph={graph IRI}`,
    catalog: `${url}catalog`,
    reconcile: `${url}reconcile`,
    api: {
      performances: `${url}api/performances{?from,to,city,region,near,genre,type,venue,performer,lang,accessibility,free,maxPrice,q,tz,limit,cursor}`,
      calendar: `${url}api/performances.ics{?…filters,production,series}`,
      facets: `${url}api/performances/facets{?facet,…filters}`,
      stats: `${url}api/stats{?…filters}`,
      ...(federation
        ? {
            federation: {
              performances: `${url}api/federation/performances{?…filters,limit,cursor}`,
              facets: `${url}api/federation/performances/facets{?facet,…filters}`,
              page: `${url}federation`,
              nodes: federation.nodes.map((n) => n.url),
            },
          }
        : {}),
    },
    graphs: graphs.map((g) => ({
      graph: g.graphIri,
      publisher: g.publisherId,
      licence: g.licenceIri,
      modified: g.modified,
      triples: g.triples,
    })),
  };
}

/** The SPARQL 1.1 Service Description of the endpoint at `base`, with the named graphs everyone may read. */
export function serviceDescription(base: string, unionDefaultGraph: boolean, graphs: readonly GraphInfo[]): Quad[] {
  const { namedNode: n, blankNode: b, literal, quad } = DataFactory;
  const out: Quad[] = [];
  const add = (s: Quad["subject"], p: string, o: Quad["object"]): void => void out.push(quad(s, n(p), o));
  const endpoint = `${base}sparql`;
  const service = n(`${endpoint}#service`);
  const type = n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
  out.push(quad(service, type, n(`${SD}Service`)));
  add(service, `${SD}endpoint`, n(endpoint));
  // The node's DCAT-AP catalog (datasets, distributions, policies).
  add(service, "http://www.w3.org/2000/01/rdf-schema#seeAlso", n(`${base}catalog`));
  add(service, `${SD}supportedLanguage`, n(`${SD}SPARQL11Query`));
  for (const f of [...RESULTS_OFFERS, ...GRAPH_OFFERS])
    add(service, `${SD}resultFormat`, n(`${FORMATS}${FORMAT_IRI[f]}`));
  if (unionDefaultGraph) add(service, `${SD}feature`, n(`${SD}UnionDefaultGraph`));
  const dataset = b("dataset");
  add(service, `${SD}defaultDataset`, dataset);
  add(dataset, type.value, n(`${SD}Dataset`));
  const dflt = b("default");
  add(dataset, `${SD}defaultGraph`, dflt);
  add(dflt, type.value, n(`${SD}Graph`));
  for (const g of [{ graphIri: CATALOG_GRAPH, triples: undefined as number | undefined }, ...graphs]) {
    const ng = b();
    add(dataset, `${SD}namedGraph`, ng);
    add(ng, type.value, n(`${SD}NamedGraph`));
    add(ng, `${SD}name`, n(g.graphIri));
    if (g.triples !== undefined) {
      const graph = b();
      add(ng, `${SD}graph`, graph);
      add(graph, type.value, n(`${SD}Graph`));
      add(
        graph,
        "http://rdfs.org/ns/void#triples",
        literal(String(g.triples), n("http://www.w3.org/2001/XMLSchema#integer")),
      );
    }
  }
  return out;
}

const DESCRIPTION_OFFERS = ["text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"];

/** GET /sparql without a query: the service description (`quads`) in the negotiated format. */
export async function handleDescribe(
  req: IncomingMessage,
  res: ServerResponse,
  listening: string,
  quads: () => Quad[],
): Promise<void> {
  const url = new URL(req.url ?? "/", listening);
  const formats = [...url.searchParams.getAll("format"), ...url.searchParams.getAll("output")];
  const type = chooseMediaType(formats, req.headers.accept, DESCRIPTION_OFFERS, GRAPH_ALIASES, GRAPH_FORMAT_NAMES);
  if (!type)
    throw new HttpError(406, "request/not-acceptable", tx("sparql/description-not-acceptable"), {
      hint: tx("request/accept-one-of", { list: DESCRIPTION_OFFERS.join(", ") }),
    });
  const all = quads();
  const body =
    type === "application/ld+json"
      ? JSON.stringify(await quadsToJsonLd(all))
      : type === "application/rdf+xml"
        ? serializeTriples(all, "application/rdf+xml")
        : await serializeRdf(all, type === "text/turtle" ? "turtle" : "ntriples", { sd: SD });
  send(res, 200, type, body);
}
