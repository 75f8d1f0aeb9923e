// The query workers: each holds a replica of the store and answers one query at a time, off the main thread.
// A query that runs past its time limit gets its worker terminated and replaced (the replacement loads the
// data directory, which is the truth); the other workers keep answering meanwhile.

import { Worker } from "node:worker_threads";
import { VivantError } from "../errors.js";
import { parseSparqlTsv } from "../store/tsv.js";
import type { FormattedResult, QueryOptions, SelectResult, SelectSource } from "../store/types.js";
import type { FromWorker, IndexRequest, ToWorker, WorkerConfig, WorkerError } from "./protocol.js";
import type { PerformanceFilter } from "../query/filter.js";
import type { PageOptions, PerformancePage } from "../query/performances.js";
import type { Facet, FacetCounts, Observatory } from "../query/aggregates.js";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface PoolOptions extends WorkerConfig {
  /** Number of worker threads (each holds a full replica of the data). */
  readonly workers: number;
  /** Time limit of one query, queueing included, in ms. */
  readonly timeoutMs: number;
  readonly log?: (line: string) => void;
}

/** A query the workers refused or could not answer; `status` is the HTTP status it maps to. */
export class QueryError extends VivantError {
  readonly status: number;
  readonly line?: number;
  readonly column?: number;
  constructor(status: number, e: Omit<WorkerError, "client">) {
    super(e.code, e.message, e.hint !== undefined ? { hint: e.hint } : {});
    this.name = "QueryError";
    this.status = status;
    if (e.line !== undefined) this.line = e.line;
    if (e.column !== undefined) this.column = e.column;
  }
}

/** The answer of a query as bytes ready to send. */
export interface PoolResult extends Omit<FormattedResult, "body"> {
  readonly body: Uint8Array;
}

interface Job {
  readonly message: (ToWorker & { type: "query" }) | IndexRequest;
  readonly resolve: (r: never) => void;
  readonly reject: (e: Error) => void;
  readonly timer: NodeJS.Timeout;
  slot?: Slot;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job?: Job;
  /** Reloads sent and not yet confirmed: id → resolve. */
  reloads: Map<number, () => void>;
}

const decoder = new TextDecoder();

/**
 * Each query worker's V8 limits. The young generation is kept small: a worker's garbage is per query or per index
 * scan and dies young, and V8 would otherwise grow it to 32 MiB while the index is built and keep it (measured on
 * 1M triples: a worker with its index at 350–365 MiB per million triples with this limit, 385–393 without).
 */
export const QUERY_WORKER_LIMITS = { maxYoungGenerationSizeMb: 6 } as const;

export class QueryPool implements SelectSource {
  readonly #o: PoolOptions;
  readonly #slots: Slot[] = [];
  readonly #queue: Job[] = [];
  #nextId = 1;
  #closed = false;
  #readyWaiters: (() => void)[] = [];
  /** Queries answered, timed out, and workers replaced (for the service's status). */
  readonly stats = { answered: 0, timedOut: 0, respawned: 0 };

  private constructor(options: PoolOptions) {
    this.#o = options;
  }

  /** Starts the workers and resolves once all of them have loaded the data directory. */
  static async start(options: PoolOptions): Promise<QueryPool> {
    const pool = new QueryPool(options);
    const started = Array.from({ length: Math.max(1, options.workers) }, () => pool.#spawn());
    try {
      await Promise.all(started);
    } catch (e) {
      await pool.close();
      throw e;
    }
    return pool;
  }

  #spawn(): Promise<void> {
    const fromSource = import.meta.url.endsWith(".ts");
    // Under the test runner the sources are TypeScript: the worker gets the same dev-only type-stripping hooks.
    const worker = new Worker(new URL(fromSource ? "./worker.ts" : "./worker.js", import.meta.url), {
      workerData: { dataDir: this.#o.dataDir, unionDefaultGraph: this.#o.unionDefaultGraph, maxResultBytes: this.#o.maxResultBytes } satisfies WorkerConfig,
      execArgv: fromSource ? ["--import", new URL("./dev/ts-register.mjs", import.meta.url).href] : [],
      resourceLimits: QUERY_WORKER_LIMITS,
    });
    const slot: Slot = { worker, ready: false, reloads: new Map() };
    this.#slots.push(slot);
    return new Promise<void>((resolve, reject) => {
      worker.on("message", (m: FromWorker) => {
        switch (m.type) {
          case "ready":
            slot.ready = true;
            for (const w of m.warnings) this.#o.log?.(`warning: ${w}`);
            resolve();
            this.#dispatch();
            for (const w of this.#readyWaiters.splice(0)) w();
            return;
          case "fatal":
            reject(new VivantError("server/worker-failed", `a query worker could not open the store: ${m.message}`));
            return;
          case "reloaded":
          case "error":
            if (slot.reloads.has(m.id)) {
              if (m.type === "error") this.#o.log?.(`warning: reload failed in a worker: ${m.error.message}`);
              slot.reloads.get(m.id)!();
              slot.reloads.delete(m.id);
              return;
            }
            this.#finish(slot, m.id, m.type === "error" ? m.error : undefined);
            return;
          case "result":
            this.#finish(slot, m.id, undefined, { form: m.result.form, mediaType: m.result.mediaType, body: m.body });
            return;
          case "value":
            this.#finish(slot, m.id, undefined, m.value);
            return;
        }
      });
      worker.on("error", (e) => {
        this.#o.log?.(`warning: a query worker failed: ${e.message}`);
        reject(e);
      });
      worker.on("exit", () => this.#exited(slot));
    });
  }

  #finish(slot: Slot, id: number, error?: WorkerError, result?: unknown): void {
    const job = slot.job;
    if (!job || job.message.id !== id) return;
    slot.job = undefined;
    clearTimeout(job.timer);
    if (error) job.reject(new QueryError(error.status ?? (error.client ? 400 : 500), error));
    else {
      this.stats.answered++;
      (job.resolve as (r: unknown) => void)(result);
    }
    this.#dispatch();
  }

  /** A worker ended (terminated after a timeout, or crashed): fail its query, replace it. */
  #exited(slot: Slot): void {
    const at = this.#slots.indexOf(slot);
    if (at >= 0) this.#slots.splice(at, 1);
    for (const done of slot.reloads.values()) done(); // its replacement reads the current files
    slot.reloads.clear();
    const job = slot.job;
    slot.job = undefined;
    if (job) {
      clearTimeout(job.timer);
      job.reject(new QueryError(500, { code: "query/worker-crashed", message: "the query worker stopped while answering (out of memory?)", hint: "narrow the query" }));
    }
    if (this.#closed) return;
    this.stats.respawned++;
    this.#spawn().catch((e: Error) => this.#o.log?.(`warning: cannot replace a query worker: ${e.message}`));
  }

  #dispatch(): void {
    while (this.#queue.length) {
      const slot = this.#slots.find((s) => s.ready && !s.job);
      if (!slot) return;
      const job = this.#queue.shift()!;
      job.slot = slot;
      slot.job = job;
      slot.worker.postMessage(job.message);
    }
  }

  /** Runs a query on the first free worker; its answer is serialised in the worker. */
  query(query: string, resultsMediaType: string, graphMediaType: string, options: QueryOptions = {}): Promise<PoolResult> {
    return this.#submit<PoolResult>({ type: "query", query, results: resultsMediaType, graph: graphMediaType, options });
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

  observatory(filter: PerformanceFilter): Promise<Observatory> {
    return this.#submit({ type: "index", op: "observatory", filter });
  }

  #submit<T>(message: DistributiveOmit<(ToWorker & { type: "query" }) | IndexRequest, "id">): Promise<T> {
    if (this.#closed) return Promise.reject(new QueryError(503, { code: "server/closing", message: "the server is shutting down" }));
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => this.#timeout(job), this.#o.timeoutMs);
      const job: Job = { message: { ...message, id: this.#nextId++ } as Job["message"], resolve: resolve as (r: never) => void, reject, timer };
      this.#queue.push(job);
      this.#dispatch();
    });
  }

  #timeout(job: Job): void {
    this.stats.timedOut++;
    job.reject(new QueryError(503, {
      code: "query/timeout",
      message: `the query did not finish within ${this.#o.timeoutMs} ms`,
      hint: "narrow the query (fewer unbound patterns, a LIMIT), or run it on your own copy of the data",
    }));
    const queued = this.#queue.indexOf(job);
    if (queued >= 0) {
      this.#queue.splice(queued, 1);
      return;
    }
    const slot = job.slot;
    if (slot && slot.job === job) {
      // The only way to stop a synchronous WebAssembly query is to end its thread.
      slot.job = undefined;
      slot.ready = false;
      void slot.worker.terminate();
    }
  }

  /** Runs a SELECT and returns RDF/JS bindings (the typed discoverability queries use this). */
  async select(query: string, options: QueryOptions = {}): Promise<SelectResult> {
    // TSV: cheaper for Oxigraph to write than JSON, and as fast to read (see store/tsv.ts).
    const r = await this.query(query, "text/tab-separated-values", "application/n-triples", options);
    if (r.form !== "select") throw new QueryError(400, { code: "sparql/wrong-form", message: `expected a SELECT query, got ${r.form.toUpperCase()}` });
    return parseSparqlTsv(decoder.decode(r.body));
  }

  /** Makes every worker re-read one graph from the data directory; resolves when all have swapped it. */
  async reload(graphIri: string): Promise<void> {
    await Promise.all(
      this.#slots.map(
        (slot) =>
          new Promise<void>((resolve) => {
            const id = this.#nextId++;
            slot.reloads.set(id, resolve);
            slot.worker.postMessage({ type: "reload", id, graphIri } satisfies ToWorker);
          }),
      ),
    );
  }

  /** Workers ready to answer. */
  get readyWorkers(): number {
    return this.#slots.filter((s) => s.ready).length;
  }

  /** Resolves when at least one worker is ready (after replacements). */
  whenReady(): Promise<void> {
    if (this.readyWorkers > 0) return Promise.resolve();
    return new Promise((resolve) => this.#readyWaiters.push(resolve));
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#queue.splice(0)) {
      clearTimeout(job.timer);
      job.reject(new QueryError(503, { code: "server/closing", message: "the server is shutting down" }));
    }
    await Promise.all(this.#slots.splice(0).map((s) => s.worker.terminate()));
  }
}
