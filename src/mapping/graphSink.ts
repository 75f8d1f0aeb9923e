// The JSON-LD graph form: a flattened @graph, one node per subject, with Vivant's small context.

import { VIVANT_CONTEXT } from "../jsonld/context.js";
import { ADO, ADR, RDF_TYPE, SCHEMA, XSD, XSD_STRING } from "../vocab.js";
import type { NamedNode } from "@rdfjs/types";
import type { Sink } from "./sink.js";
import type { JsonLdObject } from "./types.js";

type Value = string | { "@id": string } | { "@value": string; "@type"?: string; "@language"?: string };

/** Compacts an IRI against VIVANT_CONTEXT (schema.org terms become bare names). */
function compactProperty(iri: string): string {
  if (iri.startsWith(SCHEMA)) return iri.slice(SCHEMA.length);
  return iri;
}
function compactType(iri: string): string {
  if (iri.startsWith(SCHEMA)) return iri.slice(SCHEMA.length);
  if (iri.startsWith(ADO)) return `ado:${iri.slice(ADO.length)}`;
  if (iri.startsWith(ADR)) return `adr:${iri.slice(ADR.length)}`;
  return iri;
}
function compactDatatype(iri: string): string {
  return iri.startsWith(XSD) ? `xsd:${iri.slice(XSD.length)}` : iri;
}

export class GraphSink implements Sink {
  private readonly nodes = new Map<string, Record<string, unknown>>();

  private nodeOf(s: string): Record<string, unknown> {
    let n = this.nodes.get(s);
    if (!n) {
      n = { "@id": s };
      this.nodes.set(s, n);
    }
    return n;
  }

  private add(s: string, key: string, value: Value): void {
    const n = this.nodeOf(s);
    const prev = n[key];
    if (prev === undefined) n[key] = value;
    else if (Array.isArray(prev)) prev.push(value);
    else n[key] = [prev, value];
  }

  readonly keepsFields = false;

  subject(s: string): void {
    this.nodeOf(s);
  }

  iri(s: string, p: NamedNode, o: string | NamedNode): void {
    const object = typeof o === "string" ? o : o.value;
    if (p.value === RDF_TYPE) this.add(s, "@type", compactType(object));
    else this.add(s, compactProperty(p.value), { "@id": object });
  }

  literal(s: string, p: NamedNode, value: string, datatype: NamedNode): void {
    this.add(
      s,
      compactProperty(p.value),
      datatype.value === XSD_STRING ? value : { "@value": value, "@type": compactDatatype(datatype.value) },
    );
  }

  text(s: string, p: NamedNode, value: string, lang: string): void {
    this.add(s, compactProperty(p.value), { "@value": value, "@language": lang });
  }

  document(): JsonLdObject {
    return { "@context": VIVANT_CONTEXT, "@graph": [...this.nodes.values()] };
  }
}
