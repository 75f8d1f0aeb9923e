// The one string key of an RDF term, for indexes, sets and de-duplication across Vivant.

import type { Term } from "@rdfjs/types";

/**
 * A string that identifies an RDF term (N-Triples-like, unescaped): an IRI is its value, a blank node `_:label`,
 * a literal `"value"@lang` or `"value"^^datatype` (a plain literal is `^^xsd:string`, as RDF 1.1 says it is),
 * the default graph the empty string, a variable `?name`.
 */
export function termKey(t: Term): string {
  switch (t.termType) {
    case "NamedNode":
      return t.value;
    case "BlankNode":
      return `_:${t.value}`;
    case "Literal":
      return t.language ? `"${t.value}"@${t.language}` : `"${t.value}"^^${t.datatype.value}`;
    case "DefaultGraph":
      return "";
    default:
      return `?${t.value}`;
  }
}
