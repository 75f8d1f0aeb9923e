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
import type { Quad, Term } from "@rdfjs/types";
import { DataFactory, Parser as N3Parser } from "n3";
import { Agent, request, type Dispatcher } from "undici";
import {
  InputError,
  isErrorNamed,
  messageOf,
  UsageError,
  type Message,
  type Warn,
  type ProblemCode,
  type ErrorCopy,
} from "../errors.js";
import { t, tx, txBy } from "../i18n.js";
import { CATALOG_GRAPH, catalogQuads } from "./catalog.js";
import type { EncodedGraph } from "./files.js";
import { StorageError } from "./files.js";
import { checkIri, quadsToNTriples } from "./ntriples.js";
import { GRAPH_MEDIA_TYPES, serializeTriples } from "./oxigraph.js";
import { formatAsk, formatSelect } from "./results.js";
import { checkQueryLimits, type QueryLimits } from "./sparql-limits.js";
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

const { namedNode, blankNode, literal, quad: makeQuad } = DataFactory;

/** The graph of Vivant's state records in the remote store (the catalog's pointers). */
export const STATE_GRAPH = "urn:vivant:internal:state";
const STATE = "https://vivant.dev/ns/state#";
const PHYSICAL_PREFIX = "urn:vivant:graph:";
const CATALOG_PREFIX = "urn:vivant:catalog:";
const XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean";
const XSD_DURATION = "http://www.w3.org/2001/XMLSchema#duration";

export interface RemoteStoreOptions {
  /**
   * The store's SPARQL 1.1 Protocol endpoint (queries and updates).
   * @example "http://127.0.0.1:8890/sparql"
   */
  readonly endpoint: string;
  /**
   * Its Graph Store Protocol endpoint (graph loads, `?graph=`).
   * @default the endpoint's origin + `/sparql-graph-crud` (Virtuoso's)
   */
  readonly graphStore?: string;
  /**
   * Time limit of one request to the store, in ms.
   * @default 60000
   */
  readonly timeoutMs?: number;
  /** Queries deeper or larger than these are refused before the store sees them. */
  readonly queryLimits?: QueryLimits;
  /** Called when something found at open was repaired (e.g. physical graphs of an interrupted write dropped). */
  readonly onWarning?: Warn;
  /**
   * Concurrent connections to the store.
   * @default 16
   */
  readonly connections?: number;
}

/** One moment of the catalog: every publisher graph with its physical graph, and the catalog's physical graph. */
interface State {
  readonly seq: number;
  readonly catalog: string;
  readonly graphs: readonly { readonly info: GraphInfo; readonly physical: string }[];
}

/** The error of a store that cannot be reached or fails: 503 / 502 for the server. */
/** A query of the wrong form for the method called (the same error as the embedded store's). */
function wrongForm(form: string, expected: readonly string[]): UsageError {
  return new UsageError(
    "sparql/wrong-form",
    txBy("store/wrong-form", (lang) => ({
      form: form.toUpperCase(),
      expected: expected.map((e) => e.toUpperCase()).join(` ${t("word/or", {}, lang)} `),
    })),
    {
      hint: tx("store/wrong-form.hint", {
        method: expected[0] === "select" ? "select()" : expected[0] === "ask" ? "ask()" : "construct() (DESCRIBE)",
      }),
    },
  );
}

export class RemoteStoreError extends UsageError {
  readonly status: number;
  constructor(code: ProblemCode, message: Message, status: number, options: { hint?: Message; cause?: unknown } = {}) {
    super(code, message, options);
    this.name = "RemoteStoreError";
    this.status = status;
  }
}

/** Parses a `--store` value: an http(s) URL of a SPARQL endpoint, optionally `…#gsp=<Graph Store URL>`. */
export function parseStoreUrl(value: string): RemoteStoreOptions {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError("store/bad-url", tx("store/bad-url", { value: JSON.stringify(value) }), {
      hint: tx("store/bad-url.hint"),
    });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UsageError("store/bad-url", tx("store/bad-scheme", { value }), { hint: tx("store/bad-url.hint") });
  }
  const gsp = new URLSearchParams(url.hash.slice(1)).get("gsp");
  url.hash = "";
  return { endpoint: url.href, ...(gsp ? { graphStore: gsp } : {}) };
}

/** Virtuoso's answers normalised to RDF 1.1 terms (its bnode labels, its `1`/`0` booleans). */
function normalTerm(t: { type: string; value: string; datatype?: string; "xml:lang"?: string }): Term {
  switch (t.type) {
    case "uri":
      return namedNode(t.value);
    case "bnode":
      return blankNode(t.value.replace(/^nodeID:\/\//, ""));
    default: {
      const lang = t["xml:lang"];
      if (lang) return literal(t.value, lang);
      return normalQuadTerm(literal(t.value, t.datatype ? namedNode(t.datatype) : undefined));
    }
  }
}

function normalQuadTerm<T extends Term>(t: T): T {
  if (t.termType !== "Literal") return t;
  const dt = t.datatype.value;
  if (dt === XSD_BOOLEAN && (t.value === "1" || t.value === "0"))
    return literal(t.value === "1" ? "true" : "false", namedNode(XSD_BOOLEAN)) as unknown as T;
  if (dt === XSD_DURATION && /^-?\d+(\.\d+)?$/.test(t.value))
    return literal(secondsToDuration(t.value), namedNode(XSD_DURATION)) as unknown as T;
  return t;
}

/**
 * Virtuoso keeps a day-time xsd:duration as its number of seconds and gives back "5400.0": written again in the
 * canonical form (the one Oxigraph gives, e.g. PT1H30M, P1D, -PT5M).
 */
export function secondsToDuration(seconds: string): string {
  const negative = seconds.startsWith("-");
  const total = Math.abs(Number(seconds));
  const days = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = Math.round((total % 60) * 1e9) / 1e9;
  const time = `${h ? `${h}H` : ""}${m ? `${m}M` : ""}${s ? `${s}S` : ""}`;
  const body = `${days ? `${days}D` : ""}${time ? `T${time}` : ""}`;
  return body ? `${negative ? "-" : ""}P${body}` : "PT0S";
}

/** Parses SPARQL JSON results (Virtuoso's `typed-literal` included). */
export function parseResultsJson(json: string): { variables: string[]; bindings: Bindings[]; boolean?: boolean } {
  const doc = JSON.parse(json) as {
    head?: { vars?: string[] };
    boolean?: boolean;
    results?: { bindings: Record<string, { type: string; value: string }>[] };
  };
  if (typeof doc.boolean === "boolean") return { variables: [], bindings: [], boolean: doc.boolean };
  const bindings = (doc.results?.bindings ?? []).map((row) => {
    const out: Record<string, Term> = {};
    for (const k in row) out[k] = normalTerm(row[k]!);
    return out;
  });
  return { variables: doc.head?.vars ?? [], bindings };
}

/**
 * A remote SPARQL 1.1 store (Virtuoso or any store with the Graph Store Protocol) behind the same interface as
 * `GraphStore`: publisher graphs replaced whole, typed queries, the catalog graph.
 * @example
 * const store = await RemoteStore.open(parseStoreUrl("http://127.0.0.1:8890/sparql"));
 * console.log(store.graphs());
 * await store.close();
 */
export class RemoteStore implements SelectSource {
  readonly #o: RemoteStoreOptions;
  readonly #agent: Agent;
  readonly #gsp: string;
  #state: State = { seq: 0, catalog: "", graphs: [] };
  #physical = new Map<string, string>();
  readonly #set = new GraphSet();
  /** In-flight queries per physical graph, and the graphs waiting for them to end before they are dropped. */
  readonly #uses = new Map<string, number>();
  readonly #toDrop = new Set<string>();
  #closed = false;

  private constructor(o: RemoteStoreOptions) {
    this.#o = o;
    this.#agent = new Agent({ connections: o.connections ?? 16, keepAliveTimeout: 2_000, keepAliveMaxTimeout: 5_000 });
    this.#gsp = o.graphStore ?? new URL("/sparql-graph-crud", o.endpoint).href;
  }

  /** Connects to the store and reads Vivant's state there (the catalog's pointers); creates it when absent. */
  static async open(options: RemoteStoreOptions): Promise<RemoteStore> {
    const s = new RemoteStore(options);
    try {
      await s.#loadState();
    } catch (e) {
      await s.#agent.close();
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

  async #http(
    url: string,
    init: { method: "GET" | "POST" | "PUT" | "DELETE"; body?: string | Uint8Array; headers: Record<string, string> },
  ): Promise<{ status: number; text: string; headers: Dispatcher.ResponseData["headers"] }> {
    if (this.#closed)
      throw new UsageError("store/closed", tx("store/closed"), { hint: tx("store/remote-closed.hint") });
    const timeout = this.#o.timeoutMs ?? 60_000;
    let r: Dispatcher.ResponseData;
    try {
      const send = (): Promise<Dispatcher.ResponseData> =>
        request(url, {
          method: init.method,
          headers: init.headers,
          ...(init.body !== undefined ? { body: init.body } : {}),
          dispatcher: this.#agent,
          headersTimeout: timeout,
          bodyTimeout: timeout,
        });
      // A kept-alive connection the store closed meanwhile: sent again once on a new one. Every request Vivant sends
      // is safe to repeat (queries, DROP, INSERT DATA of a state record, a POST of triples into a new graph, whose
      // triple count is checked before the switch).
      r = await send().catch((e: { code?: string }) => {
        if (e.code === "EPIPE" || e.code === "ECONNRESET" || e.code === "UND_ERR_SOCKET") return send();
        throw e;
      });
    } catch (e) {
      const code = (e as { code?: string }).code ?? "";
      if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
        throw new RemoteStoreError("query/timeout", tx("store/remote-timeout", { url, ms: timeout }), 503, {
          hint: tx("store/remote-timeout.hint"),
          cause: e,
        });
      }
      throw new RemoteStoreError(
        "store/unavailable",
        tx("store/unreachable", { url, reason: `${(e as Error).message}${code ? ` (${code})` : ""}` }),
        503,
        { hint: tx("store/unreachable.hint"), cause: e },
      );
    }
    const text = await r.body.text();
    return { status: r.statusCode, text, headers: r.headers };
  }

  async #sparql(body: URLSearchParams, accept: string): Promise<string> {
    const r = await this.#http(this.#o.endpoint, {
      method: "POST",
      body: body.toString(),
      headers: { "content-type": "application/x-www-form-urlencoded", accept },
    });
    if (r.status >= 200 && r.status < 300) return r.text;
    const first = r.text.split("\n")[0]!.slice(0, 300);
    if (r.status === 400 && body.has("query"))
      throw new InputError("sparql/evaluation", tx("store/remote-refused-query", { detail: first }), {
        hint: tx("sparql/evaluation.hint"),
      });
    throw new RemoteStoreError(
      "store/remote-failed",
      tx("store/remote-status", { status: r.status, detail: first }),
      502,
      { hint: tx("store/remote-log.hint") },
    );
  }

  /** Runs a SPARQL Update on the store (Vivant's own writes only). */
  async #update(update: string): Promise<void> {
    await this.#sparql(new URLSearchParams({ update }), "*/*");
  }

  async #selectPhysical(query: string): Promise<SelectResult> {
    const text = await this.#sparql(new URLSearchParams({ query }), "application/sparql-results+json");
    return parseResultsJson(text);
  }

  async #loadState(): Promise<void> {
    const rows = await this.#selectPhysical(
      `SELECT ?seq ?json FROM <${STATE_GRAPH}> WHERE { ?s <${STATE}seq> ?seq ; <${STATE}json> ?json }`,
    );
    let best: State | undefined;
    for (const b of rows.bindings) {
      const seq = Number(b.seq!.value);
      if (best === undefined || seq > best.seq) best = { ...(JSON.parse(b.json!.value) as Omit<State, "seq">), seq };
    }
    if (best) this.#adopt(best);
    else await this.#commit([]);
    // Physical graphs no state points to: left by a write interrupted before its switch, or a drop not done.
    const listed = await this.#selectPhysical(
      `SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "urn:vivant:")) }`,
    );
    const live = new Set([this.#state.catalog, ...this.#state.graphs.map((g) => g.physical), STATE_GRAPH]);
    const orphans = listed.bindings.map((b) => b.g!.value).filter((g) => !live.has(g));
    for (const g of orphans) await this.#update(`DROP SILENT GRAPH <${g}>`);
    if (orphans.length) {
      const text = tx("store/orphans-dropped", { count: orphans.length });
      this.#o.onWarning?.(text.en, text);
    }
    // Older state records (a switch whose clean-up did not run).
    if (rows.bindings.length > 1)
      await this.#update(
        `DELETE { GRAPH <${STATE_GRAPH}> { ?s ?p ?o } } WHERE { GRAPH <${STATE_GRAPH}> { ?s <${STATE}seq> ?seq ; ?p ?o FILTER(?seq < ${this.#state.seq}) } }`,
      );
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
  async #commit(graphs: State["graphs"]): Promise<State> {
    const catalog = `${CATALOG_PREFIX}${randomUUID()}`;
    const cat = quadsToNTriples(catalogQuads(graphs.map((g) => g.info)), "c");
    for (const c of [...cat.chunks, cat.bnodeChunk]) if (c) await this.#post(catalog, c);
    const seq = this.#state.seq + 1;
    const json = JSON.stringify({ catalog, graphs });
    const s = `urn:vivant:state:${seq}`;
    await this.#update(
      `INSERT DATA { GRAPH <${STATE_GRAPH}> { <${s}> <${STATE}seq> ${seq} ; <${STATE}json> ${JSON.stringify(json)} } }`,
    );
    return { seq, catalog, graphs };
  }

  /** Graph Store Protocol POST of N-Triples into a physical graph. */
  async #post(physical: string, nt: string | Uint8Array): Promise<void> {
    const url = `${this.#gsp}?graph=${encodeURIComponent(physical)}`;
    const r = await this.#http(url, { method: "POST", body: nt, headers: { "content-type": "application/n-triples" } });
    if (r.status < 200 || r.status >= 300) {
      throw new RemoteStoreError(
        "store/remote-failed",
        tx("store/remote-refused-load", { status: r.status, detail: r.text.split("\n")[0]!.slice(0, 300) }),
        502,
        { hint: tx("store/remote-log.hint") },
      );
    }
  }

  async #count(physical: string): Promise<number> {
    const r = await this.#selectPhysical(`SELECT (COUNT(*) AS ?n) FROM <${physical}> WHERE { ?s ?p ?o }`);
    return Number(r.bindings[0]?.n?.value ?? NaN);
  }

  /** Drops the physical graphs replaced, once no running query reads them. */
  async #dropUnused(): Promise<void> {
    for (const g of [...this.#toDrop]) {
      if ((this.#uses.get(g) ?? 0) > 0) continue;
      this.#toDrop.delete(g);
      await this.#update(`DROP SILENT GRAPH <${g}>`).catch((e: Error) => {
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
      for (const c of chunks) if (c.length) await this.#post(physical, c);
      if (bnodes.length) await this.#post(physical, bnodes);
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
      await this.#update(
        `DELETE { GRAPH <${STATE_GRAPH}> { ?s ?p ?o } } WHERE { GRAPH <${STATE_GRAPH}> { ?s <${STATE}seq> ?seq ; ?p ?o FILTER(?seq < ${next.seq}) } }`,
      ).catch(() => undefined);
      await this.#dropUnused();
      return info;
    } catch (e) {
      if (this.#physical.get(graphIri) !== physical)
        await this.#update(`DROP SILENT GRAPH <${physical}>`).catch(() => undefined);
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
      await this.#update(
        `DELETE { GRAPH <${STATE_GRAPH}> { ?s ?p ?o } } WHERE { GRAPH <${STATE_GRAPH}> { ?s <${STATE}seq> ?seq ; ?p ?o FILTER(?seq < ${next.seq}) } }`,
      ).catch(() => undefined);
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
        const text = await this.#sparql(new URLSearchParams({ query: r.text }), "application/n-triples");
        const quads = new N3Parser({ format: "N-Triples" })
          .parse(text)
          .map((q) => makeQuad(q.subject, q.predicate, normalQuadTerm(q.object)) as Quad);
        return { form: r.form, quads };
      }
      const parsed = parseResultsJson(
        await this.#sparql(new URLSearchParams({ query: r.text }), "application/sparql-results+json"),
      );
      // Sent as SELECT … LIMIT 1 (see rewriteQuery).
      if (r.form === "ask") return { form: "ask", value: parsed.bindings.length > 0 };
      return { form: "select", variables: parsed.variables, bindings: parsed.bindings };
    });
  }

  /** Runs a SELECT query. The default graph is the union of all graphs unless `options` say otherwise. */
  async select(query: string, options: QueryOptions = {}): Promise<SelectResult> {
    const r = await this.run(query, options);
    if (r.form !== "select") throw wrongForm(r.form, ["select"]);
    return r;
  }

  async ask(query: string, options: QueryOptions = {}): Promise<boolean> {
    const r = await this.run(query, options);
    if (r.form !== "ask") throw wrongForm(r.form, ["ask"]);
    return r.value;
  }

  /** Runs a CONSTRUCT or DESCRIBE query; the quads come back in the default graph. */
  async construct(query: string, options: QueryOptions = {}): Promise<Quad[]> {
    const r = await this.run(query, options);
    if (r.form !== "construct" && r.form !== "describe") throw wrongForm(r.form, ["construct", "describe"]);
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
      this.#sparql(
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
    if (this.#closed) return;
    await this.#set.idle();
    this.#closed = true;
    await this.#agent.close();
  }
}

/** @internal the store's internal graph names, for tests. */
export const REMOTE_INTERNALS = { PHYSICAL_PREFIX, CATALOG_PREFIX, STATE_GRAPH };

/** A storage error of the remote store as the server's write path reports it. */
export function isRemoteStoreError(e: unknown): e is ErrorCopy<RemoteStoreError> {
  return e instanceof RemoteStoreError || isErrorNamed(e, "RemoteStoreError");
}

export { StorageError };
