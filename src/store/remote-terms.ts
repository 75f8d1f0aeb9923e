// Virtuoso's answers read back as RDF 1.1: SPARQL JSON results, its blank node labels, booleans and durations.

import type { Term } from "@rdfjs/types";
import { DataFactory } from "n3";
import { jsonTerm, parseResultsJson as parseJson, type SparqlJsonTerm } from "./sparql-json.js";
import type { Bindings } from "./types.js";

const { namedNode, blankNode, literal } = DataFactory;

const XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean";
const XSD_DURATION = "http://www.w3.org/2001/XMLSchema#duration";

/** Virtuoso's answers normalised to RDF 1.1 terms (its bnode labels, its `1`/`0` booleans, its durations). */
function normalTerm(t: SparqlJsonTerm): Term {
  return t.type === "bnode" ? blankNode(t.value.replace(/^nodeID:\/\//, "")) : normalQuadTerm(jsonTerm(t));
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

/** Parses SPARQL JSON results (Virtuoso's `typed-literal` included), its terms read as RDF 1.1 writes them. */
export function parseResultsJson(json: string): { variables: string[]; bindings: Bindings[]; boolean?: boolean } {
  return parseJson(json, normalTerm);
}
