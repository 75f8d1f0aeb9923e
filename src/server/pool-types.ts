// The query pool's public types: its options, its answers, the lanes a job waits in, and the error it rejects with.

import { isErrorNamed, VivantError, type ErrorCopy, type Lang } from "../errors.js";
import type { FormattedResult } from "../store/types.js";
import type { WorkerConfig, WorkerError } from "./protocol.js";

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
