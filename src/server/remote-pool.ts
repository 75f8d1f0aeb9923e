// The query side of the server over a remote store (`vivant serve --store URL`): SPARQL is rewritten and answered by
// the store (RemoteStore), and the typed questions by the same in-memory PerformanceIndex as the embedded store's
// workers, built here from the store with the index's own SPARQL scans and rebuilt after each graph change, before
// the write is acknowledged (or, with `typedQuestions: "sparql"`, by the store's SPARQL: see the benchmark).

import { isVivantError } from "../errors.js";
import { icalFeed, type FeedWithin, type IcalFeed } from "../export/ical-feed.js";
import type { IcalOptions } from "../export/ical-options.js";
import {
  observatory,
  performanceFacets,
  performanceFacetsByGraph,
  type Facet,
  type FacetCounts,
  type GraphFacetCounts,
  type Observatory,
} from "../query/aggregates.js";
import { checkFilter, type PerformanceFilter } from "../query/filter.js";
import { PerformanceIndex, type NameValue } from "../query/perf-index.js";
import { SCHEMA } from "../vocab.js";
import {
  describePerformances,
  findPerformances,
  type PageOptions,
  type PerformanceNode,
  type PerformancePage,
} from "../query/performances.js";
import { checkQueryLimits, type QueryLimits } from "../store/sparql-limits.js";
import { RemoteStore, RemoteStoreError } from "../store/remote.js";
import type { Bindings, QueryOptions, SelectResult } from "../store/types.js";
import type { QueryBackend, QueryStats } from "./backend.js";
import { QueryError, type PoolHealth, type PoolResult } from "./pool.js";

export interface RemotePoolOptions {
  readonly store: RemoteStore;
  /** Time limit of a query, in ms. @default 10000 */
  readonly timeoutMs?: number;
  /** Largest serialised answer sent, in bytes. @default 64 MiB */
  readonly maxResultBytes?: number;
  readonly unionDefaultGraph?: boolean;
  readonly queryLimits?: QueryLimits;
  /**
   * Who answers the typed questions: Vivant's in-memory index of the performances (built from the store), or the
   * store's SPARQL (no memory in Vivant; slower: see `npm run bench store`).
   * @default "index"
   */
  readonly typedQuestions?: "index" | "sparql";
  readonly log?: (line: string) => void;
}

/** Descriptions kept between two graph changes. */
const DESCRIPTION_CACHE = 50_000;

const encoder = new TextEncoder();

/** Any failure of a query as the server answers it. */
function asQueryError(e: unknown): Error {
  if (e instanceof QueryError) return e;
  if (e instanceof RemoteStoreError)
    return new QueryError(e.status, { code: e.code, message: e.text, ...(e.hintText ? { hint: e.hintText } : {}) });
  if (isVivantError(e)) {
    const pos = e as { line?: number; column?: number };
    const client =
      e.code.startsWith("sparql/") ||
      e.code.startsWith("filter/") ||
      e.name === "InputError" ||
      e.name === "UsageError";
    return new QueryError(client ? 400 : 500, {
      code: e.code,
      message: e.text,
      ...(e.hintText ? { hint: e.hintText } : {}),
      ...(pos.line !== undefined ? { line: pos.line } : {}),
      ...(pos.column !== undefined ? { column: pos.column } : {}),
    });
  }
  return new QueryError(500, { code: "internal", message: e instanceof Error ? e.message : String(e) });
}

/** Builds the performance index from the store: the index's scans are run first (async), then the build reads them. */
export async function buildRemoteIndex(store: RemoteStore): Promise<PerformanceIndex> {
  const queries: string[] = [];
  PerformanceIndex.build(
    () => ({ variables: [], bindings: [] }),
    (q) => {
      queries.push(q);
      return [];
    },
  );
  const answers = new Map<string, readonly Bindings[]>();
  for (const q of queries) answers.set(q, (await store.select(q)).bindings);
  return PerformanceIndex.build(
    () => {
      throw new Error("the remote index describes pages asynchronously");
    },
    (q) => {
      const rows = answers.get(q);
      if (rows === undefined) throw new Error(`the index asked for a scan it did not announce: ${q.slice(0, 80)}`);
      answers.delete(q);
      return rows;
    },
  );
}

export class RemotePool implements QueryBackend {
  readonly stats: QueryStats = {
    answered: 0,
    timedOut: 0,
    tooComplex: 0,
    demoted: 0,
    failed: 0,
    respawned: 0,
    retried: 0,
  };
  readonly #o: RemotePoolOptions;
  #index: PerformanceIndex | undefined;
  readonly #described = new Map<string, PerformanceNode>();
  #closed = false;
  #lastFailure: PoolHealth["lastFailure"];

  private constructor(o: RemotePoolOptions) {
    this.#o = o;
  }

  /** Builds the typed questions' index (unless they go to the store's SPARQL). */
  static async start(o: RemotePoolOptions): Promise<RemotePool> {
    const pool = new RemotePool(o);
    if ((o.typedQuestions ?? "index") === "index") pool.#index = await buildRemoteIndex(o.store);
    return pool;
  }

  get store(): RemoteStore {
    return this.#o.store;
  }

  async #timed<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#closed) throw new QueryError(503, { code: "server/closing", message: "the server is shutting down" });
    const ms = this.#o.timeoutMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.stats.timedOut++;
        reject(
          new QueryError(503, {
            code: "query/timeout",
            message: `the query did not finish within ${ms} ms`,
            hint: "narrow the query (fewer unbound patterns, a LIMIT), or run it on your own copy of the data",
          }),
        );
      }, ms);
    });
    try {
      const r = await Promise.race([fn(), limit]);
      this.stats.answered++;
      return r;
    } catch (e) {
      const q = asQueryError(e);
      if ((q as QueryError).status >= 500 && (q as QueryError).code !== "query/timeout") {
        this.stats.failed++;
        this.#lastFailure = { at: new Date().toISOString(), worker: 0, reason: q.message };
      }
      throw q;
    } finally {
      clearTimeout(timer);
    }
  }

  query(
    query: string,
    resultsMediaType: string,
    graphMediaType: string,
    options: QueryOptions = {},
  ): Promise<PoolResult> {
    try {
      checkQueryLimits(query, this.#o.queryLimits);
    } catch (e) {
      this.stats.tooComplex++;
      return Promise.reject(e);
    }
    return this.#timed(async () => {
      const r = await this.#o.store.queryFormatted(query, resultsMediaType, graphMediaType, {
        unionDefaultGraph: this.#o.unionDefaultGraph ?? true,
        ...options,
      });
      const body = encoder.encode(r.body);
      const max = this.#o.maxResultBytes ?? 64 * 2 ** 20;
      if (body.byteLength > max) {
        throw new QueryError(422, {
          code: "query/result-too-large",
          message: `the answer is ${body.byteLength} bytes, more than this server sends (${max})`,
          hint: "add LIMIT and OFFSET, or narrow the query",
        });
      }
      return { form: r.form, mediaType: r.mediaType, body };
    });
  }

  select(query: string, options: QueryOptions = {}): Promise<SelectResult> {
    return this.#timed(() =>
      this.#o.store.select(query, { unionDefaultGraph: this.#o.unionDefaultGraph ?? true, ...options }),
    );
  }

  find(filter: PerformanceFilter, page: PageOptions = {}): Promise<{ ids: string[]; next?: string }> {
    return this.#timed(async () => {
      if (this.#index) return this.#index.find(filter, page);
      checkFilter(filter);
      const r = await findPerformances(this.#o.store, filter, page);
      return { ids: r.items.map((i) => i["@id"]), ...(r.next !== undefined ? { next: r.next } : {}) };
    });
  }

  /** The typed question's iCalendar feed, written here from this pool's own pages (no query worker on this side). */
  ical(filter: PerformanceFilter, within: FeedWithin, options: IcalOptions): Promise<IcalFeed> {
    return icalFeed({ page: (f, p) => this.page(f, p), select: (q) => this.select(q) }, filter, within, options);
  }

  page(filter: PerformanceFilter, page: PageOptions = {}): Promise<PerformancePage> {
    return this.#timed(async () => {
      const index = this.#index;
      if (!index) {
        checkFilter(filter);
        return findPerformances(this.#o.store, filter, page);
      }
      const { ids, next } = index.find(filter, page);
      const missing = ids.filter((id) => !this.#described.has(id));
      if (missing.length) {
        const nodes = await describePerformances(this.#o.store, missing);
        // A graph change meanwhile: these descriptions are of the old version, used for this answer only.
        const cache = this.#index === index;
        missing.forEach((id, i) => {
          if (!cache) return;
          if (this.#described.size >= DESCRIPTION_CACHE) this.#described.delete(this.#described.keys().next().value!);
          this.#described.set(id, nodes[i]!);
        });
        const byId = new Map(missing.map((id, i) => [id, nodes[i]!]));
        return {
          items: ids.map((id) => byId.get(id) ?? this.#described.get(id)!),
          ...(next !== undefined ? { next } : {}),
        };
      }
      return { items: ids.map((id) => this.#described.get(id)!), ...(next !== undefined ? { next } : {}) };
    });
  }

  /** Performances described as JSON-LD by the store's SPARQL (what the embedded pool's index answers from its workers). */
  describe(ids: readonly string[]): Promise<PerformanceNode[]> {
    return this.#timed(async () => {
      const unique = [...new Set(ids)];
      const nodes = unique.length ? await describePerformances(this.#o.store, unique) : [];
      const byId = new Map(unique.map((id, i) => [id, nodes[i]!]));
      return ids.map((id) => byId.get(id) ?? { "@id": id });
    });
  }

  /** The `schema:name` values of these IRIs, read from the store (IRIs that cannot be written in SPARQL get none). */
  names(iris: readonly string[]): Promise<Record<string, readonly NameValue[]>> {
    return this.#timed(async () => {
      const asked = [...new Set(iris.filter((i) => /^[^\s<>"{}|\\^`]+$/.test(i)))];
      const found: Record<string, NameValue[]> = Object.fromEntries(iris.map((i) => [i, []]));
      if (!asked.length) return found;
      const r = await this.#o.store.select(
        `SELECT ?v ?name WHERE { VALUES ?v { ${asked.map((i) => `<${i}>`).join(" ")} } ?v <${SCHEMA}name> ?name }`,
      );
      for (const b of r.bindings) {
        const n = b.name!;
        found[b.v!.value]?.push(
          n.termType === "Literal" && n.language ? { "@value": n.value, "@language": n.language } : n.value,
        );
      }
      return found;
    });
  }

  /** Graph files scanned for the ownership rule by query workers: none here (the store holds the graphs). */
  get ownershipScans(): number {
    return 0;
  }

  facets(filter: PerformanceFilter, facets: readonly Facet[]): Promise<FacetCounts> {
    return this.#timed(async () =>
      this.#index
        ? this.#index.facets(filter, facets)
        : (checkFilter(filter), performanceFacets(this.#o.store, filter, facets)),
    );
  }

  facetsByGraph(filter: PerformanceFilter, facets: readonly Facet[]): Promise<readonly GraphFacetCounts[]> {
    return this.#timed(async () =>
      this.#index
        ? this.#index.facetsByGraph(filter, facets)
        : (checkFilter(filter), performanceFacetsByGraph(this.#o.store, filter, facets)),
    );
  }

  observatory(filter: PerformanceFilter): Promise<Observatory> {
    return this.#timed(async () =>
      this.#index ? this.#index.observatory(filter) : (checkFilter(filter), observatory(this.#o.store, filter)),
    );
  }

  /** Rebuilds the index after a graph change (queries keep the old one meanwhile). */
  async reload(_graphIri: string): Promise<void> {
    if (!this.#index) return;
    const next = await buildRemoteIndex(this.#o.store);
    this.#index = next;
    this.#described.clear();
  }

  health(): PoolHealth {
    return {
      status: this.#closed ? "closed" : "ok",
      workers: [],
      queued: { fast: 0, slow: 0 },
      ...(this.#lastFailure ? { lastFailure: this.#lastFailure } : {}),
      warnings: [],
    };
  }

  get readyWorkers(): number {
    return this.#closed ? 0 : 1;
  }

  whenReady(): Promise<void> {
    return Promise.resolve();
  }

  async close(): Promise<void> {
    this.#closed = true;
  }
}
