// What `/health` reports about the query pool: each worker's state, the queues, the last failure.

import type { Lane } from "./pool-types.js";
import type { Slot } from "./pool-thread.js";

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

/** The pool's state that `/health` reads. */
export interface PoolHealthView {
  readonly slots: readonly Slot[];
  /** The number of workers the pool was asked for. */
  readonly workers: number;
  readonly closed: boolean;
  readonly started: boolean;
  readonly replacing: number;
  readonly queued: { readonly fast: number; readonly slow: number };
  readonly lastFailure: WorkerFailure | undefined;
  readonly warnings: readonly string[];
}

/** Each worker's state, the queues, the last failure: what `/health` reports. */
export function poolHealth(v: PoolHealthView): PoolHealth {
  const workers = v.slots.map((s): WorkerHealth => ({
    id: s.id,
    state: s.state === "ready" ? (s.job ? "busy" : "idle") : s.state,
    ...(s.job ? { lane: s.job.lane } : {}),
    answered: s.answered,
  }));
  const all = v.slots.length >= Math.max(1, v.workers) && v.slots.every((s) => s.state === "ready");
  const status = v.closed ? "closed" : !v.started ? "starting" : all && v.replacing === 0 ? "ok" : "replacing";
  return {
    status,
    workers,
    queued: v.queued,
    ...(v.lastFailure ? { lastFailure: v.lastFailure } : {}),
    warnings: v.warnings,
  };
}
