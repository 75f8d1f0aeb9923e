// SPARQL 1.1 Query Results JSON read into RDF/JS bindings (or an ASK's boolean): the embedded store's answers as
// they are, a remote store's through its own reading of each term (remote-terms.ts).

import type { Term } from "@rdfjs/types";
import { DataFactory } from "n3";
import type { Bindings, SelectResult } from "./types.js";

const { namedNode, blankNode, literal } = DataFactory;

/** One term of a results document (`typed-literal` is what SPARQL 1.0 stores such as Virtuoso still write). */
export interface SparqlJsonTerm {
  readonly type: "uri" | "literal" | "bnode" | "typed-literal" | "triple" | (string & {});
  readonly value: string;
  readonly datatype?: string;
  readonly "xml:lang"?: string;
}

/** A results document's term as RDF/JS, as written. */
export function jsonTerm(t: SparqlJsonTerm): Term {
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

/** Parses a SPARQL 1.1 Query Results JSON document: its bindings (each term read by `read`), or an ASK's boolean. */
export function parseResultsJson(
  json: string,
  read: (t: SparqlJsonTerm) => Term = jsonTerm,
): { variables: string[]; bindings: Bindings[]; boolean?: boolean } {
  const doc = JSON.parse(json) as {
    head?: { vars?: string[] };
    boolean?: boolean;
    results?: { bindings: Record<string, SparqlJsonTerm>[] };
  };
  if (typeof doc.boolean === "boolean") return { variables: [], bindings: [], boolean: doc.boolean };
  const bindings: Bindings[] = (doc.results?.bindings ?? []).map((row) => {
    const out: Record<string, Term> = {};
    for (const k in row) out[k] = read(row[k]!);
    return out;
  });
  return { variables: doc.head?.vars ?? [], bindings };
}

/** Parses SPARQL 1.1 Query Results JSON (a SELECT's) into RDF/JS bindings. */
export function parseSparqlJson(json: string): SelectResult {
  const { variables, bindings } = parseResultsJson(json);
  return { variables, bindings };
}
