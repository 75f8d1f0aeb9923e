// Two independent RDF/XML parsers for the tests of what Vivant writes as RDF/XML: rdfxml-streaming-parser (JavaScript,
// on saxes) and Oxigraph's oxrdfxml (Rust, compiled to WebAssembly).

import type { Quad } from "@rdfjs/types";
import oxigraph from "oxigraph";
import { RdfXmlParser } from "rdfxml-streaming-parser";

/** rdfxml-streaming-parser: the JavaScript parser. */
export function parseWithStreamingParser(text: string): Promise<Quad[]> {
  return new Promise((resolve, reject) => {
    const quads: Quad[] = [];
    const parser = new RdfXmlParser({ baseIRI: "https://base.example/" });
    parser.on("data", (q: Quad) => quads.push(q));
    parser.on("error", reject);
    parser.on("end", () => resolve(quads));
    parser.write(text);
    parser.end();
  });
}

/** Oxigraph's oxrdfxml: the Rust parser. */
export function parseWithOxigraph(text: string): Quad[] {
  return oxigraph.parse(text, { format: "application/rdf+xml", base_iri: "https://base.example/" });
}
