// What the server's routes need from the store, made explicit: a query side (`QueryBackend`: the embedded store's
// worker pool, or `RemotePool` over a remote SPARQL store) and a write side (`WriteBackend`: the data directory's
// GraphWriter, or a RemoteStore). `vivant serve --store URL` picks the remote pair.

import type { Quad } from "@rdfjs/types";
import type { Facet, FacetCounts, GraphFacetCounts, Observatory } from "../query/aggregates.js";
import type { PerformanceFilter } from "../query/filter.js";
import type { FeedWithin, IcalFeed } from "../export/ical-feed.js";
import type { IcalOptions } from "../export/ical-options.js";
import type { PageOptions, PerformanceNode, PerformancePage } from "../query/performances.js";
import type { NameValue } from "../query/perf-index.js";
import type { EncodedGraph } from "../store/files.js";
import type { GraphInfo, GraphMeta, QueryOptions, SelectResult, SelectSource } from "../store/types.js";
import type { PoolHealth, PoolResult } from "./pool.js";

/** The counters `/health` reports under `queries`. */
export interface QueryStats {
  answered: number;
  timedOut: number;
  tooComplex: number;
  demoted: number;
  failed: number;
  respawned: number;
  retried: number;
}

/** The query side of the server: SPARQL, the typed questions, graph changes made visible. */
export interface QueryBackend extends SelectSource {
  readonly stats: QueryStats;
  /** Runs any query and serialises its answer (SELECT/ASK in `resultsMediaType`, graphs in `graphMediaType`). */
  query(query: string, resultsMediaType: string, graphMediaType: string, options?: QueryOptions): Promise<PoolResult>;
  select(query: string, options?: QueryOptions): Promise<SelectResult>;
  find(filter: PerformanceFilter, page?: PageOptions): Promise<{ ids: string[]; next?: string }>;
  page(filter: PerformanceFilter, page?: PageOptions): Promise<PerformancePage>;
  facets(filter: PerformanceFilter, facets: readonly Facet[]): Promise<FacetCounts>;
  /** The same counts for each named graph apart, graphs in code point order. */
  facetsByGraph(filter: PerformanceFilter, facets: readonly Facet[]): Promise<readonly GraphFacetCounts[]>;
  observatory(filter: PerformanceFilter): Promise<Observatory>;
  /** Performances described as JSON-LD (entity pages). */
  describe(ids: readonly string[]): Promise<PerformanceNode[]>;
  /** The typed question's iCalendar feed (src/export/ical-feed.ts), written where the answers are. */
  ical(filter: PerformanceFilter, within: FeedWithin, options: IcalOptions): Promise<IcalFeed>;
  /** The `schema:name` values of these IRIs (venue names of the pages). */
  names(iris: readonly string[]): Promise<Record<string, readonly NameValue[]>>;
  /** Graph files scanned for the ownership rule by the query workers (0 for a remote store). */
  readonly ownershipScans: number;
  /** Resolves once every answer (SPARQL and typed questions) reflects the graph's current version. */
  reload(graphIri: string): Promise<void>;
  health(): PoolHealth;
  readonly readyWorkers: number;
  whenReady(): Promise<void>;
  close(): Promise<void>;
}

/** Where a Graph Store POST reads the current graph from: a graph file, or its N-Triples text. */
export type MergeSource = { readonly mergeFrom: string } | { readonly mergeText: string };

/** The write side of the server: the publisher graphs' catalog facts, and their durable replacement. */
export interface WriteBackend {
  /** The data directory (the embedded store's), absent for a remote store. */
  readonly dataDir?: string;
  graphs(): GraphInfo[];
  graph(graphIri: string): GraphInfo | undefined;
  replaceGraph(graphIri: string, quads: Iterable<Quad>, meta: GraphMeta): Promise<GraphInfo>;
  replaceEncoded(graphIri: string, content: EncodedGraph, meta: GraphMeta): Promise<GraphInfo>;
  deleteGraph(graphIri: string): Promise<boolean>;
  /** The current content of a graph, for a merge. */
  mergeSource(graphIri: string): Promise<MergeSource>;
  close(): Promise<void>;
}
