// Running jobs on the query workers: the two lanes, handing jobs to free workers, time limits, and replacing a worker
// that failed or was ended (the replacement loads the data directory, which is the truth).

import { t, tx, txBy } from "../i18n.js";
import { messageOf, VivantError, type Text } from "../errors.js";
import type { FromWorker, IndexRequest, ToWorker, WorkerError } from "./protocol.js";
import { QueryError, type Lane, type PoolOptions } from "./pool-types.js";
import { poolHealth, type PoolHealth, type WorkerFailure } from "./pool-health.js";
import { OwnershipMemo, startQueryWorker, workerStartFailed, type Job, type Slot } from "./pool-thread.js";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A job's message before the scheduler gives it an id. */
export type JobMessage = DistributiveOmit<(ToWorker & { type: "query" }) | IndexRequest, "id">;

/** Delay before trying again to start a worker whose start failed. */
const RESPAWN_RETRY_MS = 1000;

export class PoolScheduler {
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
  readonly #ownership = new OwnershipMemo();
  /** Workers being started to replace others (a respawn that failed is tried again). */
  #replacing = 0;
  /** The pool's counters (`QueryPool.stats`). */
  readonly stats = { answered: 0, timedOut: 0, tooComplex: 0, demoted: 0, failed: 0, respawned: 0, retried: 0 };

  constructor(options: PoolOptions) {
    this.#o = options;
  }

  /** Once every first worker is ready (`/health` says `starting` until then). */
  markStarted(): void {
    this.#started = true;
  }

  /** Workers kept free of slow queries (one, when there are two or more workers). */
  get #reserved(): number {
    return Math.max(1, this.#o.workers) >= 2 ? 1 : 0;
  }

  get #lookupTimeoutMs(): number {
    return Math.min(this.#o.lookupTimeoutMs ?? 2000, this.#o.timeoutMs);
  }

  spawn(): Promise<void> {
    const worker = startQueryWorker(this.#o, this.#ownership.checked);
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
      worker.on("message", (m: FromWorker) => this.#onMessage(slot, m, resolve, reject));
      worker.on("error", (e) => {
        slot.lastError = e.message;
        this.#warn(txBy("server/worker-failed-log", (lang) => ({ detail: messageOf(e, lang) })));
        // The thread's uncaught error (a plain copy of it) can arrive before or after its "fatal" message: either
        // way the start fails with the same error, in the same words.
        reject(workerStartFailed((lang) => messageOf(e, lang)));
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

  /** A message from a worker; `resolve` and `reject` settle its start. */
  #onMessage(slot: Slot, m: FromWorker, resolve: () => void, reject: (e: Error) => void): void {
    switch (m.type) {
      case "ready":
        this.#ownership.learn(m.ownershipChecked, m.ownershipScans);
        if (slot.state !== "starting") return;
        slot.state = "ready";
        for (const w of m.warnings) this.#warn(w);
        this.#warnings = m.warnings.map((w) => w.en);
        resolve();
        this.#dispatch();
        for (const w of this.#readyWaiters.splice(0)) w();
        return;
      case "fatal":
        reject(workerStartFailed((lang) => m.text?.[lang] ?? m.message));
        return;
      case "reloaded":
      case "error":
        if (m.type === "reloaded") this.#ownership.learn(m.ownershipChecked, m.ownershipScans);
        if (slot.reloads.has(m.id)) {
          this.#reloadAnswered(slot, m);
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
  }

  /** A worker's answer to a reload it was sent: a failed one ends the worker. */
  #reloadAnswered(slot: Slot, m: Extract<FromWorker, { type: "reloaded" | "error" }>): void {
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
  }

  get ownershipScans(): number {
    return this.#ownership.scans;
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
    this.spawn().then(
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

  /** Queues a job in its lane; it settles with the worker's answer, or a timeout. */
  submit<T>(message: JobMessage, lane: Lane): Promise<T> {
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

  /** One worker at a time re-reads the graph, taking no query meanwhile (`QueryPool.reload`). */
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
          ownershipChecked: [...this.#ownership.checked],
        } satisfies ToWorker);
      });
    }
  }

  /** Workers ready to answer. */
  get readyWorkers(): number {
    return this.#slots.filter((s) => s.state === "ready").length;
  }

  health(): PoolHealth {
    return poolHealth({
      slots: this.#slots,
      workers: this.#o.workers,
      closed: this.#closed,
      started: this.#started,
      replacing: this.#replacing,
      queued: { fast: this.#fast.length, slow: this.#slow.length },
      lastFailure: this.#lastFailure,
      warnings: this.#warnings,
    });
  }

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
