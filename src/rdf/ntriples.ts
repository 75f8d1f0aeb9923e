// N-Triples text of literals and terms: the one escaping of literal values (canonical N-Triples, RDF 1.2) used by the
// mapper's N-Quads lines, the store's N-Triples writer (store/ntriples.ts, which adds strict IRI and language checks)
// and the N-Triples form of values in validation reports.

import type { Term } from "@rdfjs/types";

const XSD_STRING = "http://www.w3.org/2001/XMLSchema#string";

// Canonical N-Triples: U+0000–U+001F, `"`, `\`, U+007F, U+FFFE and U+FFFF are escaped, short forms first.
const NEEDS_ESCAPE = /[\u0000-\u001f"\\\u007f\ufffe\uffff]/;
const ESCAPE_ALL = /[\u0000-\u001f"\\\u007f\ufffe\uffff]/g;
const SHORT: Readonly<Record<string, string>> = {
  "\\": "\\\\",
  '"': '\\"',
  "\t": "\\t",
  "\n": "\\n",
  "\r": "\\r",
  "\b": "\\b",
  "\f": "\\f",
};

/** A literal's value escaped for N-Triples (without the quotes); most values need nothing and come back as they are. */
export function escapeLiteral(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(
    ESCAPE_ALL,
    (c) => SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`,
  );
}

/**
 * A term in N-Triples syntax, without checks (for reports: the value a validation result names). The store's writer,
 * which refuses what N-Triples cannot carry, is `termToNTriples` in store/ntriples.ts.
 */
export function termToNt(t: Term): string {
  switch (t.termType) {
    case "NamedNode":
      return `<${t.value}>`;
    case "BlankNode":
      return `_:${t.value}`;
    case "Literal": {
      const v = `"${escapeLiteral(t.value)}"`;
      if (t.language) return `${v}@${t.language}`;
      return t.datatype.value === XSD_STRING ? v : `${v}^^<${t.datatype.value}>`;
    }
    default:
      return t.value;
  }
}
