// The query workers: each holds a replica of the store and answers one query at a time, off the main thread.
// A query that runs past its time limit gets its worker terminated and replaced (the replacement loads the
// data directory, which is the truth); the other workers keep answering meanwhile.

import { t, tx, txBy } from "../i18n.js";
import { Worker } from "node:worker_threads";
import { isErrorNamed, messageOf, VivantError, type ErrorCopy, type Lang, type Text } from "../errors.js";
import { parseSparqlTsvInSlices } from "../store/tsv.js";
import { checkQueryLimits } from "../store/sparql-limits.js";
import type { FormattedResult, QueryOptions, SelectResult, SelectSource } from "../store/types.js";
import type { FromWorker, IndexRequest, ToWorker, WorkerConfig, WorkerError } from "./protocol.js";
import type { PerformanceFilter } from "../query/filter.js";
import type { FeedWithin, IcalFeed } from "../export/ical-feed.js";
import type { IcalOptions } from "../export/ical-options.js";
import type { PageOptions, PerformanceNode, PerformancePage } from "../query/performances.js";
import type { NameValue } from "../query/perf-index.js";
import type { Facet, FacetCounts, GraphFacetCounts, Observatory } from "../query/aggregates.js";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface PoolOptions extends WorkerConfig {
  /** Number of worker threads (each holds a full replica of the data). */
  readonly workers: number;
  /** Time limit of one query, queueing included, in ms. */
  readonly timeoutMs: number;
  /**
   * Time a SPARQL lookup may run in the fast lane; past it its worker is replaced and the query runs again in the
   * slow lane (within `timeoutMs`).
   * @default 2000
   */
  readonly lookupTimeoutMs?: number;
  readonly log?: (line: string) => void;
  /** Language of the log lines. @default "en" */
  readonly lang?: Lang;
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

/** True for a `QueryError`, or a plain copy of one (see `isErrorNamed`). */
export function isQueryError(e: unknown): e is ErrorCopy<QueryError> {
  return e instanceof QueryError || isErrorNamed(e, "QueryError");
}

/** The answer of a query as bytes ready to send. */
export interface PoolResult extends Omit<FormattedResult, "body"> {
  readonly body: Uint8Array;
}

/**
 * Which queue a job waits in. `fast`: the typed questions and SPARQL queries that look like lookups; `slow`: every
 * other query. Slow jobs never take the last worker not already running one, so a fast job always finds one soon.
 */
export type Lane = "fast" | "slow";

interface Job {
  readonly message: (ToWorker & { type: "query" }) | IndexRequest;
  lane: Lane;
  /** A SPARQL lookup past the lookup time budget is moved to the slow lane (its worker replaced): only once. */
  demotable: boolean;
  readonly resolve: (r: never) => void;
  readonly reject: (e: Error) => void;
  readonly timer: NodeJS.Timeout;
  laneTimer?: NodeJS.Timeout;
  slot?: Slot | undefined;
  /** Sent again after its worker failed through no fault of its own: only once. */
  retried: boolean;
}

type SlotState = "starting" | "ready" | "retiring";

interface Slot {
  readonly id: number;
  readonly worker: Worker;
  state: SlotState;
  job?: Job | undefined;
  /** Reloads sent and not yet confirmed: id → resolve. */
  reloads: Map<number, () => void>;
  /** Why the worker is ending, when the pool ends it (a time limit) or it said its store broke. */
  ending?: string;
  /** The last `error` event of the thread (out of memory…). */
  lastError?: string;
  answered: number;
  readonly since: number;
  /** Graph swaps under way: no query is sent to it meanwhile. */
  reloading: number;
}

/** One worker as `/health` shows it. */
export interface WorkerHealth {
  readonly id: number;
  readonly state: "starting" | "idle" | "busy" | "retiring";
  /** The lane of the job it runs. */
  readonly lane?: Lane;
  /** How long its current job has run, in ms. */
  readonly runningMs?: number;
  readonly answered: number;
}

/** The last time a worker failed (a trap, an exit, a failed reload or start). */
export interface WorkerFailure {
  readonly at: string;
  readonly worker: number;
  readonly reason: string;
}

export interface PoolHealth {
  /** `ok`: every worker ready; `replacing`: a failed or stopped worker is being replaced; `starting`; `closed`. */
  readonly status: "ok" | "replacing" | "starting" | "closed";
  readonly workers: readonly WorkerHealth[];
  readonly queued: { readonly fast: number; readonly slow: number };
  readonly lastFailure?: WorkerFailure;
  readonly warnings: readonly string[];
}

const decoder = new TextDecoder();

/**
 * Each query worker's V8 limits. The young generation is kept small: a worker's garbage is per query or per index
 * scan and dies young, and V8 would otherwise grow it to 32 MiB while the index is built and keep it (measured on
 * 1M triples: a worker with its index at 350–365 MiB per million triples with this limit, 385–393 without).
 */
export const QUERY_WORKER_LIMITS = { maxYoungGenerationSizeMb: 6 } as const;

/** Delay before trying again to start a worker whose start failed. */
const RESPAWN_RETRY_MS = 1000;

export class QueryPool implements SelectSource {
  readonly #o: PoolOptions;
  readonly #slots: Slot[] = [];
  readonly #fast: Job[] = [];
  readonly #slow: Job[] = [];
  #nextId = 1;
  #nextWorker = 1;
  #closed = false;
  #started = false;
  #readyWaiters: (() => void)[] = [];
  #lastFailure: WorkerFailure | undefined;
  #warnings: string[] = [];
  /** Workers being started to replace others (a respawn that failed is tried again). */
  #replacing = 0;
  /**
   * Queries answered, timed out (answered 503), refused as too complex, lookups moved to the slow lane, workers
   * failed (trap, crash, out of memory, failed reload) and replaced (for the service's status).
   */
  readonly stats = { answered: 0, timedOut: 0, tooComplex: 0, demoted: 0, failed: 0, respawned: 0, retried: 0 };

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
    pool.#started = true;
    return pool;
  }

  /** Workers kept free of slow queries (one, when there are two or more workers). */
  get #reserved(): number {
    return Math.max(1, this.#o.workers) >= 2 ? 1 : 0;
  }

  get #lookupTimeoutMs(): number {
    return Math.min(this.#o.lookupTimeoutMs ?? 2000, this.#o.timeoutMs);
  }

  #spawn(): Promise<void> {
    const fromSource = import.meta.url.endsWith(".ts");
    // Under the test runner the sources are TypeScript: the worker gets the same dev-only type-stripping hooks.
    const worker = new Worker(new URL(fromSource ? "./worker.ts" : "./worker.js", import.meta.url), {
      workerData: {
        dataDir: this.#o.dataDir,
        unionDefaultGraph: this.#o.unionDefaultGraph,
        maxResultBytes: this.#o.maxResultBytes,
        ...(this.#o.queryLimits ? { queryLimits: this.#o.queryLimits } : {}),
        ...(this.#o.exclude?.length ? { exclude: this.#o.exclude } : {}),
        ownershipChecked: [...this.#checked],
      } satisfies WorkerConfig,
      execArgv: fromSource ? ["--import", new URL("./dev/ts-register.mjs", import.meta.url).href] : [],
      resourceLimits: QUERY_WORKER_LIMITS,
    });
    const slot: Slot = {
      id: this.#nextWorker++,
      worker,
      state: "starting",
      reloads: new Map(),
      answered: 0,
      since: Date.now(),
      reloading: 0,
    };
    this.#slots.push(slot);
    return new Promise<void>((resolve, reject) => {
      worker.on("message", (m: FromWorker) => {
        switch (m.type) {
          case "ready":
            this.#learn(m.ownershipChecked, m.ownershipScans);
            if (slot.state !== "starting") return;
            slot.state = "ready";
            for (const w of m.warnings) this.#warn(w);
            this.#warnings = m.warnings.map((w) => w.en);
            resolve();
            this.#dispatch();
            for (const w of this.#readyWaiters.splice(0)) w();
            return;
          case "fatal":
            reject(
              new VivantError(
                "server/worker-failed",
                txBy("server/worker-failed", (lang) => ({ reason: m.text?.[lang] ?? m.message })),
                { hint: tx("server/worker-failed.hint") },
              ),
            );
            return;
          case "reloaded":
          case "error":
            if (m.type === "reloaded") this.#learn(m.ownershipChecked, m.ownershipScans);
            if (slot.reloads.has(m.id)) {
              if (m.type === "error") {
                // A replica that could not take a write must not answer: it is replaced (the new one reads the files).
                const why = typeof m.error.message === "string" ? m.error.message : m.error.message.en;
                this.#warn(
                  txBy("server/reload-failed", (lang) => ({
                    detail: typeof m.error.message === "string" ? m.error.message : m.error.message[lang],
                  })),
                );
                this.#retire(slot, `reload failed: ${why}`, true);
                const job = slot.job;
                if (job) {
                  // Sent after the reload, not run yet: it waits for a healthy worker.
                  slot.job = undefined;
                  job.slot = undefined;
                  clearTimeout(job.laneTimer);
                  this.stats.retried++;
                  (job.lane === "fast" ? this.#fast : this.#slow).unshift(job);
                }
              }
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
        slot.lastError = e.message;
        this.#warn(txBy("server/worker-failed-log", (lang) => ({ detail: messageOf(e, lang) })));
        // The thread's uncaught error (a plain copy of it) can arrive before or after its "fatal" message: either
        // way the start fails with the same error, in the same words.
        reject(
          new VivantError(
            "server/worker-failed",
            txBy("server/worker-failed", (lang) => ({ reason: messageOf(e, lang) })),
            { hint: tx("server/worker-failed.hint") },
          ),
        );
      });
      worker.on("exit", (code) => {
        reject(
          new VivantError(
            "server/worker-failed",
            slot.lastError ?? `a query worker exited with code ${code} while starting`,
          ),
        );
        this.#exited(slot, code);
      });
    });
  }

  /** Graph files the workers found clean of other graphs' resources (path → key): a new worker does not scan them again. */
  readonly #checked = new Map<string, string>();
  /** Graph files scanned for the ownership rule by each worker, summed (start and reloads). */
  #ownershipScans = 0;

  #learn(checked: readonly (readonly [string, string])[], scans: number): void {
    for (const [path, key] of checked) this.#checked.set(path, key);
    this.#ownershipScans += scans;
  }

  /** How many graph files the workers scanned for the ownership rule since the pool started (starts and reloads). */
  get ownershipScans(): number {
    return this.#ownershipScans;
  }

  #failure(slot: Slot, reason: string): void {
    this.stats.failed++;
    this.#lastFailure = { at: new Date().toISOString(), worker: slot.id, reason };
  }

  /** Ends a worker (its replacement loads the data directory). `failed`: it is ended for a fault, not a time limit. */
  #retire(slot: Slot, reason: string, failed: boolean): void {
    if (slot.state === "retiring") return;
    if (failed) this.#failure(slot, reason);
    slot.state = "retiring";
    slot.ending = reason;
    void slot.worker.terminate();
  }

  #finish(slot: Slot, id: number, error?: WorkerError, result?: unknown): void {
    const job = slot.job;
    if (!job || job.message.id !== id) return;
    slot.job = undefined;
    slot.answered++;
    clearTimeout(job.timer);
    clearTimeout(job.laneTimer);
    if (error?.broken) {
      // The query broke the worker's store: it gets the 500; the worker ends itself and is replaced.
      const reason = typeof error.message === "string" ? error.message : error.message.en;
      this.#failure(slot, reason);
      slot.state = "retiring";
      slot.ending = reason;
      job.reject(
        new QueryError(500, {
          ...error,
          hint: error.hint ?? "the worker is replaced from the data directory; if this query is needed, narrow it",
        }),
      );
      void slot.worker.terminate();
    } else if (error) job.reject(new QueryError(error.status ?? (error.client ? 400 : 500), error));
    else {
      this.stats.answered++;
      (job.resolve as (r: unknown) => void)(result);
    }
    this.#dispatch();
  }

  /** A worker ended (retired by the pool, or failed): settle or resend its job, replace the worker. */
  #exited(slot: Slot, code: number): void {
    const at = this.#slots.indexOf(slot);
    if (at >= 0) this.#slots.splice(at, 1);
    // Reloads not yet confirmed: the worker died before or while applying them, so its job (sent after) is not to blame.
    const innocent = slot.reloads.size > 0;
    for (const done of slot.reloads.values()) done(); // its replacement reads the current files
    slot.reloads.clear();
    const unexpected = slot.state !== "retiring";
    const reason = slot.lastError ?? `the worker thread exited with code ${code}`;
    if (unexpected) this.#failure(slot, reason);
    const job = slot.job;
    slot.job = undefined;
    if (job) {
      clearTimeout(job.laneTimer);
      job.slot = undefined;
      if (innocent && !job.retried) {
        job.retried = true;
        this.stats.retried++;
        (job.lane === "fast" ? this.#fast : this.#slow).unshift(job);
      } else {
        clearTimeout(job.timer);
        job.reject(
          new QueryError(500, {
            code: "query/worker-failed",
            message: tx("query/worker-failed", { reason }),
            hint: tx("query/worker-failed.hint"),
          }),
        );
      }
    }
    // A worker that failed while starting: start() reports it, or #replace() tries again.
    if (this.#closed || slot.state === "starting") {
      this.#dispatch();
      return;
    }
    this.stats.respawned++;
    this.#replace();
    this.#dispatch();
  }

  #replace(): void {
    this.#replacing++;
    this.#spawn().then(
      () => {
        this.#replacing--;
      },
      (e: Error) => {
        this.#replacing--;
        this.#lastFailure = {
          at: new Date().toISOString(),
          worker: 0,
          reason: `cannot start a replacement worker: ${e.message}`,
        };
        this.#warn(txBy("server/worker-not-replaced", (lang) => ({ detail: messageOf(e, lang) })));
        if (!this.#closed) setTimeout(() => !this.#closed && this.#replaceIfShort(), RESPAWN_RETRY_MS).unref();
      },
    );
  }

  #replaceIfShort(): void {
    if (this.#slots.length < Math.max(1, this.#o.workers)) this.#replace();
  }

  #dispatch(): void {
    for (;;) {
      const slot = this.#slots.find((s) => s.state === "ready" && !s.job && s.reloading === 0);
      if (!slot) return;
      let job = this.#fast.shift();
      if (!job) {
        if (!this.#slow.length) return;
        // A slow job may take this worker only if another ready worker stays free of slow jobs.
        const notSlow = this.#slots.filter(
          (s) => s.state === "ready" && s.reloading === 0 && s.job?.lane !== "slow",
        ).length;
        if (notSlow - 1 < this.#reserved) return;
        job = this.#slow.shift()!;
      }
      job.slot = slot;
      slot.job = job;
      if (job.lane === "fast" && job.demotable)
        job.laneTimer = setTimeout(() => this.#demote(job), this.#lookupTimeoutMs);
      slot.worker.postMessage(job.message);
    }
  }

  /** A lookup that runs past the lookup budget: its worker is ended (Oxigraph cannot be interrupted), it runs again as a slow query. */
  #demote(job: Job): void {
    const slot = job.slot;
    if (!slot || slot.job !== job) return;
    this.stats.demoted++;
    slot.job = undefined;
    job.slot = undefined;
    job.lane = "slow";
    job.demotable = false;
    this.#retire(slot, "a lookup ran past the lookup time budget", false);
    this.#slow.unshift(job);
    this.#dispatch();
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

  #submit<T>(
    message: DistributiveOmit<(ToWorker & { type: "query" }) | IndexRequest, "id">,
    lane: Lane = "fast",
  ): Promise<T> {
    if (this.#closed)
      return Promise.reject(new QueryError(503, { code: "server/closing", message: tx("server/closing") }));
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => this.#timeout(job), this.#o.timeoutMs);
      const job: Job = {
        message: { ...message, id: this.#nextId++ },
        lane,
        demotable: message.type === "query" && lane === "fast",
        resolve: resolve,
        reject,
        timer,
        retried: false,
      };
      (lane === "fast" ? this.#fast : this.#slow).push(job);
      this.#dispatch();
    });
  }

  #timeout(job: Job): void {
    this.stats.timedOut++;
    job.reject(
      new QueryError(503, {
        code: "query/timeout",
        message: tx("query/timeout", { ms: this.#o.timeoutMs }),
        hint: tx("query/timeout.hint"),
      }),
    );
    clearTimeout(job.laneTimer);
    for (const queue of [this.#fast, this.#slow]) {
      const queued = queue.indexOf(job);
      if (queued >= 0) {
        queue.splice(queued, 1);
        return;
      }
    }
    const slot = job.slot;
    if (slot && slot.job === job) {
      // The only way to stop a synchronous WebAssembly query is to end its thread.
      slot.job = undefined;
      this.#retire(slot, "a query ran past the time limit", false);
    }
  }

  /** A warning on the log, in the pool's language. */
  #warn(text: Text): void {
    const lang = this.#o.lang ?? "en";
    this.#o.log?.(t("server/warning", { detail: text[lang] }, lang));
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
  async reload(graphIri: string): Promise<void> {
    for (const slot of [...this.#slots]) {
      // Replaced or being ended meanwhile: its replacement reads the current files.
      if (!this.#slots.includes(slot) || slot.state === "retiring") continue;
      await new Promise<void>((resolve) => {
        const id = this.#nextId++;
        slot.reloading++;
        slot.reloads.set(id, () => {
          slot.reloading--;
          resolve();
          this.#dispatch();
        });
        slot.worker.postMessage({
          type: "reload",
          id,
          graphIri,
          ownershipChecked: [...this.#checked],
        } satisfies ToWorker);
      });
    }
  }

  /** Workers ready to answer. */
  get readyWorkers(): number {
    return this.#slots.filter((s) => s.state === "ready").length;
  }

  /** Each worker's state, the queues, the last failure: what `/health` reports. */
  health(): PoolHealth {
    const workers = this.#slots.map((s): WorkerHealth => ({
      id: s.id,
      state: s.state === "ready" ? (s.job ? "busy" : "idle") : s.state,
      ...(s.job ? { lane: s.job.lane } : {}),
      answered: s.answered,
    }));
    const all = this.#slots.length >= Math.max(1, this.#o.workers) && this.#slots.every((s) => s.state === "ready");
    const status = this.#closed
      ? "closed"
      : !this.#started
        ? "starting"
        : all && this.#replacing === 0
          ? "ok"
          : "replacing";
    return {
      status,
      workers,
      queued: { fast: this.#fast.length, slow: this.#slow.length },
      ...(this.#lastFailure ? { lastFailure: this.#lastFailure } : {}),
      warnings: this.#warnings,
    };
  }

  /** Resolves when at least one worker is ready (after replacements). */
  whenReady(): Promise<void> {
    if (this.readyWorkers > 0) return Promise.resolve();
    return new Promise((resolve) => this.#readyWaiters.push(resolve));
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const job of [...this.#fast.splice(0), ...this.#slow.splice(0)]) {
      clearTimeout(job.timer);
      job.reject(new QueryError(503, { code: "server/closing", message: tx("server/closing") }));
    }
    await Promise.all(this.#slots.splice(0).map((s) => s.worker.terminate()));
  }
}
