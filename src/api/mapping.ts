// `vivant-ld/mapping`: records to schema.org RDF (quads, triples, the JSON-LD graph) and to the embed form pages carry.

export {
  parseRecords,
  mapRecords,
  toQuads,
  toTriples,
  toGraph,
  toEmbed,
  toEmbeds,
  embedScript,
} from "../mapping/index.js";
export type { Triples, TripleCallback, QuadsOptions, EmbedOptions } from "../mapping/index.js";
export type { RecordRef, Origin, Origins, ParseResult, MapResult, JsonLdObject } from "../mapping/types.js";
export { entityIri, publisherGraphIri, publisherIri } from "../mapping/iri.js";
export { GENRE_CONCEPT, licenceIri } from "../mapping/terms.js";
