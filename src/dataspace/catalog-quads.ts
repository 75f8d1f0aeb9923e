// The catalog's vocabularies (ODRL, FOAF, SPDX, LOCN, the SPARQL service description, IANA media types) and the
// writer of its quads: each resource typed once, fragments under the catalog's IRI, the quads grouped by subject.

import type { NamedNode, Quad, Quad_Object } from "@rdfjs/types";
import { DataFactory } from "n3";
import { DCTERMS, DCAT, RDF_TYPE, RDFS } from "../vocab.js";

const { namedNode, quad } = DataFactory;

export const ODRL = "http://www.w3.org/ns/odrl/2/";
export const FOAF = "http://xmlns.com/foaf/0.1/";
export const SPDX = "http://spdx.org/rdf/terms#";
export const LOCN = "http://www.w3.org/ns/locn#";
export const SD = "http://www.w3.org/ns/sparql-service-description#";
export const IANA = "http://www.iana.org/assignments/media-types/";

/** The quads of one catalog being written, and the types already given. */
export class CatalogQuads {
  readonly #out: Quad[] = [];
  readonly #typed = new Set<string>();
  /** The server's address as the client reached it, ending in `/`. */
  readonly base: string;

  constructor(base: string) {
    this.base = base;
  }

  /** The quads grouped by subject (stable), so that Turtle writes each resource once. */
  quads(): Quad[] {
    const order = new Map<string, number>();
    for (const q of this.#out) if (!order.has(q.subject.value)) order.set(q.subject.value, order.size);
    return this.#out
      .map((q, i) => ({ q, i }))
      .sort((x, y) => order.get(x.q.subject.value)! - order.get(y.q.subject.value)! || x.i - y.i)
      .map((x) => x.q);
  }

  c(frag: string): NamedNode {
    return namedNode(`${this.base}catalog#${frag}`);
  }

  add(s: NamedNode, p: string, o: Quad_Object): void {
    this.#out.push(quad(s, namedNode(p), o));
  }

  /** Types a resource once (the DCAT-AP shapes check the class of every value: no inference). */
  once(s: NamedNode, ...types: string[]): NamedNode {
    for (const t of types) {
      const k = `${s.value} ${t}`;
      if (!this.#typed.has(k)) {
        this.#typed.add(k);
        this.add(s, RDF_TYPE, namedNode(t));
      }
    }
    return s;
  }

  resource(iri: string): NamedNode {
    return this.once(namedNode(iri), `${RDFS}Resource`);
  }

  mediaType(s: NamedNode, type: string): void {
    this.add(s, `${DCAT}mediaType`, this.once(namedNode(`${IANA}${type}`), `${DCTERMS}MediaType`));
  }
}
