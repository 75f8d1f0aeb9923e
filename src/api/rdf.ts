// `vivant-ld/rdf`: reading and writing RDF (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML) and JSON-LD offline.

export { parseRdf, serializeRdf, formatFromPath, formatFromMediaType, mediaTypeOf, RDF_FORMATS } from "../rdf/io.js";
export type { RdfFormat, ParseOptions } from "../rdf/io.js";
export { staticDocumentLoader, registerStaticDocument, SCHEMA_ORG_CONTEXT_URLS } from "../jsonld/loader.js";
export { jsonLdToQuads, expandJsonLd, quadsToJsonLd } from "../jsonld/convert.js";
export { VIVANT_CONTEXT } from "../jsonld/context.js";
export { readJsonFile } from "../rdf/json-file.js";
