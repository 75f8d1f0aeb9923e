// The write side of a data directory without any store in memory: the server's main thread keeps the
// files (the truth) and the catalog's facts, while its query workers hold the replicas.

import { tx } from "../i18n.js";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { Quad } from "@rdfjs/types";
import { InputError, UsageError } from "../errors.js";
import { licenceIri } from "../mapping/terms.js";
import { CATALOG_GRAPH } from "./catalog.js";
import { graphFileName, graphsDir, listGraphFiles, lockDataDir, prepareDataDir, quarantine, readGraphFileSync, removeGraphFile, writeEncodedGraphFile, writeGraphFile, type EncodedGraph } from "./files.js";
import { checkIri, quadsToEncodedNTriples, quadsToNTriples, type EncodedNTriples, type NTriplesGraph } from "./ntriples.js";
import { checkNamespace, checkOwnSubjects, Ownership } from "./ownership.js";
import type { GraphInfo, GraphMeta } from "./types.js";

/** The catalog facts of a graph about to be written. */
export function graphInfo(graphIri: string, meta: GraphMeta, triples: number, previous: GraphInfo | undefined): GraphInfo {
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
    if (!Array.isArray(meta.namespaces)) throw new UsageError("store/bad-namespace", tx("store/namespaces-not-array", { graph: graphIri }), { hint: tx("cli/example", { example: '["https://www.venue.example/"]' }) });
    meta.namespaces.forEach((ns, i) => checkNamespace(ns, `graph ${graphIri}: namespaces[${i}]`));
  }
}

/**
 * The ownership rule of a write (src/store/ownership.ts), checked before anything is written: no registered
 * namespace already another graph's, no statement about a resource another graph owns. Throws UsageError.
 */
export function checkOwnership(graphIri: string, meta: GraphMeta, nt: NTriplesGraph | EncodedNTriples, others: readonly GraphInfo[]): void {
  const rest = others.filter((g) => g.graphIri !== graphIri);
  const before = new Ownership(rest);
  for (const ns of meta.namespaces ?? []) {
    const claim = before.claimOf(ns, graphIri);
    if (claim !== undefined) {
      throw new UsageError("store/namespace-taken", tx("store/namespace-taken", { graph: graphIri, namespace: ns, other: claim }), {
        hint: tx("store/namespace-taken.hint"),
      });
    }
  }
  checkOwnSubjects(graphIri, [...nt.chunks, nt.bnodeChunk], new Ownership([...rest, { graphIri, ...(meta.namespaces ? { namespaces: meta.namespaces } : {}) }]));
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

/** Writes graph files in a data directory it locks; one write at a time, in call order. */
export class GraphWriter {
  readonly dataDir: string;
  readonly #infos = new Map<string, GraphInfo>();
  #unlock: (() => void) | undefined;
  #writes: Promise<unknown> = Promise.resolve();

  private constructor(dataDir: string) {
    this.dataDir = dataDir;
  }

  /** Opens (and locks) a data directory, checking every file: unusable ones are moved to `quarantine/`. */
  static async open(dataDir: string, onWarning?: (message: string) => void): Promise<GraphWriter> {
    const w = new GraphWriter(dataDir);
    await prepareDataDir(dataDir);
    w.#unlock = await lockDataDir(dataDir);
    try {
      for (const path of await listGraphFiles(dataDir, onWarning)) {
        try {
          const h = readGraphFileSync(path, { header: () => undefined, plain: () => undefined, bnodes: () => undefined });
          w.#infos.set(h.info.graphIri, h.info);
        } catch (e) {
          if (!(e instanceof InputError) || e.code !== "store/corrupt-file") throw e;
          const to = await quarantine(dataDir, path);
          onWarning?.(`${e.message}; moved to ${to}`);
        }
      }
    } catch (e) {
      await w.close();
      throw e;
    }
    return w;
  }

  graphs(): GraphInfo[] {
    return [...this.#infos.values()].sort((a, b) => a.graphIri.localeCompare(b.graphIri));
  }

  graph(graphIri: string): GraphInfo | undefined {
    return this.#infos.get(graphIri);
  }

  /** Path of a graph's file (present when `graph(graphIri)` is). */
  graphFile(graphIri: string): string {
    return join(graphsDir(this.dataDir), graphFileName(graphIri));
  }

  /** Where the graphs are written (for messages): the data directory. */
  get where(): string {
    return this.dataDir;
  }

  /** Where a merge reads the graph's current content: its file. */
  async mergeSource(graphIri: string): Promise<{ mergeFrom: string }> {
    return { mergeFrom: this.graphFile(graphIri) };
  }

  /** Writes a graph's new version durably; resolves with its catalog facts once it is on disk. */
  replaceGraph(graphIri: string, quads: Iterable<Quad>, meta: GraphMeta): Promise<GraphInfo> {
    checkReplace(graphIri, meta);
    return this.#serialised(async () => {
      const previous = this.#infos.get(graphIri);
      const nt = serialiseGraph(quads, (previous?.version ?? 0) + 1);
      checkOwnership(graphIri, meta, nt, this.graphs());
      const info = graphInfo(graphIri, meta, nt.triples, previous);
      await writeGraphFile(this.dataDir, info, nt);
      this.#infos.set(graphIri, info);
      return info;
    });
  }

  /**
   * `replaceGraph` for a graph serialised, checked (`checkOwnership` against `graphs()`) and encoded elsewhere: the
   * server's write thread does that work, and this thread only writes the bytes.
   */
  replaceEncoded(graphIri: string, content: EncodedGraph, meta: GraphMeta): Promise<GraphInfo> {
    checkReplace(graphIri, meta);
    return this.#serialised(async () => {
      const info = graphInfo(graphIri, meta, content.triples, this.#infos.get(graphIri));
      await writeEncodedGraphFile(this.dataDir, info, content);
      this.#infos.set(graphIri, info);
      return info;
    });
  }

  /** Removes a graph's file durably; resolves to whether it existed. */
  deleteGraph(graphIri: string): Promise<boolean> {
    checkIri(graphIri, "graph");
    return this.#serialised(async () => {
      const existed = await removeGraphFile(this.dataDir, graphIri);
      this.#infos.delete(graphIri);
      return existed;
    });
  }

  #serialised<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#writes.then(fn, fn);
    this.#writes = run.catch(() => undefined);
    return run;
  }

  /** Waits for pending writes and releases the lock. */
  async close(): Promise<void> {
    await this.#writes;
    const unlock = this.#unlock;
    this.#unlock = undefined;
    unlock?.();
  }
}
