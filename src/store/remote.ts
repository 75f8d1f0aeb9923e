// RemoteStore: Vivant's graph store over any SPARQL 1.1 Protocol + Graph Store Protocol store (first target:
// Virtuoso Open Source). The same promises as the embedded GraphStore, kept at Vivant's layer:
//
// - a publisher graph is written under a new physical name (`urn:vivant:graph:<uuid>`), checked (its triple
//   count), then the catalog's pointer is switched (a new state record, one INSERT DATA), then the old physical
//   graph is dropped once no query that reads it is running: a reader sees the old graph or the new one;
// - queries are rewritten (sparql-rewrite.ts) to read the current physical graphs only, never the remote
//   store's own graphs, and answers are written back by Vivant (results.ts, Oxigraph's RDF writers);
// - validation and the ownership rule run before every write (the callers' prepareGraph, checkOwnership here);
// - the remote store is never exposed: Vivant's server is the only client, with the store's own durability.

import { randomUUID } from "node:crypto";
import type { Quad } from "@rdfjs/types";
import { DataFactory, Parser as N3Parser } from "n3";
import { messageOf, UsageError } from "../errors.js";
import { tx, txBy } from "../i18n.js";
import { CATALOG_GRAPH, catalogQuads } from "./catalog.js";
import type { EncodedGraph } from "./files.js";
import { StorageError } from "./files.js";
import { checkIri } from "./ntriples.js";
import { GRAPH_MEDIA_TYPES, serializeTriples } from "./oxigraph.js";
import { formatAsk, formatSelect } from "./results.js";
import { checkQueryLimits } from "./sparql-limits.js";
import { wrongFormError } from "./query-checks.js";
import { rewriteQuery } from "./sparql-rewrite.js";
import { operationKind } from "./sparql-text.js";
import type {
  Bindings,
  FormattedResult,
  GraphInfo,
  GraphMeta,
  QueryOptions,
  SelectResult,
  SelectSource,
} from "./types.js";
import { checkReplace, graphInfo, GraphSet, serialiseGraph } from "./graph-set.js";
import type { RemoteStoreOptions } from "./remote-options.js";
import { RemoteClient, RemoteStoreError } from "./remote-client.js";
import { normalQuadTerm, parseResultsJson } from "./remote-terms.js";
import {
  CATALOG_PREFIX,
  commitState,
  dropOrphans,
  olderStatesDeletion,
  readStates,
  STATE_GRAPH,
  type State,
} from "./remote-state.js";

export { parseStoreUrl, type RemoteStoreOptions } from "./remote-options.js";
export { isRemoteStoreError, RemoteStoreError } from "./remote-client.js";
export { parseResultsJson, secondsToDuration } from "./remote-terms.js";
export { STATE_GRAPH } from "./remote-state.js";

const { quad: makeQuad } = DataFactory;

const PHYSICAL_PREFIX = "urn:vivant:graph:";

/**
 * A remote SPARQL 1.1 store (Virtuoso or any store with the Graph Store Protocol) behind the same interface as
 * `GraphStore`: publisher graphs replaced whole, typed queries, the catalog graph.
 * @example
 * ```ts
 * import { RemoteStore } from "vivant-ld";
 *
 * // The Graph Store Protocol endpoint defaults to the origin's /sparql-graph-crud (Virtuoso's): `graphStore` sets it.
 * const store = await RemoteStore.open({ endpoint: "http://127.0.0.1:8890/sparql" });
 * const { bindings } = await store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }");
 * console.log(store.graphs(), bindings[0]?.n?.value);
 * await store.close();
 * ```
 */
export class RemoteStore implements SelectSource {
  readonly #o: RemoteStoreOptions;
  readonly #client: RemoteClient;
  #state: State = { seq: 0, catalog: "", graphs: [] };
  #physical = new Map<string, string>();
  readonly #set = new GraphSet();
  /** In-flight queries per physical graph, and the graphs waiting for them to end before they are dropped. */
  readonly #uses = new Map<string, number>();
  readonly #toDrop = new Set<string>();

  private constructor(o: RemoteStoreOptions) {
    this.#o = o;
    this.#client = new RemoteClient(o);
  }

  /** Connects to the store and reads Vivant's state there (the catalog's pointers); creates it when absent. */
  static async open(options: RemoteStoreOptions): Promise<RemoteStore> {
    const s = new RemoteStore(options);
    try {
      await s.#loadState();
    } catch (e) {
      await s.#client.close();
      throw e;
    }
    return s;
  }

  /** Where the graphs are written (for messages): the store's endpoint. */
  get where(): string {
    return this.#o.endpoint;
  }

  /** The SPARQL endpoint of the store. */
  get endpoint(): string {
    return this.#o.endpoint;
  }

  async #loadState(): Promise<void> {
    const { best, records } = await readStates(this.#client);
    // A store with no state record yet gets a first one (an empty catalog), adopted like any other: without it the
    // clean-up below took the new catalog for an orphan and the first write reused its sequence number.
    this.#adopt(best ?? (await this.#commit([])));
    await dropOrphans(this.#client, this.#state, this.#o.onWarning);
    // Older state records (a switch whose clean-up did not run).
    if (records > 1) await this.#client.update(olderStatesDeletion(this.#state.seq));
  }

  #adopt(state: State): void {
    this.#state = state;
    this.#set.clear();
    const physical = new Map<string, string>();
    for (const g of state.graphs) {
      this.#set.set(g.info);
      physical.set(g.info.graphIri, g.physical);
    }
    physical.set(CATALOG_GRAPH, state.catalog);
    this.#physical = physical;
  }

  /** Writes the catalog of `graphs` under a new name and a new state record pointing to it (the switch). */
  #commit(graphs: State["graphs"]): Promise<State> {
    return commitState(this.#client, this.#state.seq, graphs);
  }

  async #count(physical: string): Promise<number> {
    const r = await this.#client.select(`SELECT (COUNT(*) AS ?n) FROM <${physical}> WHERE { ?s ?p ?o }`);
    return Number(r.bindings[0]?.n?.value ?? NaN);
  }

  /** Drops the physical graphs replaced, once no running query reads them. */
  async #dropUnused(): Promise<void> {
    for (const g of [...this.#toDrop]) {
      if ((this.#uses.get(g) ?? 0) > 0) continue;
      this.#toDrop.delete(g);
      await this.#client.update(`DROP SILENT GRAPH <${g}>`).catch((e: Error) => {
        const text = txBy("store/drop-failed", (lang) => ({ graph: g, detail: messageOf(e, lang) }));
        this.#o.onWarning?.(text.en, text);
      });
    }
  }

  /** Loads a new physical graph, checks it, switches the pointer, drops the old one. Inside the serialised section. */
  async #install(
    graphIri: string,
    info: GraphInfo,
    chunks: readonly (string | Uint8Array)[],
    bnodes: string | Uint8Array,
  ): Promise<GraphInfo> {
    const physical = `${PHYSICAL_PREFIX}${randomUUID()}`;
    try {
      for (const c of chunks) if (c.length) await this.#client.post(physical, c);
      if (bnodes.length) await this.#client.post(physical, bnodes);
      const n = await this.#count(physical);
      if (n !== info.triples)
        throw new RemoteStoreError(
          "store/remote-failed",
          tx("store/remote-count", { graph: graphIri, held: n, sent: info.triples }),
          502,
          { hint: tx("store/remote-count.hint") },
        );
      const graphs = [...this.#state.graphs.filter((g) => g.info.graphIri !== graphIri), { info, physical }].sort(
        (a, b) => a.info.graphIri.localeCompare(b.info.graphIri),
      );
      const before = this.#state;
      const next = await this.#commit(graphs);
      this.#adopt(next);
      const old = before.graphs.find((g) => g.info.graphIri === graphIri)?.physical;
      if (old) this.#toDrop.add(old);
      this.#toDrop.add(before.catalog);
      await this.#client.update(olderStatesDeletion(next.seq)).catch(() => undefined);
      await this.#dropUnused();
      return info;
    } catch (e) {
      if (this.#physical.get(graphIri) !== physical)
        await this.#client.update(`DROP SILENT GRAPH <${physical}>`).catch(() => undefined);
      throw e;
    }
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

  /**
   * Replaces a publisher's graph whole with `quads` (validated by the caller; the ownership rule is checked here).
   * Atomic for readers through Vivant: a query sees the old graph or the new one.
   */
  replaceGraph(graphIri: string, quads: Iterable<Quad>, meta: GraphMeta): Promise<GraphInfo> {
    checkReplace(graphIri, meta);
    return this.#set.serialised(async () => {
      const { nt, info } = this.#set.prepare(graphIri, quads, meta, serialiseGraph);
      return this.#install(graphIri, info, nt.chunks, nt.bnodeChunk);
    });
  }

  /** `replaceGraph` for a graph serialised, checked and encoded elsewhere (the server's write thread). */
  replaceEncoded(graphIri: string, content: EncodedGraph, meta: GraphMeta): Promise<GraphInfo> {
    checkReplace(graphIri, meta);
    return this.#set.serialised(() =>
      this.#install(
        graphIri,
        graphInfo(graphIri, meta, content.triples, this.#set.get(graphIri)),
        content.chunks,
        content.bnodes,
      ),
    );
  }

  /** Removes a publisher's graph; resolves to whether it existed. */
  deleteGraph(graphIri: string): Promise<boolean> {
    checkIri(graphIri, "graph");
    return this.#set.serialised(async () => {
      const old = this.#state.graphs.find((g) => g.info.graphIri === graphIri);
      if (!old) return false;
      const before = this.#state;
      const next = await this.#commit(before.graphs.filter((g) => g.info.graphIri !== graphIri));
      this.#adopt(next);
      this.#toDrop.add(old.physical);
      this.#toDrop.add(before.catalog);
      await this.#client.update(olderStatesDeletion(next.seq)).catch(() => undefined);
      await this.#dropUnused();
      return true;
    });
  }

  /** Runs a rewritten query, keeping the physical graphs it reads from being dropped meanwhile. */
  async #reading<T>(reads: readonly string[], fn: () => Promise<T>): Promise<T> {
    for (const g of reads) this.#uses.set(g, (this.#uses.get(g) ?? 0) + 1);
    try {
      return await fn();
    } finally {
      for (const g of reads) {
        const n = (this.#uses.get(g) ?? 1) - 1;
        if (n > 0) this.#uses.set(g, n);
        else this.#uses.delete(g);
      }
      if (this.#toDrop.size) void this.#set.serialised(() => this.#dropUnused());
    }
  }

  /**
   * Runs any query form against the current catalog: SELECT/ASK as bindings, CONSTRUCT/DESCRIBE as quads (in the
   * default graph).
   */
  async run(
    query: string,
    options: QueryOptions = {},
  ): Promise<
    | { form: "select"; variables: string[]; bindings: Bindings[] }
    | { form: "ask"; value: boolean }
    | { form: "construct" | "describe"; quads: Quad[] }
  > {
    checkQueryLimits(query, this.#o.queryLimits);
    if (operationKind(query) === "update") {
      throw new UsageError("sparql/update-refused", tx("store/update-refused"), {
        hint: tx("store/update-refused.hint"),
      });
    }
    const r = rewriteQuery(query, { physical: this.#physical }, options);
    return this.#reading(r.reads, async () => {
      if (r.form === "construct" || r.form === "describe") {
        const text = await this.#client.sparql(new URLSearchParams({ query: r.text }), "application/n-triples");
        const quads = new N3Parser({ format: "N-Triples" })
          .parse(text)
          .map((q) => makeQuad(q.subject, q.predicate, normalQuadTerm(q.object)) as Quad);
        return { form: r.form, quads };
      }
      const parsed = parseResultsJson(
        await this.#client.sparql(new URLSearchParams({ query: r.text }), "application/sparql-results+json"),
      );
      // Sent as SELECT … LIMIT 1 (see rewriteQuery).
      if (r.form === "ask") return { form: "ask", value: parsed.bindings.length > 0 };
      return { form: "select", variables: parsed.variables, bindings: parsed.bindings };
    });
  }

  /** Runs a SELECT query. The default graph is the union of all graphs unless `options` say otherwise. */
  async select(query: string, options: QueryOptions = {}): Promise<SelectResult> {
    const r = await this.run(query, options);
    if (r.form !== "select") throw wrongFormError(r.form, ["select"]);
    return r;
  }

  async ask(query: string, options: QueryOptions = {}): Promise<boolean> {
    const r = await this.run(query, options);
    if (r.form !== "ask") throw wrongFormError(r.form, ["ask"]);
    return r.value;
  }

  /** Runs a CONSTRUCT or DESCRIBE query; the quads come back in the default graph. */
  async construct(query: string, options: QueryOptions = {}): Promise<Quad[]> {
    const r = await this.run(query, options);
    if (r.form !== "construct" && r.form !== "describe") throw wrongFormError(r.form, ["construct", "describe"]);
    return r.quads;
  }

  /** Runs any query form and serialises the answer (SELECT/ASK in `resultsMediaType`, graphs in `graphMediaType`). */
  async queryFormatted(
    query: string,
    resultsMediaType: string,
    graphMediaType: string,
    options: QueryOptions = {},
  ): Promise<FormattedResult> {
    const r = await this.run(query, options);
    if (r.form === "select")
      return {
        form: "select",
        mediaType: resultsMediaType,
        body: formatSelect(r.variables, r.bindings, resultsMediaType),
      };
    if (r.form === "ask")
      return { form: "ask", mediaType: resultsMediaType, body: formatAsk(r.value, resultsMediaType) };
    return {
      form: r.form,
      mediaType: graphMediaType,
      body: serializeTriples(r.quads, graphMediaType as (typeof GRAPH_MEDIA_TYPES)[number]),
    };
  }

  /** A publisher graph's triples as N-Triples (for a Graph Store POST's merge). */
  async graphNTriples(graphIri: string): Promise<string> {
    const physical = this.#physical.get(graphIri);
    if (physical === undefined) return "";
    return this.#reading([physical], () =>
      this.#client.sparql(
        new URLSearchParams({ query: `CONSTRUCT { ?s ?p ?o } FROM <${physical}> WHERE { ?s ?p ?o }` }),
        "application/n-triples",
      ),
    );
  }

  /** Where a merge reads the graph's current content: its N-Triples, from the store. */
  async mergeSource(graphIri: string): Promise<{ mergeText: string }> {
    return { mergeText: await this.graphNTriples(graphIri) };
  }

  /** The catalog graph's quads (DCAT/VoID description of every publisher graph). */
  describeCatalog(): Quad[] {
    return catalogQuads(this.graphs());
  }

  /** Waits for pending writes and closes the connections. Idempotent. */
  async close(): Promise<void> {
    if (this.#client.closed) return;
    await this.#set.idle();
    await this.#client.close();
  }
}

/** @internal the store's internal graph names, for tests. */
export const REMOTE_INTERNALS = { PHYSICAL_PREFIX, CATALOG_PREFIX, STATE_GRAPH };

export { StorageError };
