// The catalog graph: each publisher graph described with DCAT and VoID (licence, modified, triple count, source).

import { DataFactory } from "n3";
import type { Quad, Quad_Object, NamedNode } from "@rdfjs/types";
import { DCAT, DCTERMS, RDF_TYPE, VIVANT, VOID, XSD } from "../vocab.js";
import { namespacesOf } from "./ownership.js";
import type { GraphInfo } from "./types.js";

const { namedNode, literal, quad } = DataFactory;

/** The named graph (and the dcat:Catalog resource) that describes every publisher graph. */
export const CATALOG_GRAPH = "https://vivant.dev/catalog";

const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|^`\\]*$/;

/** The catalog's triples for the given graphs, in the default graph (the store puts them in CATALOG_GRAPH). */
export function catalogQuads(graphs: readonly GraphInfo[], catalogIri = CATALOG_GRAPH): Quad[] {
  const out: Quad[] = [];
  const cat = namedNode(catalogIri);
  const add = (s: NamedNode, p: string, o: Quad_Object) => out.push(quad(s, namedNode(p), o));
  add(cat, RDF_TYPE, namedNode(`${DCAT}Catalog`));
  add(cat, `${DCTERMS}title`, literal("Vivant: publisher graphs", "en"));
  add(cat, `${DCTERMS}title`, literal("Vivant : graphes des diffuseurs", "fr"));
  for (const g of [...graphs].sort((a, b) => a.graphIri.localeCompare(b.graphIri))) {
    const d = namedNode(g.graphIri);
    add(cat, `${DCAT}dataset`, d);
    add(d, RDF_TYPE, namedNode(`${DCAT}Dataset`));
    add(d, RDF_TYPE, namedNode(`${VOID}Dataset`));
    if (g.publisherId !== undefined) add(d, `${VIVANT}publisherId`, literal(g.publisherId));
    if (g.title !== undefined) add(d, `${DCTERMS}title`, literal(g.title));
    if (ABSOLUTE_IRI.test(g.licenceIri)) add(d, `${DCTERMS}license`, namedNode(g.licenceIri));
    else add(d, `${DCTERMS}license`, literal(g.licence));
    add(d, `${DCTERMS}modified`, literal(g.modified, namedNode(`${XSD}dateTime`)));
    add(d, `${VOID}triples`, literal(String(g.triples), namedNode(`${XSD}integer`)));
    add(d, `${VIVANT}version`, literal(String(g.version), namedNode(`${XSD}integer`)));
    // The IRIs this graph owns: its base IRI and the namespaces its publisher registered (src/store/ownership.ts).
    for (const ns of namespacesOf(g)) add(d, `${VOID}uriSpace`, literal(ns));
    if (g.source !== undefined) {
      add(d, `${DCTERMS}source`, ABSOLUTE_IRI.test(g.source) ? namedNode(g.source) : literal(g.source));
    }
  }
  return out;
}
