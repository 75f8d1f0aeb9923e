// The server's write lane: one write thread (src/server/write-thread.ts) that prepares Graph Store writes one at a
// time. A thread that fails (out of memory, a crash) is replaced; its write gets a 500 problem, nothing is written.

import { tx } from "../i18n.js";
import { Worker } from "node:worker_threads";
import { InputError, UsageError, VivantError, type Message, type ProblemCode } from "../errors.js";
import type { EncodedGraph } from "../store/files.js";
import type { LoadFile, LoadTarget, PreparedGraph } from "../store/load.js";
import type { RdfFormat } from "../rdf/io.js";
import type { GraphInfo } from "../store/types.js";
import type { EntityChange } from "../dataspace/entities.js";

/** A request body spooled to a file (src/server/spool.ts): read and decoded in the write thread, when its turn comes. */
export interface SpooledInput {
  /** Path of the spooled body. */
  readonly spool: string;
  /** The request's Content-Type (its charset decodes the bytes). */
  readonly contentType: string | undefined;
  readonly source: string;
  readonly format: RdfFormat;
}

/** One input of a write: text already in memory, or a spooled body. */
export type WriteInput = LoadFile | SpooledInput;

/** A write to prepare: the inputs (and the current graph's file for a merge), its target, the store's graphs. */
export interface WriteJob {
  readonly id: number;
  readonly files: readonly WriteInput[];
  /** Path of the graph's current file, read first (POST merges). */
  readonly mergeFrom?: string;
  /** The graph's current content as N-Triples (a remote store's), read first (POST merges). */
  readonly mergeText?: string;
  readonly target: LoadTarget;
  /** The catalog facts of every graph (defaults of RDF input, the ownership rule). */
  readonly graphs: readonly GraphInfo[];
  /** The version being written (salts the blank nodes). */
  readonly version: number;
  /** The entity digests of the graph's last version: the thread diffs the new one against them (the change feed). */
  readonly previousDigests?: ReadonlyMap<string, string>;
}

/** The prepared write without its quads (they stay in the write thread); `content` when it may be written. */
export type PreparedWrite = Omit<PreparedGraph, "quads">;

export type WriteReply =
  | {
      readonly id: number;
      readonly prepared: PreparedWrite;
      readonly content?: EncodedGraph;
      readonly change?: EntityChange;
      readonly error?: undefined;
    }
  | {
      readonly id: number;
      readonly error: {
        kind: string;
        code: ProblemCode;
        message: Message;
        hint?: Message;
        line?: number;
        column?: number;
        status?: number;
      };
    };

/**
 * Heap limit of the write thread, in MiB: a write larger than this fails alone (500), the thread is replaced and the
 * server goes on. 32 MiB of records map to about 1.5M triples, which fit.
 */
export const WRITE_THREAD_HEAP_MB = 3072;

export class WriteLane {
  #worker: Worker | undefined;
  #nextId = 1;
  readonly #pending = new Map<number, { resolve: (r: WriteReply) => void; reject: (e: Error) => void }>();

  #thread(): Worker {
    if (this.#worker) return this.#worker;
    const fromSource = import.meta.url.endsWith(".ts");
    const worker = new Worker(new URL(fromSource ? "./write-thread.ts" : "./write-thread.js", import.meta.url), {
      execArgv: fromSource ? ["--import", new URL("./dev/ts-register.mjs", import.meta.url).href] : [],
      resourceLimits: { maxOldGenerationSizeMb: WRITE_THREAD_HEAP_MB },
    });
    worker.on("message", (r: WriteReply) => {
      const p = this.#pending.get(r.id);
      this.#pending.delete(r.id);
      p?.resolve(r);
    });
    const fail = (why: string): void => {
      if (this.#worker === worker) this.#worker = undefined;
      for (const p of this.#pending.values()) {
        p.reject(
          new UsageError("server/write-failed", tx("server/write-failed", { reason: why }), {
            hint: tx("server/write-failed.hint"),
          }),
        );
      }
      this.#pending.clear();
    };
    worker.on("error", (e) => fail(e.message));
    worker.on("exit", (code) => fail(`exit code ${code}`));
    worker.unref();
    this.#worker = worker;
    return worker;
  }

  /** Prepares one write in the write thread; rejects with the thread's error, rebuilt (InputError → 400…). */
  async prepare(
    job: Omit<WriteJob, "id">,
  ): Promise<{ prepared: PreparedWrite; content?: EncodedGraph; change?: EntityChange }> {
    const id = this.#nextId++;
    const reply = await new Promise<WriteReply>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#thread().postMessage({ ...job, id } satisfies WriteJob);
    });
    if (reply.error) {
      const e = reply.error;
      const options = {
        ...(e.hint !== undefined ? { hint: e.hint } : {}),
        ...(e.line !== undefined ? { line: e.line } : {}),
        ...(e.column !== undefined ? { column: e.column } : {}),
      };
      const err =
        e.kind === "InputError"
          ? new InputError(e.code, e.message, options)
          : e.kind === "UsageError"
            ? new UsageError(e.code, e.message, options)
            : new VivantError(e.code === "internal" ? "server/write-failed" : e.code, e.message, options);
      if (e.status !== undefined) Object.assign(err, { status: e.status });
      throw err;
    }
    return {
      prepared: reply.prepared,
      ...(reply.content ? { content: reply.content } : {}),
      ...(reply.change ? { change: reply.change } : {}),
    };
  }

  async close(): Promise<void> {
    const w = this.#worker;
    this.#worker = undefined;
    await w?.terminate();
  }
}
