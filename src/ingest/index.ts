// Ingest: the one path from any input to a publisher's graph. It owns "read → map → validate → write only when it
// conforms" for every caller: `vivant load`, `vivant import --load`, `vivant harvest --load`, the server's Graph Store
// writes (its write thread), the publishing page and the library. Stages: read (./read.ts: records, RDF, JSON-LD as
// text, records or quads as data), prepare (./prepare.ts: map or parse, catalog facts, core profile, ownership),
// then write (here: whole, atomically, and only a graph that conforms). Stages hand over data (quads, records),
// never text to be parsed again.

import { tx } from "../i18n.js";
import type { Quad } from "@rdfjs/types";
import { InputError, type Warn } from "../errors.js";
import { publisherGraphIri } from "../mapping/iri.js";
import { COLLECTIONS, type RecordDocument } from "../records/types.js";
import { prepareGraph, type IngestInput, type LoadTarget, type PrepareOptions, type PreparedData } from "./prepare.js";
import type { GraphInfo, GraphMeta, ProgressListener } from "../store/types.js";
import { GraphWriter } from "../store/writer.js";
import { parseStoreUrl, RemoteStore } from "../store/remote.js";

/**
 * Where a validated graph is written. Both the store's writers fit: a `GraphWriter` on a data directory
 * (what the CLI uses) and a `GraphStore` (in memory or durable).
 */
export interface GraphTarget {
  /** The publisher graphs held, as the catalog describes them. */
  graphs(): readonly GraphInfo[];
  replaceGraph(graphIri: string, quads: Iterable<Quad>, meta: GraphMeta): Promise<GraphInfo>;
}

/** What a harvest (quads) or an import (a record document) produced. */
export type LoadInput = { readonly records: RecordDocument } | { readonly quads: readonly Quad[] };

export interface LoadRequest {
  /** The publisher's id. Records must be that publisher's. */
  readonly publisherId: string;
  /**
   * Quads only: the graph to replace. Records name their own graph (their publisher's baseIri + "graph").
   * @default the publisher's current graph
   */
  readonly graphIri?: string;
  /**
   * Licence key or IRI. Records carry their publisher's.
   * @default quads: the publisher's current graph's licence
   */
  readonly licence?: string;
  /** Title of the graph in the catalog. Records give their publisher's name. */
  readonly title?: string;
  /**
   * The catalog's `dct:source`: the harvested URL(s) or the imported files. An absolute IRI becomes a link.
   * @example "https://venue.example/sitemap.xml"
   */
  readonly source: string;
  /** Validation progress (focus nodes done / total). */
  readonly onValidate?: ProgressListener;
  /**
   * Namespaces the publisher registers besides its base IRI: harvested pages keep their own IRIs, so the
   * harvested site must be one of them (every subject IRI of the input must be under one; see `ownSubjectIssues`).
   * @default the namespaces the publisher's graph registered before
   */
  readonly namespaces?: readonly string[];
}

export interface LoadOutcome {
  /** The graph as validated: its IRI, catalog facts, the core profile's report and the records' own problems. */
  readonly prepared: PreparedData;
  /** The graph as written; absent when the report has violations or records were rejected (nothing was written). */
  readonly written?: GraphInfo;
}

/** The graph a publisher already has in `target`, if any. */
export function publisherGraph(target: GraphTarget, publisherId: string): GraphInfo | undefined {
  return target.graphs().find((g) => g.publisherId === publisherId);
}

/**
 * Opens (and locks) a data directory for writing. Open it before harvesting or importing: a directory
 * that a server is using is refused before the work, not after.
 */
export function openDataDir(dataDir: string, onWarning?: Warn): Promise<GraphWriter> {
  return GraphWriter.open(dataDir, onWarning);
}

/** A data directory, or (with `store`, a `--store` URL) a remote SPARQL + Graph Store Protocol store. */
export async function openGraphTarget(
  dataDir: string | undefined,
  store: string | undefined,
  onWarning?: Warn,
): Promise<(GraphTarget & { readonly where: string; close(): Promise<void> }) | undefined> {
  if (store !== undefined) return RemoteStore.open({ ...parseStoreUrl(store), ...(onWarning ? { onWarning } : {}) });
  return dataDir !== undefined ? GraphWriter.open(dataDir, onWarning) : undefined;
}

function isEmpty(input: LoadInput): boolean {
  if ("quads" in input) return input.quads.length === 0;
  return COLLECTIONS.every((c) => !(input.records[c] ?? []).length);
}

/**
 * Validates harvested quads or imported records with the core profile and, only when there is no violation
 * and no rejected record, replaces the publisher's graph whole in `target`. With violations nothing is
 * written: `outcome.written` is absent and `outcome.prepared.report` says why.
 * Throws InputError when the input is unusable: nothing at all (an empty harvest must not empty a
 * publisher's graph), no graph or licence known, or a publisher that already has another graph.
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { loadValidated, openDataDir } from "vivant-ld/ingest";
 * import { parseRdf } from "vivant-ld/rdf";
 * import { formatReportText } from "vivant-ld/validate";
 *
 * const quads = await parseRdf(readFileSync("harvest.ttl", "utf8"), "turtle", { source: "harvest.ttl" });
 * const writer = await openDataDir("./vivant-data");
 * try {
 *   const { written, prepared } = await loadValidated(writer, { quads }, {
 *     publisherId: "grand-quai",
 *     graphIri: "https://data.grand-quai.example/graph", // a publisher's first load: its graph and licence
 *     licence: "cc-by-4.0",
 *     source: "https://www.grand-quai.example/sitemap.xml",
 *   });
 *   if (!written) console.log(formatReportText(prepared.report));
 * } finally {
 *   await writer.close();
 * }
 * ```
 */
export async function loadValidated(target: GraphTarget, input: LoadInput, request: LoadRequest): Promise<LoadOutcome> {
  if (isEmpty(input)) {
    const current = publisherGraph(target, request.publisherId);
    throw new InputError(
      "load/empty",
      current
        ? tx("load/empty-kept", { publisher: request.publisherId, graph: current.graphIri })
        : tx("load/empty", { publisher: request.publisherId }),
      {
        hint: tx("load/empty.hint"),
      },
    );
  }
  // One named graph per publisher: a second graph for the same publisher would split its data and its token.
  // Checked before the (long) validation; records name their graph from their publisher's baseIri.
  const known = publisherGraph(target, request.publisherId);
  const graphIri =
    "quads" in input ? (request.graphIri ?? known?.graphIri) : publisherGraphIri(input.records.publisher);
  if (known && graphIri !== undefined && known.graphIri !== graphIri) {
    throw new InputError(
      "load/publisher-graph-mismatch",
      tx("load/publisher-graph-mismatch", { publisher: request.publisherId, graph: known.graphIri, asked: graphIri }),
      {
        hint: tx("load/publisher-graph-mismatch.hint"),
      },
    );
  }
  const inputs: IngestInput[] = [
    "quads" in input ? { quads: input.quads, source: "harvest" } : { records: input.records, source: "import" },
  ];
  return ingest(
    inputs,
    {
      publisherId: request.publisherId,
      ...("quads" in input && graphIri !== undefined ? { graphIri } : {}),
      ...(request.licence !== undefined ? { licence: request.licence } : {}),
      ...(request.title !== undefined ? { title: request.title } : {}),
      ...(request.namespaces !== undefined ? { namespaces: request.namespaces } : {}),
      source: request.source,
    },
    target,
    request.onValidate ? { onValidate: request.onValidate } : {},
  );
}

export interface IngestOptions extends PrepareOptions {
  /** Called once the graph is validated, before anything is written (e.g. to say what is about to be written). */
  readonly onPrepared?: (prepared: PreparedData) => void;
}

/**
 * Reads, maps or parses, and validates the inputs of one publisher graph (`prepareGraph`), then, only when the graph
 * conforms (no violation, no rejected record), replaces it whole in `target`. With violations nothing is written:
 * `written` is absent and `prepared.report` says why. Throws InputError when an input is unusable (nothing is written then).
 * `options.known` defaults to the graphs `target` holds.
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { formatProblem, GraphStore, ingest } from "vivant-ld";
 * import { formatReportText } from "vivant-ld/validate";
 *
 * const store = await GraphStore.open({ dataDir: "./vivant-data" }); // or openDataDir from "vivant-ld/ingest"
 * try {
 *   const text = readFileSync("season.json", "utf8");
 *   const { prepared, written } = await ingest([{ text, source: "season.json" }], {}, store);
 *   for (const p of prepared.recordProblems) console.error(formatProblem(p));
 *   if (written) console.log(`${written.triples} triples in ${written.graphIri}`);
 *   else console.log(formatReportText(prepared.report)); // nothing was written
 * } finally {
 *   await store.close();
 * }
 * ```
 */
export async function ingest(
  inputs: readonly IngestInput[],
  request: LoadTarget,
  target: GraphTarget,
  options: IngestOptions = {},
): Promise<LoadOutcome> {
  const { onPrepared, ...prepare } = options;
  const prepared = await prepareGraph(inputs, request, { known: (id) => publisherGraph(target, id), ...prepare });
  onPrepared?.(prepared);
  if (!prepared.ok) return { prepared };
  return { prepared, written: await target.replaceGraph(prepared.graphIri, prepared.data, prepared.meta) };
}

export {
  prepareGraph,
  readInput,
  checkLicence,
  type IngestInput,
  type LoadFile,
  type JsonInput,
  type RecordsInput,
  type QuadsInput,
  type LoadTarget,
  type PrepareOptions,
  type PreparedGraph,
  type PreparedData,
} from "./prepare.js";
export { ownSubjectIssues, OWN_SUBJECT_CODE } from "./ownership.js";
export {
  readValidationInput,
  readJsonValue,
  readRecords,
  readQuads,
  type ValidationInput,
  type InputNote,
  type InputKind,
  type RecordForm,
} from "./read.js";
