// Virtuoso's answers read back as RDF 1.1: SPARQL JSON results, its blank node labels, booleans and durations.

import type { Term } from "@rdfjs/types";
import { DataFactory } from "n3";
import type { Bindings } from "./types.js";

const { namedNode, blankNode, literal } = DataFactory;

const XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean";
const XSD_DURATION = "http://www.w3.org/2001/XMLSchema#duration";

/** Virtuoso's answers normalised to RDF 1.1 terms (its bnode labels, its `1`/`0` booleans). */
function normalTerm(t: { type: string; value: string; datatype?: string; "xml:lang"?: string }): Term {
  switch (t.type) {
    case "uri":
      return namedNode(t.value);
    case "bnode":
      return blankNode(t.value.replace(/^nodeID:\/\//, ""));
    default: {
      const lang = t["xml:lang"];
      if (lang) return literal(t.value, lang);
      return normalQuadTerm(literal(t.value, t.datatype ? namedNode(t.datatype) : undefined));
    }
  }
}

/** A literal as RDF 1.1 writes it (Virtuoso's `1`/`0` booleans, its durations in seconds); other terms as they are. */
export function normalQuadTerm<T extends Term>(t: T): T {
  if (t.termType !== "Literal") return t;
  const dt = t.datatype.value;
  if (dt === XSD_BOOLEAN && (t.value === "1" || t.value === "0"))
    return literal(t.value === "1" ? "true" : "false", namedNode(XSD_BOOLEAN)) as unknown as T;
  if (dt === XSD_DURATION && /^-?\d+(\.\d+)?$/.test(t.value))
    return literal(secondsToDuration(t.value), namedNode(XSD_DURATION)) as unknown as T;
  return t;
}

/**
 * Virtuoso keeps a day-time xsd:duration as its number of seconds and gives back "5400.0": written again in the
 * canonical form (the one Oxigraph gives, e.g. PT1H30M, P1D, -PT5M).
 */
export function secondsToDuration(seconds: string): string {
  const negative = seconds.startsWith("-");
  const total = Math.abs(Number(seconds));
  const days = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = Math.round((total % 60) * 1e9) / 1e9;
  const time = `${h ? `${h}H` : ""}${m ? `${m}M` : ""}${s ? `${s}S` : ""}`;
  const body = `${days ? `${days}D` : ""}${time ? `T${time}` : ""}`;
  return body ? `${negative ? "-" : ""}P${body}` : "PT0S";
}

/** Parses SPARQL JSON results (Virtuoso's `typed-literal` included). */
export function parseResultsJson(json: string): { variables: string[]; bindings: Bindings[]; boolean?: boolean } {
  const doc = JSON.parse(json) as {
    head?: { vars?: string[] };
    boolean?: boolean;
    results?: { bindings: Record<string, { type: string; value: string }>[] };
  };
  if (typeof doc.boolean === "boolean") return { variables: [], bindings: [], boolean: doc.boolean };
  const bindings = (doc.results?.bindings ?? []).map((row) => {
    const out: Record<string, Term> = {};
    for (const k in row) out[k] = normalTerm(row[k]!);
    return out;
  });
  return { variables: doc.head?.vars ?? [], bindings };
}
