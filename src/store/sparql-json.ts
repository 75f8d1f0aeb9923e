// SPARQL 1.1 Query Results JSON read into RDF/JS bindings.

import type { Term } from "@rdfjs/types";
import { DataFactory } from "n3";
import type { Bindings, SelectResult } from "./types.js";

const { namedNode, blankNode, literal } = DataFactory;

interface SparqlJsonTerm {
  type: "uri" | "literal" | "bnode" | "typed-literal" | "triple";
  value: string;
  datatype?: string;
  "xml:lang"?: string;
}

function jsonTerm(t: SparqlJsonTerm): Term {
  switch (t.type) {
    case "uri":
      return namedNode(t.value);
    case "bnode":
      return blankNode(t.value);
    default: {
      const lang = t["xml:lang"];
      if (lang) return literal(t.value, lang);
      return literal(t.value, t.datatype ? namedNode(t.datatype) : undefined);
    }
  }
}

/** Parses SPARQL 1.1 Query Results JSON into RDF/JS bindings. */
export function parseSparqlJson(json: string): SelectResult {
  const doc = JSON.parse(json) as {
    head: { vars?: string[] };
    results?: { bindings: Record<string, SparqlJsonTerm>[] };
  };
  const variables = doc.head.vars ?? [];
  const bindings: Bindings[] = (doc.results?.bindings ?? []).map((row) => {
    const out: Record<string, Term> = {};
    for (const k in row) out[k] = jsonTerm(row[k]!);
    return out;
  });
  return { variables, bindings };
}
