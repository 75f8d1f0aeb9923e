// The catalog a Vivant node publishes at /catalog: DCAT-AP 3.0 (one dcat:Dataset per publisher graph, its
// distributions and data services) with an ODRL policy on each dataset, distribution and service, in the shape the
// Dataspace Protocol's catalog expects (DCAT + ODRL Offers with an @id). Built per request from the graphs' facts
// and their coverage; checked by test/dataspace/catalog.test.ts with the pinned DCAT-AP shapes (shapes/dcat-ap/).

import { createHash } from "node:crypto";
import type { NamedNode, Quad, Quad_Object } from "@rdfjs/types";
import { DataFactory } from "n3";
import type { GraphInfo } from "../store/types.js";
import { DCAT, DCTERMS, RDF_TYPE, RDFS, SKOS, VIVANT, VOID, XSD } from "../vocab.js";
import { namespacesOf } from "../store/ownership.js";

const { namedNode, literal, quad } = DataFactory;

export const ODRL = "http://www.w3.org/ns/odrl/2/";
export const FOAF = "http://xmlns.com/foaf/0.1/";
export const SPDX = "http://spdx.org/rdf/terms#";
export const LOCN = "http://www.w3.org/ns/locn#";
export const SD = "http://www.w3.org/ns/sparql-service-description#";
const IANA = "http://www.iana.org/assignments/media-types/";
const ACCESS_RIGHT = "http://publications.europa.eu/resource/authority/access-right/";
const GEOSPARQL_WKT = "http://www.opengis.net/ont/geosparql#wktLiteral";

/** The prefixes the catalog is written with (Turtle, and the JSON-LD context). */
export const CATALOG_PREFIXES: Readonly<Record<string, string>> = {
  dcat: DCAT, dct: DCTERMS, odrl: ODRL, foaf: FOAF, spdx: SPDX, locn: LOCN, void: VOID, xsd: XSD, rdfs: RDFS, skos: SKOS, vivant: VIVANT, sd: SD,
};

/** What the graph's data covers: its performances' first and last start, its venues' regions and bounding box. */
export interface DatasetCoverage {
  /** Lexical form of the earliest `schema:startDate` (xsd:dateTime or xsd:date). */
  readonly first?: string;
  readonly last?: string;
  /** The venues' `schema:addressRegion`s, sorted. */
  readonly regions: readonly string[];
  readonly bbox?: { readonly minLat: number; readonly maxLat: number; readonly minLon: number; readonly maxLon: number };
}

/** Who may read a graph: everyone, or only the named partners (read tokens scoped to the graph). */
export type DatasetAccess = { readonly public: true } | { readonly public: false; readonly partners: readonly string[] };

/** A downloadable file of a dataset (a dump), as its manifest describes it. */
export interface DumpFile {
  /** Path under the server's base, e.g. `dumps/reseau-scenes/reseau-scenes-v3.nq.gz`. */
  readonly path: string;
  readonly mediaType: string;
  /** The compression's media type (`application/gzip`) when compressed. */
  readonly compressFormat?: string;
  readonly byteSize: number;
  readonly triples: number;
  readonly sha256: string;
  readonly version: number;
  readonly modified: string;
}

export interface CatalogInput {
  /** The server's address as the client reached it, ending in `/`. */
  readonly base: string;
  readonly graphs: readonly GraphInfo[];
  readonly coverage?: ReadonlyMap<string, DatasetCoverage>;
  /** Each graph's dump files (latest version). */
  readonly dumps?: ReadonlyMap<string, readonly DumpFile[]>;
  /** Whether each graph has a change feed (`feed/<id>`). @default false */
  readonly feeds?: boolean;
  /** @default every graph public */
  readonly access?: (graphIri: string) => DatasetAccess;
  /**
   * Whether the caller may read a graph: a restricted graph the caller may not read is listed with its title,
   * publisher, access rights and policy only (no counts, coverage, distributions).
   * @default everyone reads everything public, nothing restricted
   */
  readonly canRead?: (graphIri: string) => boolean;
}

/** A short, stable, URL-safe id for a graph: its publisher id when it is one, else a hash of its IRI. */
export function datasetId(g: Pick<GraphInfo, "graphIri" | "publisherId">): string {
  if (g.publisherId !== undefined && /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(g.publisherId)) return g.publisherId;
  return `g-${createHash("sha256").update(g.graphIri).digest("hex").slice(0, 16)}`;
}

const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|^`\\]*$/;

/** The licences Vivant knows, by IRI: whether they ask for attribution and for share-alike. */
function licenceTerms(iri: string): { attribution: boolean; shareAlike: boolean } {
  if (/publicdomain\/zero/.test(iri)) return { attribution: false, shareAlike: false };
  if (/by-sa|odbl|opendatacommons\.org\/licenses\/odbl/i.test(iri)) return { attribution: true, shareAlike: true };
  return { attribution: true, shareAlike: false };
}

/** The DCAT-AP catalog of the node, as quads in the default graph. */
export function dcatCatalog(input: CatalogInput): Quad[] {
  const out: Quad[] = [];
  const base = input.base;
  const c = (frag: string): NamedNode => namedNode(`${base}catalog#${frag}`);
  const add = (s: NamedNode, p: string, o: Quad_Object): void => void out.push(quad(s, namedNode(p), o));
  const a = (s: NamedNode, type: string): void => add(s, RDF_TYPE, namedNode(type));
  const typed = new Set<string>();
  /** Types a resource once (the DCAT-AP shapes check the class of every value: no inference). */
  const once = (s: NamedNode, ...types: string[]): NamedNode => {
    for (const t of types) {
      const k = `${s.value} ${t}`;
      if (!typed.has(k)) {
        typed.add(k);
        a(s, t);
      }
    }
    return s;
  };
  const resource = (iri: string): NamedNode => once(namedNode(iri), `${RDFS}Resource`);
  const access = input.access ?? (() => ({ public: true }) as const);
  const canRead = input.canRead ?? ((g: string) => access(g).public);

  const catalog = namedNode(`${base}catalog`);
  a(catalog, `${DCAT}Catalog`);
  add(catalog, `${DCTERMS}title`, literal("Vivant: live-performance programming", "en"));
  add(catalog, `${DCTERMS}title`, literal("Vivant : programmation du spectacle vivant", "fr"));
  add(catalog, `${DCTERMS}description`, literal("The publisher graphs this Vivant node holds: each venue's or network's programme (performances, productions, venues, offers) as schema.org linked data, with how to get it and the terms of its use.", "en"));
  add(catalog, `${DCTERMS}description`, literal("Les graphes des diffuseurs que tient ce nœud Vivant : la programmation de chaque lieu ou réseau (représentations, productions, lieux, tarifs) en données liées schema.org, avec les moyens de l'obtenir et ses conditions d'usage.", "fr"));
  const node = once(c("node"), `${FOAF}Agent`, `${ODRL}Party`);
  add(node, `${FOAF}name`, literal(`Vivant node ${base}`));
  add(catalog, `${DCTERMS}publisher`, node);
  const home = once(namedNode(base), `${FOAF}Document`);
  add(catalog, `${FOAF}homepage`, home);
  const modified = input.graphs.filter((g) => canRead(g.graphIri)).map((g) => g.modified).sort().at(-1);
  if (modified !== undefined) add(catalog, `${DCTERMS}modified`, literal(modified, namedNode(`${XSD}dateTime`)));

  // The services: one SPARQL endpoint and one Graph Store for every readable dataset; a change feed per dataset.
  const sparql = once(namedNode(`${base}sparql#service`), `${DCAT}DataService`, `${SD}Service`);
  add(sparql, `${DCTERMS}title`, literal("SPARQL 1.1 query endpoint", "en"));
  add(sparql, `${DCTERMS}title`, literal("Point d'accès SPARQL 1.1", "fr"));
  add(sparql, `${DCAT}endpointURL`, resource(`${base}sparql`));
  add(sparql, `${DCAT}endpointDescription`, resource(`${base}sparql`));
  add(sparql, `${DCTERMS}conformsTo`, once(namedNode("https://www.w3.org/TR/sparql11-protocol/"), `${DCTERMS}Standard`));
  const gsp = once(namedNode(`${base}graph-store#service`), `${DCAT}DataService`);
  add(gsp, `${DCTERMS}title`, literal("SPARQL 1.1 Graph Store (GET a publisher graph)", "en"));
  add(gsp, `${DCTERMS}title`, literal("Graph Store SPARQL 1.1 (GET du graphe d'un diffuseur)", "fr"));
  add(gsp, `${DCAT}endpointURL`, resource(`${base}graph-store`));
  add(gsp, `${DCTERMS}conformsTo`, once(namedNode("https://www.w3.org/TR/sparql11-http-rdf-update/"), `${DCTERMS}Standard`));
  add(catalog, `${DCAT}service`, sparql);
  add(catalog, `${DCAT}service`, gsp);

  for (const g of [...input.graphs].sort((x, y) => x.graphIri.localeCompare(y.graphIri))) {
    const id = datasetId(g);
    const d = namedNode(g.graphIri);
    const rule = access(g.graphIri);
    const full = canRead(g.graphIri);
    add(catalog, `${DCAT}dataset`, d);
    once(d, `${DCAT}Dataset`, `${VOID}Dataset`);
    const name = g.title ?? g.publisherId ?? g.graphIri;
    add(d, `${DCTERMS}title`, literal(name));
    add(d, `${DCTERMS}identifier`, literal(g.graphIri));
    const publisher = once(c(`publisher-${id}`), `${FOAF}Agent`, `${ODRL}Party`);
    add(publisher, `${FOAF}name`, literal(name));
    if (g.publisherId !== undefined) add(publisher, `${VIVANT}publisherId`, literal(g.publisherId));
    add(d, `${DCTERMS}publisher`, publisher);
    if (g.publisherId !== undefined) add(d, `${VIVANT}publisherId`, literal(g.publisherId));
    const rights = once(namedNode(`${ACCESS_RIGHT}${rule.public ? "PUBLIC" : "RESTRICTED"}`), `${DCTERMS}RightsStatement`);
    add(d, `${DCTERMS}accessRights`, rights);
    const licence = ABSOLUTE_IRI.test(g.licenceIri) ? namedNode(g.licenceIri) : c(`licence-${id}`);
    once(licence, `${DCTERMS}LicenseDocument`);
    if (!ABSOLUTE_IRI.test(g.licenceIri)) add(licence, `${RDFS}label`, literal(g.licence));
    add(d, `${DCTERMS}license`, licence);

    // The policy: what a reader may do with the data (one Offer per dataset, as the Dataspace Protocol lists them).
    const policy = once(c(`policy-${id}`), `${ODRL}Offer`, `${ODRL}Policy`);
    add(policy, `${ODRL}uid`, c(`policy-${id}`));
    add(policy, `${ODRL}assigner`, publisher);
    add(policy, `${DCTERMS}license`, licence);
    const terms = licenceTerms(licence.value);
    const partners = rule.public ? [] : rule.partners.map((p) => once(c(`partner-${encodeURIComponent(p)}`), `${ODRL}Party`, `${FOAF}Agent`));
    for (const p of partners) add(p, `${FOAF}name`, literal(p.value.slice(p.value.lastIndexOf("partner-") + 8)));
    for (const action of ["display", "index", "reproduce", "derive", ...(rule.public ? ["distribute"] : [])]) {
      const perm = once(c(`policy-${id}-${action}`), `${ODRL}Permission`);
      add(policy, `${ODRL}permission`, perm);
      add(perm, `${ODRL}action`, namedNode(`${ODRL}${action}`));
      for (const p of partners) add(perm, `${ODRL}assignee`, p);
      if (terms.attribution && (action === "reproduce" || action === "derive" || action === "distribute" || action === "display")) {
        const duty = once(c(`policy-${id}-${action}-attribute`), `${ODRL}Duty`);
        add(duty, `${ODRL}action`, namedNode(`${ODRL}attribute`));
        add(duty, `${ODRL}attributedParty`, publisher);
        add(perm, `${ODRL}duty`, duty);
      }
      if (terms.shareAlike && (action === "derive" || action === "distribute")) {
        const duty = once(c(`policy-${id}-${action}-share-alike`), `${ODRL}Duty`);
        add(duty, `${ODRL}action`, namedNode(`${ODRL}nextPolicy`));
        add(duty, `${ODRL}target`, licence);
        add(perm, `${ODRL}duty`, duty);
      }
    }
    if (!rule.public) {
      // Shared with named partners: passing the data on to anyone else is not permitted.
      const no = once(c(`policy-${id}-no-distribute`), `${ODRL}Prohibition`);
      add(policy, `${ODRL}prohibition`, no);
      add(no, `${ODRL}action`, namedNode(`${ODRL}distribute`));
    }
    add(d, `${ODRL}hasPolicy`, policy);

    if (!full) {
      add(d, `${DCTERMS}description`, literal(`Programme of ${name}, shared with named partners only: ask the publisher for access.`, "en"));
      add(d, `${DCTERMS}description`, literal(`Programmation de ${name}, partagée avec des partenaires nommés seulement : demandez l'accès au diffuseur.`, "fr"));
      continue;
    }
    add(d, `${DCTERMS}description`, literal(`Live-performance programme of ${name}: ${g.triples} triples, version ${g.version}.`, "en"));
    add(d, `${DCTERMS}description`, literal(`Programmation de ${name} : ${g.triples} triplets, version ${g.version}.`, "fr"));
    add(d, `${DCTERMS}modified`, literal(g.modified, namedNode(`${XSD}dateTime`)));
    add(d, `${DCAT}version`, literal(String(g.version)));
    add(d, `${VOID}triples`, literal(String(g.triples), namedNode(`${XSD}integer`)));
    add(d, `${VIVANT}version`, literal(String(g.version), namedNode(`${XSD}integer`)));
    for (const ns of namespacesOf(g)) add(d, `${VOID}uriSpace`, literal(ns));
    if (g.source !== undefined && ABSOLUTE_IRI.test(g.source)) add(d, `${DCTERMS}source`, once(namedNode(g.source), `${DCAT}Dataset`));
    else if (g.source !== undefined) add(d, `${VIVANT}source`, literal(g.source));

    const cov = input.coverage?.get(g.graphIri);
    if (cov) {
      for (const [i, region] of cov.regions.entries()) {
        const loc = once(c(`spatial-${id}-${i}`), `${DCTERMS}Location`);
        add(loc, `${SKOS}prefLabel`, literal(region));
        add(loc, `${LOCN}geographicName`, literal(region));
        add(d, `${DCTERMS}spatial`, loc);
      }
      if (cov.bbox) {
        const { minLat, maxLat, minLon, maxLon } = cov.bbox;
        const loc = once(c(`spatial-${id}-bbox`), `${DCTERMS}Location`);
        add(loc, `${DCAT}bbox`, literal(`POLYGON((${minLon} ${minLat}, ${maxLon} ${minLat}, ${maxLon} ${maxLat}, ${minLon} ${maxLat}, ${minLon} ${minLat}))`, namedNode(GEOSPARQL_WKT)));
        add(d, `${DCTERMS}spatial`, loc);
      }
      if (cov.first !== undefined && cov.last !== undefined) {
        const period = once(c(`temporal-${id}`), `${DCTERMS}PeriodOfTime`);
        const dt = (v: string) => literal(v, namedNode(`${XSD}${v.includes("T") ? "dateTime" : "date"}`));
        add(period, `${DCAT}startDate`, dt(cov.first));
        add(period, `${DCAT}endDate`, dt(cov.last));
        add(d, `${DCTERMS}temporal`, period);
      }
    }

    const distribution = (frag: string, title: string, props: (s: NamedNode) => void): void => {
      const s = once(c(`${frag}-${id}`), `${DCAT}Distribution`);
      add(d, `${DCAT}distribution`, s);
      add(s, `${DCTERMS}title`, literal(title, "en"));
      add(s, `${DCTERMS}license`, licence);
      add(s, `${ODRL}hasPolicy`, policy);
      props(s);
    };
    const mediaType = (s: NamedNode, type: string): void => add(s, `${DCAT}mediaType`, once(namedNode(`${IANA}${type}`), `${DCTERMS}MediaType`));
    distribution("graph-store", "The graph (Graph Store GET, any RDF format by content negotiation)", (s) => {
      add(s, `${DCAT}accessURL`, resource(`${base}graph-store?graph=${encodeURIComponent(g.graphIri)}`));
      add(s, `${DCAT}accessService`, gsp);
      mediaType(s, "text/turtle");
    });
    distribution("sparql", "SPARQL queries over the graph (GRAPH <graph IRI>)", (s) => {
      add(s, `${DCAT}accessURL`, resource(`${base}sparql`));
      add(s, `${DCAT}accessService`, sparql);
    });
    for (const f of input.dumps?.get(g.graphIri) ?? []) {
      const kind = f.path.endsWith(".nq.gz") ? "nquads" : "turtle";
      distribution(`dump-${kind}`, `Dump, version ${f.version} (${kind === "nquads" ? "N-Quads, gzip" : "Turtle"})`, (s) => {
        const url = resource(`${base}${f.path}`);
        add(s, `${DCAT}accessURL`, url);
        add(s, `${DCAT}downloadURL`, url);
        mediaType(s, f.mediaType);
        if (f.compressFormat) add(s, `${DCAT}compressFormat`, once(namedNode(`${IANA}${f.compressFormat}`), `${DCTERMS}MediaType`));
        add(s, `${DCAT}byteSize`, literal(String(f.byteSize), namedNode(`${XSD}nonNegativeInteger`)));
        add(s, `${VOID}triples`, literal(String(f.triples), namedNode(`${XSD}integer`)));
        add(s, `${DCTERMS}modified`, literal(f.modified, namedNode(`${XSD}dateTime`)));
        add(s, `${DCAT}version`, literal(String(f.version)));
        const sum = once(c(`${kind}-checksum-${id}`), `${SPDX}Checksum`);
        add(sum, `${SPDX}algorithm`, once(namedNode(`${SPDX}checksumAlgorithm_sha256`), `${SPDX}ChecksumAlgorithm`));
        add(sum, `${SPDX}checksumValue`, literal(f.sha256, namedNode(`${XSD}hexBinary`)));
        add(s, `${SPDX}checksum`, sum);
      });
    }
    if (input.feeds) {
      const feed = once(namedNode(`${base}feed/${id}#service`), `${DCAT}DataService`);
      add(feed, `${DCTERMS}title`, literal(`Change feed of ${name} (Activity Streams 2.0, paged, in the style of Linked Data Event Streams)`, "en"));
      add(feed, `${DCAT}endpointURL`, resource(`${base}feed/${id}`));
      add(feed, `${DCAT}servesDataset`, d);
      add(feed, `${DCTERMS}conformsTo`, once(namedNode("https://www.w3.org/TR/activitystreams-core/"), `${DCTERMS}Standard`));
      add(feed, `${ODRL}hasPolicy`, policy);
      add(catalog, `${DCAT}service`, feed);
      distribution("feed", "Change feed (Activity Streams 2.0 Create/Update/Delete of entities)", (s) => {
        add(s, `${DCAT}accessURL`, resource(`${base}feed/${id}`));
        add(s, `${DCAT}accessService`, feed);
        mediaType(s, "application/activity+json");
      });
    }
    for (const svc of [sparql, gsp]) {
      add(svc, `${DCAT}servesDataset`, d);
      add(svc, `${ODRL}hasPolicy`, policy);
    }
  }
  // Grouped by subject (stable), so that Turtle writes each resource once.
  const order = new Map<string, number>();
  for (const q of out) if (!order.has(q.subject.value)) order.set(q.subject.value, order.size);
  return out.map((q, i) => ({ q, i })).sort((x, y) => order.get(x.q.subject.value)! - order.get(y.q.subject.value)! || x.i - y.i).map((x) => x.q);
}
