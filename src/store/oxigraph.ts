// The only module that imports Oxigraph: one in-memory (WebAssembly) store, with typed query methods.
// Everything here is synchronous and runs in the calling thread; GraphStore and the server's workers
// decide which thread that is.

import { tx } from "../i18n.js";
import oxigraph, { type Quad_Object, type Quad_Predicate, type Quad_Subject } from "oxigraph";
import { DataFactory } from "n3";
import type { Quad, Term } from "@rdfjs/types";
import { InputError, UsageError } from "../errors.js";
import { fromGraphs, hasDatasetClause, operationKind } from "./sparql-text.js";
import type { QueryLimits } from "./sparql-limits.js";
import { parseSparqlTsv, sparqlTsvRows } from "./tsv.js";
import { isTrap, SparqlSyntaxError, StoreBrokenError } from "./oxigraph-errors.js";
import { checkReadQuery } from "./query-checks.js";
import type { Bindings, FormattedResult, QueryForm, QueryOptions, SelectResult } from "./types.js";

export { isSparqlSyntaxError, isStoreBrokenError, SparqlSyntaxError, StoreBrokenError } from "./oxigraph-errors.js";
export { parseSparqlJson } from "./sparql-json.js";

const { namedNode, blankNode, literal, quad: makeQuad, defaultGraph } = DataFactory;

const NT = "application/n-triples";

/**
 * Internal graphs that make a default graph of several graphs an RDF merge (each triple once) rather than the bag
 * Oxigraph evaluates: the merge of the graphs that share triples, kept between writes, and the merge of a
 * query's own dataset, made for that query and dropped after it.
 */
export const MERGE_GRAPH = "urn:vivant:internal:merge";
const DATASET_MERGE_GRAPH = "urn:vivant:internal:dataset-merge";

/** Media types Oxigraph serialises query results in. */
export const RESULTS_MEDIA_TYPES = [
  "application/sparql-results+json",
  "application/sparql-results+xml",
  "text/csv",
  "text/tab-separated-values",
] as const;
export const GRAPH_MEDIA_TYPES = [
  "text/turtle",
  "application/n-triples",
  "application/n-quads",
  "application/trig",
  "application/ld+json",
  "application/rdf+xml",
] as const;

type OxTerm = oxigraph.NamedNode | oxigraph.BlankNode | oxigraph.DefaultGraph;

function rdfjsTerm(t: oxigraph.Term): Term {
  switch (t.termType) {
    case "NamedNode":
      return namedNode(t.value);
    case "BlankNode":
      return blankNode(t.value);
    case "Literal":
      return t.language ? literal(t.value, t.language) : literal(t.value, namedNode(t.datatype.value));
    case "DefaultGraph":
      return defaultGraph();
    default:
      throw new UsageError("store/unsupported-term", tx("store/unsupported-term", { type: t.termType }));
  }
}

/**
 * Why Oxigraph is unusable in this thread, once one of its calls trapped. Every store of a thread shares one
 * WebAssembly instance (one memory): a trap in one leaves all of them unusable.
 */
let brokenInstance: StoreBrokenError | undefined;

export class OxStore {
  #store: oxigraph.Store | undefined = new oxigraph.Store();
  /** Queries deeper or larger than these are refused before Oxigraph parses them (`sparql/too-complex`). */
  limits: QueryLimits = {};

  get #s(): oxigraph.Store {
    if (brokenInstance) throw brokenInstance;
    if (!this.#store) throw new UsageError("store/closed", tx("store/closed"), { hint: tx("store/closed.hint") });
    return this.#store;
  }

  /** Why the store cannot be used any more, when a call on it (or on another store of this thread) trapped. */
  get broken(): StoreBrokenError | undefined {
    return brokenInstance;
  }

  /** Runs one call on the WebAssembly store; a trap marks the store broken for good. */
  #call<T>(fn: (s: oxigraph.Store) => T): T {
    const s = this.#s;
    try {
      return fn(s);
    } catch (e) {
      if (!isTrap(e)) throw e;
      brokenInstance = new StoreBrokenError(e instanceof Error ? e.message : String(e), e);
      throw brokenInstance;
    }
  }

  /** The named graphs loaded. */
  readonly #graphs = new Set<string>();
  /** Graphs loaded or dropped since their overlaps were last computed. */
  readonly #dirty = new Set<string>();
  /** For each graph, the other graphs that state at least one of its triples. */
  readonly #overlaps = new Map<string, Set<string>>();
  /** The graphs whose merge MERGE_GRAPH holds (those with an overlap), sorted. */
  #merged: string[] = [];

  /** Loads N-Triples text into a named graph. Lenient: the text was checked when it was written. */
  loadNTriples(graphIri: string, text: string | Uint8Array): void {
    this.#call((st) => st.load(text, { format: NT, to_graph_name: oxigraph.namedNode(graphIri), lenient: true }));
    this.#graphs.add(graphIri);
    this.#dirty.add(graphIri);
  }

  /** Removes every triple of `graphIri` whose subject is one of `subjects`. */
  dropSubjects(graphIri: string, subjects: Iterable<string>): void {
    const g = oxigraph.namedNode(graphIri);
    for (const s of subjects) for (const q of this.#s.match(oxigraph.namedNode(s), null, null, g)) this.#s.delete(q);
    this.#dirty.add(graphIri);
  }

  dropGraph(graphIri: string): void {
    this.#call((st) => st.update(`DROP SILENT GRAPH <${graphIri}>`));
    this.#graphs.delete(graphIri);
    this.#dirty.add(graphIri);
  }

  /**
   * Brings the overlaps between graphs up to date after writes (one indexed lookup per triple of each changed
   * graph), and MERGE_GRAPH with them: it holds the merge of the graphs that share triples, nothing when none do.
   */
  #settle(): void {
    if (!this.#dirty.size) return;
    const before = this.#merged.join(" ");
    let mergedChanged = false;
    for (const g of this.#dirty) {
      if (this.#overlaps.has(g)) mergedChanged = true;
      for (const other of this.#overlaps.get(g) ?? []) {
        const set = this.#overlaps.get(other)!;
        set.delete(g);
        if (!set.size) this.#overlaps.delete(other);
      }
      this.#overlaps.delete(g);
      if (!this.#graphs.has(g)) continue;
      const rows = this.#call((st) =>
        st.query(
          `SELECT DISTINCT ?b WHERE { GRAPH <${g}> { ?s ?p ?o } GRAPH ?b { ?s ?p ?o } FILTER(?b != <${g}> && ?b != <${MERGE_GRAPH}>) }`,
        ),
      ) as Map<string, oxigraph.Term>[];
      for (const r of rows) {
        const b = r.get("b")!.value;
        if (!this.#overlaps.has(g)) this.#overlaps.set(g, new Set());
        if (!this.#overlaps.has(b)) this.#overlaps.set(b, new Set());
        this.#overlaps.get(g)!.add(b);
        this.#overlaps.get(b)!.add(g);
        mergedChanged = true;
      }
    }
    this.#dirty.clear();
    const merged = [...this.#overlaps.keys()].sort();
    if (!mergedChanged && merged.join(" ") === before) return;
    this.#call((st) => st.update(`DROP SILENT GRAPH <${MERGE_GRAPH}>`));
    if (merged.length) this.#call((st) => st.update(mergeUpdate(MERGE_GRAPH, merged)));
    this.#merged = merged;
  }

  /** Whether two of `graphs` state a common triple. */
  #overlapping(graphs: readonly string[]): boolean {
    return graphs.some((g, i) => graphs.some((h, j) => j > i && h !== g && this.#overlaps.get(g)?.has(h)));
  }

  countGraph(graphIri: string): number {
    const r = this.#call((s) => s.query(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${graphIri}> { ?s ?p ?o } }`)) as Map<
      string,
      oxigraph.Term
    >[];
    return Number(r[0]?.get("n")?.value ?? 0);
  }

  /**
   * Oxigraph's query options for a dataset. A default graph made of several graphs is their RDF merge: when two of
   * them share a triple, it is read from a merge graph (MERGE_GRAPH for the union, or one made for this query and
   * named in `temp`), since Oxigraph would give a shared triple once per graph.
   */
  #options(
    query: string,
    options: QueryOptions,
    resultsFormat: string | undefined,
    temp: string[],
  ): Parameters<oxigraph.Store["query"]>[1] {
    const o: NonNullable<Parameters<oxigraph.Store["query"]>[1]> = {};
    if (options.baseIri !== undefined) o.base_iri = options.baseIri;
    if (resultsFormat !== undefined) o.results_format = resultsFormat;
    // SPARQL Protocol: a dataset given by IRIs is exactly those graphs; the part not given is empty.
    const explicit = options.defaultGraphs !== undefined || options.namedGraphs !== undefined;
    if (explicit) {
      const defaults = [...new Set(options.defaultGraphs ?? [])];
      o.default_graph = this.#mergedDefault(defaults, temp).map((g) => oxigraph.namedNode(g) as OxTerm);
      o.named_graphs = (options.namedGraphs ?? []).map((g) => oxigraph.namedNode(g));
      return o;
    }
    if (hasDatasetClause(query)) {
      // FROM g1 FROM g2: the query's FROM NAMED graphs stay as written; only the default graph is replaced by the merge.
      const from = fromGraphs(query);
      if (from && new Set(from).size > 1 && this.#overlapping([...new Set(from)]))
        o.default_graph = this.#mergedDefault([...new Set(from)], temp).map((g) => oxigraph.namedNode(g) as OxTerm);
      return o;
    }
    // Oxigraph would merge FROM graphs with the union: a query that names its dataset gets exactly that.
    if (!(options.unionDefaultGraph ?? true)) return o;
    if (!this.#merged.length) {
      o.use_default_graph_as_union = true;
      return o;
    }
    // The graphs that share no triple are read as they are, the others through their merge.
    const merged = new Set(this.#merged);
    o.default_graph = [...[...this.#graphs].filter((g) => !merged.has(g)), MERGE_GRAPH].map(
      (g) => oxigraph.namedNode(g) as OxTerm,
    );
    o.named_graphs = [...this.#graphs].map((g) => oxigraph.namedNode(g));
    return o;
  }

  /** The graphs to read as the default graph `graphs`: themselves, or a merge made for this query when two overlap. */
  #mergedDefault(graphs: string[], temp: string[]): string[] {
    if (graphs.length < 2 || !this.#overlapping(graphs)) return graphs;
    this.#call((st) => st.update(`DROP SILENT GRAPH <${DATASET_MERGE_GRAPH}>`));
    this.#call((st) => st.update(mergeUpdate(DATASET_MERGE_GRAPH, graphs)));
    temp.push(DATASET_MERGE_GRAPH);
    return [DATASET_MERGE_GRAPH];
  }

  #run(
    query: string,
    expected: readonly QueryForm[],
    options: QueryOptions,
    resultsFormat?: string,
  ): ReturnType<oxigraph.Store["query"]> {
    checkReadQuery(query, expected, options, this.limits);
    this.#settle();
    const temp: string[] = [];
    try {
      return this.#call((s) => s.query(query, this.#options(query, options, resultsFormat, temp)));
    } catch (e) {
      if (e instanceof StoreBrokenError) throw e;
      const message = e instanceof Error ? e.message : String(e);
      if (/^error at \d+:\d+/.test(message)) throw new SparqlSyntaxError(message, e);
      throw new InputError("sparql/evaluation", tx("sparql/evaluation", { detail: message }), {
        hint: tx("sparql/evaluation.hint"),
        cause: e,
      });
    } finally {
      for (const g of temp) this.#call((st) => st.update(`DROP SILENT GRAPH <${g}>`));
    }
  }

  select(query: string, options: QueryOptions = {}): SelectResult {
    // TSV: Oxigraph writes it in about half the time of JSON, and it parses as fast (see tsv.ts).
    return parseSparqlTsv(this.#run(query, ["select"], options, "text/tab-separated-values") as string);
  }

  /** The rows of a SELECT one at a time (the answer is evaluated at once; its rows are parsed as they are read). */
  selectRows(query: string, options: QueryOptions = {}): Iterable<Bindings> {
    return sparqlTsvRows(this.#run(query, ["select"], options, "text/tab-separated-values") as string);
  }

  ask(query: string, options: QueryOptions = {}): boolean {
    return this.#run(query, ["ask"], options) as boolean;
  }

  construct(query: string, options: QueryOptions = {}): Quad[] {
    const quads = this.#run(query, ["construct", "describe"], options) as oxigraph.Quad[];
    return quads.map((q) =>
      makeQuad(rdfjsTerm(q.subject) as never, rdfjsTerm(q.predicate) as never, rdfjsTerm(q.object) as never),
    );
  }

  /**
   * Runs any query and serialises its answer: SELECT/ASK in `resultsMediaType`, CONSTRUCT/DESCRIBE in `graphMediaType`.
   * This is what the SPARQL endpoint sends, serialised by Oxigraph itself.
   */
  formatted(
    query: string,
    resultsMediaType: string,
    graphMediaType: string,
    options: QueryOptions = {},
  ): FormattedResult {
    const kind = operationKind(query);
    const form: QueryForm = kind === "update" || kind === undefined ? "select" : kind;
    const graph = form === "construct" || form === "describe";
    const mediaType = graph ? graphMediaType : resultsMediaType;
    const body = this.#run(query, ["select", "ask", "construct", "describe"], options, mediaType) as string;
    return { form, mediaType, body };
  }

  /** Every quad of one graph, as N-Triples text. */
  dumpGraph(graphIri: string): string {
    return this.#call((s) => s.dump({ format: NT, from_graph_name: oxigraph.namedNode(graphIri) }));
  }

  free(): void {
    const s = this.#store;
    this.#store = undefined;
    // A broken store's Rust side may be left borrowed: freeing it would throw. Its memory goes with the worker.
    if (!brokenInstance) (s as unknown as { free?: () => void } | undefined)?.free?.();
  }
}

/** Serialises triples (their graph terms ignored) with Oxigraph's writers, e.g. RDF/XML, which n3 does not write. */
export function serializeTriples(quads: Iterable<Quad>, mediaType: (typeof GRAPH_MEDIA_TYPES)[number]): string {
  const s = new oxigraph.Store();
  try {
    for (const q of quads)
      s.add(
        oxigraph.quad(
          oxigraph.fromTerm(q.subject) as Quad_Subject,
          oxigraph.fromTerm(q.predicate) as Quad_Predicate,
          oxigraph.fromTerm(q.object) as Quad_Object,
        ),
      );
    return s.dump({ format: mediaType, from_graph_name: oxigraph.defaultGraph() });
  } finally {
    (s as unknown as { free?: () => void }).free?.();
  }
}

/** The SPARQL Update that copies `graphs` into `target`: Oxigraph keeps each triple of a graph once, so it is their merge. */
function mergeUpdate(target: string, graphs: readonly string[]): string {
  return `INSERT { GRAPH <${target}> { ?s ?p ?o } } WHERE { VALUES ?g { ${graphs.map((g) => `<${g}>`).join(" ")} } GRAPH ?g { ?s ?p ?o } }`;
}
