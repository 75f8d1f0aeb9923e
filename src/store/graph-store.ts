// GraphStore: one named graph per publisher over an embedded Oxigraph store, persisted to a data
// directory (one file per graph), with a DCAT/VoID catalog graph and typed select/construct/ask.

import { tx, txBy } from "../i18n.js";
import type { Quad } from "@rdfjs/types";
import { UsageError, InputError, type Warn } from "../errors.js";
import { checkReplace, GraphSet, serialiseGraphText } from "./graph-set.js";
import { Ownership } from "./ownership.js";
import { CATALOG_GRAPH, catalogQuads } from "./catalog.js";
import {
  listGraphFiles,
  lockDataDir,
  prepareDataDir,
  quarantine,
  readGraphHeader,
  removeGraphFile,
  writeGraphFile,
  graphsDir,
  graphFileName,
  type FileHeader,
} from "./files.js";
import { checkIri, quadsToNTriples, type NTriplesGraph } from "./ntriples.js";
import { OxStore } from "./oxigraph.js";
import type {
  Bindings,
  FormattedResult,
  GraphInfo,
  GraphMeta,
  ProgressListener,
  QueryOptions,
  SelectResult,
  SelectSource,
} from "./types.js";
import { join } from "node:path";
import { existsSync } from "node:fs";
import type { OpenOptions, ReplaceOptions } from "./graph-store-options.js";
import { installGraphFile, reapplyOwnership, type FileLoadContext } from "./graph-file-load.js";

export type { OpenOptions, ReplaceOptions } from "./graph-store-options.js";

/**
 * An embedded RDF store with one named graph per publisher.
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { GraphStore, mapRecords } from "vivant-ld";
 *
 * const store = await GraphStore.open({ dataDir: "./vivant-data" }); // without dataDir: in memory only
 * const season = mapRecords(JSON.parse(readFileSync("season.json", "utf8")));
 * // The publisher's graph, replaced whole and atomically (on disk before this resolves).
 * await store.replaceGraph(season.graphIri, season.quads, { publisherId: "opera-lyon", licence: "etalab-2.0" });
 * const { bindings } = await store.select("SELECT ?e WHERE { ?e a <http://schema.org/TheaterEvent> }");
 * console.log(bindings.map((b) => b.e?.value), store.graphs());
 * await store.close(); // waits for writes, frees the WebAssembly memory, releases the directory
 * ```
 */
export class GraphStore implements SelectSource {
  readonly #ox = new OxStore();
  readonly #set = new GraphSet();
  readonly #dataDir: string | undefined;
  readonly #readOnly: boolean;
  #exclude: ReadonlySet<string> = new Set();
  #unlock: (() => void) | undefined;
  #closed = false;
  #onWarning: Warn | undefined;
  /** While the data directory is opened: every file's graph, so that the first file loaded knows who owns what. */
  #opening: GraphInfo[] | undefined;
  #checked: Map<string, string> = new Map();
  #scans = 0;

  private constructor(dataDir: string | undefined, readOnly: boolean) {
    this.#dataDir = dataDir;
    this.#readOnly = readOnly;
  }

  /** Opens a store: in memory, or backed by `dataDir` (every graph file there is loaded). */
  static async open(options: OpenOptions = {}): Promise<GraphStore> {
    const store = new GraphStore(options.dataDir, options.readOnly ?? false);
    store.#onWarning = options.onWarning;
    store.#exclude = new Set(options.exclude ?? []);
    if (options.ownershipChecked) store.#checked = options.ownershipChecked;
    if (options.queryLimits) store.#ox.limits = options.queryLimits;
    try {
      if (options.dataDir !== undefined) {
        if (!store.#readOnly) {
          await prepareDataDir(options.dataDir);
          store.#unlock = await lockDataDir(options.dataDir);
        } else if (!existsSync(graphsDir(options.dataDir))) {
          throw new UsageError("store/no-data-dir", tx("store/no-data-dir", { dir: options.dataDir }), {
            hint: tx("store/no-data-dir.hint"),
          });
        }
        await store.#loadAll(options);
      }
      store.#refreshCatalog();
    } catch (e) {
      await store.close();
      throw e;
    }
    return store;
  }

  /**
   * Set when a call on the WebAssembly store trapped (`store/broken`): the store then refuses every call, and
   * its data must be loaded again into a new store.
   */
  get broken(): Error | undefined {
    return this.#ox.broken;
  }

  /** The data directory, when the store is durable. */
  get dataDir(): string | undefined {
    return this.#dataDir;
  }

  async #loadAll(options: OpenOptions): Promise<void> {
    const files = await listGraphFiles(this.#dataDir!, options.onWarning);
    this.#opening = [];
    for (const path of files) {
      const h = await readGraphHeader(path);
      if (h?.info?.graphIri !== undefined) this.#opening.push(h.info);
    }
    let loaded = 0;
    for (const path of files) {
      if (this.#exclude.size && this.#exclude.has((await readGraphHeader(path))?.info?.graphIri ?? "")) continue;
      try {
        const h = this.#installFile(path, (n) => options.onProgress?.(loaded + n, loaded + n));
        loaded += h.info.triples;
      } catch (e) {
        if (!(e instanceof InputError) || e.code !== "store/corrupt-file") throw e;
        if (this.#readOnly) {
          const text = txBy("store/corrupt-skipped", (lang) => ({ detail: e.messageIn(lang) }));
          options.onWarning?.(text.en, text);
        } else {
          const to = await quarantine(this.#dataDir!, path);
          const text = txBy("store/corrupt-moved", (lang) => ({ detail: e.messageIn(lang), to }));
          options.onWarning?.(text.en, text);
        }
      }
    }
    this.#opening = undefined;
  }

  /** Who owns what among the graphs held (or being opened) and `info`. */
  #ownership(info: GraphInfo): Ownership {
    const all = new Map<string, GraphInfo>();
    for (const g of this.#opening ?? []) all.set(g.graphIri, g);
    for (const g of this.#set.values()) all.set(g.graphIri, g);
    all.set(info.graphIri, info);
    return new Ownership(all.values());
  }

  /**
   * Graph files scanned for statements about other graphs' resources since the store opened (files found clean
   * before, by this store or one sharing its `ownershipChecked`, are not scanned again).
   */
  get ownershipScans(): number {
    return this.#scans;
  }

  #installFile(path: string, onTriples?: (n: number) => void): FileHeader {
    return installGraphFile(this.#loadContext(), path, onTriples);
  }

  #reapplyOwnership(graphIri: string, before: GraphInfo | undefined): void {
    reapplyOwnership(this.#loadContext(), graphIri, before);
  }

  #loadContext(): FileLoadContext {
    return {
      ox: this.#ox,
      set: this.#set,
      checked: this.#checked,
      ownership: (info) => this.#ownership(info),
      onScan: () => this.#scans++,
      onWarning: this.#onWarning,
    };
  }

  #installChunks(graphIri: string, nt: NTriplesGraph, onProgress?: ProgressListener): void {
    this.#ox.dropGraph(graphIri);
    let loaded = 0;
    for (const chunk of nt.chunks) {
      this.#ox.loadNTriples(graphIri, chunk);
      loaded += countLines(chunk);
      onProgress?.(loaded, nt.triples);
    }
    if (nt.bnodeChunk) this.#ox.loadNTriples(graphIri, nt.bnodeChunk);
    onProgress?.(nt.triples, nt.triples);
  }

  #refreshCatalog(): void {
    const nt = quadsToNTriples(catalogQuads([...this.#set.values()]), "c");
    this.#ox.dropGraph(CATALOG_GRAPH);
    for (const c of nt.chunks) this.#ox.loadNTriples(CATALOG_GRAPH, c);
  }

  #check(graphIri: string): void {
    if (this.#closed) throw new UsageError("store/closed", tx("store/closed"), { hint: tx("store/closed.hint") });
    checkIri(graphIri, "graph");
    if (graphIri === CATALOG_GRAPH) {
      throw new UsageError("store/reserved-graph", tx("store/reserved-graph", { graph: CATALOG_GRAPH }), {
        hint: tx("store/reserved-graph.hint"),
      });
    }
  }

  #writable(): void {
    if (this.#readOnly)
      throw new UsageError("store/read-only", tx("store/read-only"), { hint: tx("store/read-only.hint") });
  }

  /**
   * Replaces a publisher's graph whole with `quads` (their graph terms are ignored). Atomic: a query sees the old
   * graph or the new one, never a mix; with a data directory the new graph is on disk before this resolves.
   * Calls are applied one at a time, in order. A closed or read-only store, a bad IRI or licence reject (never throw).
   */
  replaceGraph(
    graphIri: string,
    quads: Iterable<Quad>,
    meta: GraphMeta,
    options: ReplaceOptions = {},
  ): Promise<GraphInfo> {
    try {
      if (this.#closed) throw new UsageError("store/closed", tx("store/closed"), { hint: tx("store/closed.hint") });
      checkReplace(graphIri, meta);
      this.#writable();
    } catch (e) {
      return Promise.reject(e);
    }
    return this.#set.serialised(async () => {
      const { nt, info, previous } = this.#set.prepare(graphIri, quads, meta, serialiseGraphText);
      if (this.#dataDir !== undefined) await writeGraphFile(this.#dataDir, info, nt);
      // From here on, synchronous: no query can run between the drop and the last load.
      try {
        this.#installChunks(graphIri, nt, options.onProgress);
      } catch (e) {
        this.#ox.dropGraph(graphIri);
        this.#set.delete(graphIri);
        this.#refreshCatalog();
        throw new UsageError(
          "store/load-failed",
          tx("store/load-failed", { graph: graphIri, reason: (e as Error).message }),
          { cause: e },
        );
      }
      this.#set.set(info);
      this.#reapplyOwnership(graphIri, previous);
      this.#refreshCatalog();
      return info;
    });
  }

  /** Removes a publisher's graph (durably, with a data directory). Resolves to whether it existed; rejects (never throws) on misuse. */
  deleteGraph(graphIri: string): Promise<boolean> {
    try {
      this.#check(graphIri);
      this.#writable();
    } catch (e) {
      return Promise.reject(e);
    }
    return this.#set.serialised(async () => {
      const existed = this.#set.has(graphIri);
      const fileExisted = this.#dataDir !== undefined ? await removeGraphFile(this.#dataDir, graphIri) : false;
      this.#ox.dropGraph(graphIri);
      this.#set.delete(graphIri);
      this.#refreshCatalog();
      return existed || fileExisted;
    });
  }

  /**
   * Re-reads one graph from the data directory (or drops it when its file is gone). For read-only replicas:
   * the swap is synchronous, so a query sees the old graph or the new one.
   */
  reloadGraph(graphIri: string): GraphInfo | undefined {
    if (this.#dataDir === undefined)
      throw new UsageError("store/in-memory", tx("store/in-memory"), { hint: tx("store/in-memory.hint") });
    const path = join(graphsDir(this.#dataDir), graphFileName(graphIri));
    const before = this.#set.get(graphIri);
    if (!existsSync(path) || this.#exclude.has(graphIri)) {
      this.#ox.dropGraph(graphIri);
      this.#set.delete(graphIri);
    } else {
      this.#installFile(path);
      this.#reapplyOwnership(graphIri, before);
    }
    this.#refreshCatalog();
    return this.#set.get(graphIri);
  }

  /** The publisher graphs held, as the catalog describes them. */
  graphs(): GraphInfo[] {
    return this.#set.list();
  }

  graph(graphIri: string): GraphInfo | undefined {
    return this.#set.get(graphIri);
  }

  /** Total triples in the publisher graphs. */
  get size(): number {
    return this.#set.triples;
  }

  /** Runs a SELECT query. The default graph is the union of all graphs unless `options` say otherwise. */
  async select(query: string, options: QueryOptions = {}): Promise<SelectResult> {
    return this.#ox.select(query, options);
  }

  /** Synchronous form of `select` (for the thread that owns the store, e.g. to build an index between two queries). */
  selectSync(query: string, options: QueryOptions = {}): SelectResult {
    return this.#ox.select(query, options);
  }

  /**
   * Synchronous SELECT whose rows are read one at a time: for large answers read once (the performance index's
   * scans), none of the rows outlives its turn, so the process does not grow to hold them all.
   */
  selectRowsSync(query: string, options: QueryOptions = {}): Iterable<Bindings> {
    return this.#ox.selectRows(query, options);
  }

  /** Runs a CONSTRUCT or DESCRIBE query; the quads come back in the default graph. */
  async construct(query: string, options: QueryOptions = {}): Promise<Quad[]> {
    return this.#ox.construct(query, options);
  }

  async ask(query: string, options: QueryOptions = {}): Promise<boolean> {
    return this.#ox.ask(query, options);
  }

  /** Runs any query form and serialises the answer (SELECT/ASK in `resultsMediaType`, graphs in `graphMediaType`). */
  async queryFormatted(
    query: string,
    resultsMediaType: string,
    graphMediaType: string,
    options: QueryOptions = {},
  ): Promise<FormattedResult> {
    return this.#ox.formatted(query, resultsMediaType, graphMediaType, options);
  }

  /** Synchronous form of `queryFormatted` (for worker threads that own the store). */
  queryFormattedSync(
    query: string,
    resultsMediaType: string,
    graphMediaType: string,
    options: QueryOptions = {},
  ): FormattedResult {
    return this.#ox.formatted(query, resultsMediaType, graphMediaType, options);
  }

  /** The catalog graph's quads (DCAT/VoID description of every publisher graph). */
  describeCatalog(): Quad[] {
    return catalogQuads(this.graphs());
  }

  /** Waits for pending writes, frees the WebAssembly memory and releases the data directory. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#set.idle();
    this.free();
  }

  /** Frees the WebAssembly memory now (prefer `close()`, which also waits for writes and releases the lock). */
  free(): void {
    this.#closed = true;
    this.#ox.free();
    const unlock = this.#unlock;
    this.#unlock = undefined;
    unlock?.();
  }
}

function countLines(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\n"); i >= 0; i = s.indexOf("\n", i + 1)) n++;
  return n;
}
