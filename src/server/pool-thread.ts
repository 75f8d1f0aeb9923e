// A query worker as the pool keeps it: the job records, the worker slots, how a worker thread is started, and what
// the workers learnt of the ownership rule.

import { Worker } from "node:worker_threads";
import { tx, txBy } from "../i18n.js";
import { VivantError, type Lang } from "../errors.js";
import type { IndexRequest, ToWorker, WorkerConfig } from "./protocol.js";
import type { Lane, PoolOptions } from "./pool-types.js";

export interface Job {
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

export interface Slot {
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

/**
 * Each query worker's V8 limits. The young generation is kept small: a worker's garbage is per query or per index
 * scan and dies young, and V8 would otherwise grow it to 32 MiB while the index is built and keep it (measured on
 * 1M triples: a worker with its index at 350–365 MiB per million triples with this limit, 385–393 without).
 */
export const QUERY_WORKER_LIMITS = { maxYoungGenerationSizeMb: 6 } as const;

/** What the workers learnt of the ownership rule, handed to each new worker and reload. */
export class OwnershipMemo {
  /** Graph files the workers found clean of other graphs' resources (path → key): a new worker does not scan them again. */
  readonly checked = new Map<string, string>();
  /** Graph files scanned for the ownership rule by each worker, summed (start and reloads). */
  scans = 0;

  learn(checked: readonly (readonly [string, string])[], scans: number): void {
    for (const [path, key] of checked) this.checked.set(path, key);
    this.scans += scans;
  }
}

/** Starts a query worker thread on the data directory; `checked`: graph files already found clean (not scanned again). */
export function startQueryWorker(o: PoolOptions, checked: ReadonlyMap<string, string>): Worker {
  const fromSource = import.meta.url.endsWith(".ts");
  // Under the test runner the sources are TypeScript: the worker gets the same dev-only type-stripping hooks.
  return new Worker(new URL(fromSource ? "./worker.ts" : "./worker.js", import.meta.url), {
    workerData: {
      dataDir: o.dataDir,
      unionDefaultGraph: o.unionDefaultGraph,
      maxResultBytes: o.maxResultBytes,
      ...(o.queryLimits ? { queryLimits: o.queryLimits } : {}),
      ...(o.exclude?.length ? { exclude: o.exclude } : {}),
      ownershipChecked: [...checked],
    } satisfies WorkerConfig,
    execArgv: fromSource ? ["--import", new URL("./dev/ts-register.mjs", import.meta.url).href] : [],
    resourceLimits: QUERY_WORKER_LIMITS,
  });
}

/** The error a worker's failed start rejects with, `reason` in each language. */
export function workerStartFailed(reason: (lang: Lang) => string): VivantError {
  return new VivantError(
    "server/worker-failed",
    txBy("server/worker-failed", (lang) => ({ reason: reason(lang) })),
    { hint: tx("server/worker-failed.hint") },
  );
}
