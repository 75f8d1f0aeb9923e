// The mapping stage's public functions: records → quads (hot path), graph JSON-LD, embed JSON-LD.

import type { Quad } from "@rdfjs/types";
import { parseRecords } from "../records/parse.js";
import type { RecordDocument } from "../records/types.js";
import { emitDocument, pathKey, type PathIndex } from "./emit.js";
import { GraphSink } from "./graphSink.js";
import { publisherGraphIri } from "./iri.js";
import { Triples } from "./triples.js";
import type { JsonLdObject, MapResult, Origins, ParseResult } from "./types.js";

export { toEmbed, toEmbeds, embedScript, type EmbedOptions } from "./embed.js";
export { parseRecords };
export type { Triples, TripleCallback } from "./triples.js";

const COLLECTION_OF: Readonly<Record<string, string>> = {
  venue: "venues",
  organization: "organizations",
  person: "people",
  work: "works",
  production: "productions",
  series: "series",
  performance: "performances",
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
export function toQuads(
  doc: RecordDocument,
  options: QuadsOptions & { paths?: PathIndex } = {},
): { quads: Quad[]; origins: Origins } {
  const { triples, origins } = toTriples(doc, options);
  return { quads: triples.toQuads(), origins };
}

/**
 * A parsed document → its triples, made from the records each time they are read (see `Triples`), and their origins
 * (read once here when asked for).
 */
export function toTriples(
  doc: RecordDocument,
  options: QuadsOptions & { paths?: PathIndex } = {},
): { triples: Triples; origins: Origins } {
  const triples = new Triples(doc, options.paths);
  return { triples, origins: (options.origins ?? true) ? triples.origins() : new Map() };
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
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { formatProblem, GraphStore, mapRecords } from "vivant-ld";
 *
 * const result = mapRecords(JSON.parse(readFileSync("season.json", "utf8")));
 * for (const p of result.problems) console.error(formatProblem(p, "fr"));
 * if (result.document) {
 *   const { id, licence } = result.document.publisher;
 *   const store = await GraphStore.open();
 *   // `triples` streams the quads, made from the records as they are read; `quads` is the same as an array.
 *   await store.replaceGraph(result.graphIri, result.triples, { publisherId: id, licence });
 *   await store.close();
 * }
 * ```
 */
export function mapRecords(input: unknown, options: QuadsOptions = {}): MapResult {
  const parsed = parseRecords(input);
  if (!parsed.document)
    return {
      ...parsed,
      quads: [],
      triples: new Triples(undefined),
      origins: new Map(),
      originsOf: () => new Map(),
      graphIri: "",
    };
  const keep = options.origins !== false;
  const triples = new Triples(parsed.document, keep ? pathsOf(parsed) : undefined);
  let quads: Quad[] | undefined;
  let origins: Origins | undefined;
  const result = {
    ...parsed,
    triples,
    graphIri: publisherGraphIri(parsed.document.publisher),
    originsOf: (subjects: ReadonlySet<string>, predicates?: ReadonlyMap<string, ReadonlySet<string>>): Origins =>
      keep ? triples.origins(subjects, predicates) : new Map(),
  };
  // The quads and the origins are made on first read: writers that stream `triples` never hold millions of quad
  // objects, and validation asks `originsOf` for the subjects of its issues only.
  return Object.defineProperties(result, {
    quads: { enumerable: true, get: () => (quads ??= triples.toQuads()) },
    origins: { enumerable: true, get: () => (origins ??= keep ? triples.origins() : new Map()) },
  }) as MapResult;
}
