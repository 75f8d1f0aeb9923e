// The catalog a Vivant node publishes at /catalog: DCAT-AP 3.0 (one dcat:Dataset per publisher graph, its
// distributions and data services) with an ODRL policy on each dataset, distribution and service, in the shape the
// Dataspace Protocol's catalog expects (DCAT + ODRL Offers with an @id). Built per request from the graphs' facts
// and their coverage; checked by test/dataspace/catalog.test.ts with the pinned DCAT-AP shapes (shapes/dcat-ap/).

import { createHash } from "node:crypto";
import type { NamedNode, Quad } from "@rdfjs/types";
import { DataFactory } from "n3";
import type { GraphInfo } from "../store/types.js";
import { DCAT, DCTERMS, RDF_TYPE, RDFS, SKOS, VIVANT, VOID, XSD } from "../vocab.js";
import { namespacesOf } from "../store/ownership.js";
import { writeDistributions, type Dist, type DistributionWriter } from "./catalog-distributions.js";
import { writePolicy } from "./catalog-policy.js";
import { CatalogQuads, FOAF, LOCN, ODRL, SD, SPDX } from "./catalog-quads.js";

const { namedNode, literal } = DataFactory;
const ACCESS_RIGHT = "http://publications.europa.eu/resource/authority/access-right/";
const GEOSPARQL_WKT = "http://www.opengis.net/ont/geosparql#wktLiteral";

/** The prefixes the catalog is written with (Turtle, and the JSON-LD context). */
export const CATALOG_PREFIXES: Readonly<Record<string, string>> = {
  dcat: DCAT,
  dct: DCTERMS,
  odrl: ODRL,
  foaf: FOAF,
  spdx: SPDX,
  locn: LOCN,
  void: VOID,
  xsd: XSD,
  rdfs: RDFS,
  skos: SKOS,
  vivant: VIVANT,
  sd: SD,
};

/** What the graph's data covers: its performances' first and last start, its venues' regions and bounding box. */
export interface DatasetCoverage {
  /** Lexical form of the earliest `schema:startDate` (xsd:dateTime or xsd:date). */
  readonly first?: string;
  readonly last?: string;
  /** The venues' `schema:addressRegion`s, sorted. */
  readonly regions: readonly string[];
  readonly bbox?: {
    readonly minLat: number;
    readonly maxLat: number;
    readonly minLon: number;
    readonly maxLon: number;
  };
}

/** Who may read a graph: everyone, or only the named partners (read tokens scoped to the graph). */
export type DatasetAccess =
  { readonly public: true } | { readonly public: false; readonly partners: readonly string[] };

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

/** The DCAT-AP catalog of the node, as quads in the default graph. */
export function dcatCatalog(input: CatalogInput): Quad[] {
  const w = new CatalogWriter(input);
  for (const g of [...input.graphs].sort((x, y) => x.graphIri.localeCompare(y.graphIri))) w.dataset(g);
  return w.quads();
}

/** One catalog being written: its quads, the types already given, and the services every dataset shares. */
class CatalogWriter extends CatalogQuads implements DistributionWriter {
  readonly input: CatalogInput;
  readonly #access: (graphIri: string) => DatasetAccess;
  readonly #canRead: (graphIri: string) => boolean;
  readonly catalog: NamedNode;
  readonly sparql: NamedNode;
  readonly gsp: NamedNode;

  constructor(input: CatalogInput) {
    super(input.base);
    this.input = input;
    const access = input.access ?? (() => ({ public: true }) as const);
    this.#access = access;
    this.#canRead = input.canRead ?? ((g: string) => access(g).public);
    this.catalog = namedNode(`${this.base}catalog`);
    this.#header();
    // The services: one SPARQL endpoint and one Graph Store for every readable dataset; a change feed per dataset.
    this.sparql = this.#sparqlService();
    this.gsp = this.#graphStoreService();
    this.add(this.catalog, `${DCAT}service`, this.sparql);
    this.add(this.catalog, `${DCAT}service`, this.gsp);
  }

  #header(): void {
    const catalog = this.catalog;
    const base = this.base;
    this.add(catalog, RDF_TYPE, namedNode(`${DCAT}Catalog`));
    this.add(catalog, `${DCTERMS}title`, literal("Vivant: live-performance programming", "en"));
    this.add(catalog, `${DCTERMS}title`, literal("Vivant : programmation du spectacle vivant", "fr"));
    this.add(
      catalog,
      `${DCTERMS}description`,
      literal(
        "The publisher graphs this Vivant node holds: each venue's or network's programme (performances, productions, venues, offers) as schema.org linked data, with how to get it and the terms of its use.",
        "en",
      ),
    );
    this.add(
      catalog,
      `${DCTERMS}description`,
      literal(
        "Les graphes des diffuseurs que tient ce nœud Vivant : la programmation de chaque lieu ou réseau (représentations, productions, lieux, tarifs) en données liées schema.org, avec les moyens de l'obtenir et ses conditions d'usage.",
        "fr",
      ),
    );
    const node = this.once(this.c("node"), `${FOAF}Agent`, `${ODRL}Party`);
    this.add(node, `${FOAF}name`, literal(`Vivant node ${base}`));
    this.add(catalog, `${DCTERMS}publisher`, node);
    const home = this.once(namedNode(base), `${FOAF}Document`);
    this.add(catalog, `${FOAF}homepage`, home);
    const modified = this.input.graphs
      .filter((g) => this.#canRead(g.graphIri))
      .map((g) => g.modified)
      .sort()
      .at(-1);
    if (modified !== undefined) this.add(catalog, `${DCTERMS}modified`, literal(modified, namedNode(`${XSD}dateTime`)));
  }

  #sparqlService(): NamedNode {
    const base = this.base;
    const sparql = this.once(namedNode(`${base}sparql#service`), `${DCAT}DataService`, `${SD}Service`);
    this.add(sparql, `${DCTERMS}title`, literal("SPARQL 1.1 query endpoint", "en"));
    this.add(sparql, `${DCTERMS}title`, literal("Point d'accès SPARQL 1.1", "fr"));
    this.add(sparql, `${DCAT}endpointURL`, this.resource(`${base}sparql`));
    this.add(sparql, `${DCAT}endpointDescription`, this.resource(`${base}sparql`));
    this.add(
      sparql,
      `${DCTERMS}conformsTo`,
      this.once(namedNode("https://www.w3.org/TR/sparql11-protocol/"), `${DCTERMS}Standard`),
    );
    return sparql;
  }

  #graphStoreService(): NamedNode {
    const base = this.base;
    const gsp = this.once(namedNode(`${base}graph-store#service`), `${DCAT}DataService`);
    this.add(gsp, `${DCTERMS}title`, literal("SPARQL 1.1 Graph Store (GET a publisher graph)", "en"));
    this.add(gsp, `${DCTERMS}title`, literal("Graph Store SPARQL 1.1 (GET du graphe d'un diffuseur)", "fr"));
    this.add(gsp, `${DCAT}endpointURL`, this.resource(`${base}graph-store`));
    this.add(
      gsp,
      `${DCTERMS}conformsTo`,
      this.once(namedNode("https://www.w3.org/TR/sparql11-http-rdf-update/"), `${DCTERMS}Standard`),
    );
    return gsp;
  }

  /** One publisher graph: its dataset, publisher, licence and policy; the rest only when the caller may read it. */
  dataset(g: GraphInfo): void {
    const id = datasetId(g);
    const d = namedNode(g.graphIri);
    const rule = this.#access(g.graphIri);
    this.add(this.catalog, `${DCAT}dataset`, d);
    this.once(d, `${DCAT}Dataset`, `${VOID}Dataset`);
    const name = g.title ?? g.publisherId ?? g.graphIri;
    this.add(d, `${DCTERMS}title`, literal(name));
    this.add(d, `${DCTERMS}identifier`, literal(g.graphIri));
    const publisher = this.once(this.c(`publisher-${id}`), `${FOAF}Agent`, `${ODRL}Party`);
    this.add(publisher, `${FOAF}name`, literal(name));
    if (g.publisherId !== undefined) this.add(publisher, `${VIVANT}publisherId`, literal(g.publisherId));
    this.add(d, `${DCTERMS}publisher`, publisher);
    if (g.publisherId !== undefined) this.add(d, `${VIVANT}publisherId`, literal(g.publisherId));
    const rights = this.once(
      namedNode(`${ACCESS_RIGHT}${rule.public ? "PUBLIC" : "RESTRICTED"}`),
      `${DCTERMS}RightsStatement`,
    );
    this.add(d, `${DCTERMS}accessRights`, rights);
    const licence = ABSOLUTE_IRI.test(g.licenceIri) ? namedNode(g.licenceIri) : this.c(`licence-${id}`);
    this.once(licence, `${DCTERMS}LicenseDocument`);
    if (!ABSOLUTE_IRI.test(g.licenceIri)) this.add(licence, `${RDFS}label`, literal(g.licence));
    this.add(d, `${DCTERMS}license`, licence);
    const policy = writePolicy(this, id, rule, publisher, licence);
    this.add(d, `${ODRL}hasPolicy`, policy);

    if (!this.#canRead(g.graphIri)) {
      this.add(
        d,
        `${DCTERMS}description`,
        literal(`Programme of ${name}, shared with named partners only: ask the publisher for access.`, "en"),
      );
      this.add(
        d,
        `${DCTERMS}description`,
        literal(
          `Programmation de ${name}, partagée avec des partenaires nommés seulement : demandez l'accès au diffuseur.`,
          "fr",
        ),
      );
      return;
    }
    this.#facts(g, d, name);
    this.#coverage(g, d, id);
    const dist: Dist = { g, d, id, name, licence, policy };
    writeDistributions(this, dist);
    for (const svc of [this.sparql, this.gsp]) {
      this.add(svc, `${DCAT}servesDataset`, d);
      this.add(svc, `${ODRL}hasPolicy`, policy);
    }
  }

  /** Description, version, size, namespaces and source of a readable dataset. */
  #facts(g: GraphInfo, d: NamedNode, name: string): void {
    this.add(
      d,
      `${DCTERMS}description`,
      literal(`Live-performance programme of ${name}: ${g.triples} triples, version ${g.version}.`, "en"),
    );
    this.add(
      d,
      `${DCTERMS}description`,
      literal(`Programmation de ${name} : ${g.triples} triplets, version ${g.version}.`, "fr"),
    );
    this.add(d, `${DCTERMS}modified`, literal(g.modified, namedNode(`${XSD}dateTime`)));
    this.add(d, `${DCAT}version`, literal(String(g.version)));
    this.add(d, `${VOID}triples`, literal(String(g.triples), namedNode(`${XSD}integer`)));
    this.add(d, `${VIVANT}version`, literal(String(g.version), namedNode(`${XSD}integer`)));
    for (const ns of namespacesOf(g)) this.add(d, `${VOID}uriSpace`, literal(ns));
    if (g.source !== undefined && ABSOLUTE_IRI.test(g.source))
      this.add(d, `${DCTERMS}source`, this.once(namedNode(g.source), `${DCAT}Dataset`));
    else if (g.source !== undefined) this.add(d, `${VIVANT}source`, literal(g.source));
  }

  /** Spatial (regions, bounding box) and temporal (first and last performance) coverage. */
  #coverage(g: GraphInfo, d: NamedNode, id: string): void {
    const cov = this.input.coverage?.get(g.graphIri);
    if (!cov) return;
    for (const [i, region] of cov.regions.entries()) {
      const loc = this.once(this.c(`spatial-${id}-${i}`), `${DCTERMS}Location`);
      this.add(loc, `${SKOS}prefLabel`, literal(region));
      this.add(loc, `${LOCN}geographicName`, literal(region));
      this.add(d, `${DCTERMS}spatial`, loc);
    }
    if (cov.bbox) {
      const { minLat, maxLat, minLon, maxLon } = cov.bbox;
      const loc = this.once(this.c(`spatial-${id}-bbox`), `${DCTERMS}Location`);
      this.add(
        loc,
        `${DCAT}bbox`,
        literal(
          `POLYGON((${minLon} ${minLat}, ${maxLon} ${minLat}, ${maxLon} ${maxLat}, ${minLon} ${maxLat}, ${minLon} ${minLat}))`,
          namedNode(GEOSPARQL_WKT),
        ),
      );
      this.add(d, `${DCTERMS}spatial`, loc);
    }
    if (cov.first !== undefined && cov.last !== undefined) {
      const period = this.once(this.c(`temporal-${id}`), `${DCTERMS}PeriodOfTime`);
      const dt = (v: string) => literal(v, namedNode(`${XSD}${v.includes("T") ? "dateTime" : "date"}`));
      this.add(period, `${DCAT}startDate`, dt(cov.first));
      this.add(period, `${DCAT}endDate`, dt(cov.last));
      this.add(d, `${DCTERMS}temporal`, period);
    }
  }
}
