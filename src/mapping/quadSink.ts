// The hot path: records → RDF/JS quads with n3's DataFactory, no JSON-LD processing.

import { DataFactory } from "n3";
import type { NamedNode, Quad } from "@rdfjs/types";
import type { Sink } from "./sink.js";
import type { Origin, RecordRef } from "./types.js";

const { namedNode, literal, quad, defaultGraph } = DataFactory;

interface MutableOrigin extends RecordRef {
  readonly fields: Map<string, string>;
}

export class QuadSink implements Sink {
  readonly quads: Quad[] = [];
  readonly origins = new Map<string, Origin>();
  // Entity IRIs and the current subject repeat constantly: reuse their term objects.
  private readonly terms = new Map<string, NamedNode>();
  private current: { iri: string; node: NamedNode } | undefined;
  private readonly graph = defaultGraph();

  constructor(private readonly trackOrigins: boolean) {}

  private term(iri: string): NamedNode {
    let t = this.terms.get(iri);
    if (!t) {
      t = namedNode(iri);
      this.terms.set(iri, t);
    }
    return t;
  }

  private node(iri: string): NamedNode {
    if (this.current?.iri === iri) return this.current.node;
    const node = namedNode(iri);
    this.current = { iri, node };
    return node;
  }

  subject(subject: string, origin: RecordRef): void {
    if (this.trackOrigins && !this.origins.has(subject)) this.origins.set(subject, { ...origin, fields: new Map() } as MutableOrigin);
  }

  private track(subject: string, predicate: NamedNode, field: string): void {
    if (!this.trackOrigins) return;
    const o = this.origins.get(subject) as MutableOrigin | undefined;
    if (o && !o.fields.has(predicate.value)) o.fields.set(predicate.value, field);
  }

  iri(s: string, p: NamedNode, o: string | NamedNode, field: string): void {
    // Entity IRIs (no fragment) recur across records: share their term objects.
    const object = typeof o !== "string" ? o : o.includes("#") ? namedNode(o) : this.term(o);
    this.quads.push(quad(this.node(s), p, object, this.graph));
    this.track(s, p, field);
  }

  literal(s: string, p: NamedNode, value: string, datatype: NamedNode, field: string): void {
    this.quads.push(quad(this.node(s), p, literal(value, datatype), this.graph));
    this.track(s, p, field);
  }

  text(s: string, p: NamedNode, value: string, lang: string, field: string): void {
    this.quads.push(quad(this.node(s), p, literal(value, lang), this.graph));
    this.track(s, p, field);
  }
}
