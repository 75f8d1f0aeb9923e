// Artsdata-style JSON-LD dumps (the crawled venue data of GTQ, NAC, Scènes francophones…) → records.
// Same repairs as harvest (expanded with the pinned schema.org context, normalised, places merged),
// then the graph is read into typed records for the normal mapping, validation and load path.

import { DataFactory } from "n3";
import type { Quad } from "@rdfjs/types";
import type { Problem } from "../errors.js";
import { InputError } from "../errors.js";
import { jsonLdToQuads } from "../jsonld/convert.js";
import { Fixes } from "../harvest/fixes.js";
import { Ledger, RepairLog, SourceTally } from "../harvest/ledger.js";
import { normalizeQuads } from "../harvest/normalize.js";
import { consolidate } from "../harvest/places.js";
import { jsonLdFailureDetail } from "../harvest/page.js";
import { recordProblem, makePublisher, type ImportResult, type PublisherOptions } from "./types.js";
import { graphToRecords } from "./fromGraph.js";
import { pushAll } from "../arrays.js";

export interface ArtsdataImportOptions {
  readonly publisher: PublisherOptions;
  /**
   * Language of untagged texts (`fr` for Scènes francophones, `en` for NAC). Untagged text is
   * recorded as `und` (undetermined) unless told.
   * @default "und"
   */
  readonly defaultLanguage?: string;
  /** Keep the fidelity ledger (what became of each property of each node). @default true */
  readonly ledger?: boolean;
  /** Called as documents are read (expanded): how many so far, of how many in all. */
  readonly onProgress?: (documentsRead: number, total: number) => void;
}

/**
 * Documents expanded together at most: no limit, since a dump's documents may share blank-node labels (NAC's do)
 * and splitting a run of documents would change what is read. Progress moves once per chunk.
 */
export const CHUNK_DOCUMENTS = Number.POSITIVE_INFINITY;

/**
 * The documents of a dump, as JSON-LD inputs. Consecutive documents with the same `@context` are
 * merged into one `@graph` (at most `max` documents each): expanding each of 1,336 small documents alone costs ~3× more.
 */
export function jsonLdChunks(input: unknown, max = CHUNK_DOCUMENTS): unknown[] {
  return countedChunks(input, max).map((c) => c.chunk);
}

/** `jsonLdChunks`, with the number of documents of each chunk. */
function countedChunks(input: unknown, max: number): { chunk: unknown; documents: number }[] {
  if (!Array.isArray(input)) return [{ chunk: input, documents: 1 }];
  const chunks: { chunk: unknown; documents: number }[] = [];
  let expanded: unknown[] = [];
  let context: string | undefined;
  let graph: unknown[] = [];
  let documents = 0;
  const flush = () => {
    if (graph.length)
      chunks.push({ chunk: { "@context": JSON.parse(context!) as unknown, "@graph": graph }, documents });
    if (expanded.length) chunks.push({ chunk: expanded, documents });
    graph = [];
    expanded = [];
    context = undefined;
    documents = 0;
  };
  for (const doc of input) {
    if (documents >= max) flush();
    if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
      flush();
      chunks.push({ chunk: doc, documents: 1 });
      continue;
    }
    const d = doc as Record<string, unknown>;
    if (!("@context" in d)) {
      if (graph.length) flush();
      expanded.push(d);
      documents++;
      continue;
    }
    const ctx = JSON.stringify(d["@context"]);
    if (context !== undefined && ctx !== context) flush();
    if (expanded.length) flush();
    documents++;
    context = ctx;
    const { "@context": _, ...rest } = d;
    const nodes = "@graph" in rest && Object.keys(rest).length === 1 ? (rest["@graph"] as unknown[]) : [rest];
    pushAll(graph, Array.isArray(nodes) ? nodes : [nodes]);
  }
  flush();
  return chunks;
}

/** Expands and normalises one dump (or several), counting fixes; problems for what cannot be read. */
export async function dumpToQuads(
  inputs: readonly unknown[],
  fixes: Fixes,
  repairs?: RepairLog,
  onProgress?: (documentsRead: number, total: number) => void,
): Promise<{ quads: Quad[]; problems: Problem[]; documents: number; withheld: Quad[] }> {
  const quads: Quad[] = [];
  const withheld: Quad[] = [];
  const problems: Problem[] = [];
  const documents = inputs.reduce<number>((n, input) => n + (Array.isArray(input) ? input.length : 1), 0);
  let read = 0;
  let chunkIndex = 0;
  onProgress?.(0, documents);
  for (const input of inputs) {
    for (const { chunk, documents: inChunk } of countedChunks(input, CHUNK_DOCUMENTS)) {
      if (chunkIndex > 0) onProgress?.(read, documents);
      read += inChunk;
      let raw: Quad[];
      try {
        raw = await jsonLdToQuads(chunk);
      } catch (strict) {
        try {
          raw = await jsonLdToQuads(chunk, { safe: false });
          const detail = jsonLdFailureDetail(strict);
          problems.push(
            recordProblem(
              "import/dropped-terms",
              "document",
              undefined,
              `$[${chunkIndex}]`,
              undefined,
              [
                `terms or values that do not expand to IRIs were dropped (first: ${detail})`,
                `des termes ou valeurs qui ne se développent pas en IRI ont été écartés (premier : ${detail})`,
              ],
              ["JSON-LD whose every term expands", "du JSON-LD dont chaque terme se développe"],
              ["fix the @context", "corriger le @context"],
              "warning",
            ),
          );
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          problems.push(
            recordProblem(
              "import/jsonld-error",
              "document",
              undefined,
              `$[${chunkIndex}]`,
              undefined,
              [e.text.en, e.text.fr],
              ["JSON-LD", "du JSON-LD"],
              [e.hintText?.en ?? "", e.hintText?.fr ?? ""],
            ),
          );
          chunkIndex++;
          continue;
        }
      }
      // Blank-node labels restart with each expansion: keep them apart per chunk.
      const prefix = `c${chunkIndex}_`;
      const relabelled = chunkIndex === 0 ? raw : raw.map((q) => relabel(q, prefix));
      const n = normalizeQuads(relabelled, { skolemize: false, fixes, ...(repairs ? { repairs } : {}) });
      pushAll(quads, n.quads);
      pushAll(problems, n.problems);
      pushAll(withheld, n.withheld);
      chunkIndex++;
    }
  }
  onProgress?.(documents, documents);
  const consolidated = consolidate(quads, fixes);
  if (repairs) for (const [from, into] of consolidated.merged) repairs.rename(from, into);
  return { quads: consolidated.quads, problems, documents, withheld };
}

function relabel(q: Quad, prefix: string): Quad {
  const t = <T extends Quad["subject"] | Quad["object"]>(x: T): T =>
    x.termType === "BlankNode" ? (DataFactory.blankNode(prefix + x.value) as unknown as T) : x;
  return DataFactory.quad(t(q.subject), q.predicate, t(q.object), q.graph);
}

/** Imports one or more Artsdata-style dumps (parsed JSON: one dump, or an array of dumps) into one publisher's records. */
export async function importArtsdata(inputs: unknown, options: ArtsdataImportOptions): Promise<ImportResult> {
  const list =
    Array.isArray(inputs) && inputs.length > 0 && inputs.every((x) => Array.isArray(x))
      ? (inputs as unknown[])
      : [inputs];
  const fixes = new Fixes();
  const ledger = new Ledger();
  const keep = options.ledger !== false;
  const repairs = keep ? new RepairLog() : undefined;
  const tally = keep ? new SourceTally() : undefined;
  const { quads, problems, documents, withheld } = await dumpToQuads(list, fixes, repairs, options.onProgress);
  // Values kept out of the graph (an ambiguous price, reported): seen, not carried.
  if (tally) {
    for (const q of withheld) {
      tally.seen(q.subject.value, q.predicate.value);
      tally.drop(q.subject.value, q.predicate.value, "invalid");
    }
  }
  const records = graphToRecords(quads, {
    ...(options.defaultLanguage !== undefined ? { defaultLanguage: options.defaultLanguage } : {}),
    ...(tally ? { tally } : {}),
  });
  tally?.settle(ledger, repairs);
  return {
    document: {
      publisher: makePublisher(options.publisher),
      venues: records.venues,
      organizations: records.organizations,
      people: records.people,
      productions: records.productions,
      series: records.series,
      performances: records.performances,
    },
    read: documents,
    unit: "documents",
    fixes,
    ledger,
    problems: [...problems, ...records.problems, ...ledger.problems()],
    rejected: records.rejected,
  };
}
