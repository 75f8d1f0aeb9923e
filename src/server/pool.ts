// The query workers: each holds a replica of the store and answers one query at a time, off the main thread.
// A query that runs past its time limit gets its worker terminated and replaced (the replacement loads the
// data directory, which is the truth); the other workers keep answering meanwhile. This module is the pool's
// public face: which lane each question takes; the scheduling is in pool-scheduler.ts.

import { tx } from "../i18n.js";
import { parseSparqlTsvInSlices } from "../store/tsv.js";
import { checkQueryLimits } from "../store/sparql-limits.js";
import type { QueryOptions, SelectResult, SelectSource } from "../store/types.js";
import type { PerformanceFilter } from "../query/filter.js";
import type { FeedWithin, IcalFeed } from "../export/ical-feed.js";
import type { IcalOptions } from "../export/ical-options.js";
import type { PageOptions, PerformanceNode, PerformancePage } from "../query/performances.js";
import type { NameValue } from "../query/perf-index.js";
import type { Facet, FacetCounts, GraphFacetCounts, Observatory } from "../query/aggregates.js";
import { QueryError, type Lane, type PoolOptions, type PoolResult } from "./pool-types.js";
import type { PoolHealth } from "./pool-health.js";
import { PoolScheduler, type JobMessage } from "./pool-scheduler.js";

export { QueryError, isQueryError, type Lane, type PoolOptions, type PoolResult } from "./pool-types.js";
export type { PoolHealth, WorkerFailure, WorkerHealth } from "./pool-health.js";
export { QUERY_WORKER_LIMITS } from "./pool-thread.js";

const decoder = new TextDecoder();

export class QueryPool implements SelectSource {
  readonly #o: PoolOptions;
  readonly #s: PoolScheduler;
  /**
   * Queries answered, timed out (answered 503), refused as too complex, lookups moved to the slow lane, workers
   * failed (trap, crash, out of memory, failed reload) and replaced (for the service's status).
   */
  readonly stats: PoolScheduler["stats"];

  private constructor(options: PoolOptions) {
    this.#o = options;
    this.#s = new PoolScheduler(options);
    this.stats = this.#s.stats;
  }

  /** Starts the workers and resolves once all of them have loaded the data directory. */
  static async start(options: PoolOptions): Promise<QueryPool> {
    const pool = new QueryPool(options);
    const started = Array.from({ length: Math.max(1, options.workers) }, () => pool.#s.spawn());
    try {
      await Promise.all(started);
    } catch (e) {
      await pool.close();
      throw e;
    }
    pool.#s.markStarted();
    return pool;
  }

  /** How many graph files the workers scanned for the ownership rule since the pool started (starts and reloads). */
  get ownershipScans(): number {
    return this.#s.ownershipScans;
  }

  /** Runs a query on the first free worker; its answer is serialised in the worker. */
  query(
    query: string,
    resultsMediaType: string,
    graphMediaType: string,
    options: QueryOptions = {},
  ): Promise<PoolResult> {
    let lookup: boolean;
    try {
      // Before any worker sees it: a query deeper than the limits could break a worker's store.
      lookup = checkQueryLimits(query, this.#o.queryLimits).lookup;
    } catch (e) {
      this.stats.tooComplex++;
      return Promise.reject(e);
    }
    return this.#submit<PoolResult>(
      { type: "query", query, results: resultsMediaType, graph: graphMediaType, options },
      lookup ? "fast" : "slow",
    );
  }

  /** One page of matching performances from a worker's index (typed questions). */
  find(filter: PerformanceFilter, page: PageOptions = {}): Promise<{ ids: string[]; next?: string }> {
    return this.#submit({ type: "index", op: "find", filter, page });
  }

  /** One page of matching performances described as JSON-LD, in one message to a worker (index + SPARQL there). */
  page(filter: PerformanceFilter, page: PageOptions = {}): Promise<PerformancePage> {
    return this.#submit({ type: "index", op: "page", filter, page });
  }

  facets(filter: PerformanceFilter, facets: readonly Facet[]): Promise<FacetCounts> {
    return this.#submit({ type: "index", op: "facets", filter, facets });
  }

  /** The same counts for each named graph apart (see `PerformanceIndex.facetsByGraph`). */
  facetsByGraph(filter: PerformanceFilter, facets: readonly Facet[]): Promise<readonly GraphFacetCounts[]> {
    return this.#submit({ type: "index", op: "facetsByGraph", filter, facets });
  }

  observatory(filter: PerformanceFilter): Promise<Observatory> {
    return this.#submit({ type: "index", op: "observatory", filter });
  }

  /** Performances described as JSON-LD from a worker's index (kept there until the next graph change). */
  describe(ids: readonly string[]): Promise<PerformanceNode[]> {
    return this.#submit({ type: "index", op: "describe", ids });
  }

  /** The typed question's iCalendar feed, written by a worker (its pages and text made there, off the HTTP thread). */
  ical(filter: PerformanceFilter, within: FeedWithin, options: IcalOptions): Promise<IcalFeed> {
    return this.#submit({ type: "index", op: "ical", filter, within, options }, "slow");
  }

  /** A graph's CapData Culture export (RDF/XML), written by a worker from the graph's file, off the HTTP thread. */
  capdata(file: string, graphIri: string, namespace: string | undefined): Promise<string> {
    return this.#submit(
      { type: "index", op: "capdata", file, graphIri, ...(namespace !== undefined ? { namespace } : {}) },
      "slow",
    );
  }

  /** The `schema:name` values of these IRIs, from a worker's index (kept there until the next graph change). */
  names(iris: readonly string[]): Promise<Record<string, readonly NameValue[]>> {
    return this.#submit({ type: "index", op: "names", iris });
  }

  #submit<T>(message: JobMessage, lane: Lane = "fast"): Promise<T> {
    return this.#s.submit<T>(message, lane);
  }

  /** Runs a SELECT and returns RDF/JS bindings (the typed discoverability queries use this). */
  async select(query: string, options: QueryOptions = {}): Promise<SelectResult> {
    // TSV: cheaper for Oxigraph to write than JSON, and as fast to read (see store/tsv.ts).
    const r = await this.query(query, "text/tab-separated-values", "application/n-triples", options);
    if (r.form !== "select")
      throw new QueryError(400, {
        code: "sparql/wrong-form",
        message: tx("sparql/expected-select", { form: r.form.toUpperCase() }),
      });
    // Read in slices: a large answer (an index's scan) does not hold the HTTP thread until its last row.
    return parseSparqlTsvInSlices(decoder.decode(r.body));
  }

  /**
   * Makes every worker re-read one graph from the data directory; resolves when all have swapped it. One worker at a
   * time, taking no query meanwhile: while one swaps a large graph (seconds), the others keep answering.
   */
  reload(graphIri: string): Promise<void> {
    return this.#s.reload(graphIri);
  }

  /** Workers ready to answer. */
  get readyWorkers(): number {
    return this.#s.readyWorkers;
  }

  /** Each worker's state, the queues, the last failure: what `/health` reports. */
  health(): PoolHealth {
    return this.#s.health();
  }

  /** Resolves when at least one worker is ready (after replacements). */
  whenReady(): Promise<void> {
    return this.#s.whenReady();
  }

  close(): Promise<void> {
    return this.#s.close();
  }
}
