// Validating a big graph fast: the graph encoded once as integers, targets resolved once, focus nodes cut into
// batches of neighbouring records, each batch validated on just the quads its shapes can read (partition.ts),
// on worker threads. Same findings as validating the whole graph at once with the plain engine (the benchmark
// checks it on 100k performances, the tests on smaller graphs).

import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { Quad } from "@rdfjs/types";
import { UsageError } from "../errors.js";
import type { Origins } from "../mapping/types.js";
import { normalizeIssues, withOrigin } from "./issues.js";
import { EncodedGraph, planReach, targetGroups, type TargetGroup } from "./partition.js";
import type { ProfileName } from "./profiles.js";
import type { ValidationIssue, ValidationReport } from "./types.js";
import { buildReport, createValidator } from "./validator.js";
import { nodeFromId, TermDecoder, validateBatch, type WireBatch } from "./wire.js";

export interface ParallelOptions {
  /**
   * Worker threads; 0 validates the batches in this thread (same batches, same encoding, no workers).
   * @default the number of CPUs, at most 4
   */
  readonly workers?: number;
  /**
   * Focus nodes per batch.
   * @default 2000
   */
  readonly batchSize?: number;
  /** The mapper's origins, to name records and fields in the issues. */
  readonly origins?: Origins;
  /** Called after each batch with the number of focus nodes done and the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

interface Batch {
  readonly focus: number[];
  readonly groups: Map<number, number[]>;
}

function planBatches(graph: EncodedGraph, groups: readonly TargetGroup[], batchSize: number): { batches: Batch[]; total: number } {
  const perGroup = graph.targets(groups);
  // Number focus nodes in subject order, so that a record's nodes (event, offers, roles) share a batch.
  const position = new Map<number, number>();
  const isFocus = new Set<number>();
  for (const list of perGroup) for (const id of list) isFocus.add(id);
  for (const s of graph.subjects) if (isFocus.has(s)) position.set(s, position.size);
  for (const id of isFocus) if (!position.has(id)) position.set(id, position.size);
  const batches: Batch[] = Array.from({ length: Math.max(1, Math.ceil(position.size / batchSize)) }, () => ({ focus: [], groups: new Map() }));
  for (const [id, p] of position) batches[Math.floor(p / batchSize)]!.focus.push(id);
  perGroup.forEach((list, g) => {
    for (const id of list) {
      const b = batches[Math.floor(position.get(id)! / batchSize)]!;
      const l = b.groups.get(g);
      if (l) l.push(id);
      else b.groups.set(g, [id]);
    }
  });
  return { batches, total: position.size };
}

/**
 * Validates a big graph with a profile's compiled shapes, batch by batch on worker threads. Falls back to one
 * whole-graph validation when the profile's shapes cannot be partitioned (inverse or unbounded paths).
 * @example const report = await validateInParallel(result.quads, "core", { origins: result.origins });
 */
export async function validateInParallel(quads: Iterable<Quad>, profile: ProfileName, options: ParallelOptions = {}): Promise<ValidationReport> {
  const validator = await createValidator(profile);
  const compiled = validator.shapes.compiled;
  const reachByIri = planReach(compiled, compiled.declarations);
  if (!reachByIri) return validator.validate(quads, options.origins ? { origins: options.origins } : {});

  const workers = options.workers ?? Math.min(4, availableParallelism());
  const inThread = workers === 0;
  // Workers load and compile the profile while this thread encodes the graph.
  const pool = inThread ? [] : startWorkers(profile, workers);
  try {
    const graph = new EncodedGraph(quads);
    const groups = targetGroups(compiled.declarations);
    const { batches, total } = planBatches(graph, groups, options.batchSize ?? 2000);
    const reach = reachByIri.map((r) => (r === "all" ? "all" : new Set([...r].map((p) => graph.iriId(p)).filter((id): id is number => id !== undefined))));
    const cut = (b: Batch, id: number): WireBatch => ({
      id,
      quads: graph.slice(b.focus, reach),
      groups: [...b.groups].map(([group, focus]) => ({ group, focus: Int32Array.from(focus) })),
    });

    const issues: ValidationIssue[] = [];
    let done = 0;
    const collect = (found: readonly ValidationIssue[], b: Batch): void => {
      for (const i of found) {
        issues.push(options.origins ? withOrigin(i, nodeFromId(i.focusNode), compiled.shapeInfo(nodeFromId(i.shape!)).about, options.origins) : i);
      }
      done += b.focus.length;
      options.onProgress?.(done, total);
    };

    if (inThread) {
      const decoder = new TermDecoder(graph.terms);
      for (const [id, b] of batches.entries()) collect(await validateBatch(compiled, groups, decoder, cut(b, id)), b);
    } else {
      await runOnWorkers(pool.slice(0, batches.length), graph.terms, batches, cut, collect);
    }
    return buildReport(profile, normalizeIssues(issues));
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

function startWorkers(profile: ProfileName, count: number): Worker[] {
  // Under the test runner the sources are TypeScript: workers get the project's dev-only type-stripping hooks.
  const fromSource = import.meta.url.endsWith(".ts");
  const url = new URL(fromSource ? "./worker.ts" : "./worker.js", import.meta.url);
  const execArgv = fromSource ? ["--import", new URL("../server/dev/ts-register.mjs", import.meta.url).href] : [];
  return Array.from({ length: count }, () => new Worker(url, { workerData: { profile }, execArgv }));
}

async function runOnWorkers(
  pool: readonly Worker[],
  terms: readonly string[],
  batches: readonly Batch[],
  cut: (b: Batch, id: number) => WireBatch,
  collect: (issues: ValidationIssue[], b: Batch) => void,
): Promise<void> {
  let next = 0;
  await Promise.all(
    pool.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          const send = (): void => {
            if (next >= batches.length) return resolve();
            const id = next++;
            const wire = cut(batches[id]!, id);
            worker.postMessage(wire, [wire.quads.buffer as ArrayBuffer, ...wire.groups.map((g) => g.focus.buffer as ArrayBuffer)]);
          };
          worker.on("message", (m: { id: number; issues?: ValidationIssue[]; error?: string }) => {
            if (m.error !== undefined) return reject(new UsageError("validate/worker-failed", `validation worker failed: ${m.error}`));
            collect(m.issues!, batches[m.id]!);
            send();
          });
          worker.on("error", reject);
          worker.postMessage({ terms });
          send();
        }),
    ),
  );
}
