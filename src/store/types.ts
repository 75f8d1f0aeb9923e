// The store's plain data: what a publisher graph says about itself, query options and results.

import type { Term } from "@rdfjs/types";

/** What the caller says about a publisher graph when it replaces it. */
export interface GraphMeta {
  /** The publisher's local id (tokens of the Graph Store Protocol are bound to it). */
  readonly publisherId?: string;
  /** A licence key (`etalab-2.0`, `cc0-1.0`, `cc-by-4.0`, `cc-by-sa-4.0`, `odbl-1.0`) or a licence IRI. */
  readonly licence: string;
  /** Where the data came from: a file, a feed URL, harvested pages. An absolute IRI becomes a link. */
  readonly source?: string;
  /** A human title for the catalog, e.g. the publisher's name. */
  readonly title?: string;
  /** The publisher's name; used as the title when `title` is absent. */
  readonly publisherName?: string;
  /**
   * When the data was last modified (ISO 8601 date-time).
   * @default the time of the replace
   */
  readonly modified?: string;
  /**
   * Namespaces the publisher registered besides its base IRI (the graph IRI without its final `graph`): the graph
   * owns the IRIs under them (e.g. the pages of its harvested site). See `src/store/ownership.ts`.
   * @example ["https://www.venue.example/"]
   */
  readonly namespaces?: readonly string[];
}

/** A publisher graph as the catalog describes it. */
export interface GraphInfo {
  readonly graphIri: string;
  readonly publisherId?: string;
  /** The licence as given (key or IRI). */
  readonly licence: string;
  /** The licence's IRI. */
  readonly licenceIri: string;
  readonly source?: string;
  readonly title?: string;
  /** ISO 8601 date-time of the last replace. */
  readonly modified: string;
  /** Number of triples in the graph. */
  readonly triples: number;
  /** Increases by one at each replace of this graph (starts at 1). */
  readonly version: number;
  /** The namespaces it registered besides its base IRI (absent when none). */
  readonly namespaces?: readonly string[];
}

/** SPARQL query forms. */
export type QueryForm = "select" | "ask" | "construct" | "describe";

/** The RDF dataset a query runs against. */
export interface QueryOptions {
  /**
   * Graph IRIs whose merge is the default graph (SPARQL Protocol `default-graph-uri`).
   * Overrides the query's own FROM clauses.
   */
  readonly defaultGraphs?: readonly string[];
  /** Graph IRIs available to `GRAPH` (SPARQL Protocol `named-graph-uri`). Overrides FROM NAMED. */
  readonly namedGraphs?: readonly string[];
  /**
   * Without `defaultGraphs`, the default graph is the union of every graph (all publishers and the
   * catalog), which is what aggregators expect; `false` gives the store's own (empty) default graph.
   * @default true
   */
  readonly unionDefaultGraph?: boolean;
  /** Base IRI for relative IRIs in the query. */
  readonly baseIri?: string;
}

/** One solution of a SELECT: variable name (without `?`) → RDF/JS term; unbound variables are absent. */
export type Bindings = Readonly<Record<string, Term>>;

export interface SelectResult {
  /** Projected variable names, without `?`, in the query's order. */
  readonly variables: readonly string[];
  readonly bindings: readonly Bindings[];
}

/** A query answered directly in a serialisation (what the SPARQL endpoint sends). */
export interface FormattedResult {
  readonly form: QueryForm;
  /** The media type of `body`. */
  readonly mediaType: string;
  readonly body: string;
}

/** Progress of a long load: triples loaded so far out of the total. */
export type ProgressListener = (loaded: number, total: number) => void;

/** Anything that answers SPARQL SELECT queries (a GraphStore in this thread, or the server's worker pool). */
export interface SelectSource {
  select(query: string, options?: QueryOptions): Promise<SelectResult>;
}
