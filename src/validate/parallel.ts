// Validating a big graph fast: the graph encoded once as integers, targets resolved once, focus nodes cut into
// batches of neighbouring records, each batch validated on just the quads its shapes can read (partition.ts),
// on worker threads. Same findings as validating the whole graph at once with the plain engine (the benchmark
// checks it on 100k performances, the tests on smaller graphs).

import { tx } from "../i18n.js";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { withDeclaredSuperclasses } from "./classes.js";
import type { Quad } from "@rdfjs/types";
import { UsageError } from "../errors.js";
import type { Origins } from "../mapping/types.js";
import { normalizeIssues, withOrigin } from "./issues.js";
import { EncodedGraph, GraphSlicer, planReach, targetGroups, type IdReach, type TargetGroup } from "./partition.js";
import type { ProfileName } from "./profiles.js";
import type { ValidationIssue, ValidationReport } from "./types.js";
import { buildReport, createValidator } from "./validator.js";
import { nodeFromId, TermDecoder, validateBatch, type WireBatch, type WireGraph } from "./wire.js";

/**
 * From this many triples, a graph is worth worker threads: below it, starting them (each compiles its profile)
 * costs more than it saves, and the batches are validated in this thread.
 */
export const PARALLEL_FROM = 250_000;

export interface ParallelOptions {
  /**
   * Worker threads; 0 validates the batches in this thread (same batches, same encoding, no workers).
   * @default the number of CPUs, at most 4; 0 for an array of fewer than PARALLEL_FROM quads
   */
  readonly workers?: number;
  /**
   * Focus nodes per batch.
   * @default 2000
   */
  readonly batchSize?: number;
  /** The mapper's origins, to name records and fields in the issues. */
  readonly origins?: Origins;
  /**
   * Instead of `origins`: the mapper's origins of some subjects (`MapResult.originsOf`), asked once for the subjects
   * of the issues found, so a large season's provenance is never held whole.
   */
  readonly originsOf?: (subjects: ReadonlySet<string>) => Origins;
  /** Called after each batch with the number of focus nodes done and the total. */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * How many quads `input` has when it is not an array (e.g. the mapper's `Triples`, whose quads are made as they are
   * read): it is then read once, as it comes, never copied into an array. Such input must declare no classes
   * (rdfs:subClassOf), as the mapper's triples never do; give an array for input that may.
   */
  readonly size?: number;
}

interface Batch {
  readonly focus: number[];
  readonly groups: Map<number, number[]>;
}

function planBatches(
  graph: EncodedGraph,
  groups: readonly TargetGroup[],
  batchSize: number,
): { batches: Batch[]; total: number } {
  const perGroup = graph.targets(groups);
  // Number focus nodes in subject order, so that a record's nodes (event, offers, roles) share a batch.
  const position = new Map<number, number>();
  const isFocus = new Set<number>();
  for (const list of perGroup) for (const id of list) isFocus.add(id);
  for (const s of graph.subjects) if (isFocus.has(s)) position.set(s, position.size);
  for (const id of isFocus) if (!position.has(id)) position.set(id, position.size);
  const batches: Batch[] = Array.from({ length: Math.max(1, Math.ceil(position.size / batchSize)) }, () => ({
    focus: [],
    groups: new Map(),
  }));
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
export async function validateInParallel(
  input: Iterable<Quad>,
  profile: ProfileName,
  options: ParallelOptions = {},
): Promise<ValidationReport> {
  // Classes the data declares (ex:Gig rdfs:subClassOf schema:Event): their instances are validated as the superclass's.
  const streamed = !Array.isArray(input) && options.size !== undefined;
  const quads: Iterable<Quad> = streamed ? input : withDeclaredSuperclasses(Array.isArray(input) ? input : [...input]);
  const validator = await createValidator(profile);
  const compiled = validator.shapes.compiled;
  const reachByIri = planReach(compiled, compiled.declarations);
  if (!reachByIri) {
    const all = (): Origins => options.originsOf!(new Set(Array.from(quads, (q) => q.subject.value)));
    const origins = options.origins ?? (options.originsOf ? all() : undefined);
    return validator.validate(quads, origins ? { origins } : {});
  }

  const small = (Array.isArray(quads) ? quads.length : (options.size ?? Infinity)) < PARALLEL_FROM;
  const workers = options.workers ?? (small ? 0 : Math.min(4, availableParallelism()));
  const inThread = workers === 0;
  // Workers load and compile the profile while this thread encodes the graph.
  const pool = inThread ? [] : startWorkers(profile, workers);
  try {
    const graph = new EncodedGraph(quads);
    const groups = targetGroups(compiled.declarations);
    const { batches, total } = planBatches(graph, groups, options.batchSize ?? 2000);
    const reach: IdReach = reachByIri.map((r) =>
      r === "all" ? "all" : [...r].map((p) => graph.iriId(p)).filter((id): id is number => id !== undefined),
    );
    const wire = (b: Batch, id: number): WireBatch => ({
      id,
      groups: [...b.groups].map(([group, focus]) => ({ group, focus: Int32Array.from(focus) })),
    });

    const issues: ValidationIssue[] = [];
    let done = 0;
    const interned = interner();
    const collect = (found: readonly ValidationIssue[], b: Batch): void => {
      for (const f of found) {
        const i = interned(f);
        issues.push(
          options.origins
            ? withOrigin(i, nodeFromId(i.focusNode), compiled.shapeInfo(nodeFromId(i.shape!)).about, options.origins)
            : i,
        );
      }
      done += b.focus.length;
      options.onProgress?.(done, total);
    };

    if (inThread) {
      const slicer = new GraphSlicer(graph.terms, graph.offsets, graph.pairs, reach);
      const decoder = new TermDecoder(graph.terms);
      for (const [id, b] of batches.entries())
        collect(await validateBatch(compiled, groups, slicer, decoder, wire(b, id)), b);
    } else {
      const shared: WireGraph = { terms: graph.terms, offsets: graph.offsets, pairs: graph.pairs, reach };
      await runOnWorkers(pool.slice(0, batches.length), shared, batches, wire, collect);
    }
    if (options.originsOf && !options.origins) {
      const origins = options.originsOf(issueSubjects(issues));
      for (let k = 0; k < issues.length; k++) {
        const i = issues[k]!;
        issues[k] = withOrigin(i, nodeFromId(i.focusNode), compiled.shapeInfo(nodeFromId(i.shape!)).about, origins);
      }
    }
    return buildReport(profile, normalizeIssues(issues));
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

/**
 * Issues as they come from a worker (each string a copy) with the strings that recur across issues shared: codes,
 * messages, constraints, shapes, paths. A season with 400k warnings holds a few hundred distinct messages.
 */
function interner(): (i: ValidationIssue) => ValidationIssue {
  const seen = new Map<string, string>();
  const one = (v: string): string => {
    const known = seen.get(v);
    if (known !== undefined) return known;
    seen.set(v, v);
    return v;
  };
  return (i) => ({
    ...i,
    code: one(i.code),
    constraint: one(i.constraint),
    message: { en: one(i.message.en), fr: one(i.message.fr) },
    ...(i.path !== undefined ? { path: one(i.path) } : {}),
    ...(i.shape !== undefined ? { shape: one(i.shape) } : {}),
  });
}

/** The subjects whose origins name the record and field of these issues: focus nodes, referrers, and their owners. */
function issueSubjects(issues: readonly ValidationIssue[]): Set<string> {
  const out = new Set<string>();
  const add = (node: string): void => {
    if (node.startsWith("_:")) return;
    out.add(node);
    const hash = node.indexOf("#");
    if (hash > 0) out.add(node.slice(0, hash));
  };
  for (const i of issues) {
    add(i.focusNode);
    if (i.reachedFrom) add(i.reachedFrom.node);
  }
  return out;
}

function startWorkers(profile: ProfileName, count: number): Worker[] {
  // Under the test runner the sources are TypeScript: workers get the project's dev-only type-stripping hooks.
  const fromSource = import.meta.url.endsWith(".ts");
  const url = new URL(fromSource ? "./worker.ts" : "./worker.js", import.meta.url);
  const execArgv = fromSource ? ["--import", new URL("../server/dev/ts-register.mjs", import.meta.url).href] : [];
  // A young generation of 96 MiB (semi-spaces of 32): the engine allocates a lot per focus node, and with the
  // default size too much of it survives into the old generation (measured: 14% less CPU per batch).
  const resourceLimits = { maxYoungGenerationSizeMb: 96 };
  return Array.from({ length: count }, () => new Worker(url, { workerData: { profile }, execArgv, resourceLimits }));
}

async function runOnWorkers(
  pool: readonly Worker[],
  graph: WireGraph,
  batches: readonly Batch[],
  wire: (b: Batch, id: number) => WireBatch,
  collect: (issues: ValidationIssue[], b: Batch) => void,
): Promise<void> {
  let next = 0;
  await Promise.all(
    pool.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          let inFlight = 0;
          const send = (): void => {
            if (next >= batches.length) {
              if (inFlight === 0) resolve();
              return;
            }
            const id = next++;
            const w = wire(batches[id]!, id);
            inFlight++;
            worker.postMessage(
              w,
              w.groups.map((g) => g.focus.buffer as ArrayBuffer),
            );
          };
          worker.on("message", (m: { id: number; issues?: ValidationIssue[]; error?: string }) => {
            inFlight--;
            if (m.error !== undefined)
              return reject(
                new UsageError("validate/worker-failed", tx("validate/worker-failed", { detail: m.error })),
              );
            collect(m.issues!, batches[m.id]!);
            send();
          });
          worker.on("error", reject);
          worker.postMessage({ graph });
          // Two batches in flight per worker: the next one is queued while this thread collects results.
          send();
          send();
        }),
    ),
  );
}
