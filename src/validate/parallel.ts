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
import { normalizeIssues, originFieldsRead, withOrigin } from "./issues.js";
import type { CompiledShapes } from "./engine.js";
import { Triples } from "../mapping/triples.js";
import {
  EncodedGraph,
  GraphSlicer,
  planReach,
  targetGroups,
  type IdReach,
  type Reach,
  type TargetGroup,
} from "./partition.js";
import type { ProfileName } from "./profiles.js";
import type { ValidationIssue, ValidationReport } from "./types.js";
import { buildReport, createValidator } from "./validator.js";
import { cutBatch, nodeFromId, validateBatch, type WireBatch } from "./wire.js";

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
   * of the issues found and, for each, the fields those issues read (`predicates`), so a large season's provenance
   * is never held whole.
   */
  readonly originsOf?: (
    subjects: ReadonlySet<string>,
    predicates?: ReadonlyMap<string, ReadonlySet<string>>,
  ) => Origins;
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
  // The graph and the workers are gone before the origins are made (a large season's peak of memory).
  const issues = await validateBatches(quads, profile, compiled, reachByIri, workers, options);
  if (options.originsOf && !options.origins) {
    const about = (i: ValidationIssue): string | undefined => compiled.shapeInfo(nodeFromId(i.shape!)).about;
    const read = originFieldsRead(issues, about);
    const origins = options.originsOf(read.subjects, read.predicates);
    for (let k = 0; k < issues.length; k++) {
      const i = issues[k]!;
      issues[k] = withOrigin(i, nodeFromId(i.focusNode), about(i), origins);
    }
  }
  return buildReport(profile, normalizeIssues(issues));
}

/** The batches of a graph validated (on `workers` threads, or in this one when 0): their issues, in batch order of arrival. */
async function validateBatches(
  quads: Iterable<Quad>,
  profile: ProfileName,
  compiled: CompiledShapes,
  reachByIri: Reach,
  workers: number,
  options: ParallelOptions,
): Promise<ValidationIssue[]> {
  const inThread = workers === 0;
  // Workers load and compile the profile while this thread encodes the graph.
  const pool = inThread ? [] : startWorkers(profile, workers);
  try {
    // The mapper's triples are encoded from their strings: no quad is made.
    const graph = new EncodedGraph(quads instanceof Triples ? { triples: quads } : quads);
    const groups = targetGroups(compiled.declarations);
    const { batches, total } = planBatches(graph, groups, options.batchSize ?? 2000);
    const reach: IdReach = reachByIri.map((r) =>
      r === "all" ? "all" : [...r].map((p) => graph.iriId(p)).filter((id): id is number => id !== undefined),
    );
    const slicer = new GraphSlicer(graph, reach);
    // Each batch is cut here and sent whole (see wire.ts): workers hold no copy of the graph.
    const wire = (b: Batch, id: number): WireBatch =>
      cutBatch(
        id,
        graph.terms,
        slicer,
        [...b.groups].map(([group, focus]) => ({ group, focus })),
      );

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
      for (const [id, b] of batches.entries()) collect(await validateBatch(compiled, groups, wire(b, id)), b);
    } else {
      await runOnWorkers(pool.slice(0, batches.length), batches, wire, collect);
    }
    return issues;
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
  // A message is shared whole: its two languages are one object for every issue that says it.
  const messages = new Map<string, Map<string, ValidationIssue["message"]>>();
  const message = (m: ValidationIssue["message"]): ValidationIssue["message"] => {
    let byFr = messages.get(m.en);
    if (!byFr) messages.set(m.en, (byFr = new Map<string, ValidationIssue["message"]>()));
    let known = byFr.get(m.fr);
    if (!known) byFr.set(m.fr, (known = { en: one(m.en), fr: one(m.fr) }));
    return known;
  };
  return (i) => ({
    ...i,
    code: one(i.code),
    constraint: one(i.constraint),
    message: message(i.message),
    ...(i.path !== undefined ? { path: one(i.path) } : {}),
    ...(i.shape !== undefined ? { shape: one(i.shape) } : {}),
  });
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
            worker.postMessage(w, [
              w.triples.buffer as ArrayBuffer,
              ...w.groups.map((g) => g.focus.buffer as ArrayBuffer),
            ]);
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
          // Two batches in flight per worker: the next one is queued while this thread collects results.
          send();
          send();
        }),
    ),
  );
}
