// The publisher graphs a store holds, by their catalog facts, and its write queue: what GraphStore (embedded
// Oxigraph), GraphWriter (the server's files) and RemoteStore (a SPARQL store) each keep, in one home; and the
// checks and serialisation every replace shares. Each store adds where its graphs live.

import { tx } from "../i18n.js";
import { randomBytes } from "node:crypto";
import type { Quad } from "@rdfjs/types";
import { UsageError } from "../errors.js";
import { licenceIri } from "../mapping/terms.js";
import { CATALOG_GRAPH } from "./catalog.js";
import {
  checkIri,
  quadsToEncodedNTriples,
  quadsToNTriples,
  type EncodedNTriples,
  type NTriplesGraph,
} from "./ntriples.js";
import { checkNamespace, checkOwnSubjects, Ownership } from "./ownership.js";
import type { GraphInfo, GraphMeta } from "./types.js";

/** The catalog facts of a graph about to be written. */
export function graphInfo(
  graphIri: string,
  meta: GraphMeta,
  triples: number,
  previous: GraphInfo | undefined,
): GraphInfo {
  return {
    graphIri,
    ...(meta.publisherId !== undefined ? { publisherId: meta.publisherId } : {}),
    licence: meta.licence,
    licenceIri: licenceIri(meta.licence),
    ...(meta.source !== undefined ? { source: meta.source } : {}),
    ...((meta.title ?? meta.publisherName) !== undefined ? { title: (meta.title ?? meta.publisherName)! } : {}),
    modified: meta.modified ?? new Date().toISOString(),
    triples,
    version: (previous?.version ?? 0) + 1,
    ...(meta.namespaces?.length ? { namespaces: [...meta.namespaces] } : {}),
  };
}

/** Checks a replace call before any work: a usable graph IRI, not the catalog, a licence. */
export function checkReplace(graphIri: string, meta: GraphMeta | undefined): void {
  checkIri(graphIri, "graph");
  if (graphIri === CATALOG_GRAPH) {
    throw new UsageError("store/reserved-graph", tx("store/reserved-graph", { graph: CATALOG_GRAPH }), {
      hint: tx("store/reserved-graph.hint"),
    });
  }
  if (typeof meta?.licence !== "string" || meta.licence === "") {
    throw new UsageError("store/missing-licence", tx("store/missing-licence", { graph: graphIri }), {
      hint: tx("store/missing-licence.hint"),
    });
  }
  if (meta.namespaces !== undefined) {
    if (!Array.isArray(meta.namespaces))
      throw new UsageError("store/bad-namespace", tx("store/namespaces-not-array", { graph: graphIri }), {
        hint: tx("cli/example", { example: '["https://www.venue.example/"]' }),
      });
    meta.namespaces.forEach((ns, i) => checkNamespace(ns, `graph ${graphIri}: namespaces[${i}]`));
  }
}

/**
 * The ownership rule of a write (src/store/ownership.ts), checked before anything is written: no registered
 * namespace already another graph's, no statement about a resource another graph owns. Throws UsageError.
 */
export function checkOwnership(
  graphIri: string,
  meta: GraphMeta,
  nt: NTriplesGraph | EncodedNTriples,
  others: readonly GraphInfo[],
): void {
  const rest = others.filter((g) => g.graphIri !== graphIri);
  const before = new Ownership(rest);
  for (const ns of meta.namespaces ?? []) {
    const claim = before.claimOf(ns, graphIri);
    if (claim !== undefined) {
      throw new UsageError(
        "store/namespace-taken",
        tx("store/namespace-taken", { graph: graphIri, namespace: ns, other: claim }),
        {
          hint: tx("store/namespace-taken.hint"),
        },
      );
    }
  }
  checkOwnSubjects(
    graphIri,
    [...nt.chunks, nt.bnodeChunk],
    new Ownership([...rest, { graphIri, ...(meta.namespaces ? { namespaces: meta.namespaces } : {}) }]),
  );
}

/** `serialiseGraph` as text, for a store that loads the text itself (GraphStore's Oxigraph). */
export function serialiseGraphText(quads: Iterable<Quad>, version: number): NTriplesGraph {
  return quadsToNTriples(quads, `v${version}x${randomBytes(3).toString("hex")}x`);
}

/** Serialises quads for a graph at a version (blank nodes salted per graph version). */
export function serialiseGraph(quads: Iterable<Quad>, version: number): EncodedNTriples {
  // Encoded chunk by chunk: a large graph is held once, as bytes (the file's form), not as text and bytes.
  return quadsToEncodedNTriples(quads, `v${version}x${randomBytes(3).toString("hex")}x`);
}

/** What a replace has prepared before writing anything: the graph serialised at its new version, and its new facts. */
export interface PreparedReplace<G extends NTriplesGraph | EncodedNTriples> {
  readonly nt: G;
  readonly info: GraphInfo;
  readonly previous: GraphInfo | undefined;
}

/** The graphs a store holds (their catalog facts, by IRI) and the queue that applies its writes one at a time. */
export class GraphSet {
  readonly #infos = new Map<string, GraphInfo>();
  #writes: Promise<unknown> = Promise.resolve();

  /** The graphs, sorted by IRI. */
  list(): GraphInfo[] {
    return [...this.#infos.values()].sort((a, b) => a.graphIri.localeCompare(b.graphIri));
  }

  get(graphIri: string): GraphInfo | undefined {
    return this.#infos.get(graphIri);
  }

  has(graphIri: string): boolean {
    return this.#infos.has(graphIri);
  }

  values(): IterableIterator<GraphInfo> {
    return this.#infos.values();
  }

  set(info: GraphInfo): void {
    this.#infos.set(info.graphIri, info);
  }

  delete(graphIri: string): void {
    this.#infos.delete(graphIri);
  }

  clear(): void {
    this.#infos.clear();
  }

  /** Triples in all the graphs. */
  get triples(): number {
    let n = 0;
    for (const g of this.#infos.values()) n += g.triples;
    return n;
  }

  /** Runs `fn` after every write queued before it (a failed write does not stop the queue). */
  serialised<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#writes.then(fn, fn);
    this.#writes = run.catch(() => undefined);
    return run;
  }

  /** Resolves once the writes queued so far are done. */
  async idle(): Promise<void> {
    await this.#writes;
  }

  /**
   * The start of every replace, inside the queue: the graph serialised at its next version (`serialise`: as text or
   * as bytes, as the store needs), the ownership rule checked against the other graphs, and the new facts.
   */
  prepare<G extends NTriplesGraph | EncodedNTriples>(
    graphIri: string,
    quads: Iterable<Quad>,
    meta: GraphMeta,
    serialise: (quads: Iterable<Quad>, version: number) => G,
  ): PreparedReplace<G> {
    const previous = this.#infos.get(graphIri);
    const nt = serialise(quads, (previous?.version ?? 0) + 1);
    checkOwnership(graphIri, meta, nt, this.list());
    return { nt, info: graphInfo(graphIri, meta, nt.triples, previous), previous };
  }
}
