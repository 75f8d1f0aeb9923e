// The mapping stage's public functions: records → quads (hot path), graph JSON-LD, embed JSON-LD.

import type { Quad } from "@rdfjs/types";
import { parseRecords } from "../records/parse.js";
import type { RecordDocument } from "../records/types.js";
import { emitDocument, pathKey, type PathIndex } from "./emit.js";
import { GraphSink } from "./graphSink.js";
import { publisherGraphIri } from "./iri.js";
import { QuadSink } from "./quadSink.js";
import type { JsonLdObject, MapResult, Origins, ParseResult } from "./types.js";

export { toEmbed, toEmbeds, embedScript, type EmbedOptions } from "./embed.js";
export { parseRecords };

const COLLECTION_OF: Readonly<Record<string, string>> = {
  venue: "venues", organization: "organizations", person: "people", work: "works", production: "productions",
  series: "series", performance: "performances",
};

function pathsOf(parsed: ParseResult): PathIndex {
  const paths = new Map<string, string>();
  for (const r of parsed.accepted) {
    const c = COLLECTION_OF[r.entity];
    if (c) paths.set(pathKey(c, r.recordId), r.path);
  }
  return paths;
}

export interface QuadsOptions {
  /**
   * Record, for each subject, the record and input field behind each predicate (used by validation reports).
   * @default true
   */
  readonly origins?: boolean;
}

/** A parsed document → RDF/JS quads in the default graph, without any JSON-LD processing. */
export function toQuads(doc: RecordDocument, options: QuadsOptions & { paths?: PathIndex } = {}): { quads: Quad[]; origins: Origins } {
  const sink = new QuadSink(options.origins ?? true);
  emitDocument(doc, sink, options.paths);
  return { quads: sink.quads, origins: sink.origins };
}

/** A parsed document → the graph form: `{"@context": …, "@graph": [one node per entity]}` with stable IRIs. */
export function toGraph(doc: RecordDocument): JsonLdObject {
  const sink = new GraphSink();
  emitDocument(doc, sink);
  return sink.document();
}

/**
 * Parses unknown input and maps the accepted records to quads, in one call.
 * @example
 * const result = mapRecords(JSON.parse(text));
 * for (const p of result.problems) console.error(formatProblem(p, "fr"));
 * store.replaceGraph(result.graphIri, result.quads, …);
 */
export function mapRecords(input: unknown, options: QuadsOptions = {}): MapResult {
  const parsed = parseRecords(input);
  if (!parsed.document) return { ...parsed, quads: [], origins: new Map(), graphIri: "" };
  const { quads, origins } = toQuads(parsed.document, { ...options, paths: pathsOf(parsed) });
  return { ...parsed, quads, origins, graphIri: publisherGraphIri(parsed.document.publisher) };
}
