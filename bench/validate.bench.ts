// Validation of a big season with the core profile: Vivant's path (shapes compiled once, targets resolved once,
// property shapes run only where they can find something, the graph cut into per-record batches on worker
// threads) against the plain library validator (a new shacl-engine Validator over the whole graph in one n3
// Store), on the same quads in the same run, with the same findings checked result by result.

import { availableParallelism } from "node:os";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { mapRecords } from "../src/mapping/index.js";
import { issueFindingKey, plainEngineFindings } from "../src/validate/baseline.js";
import { validateInParallel } from "../src/validate/parallel.js";
import { loadProfileQuads } from "../src/validate/profiles.js";
import { createValidator } from "../src/validate/validator.js";
import { generateSeason } from "./generate.js";
import { timeMs, type BenchModule, type BenchReport } from "./harness.js";

export const validateBench: BenchModule = {
  name: "validate",
  async run({ quick, log }): Promise<BenchReport> {
    const n = quick ? 10_000 : 100_000;
    const workers = availableParallelism();
    log(`generating and mapping ${n.toLocaleString("en-US")} performances`);
    const mapped = mapRecords(generateSeason(n, { seed: 1 }));
    const quads = mapped.quads;

    let compiled = 0;
    const compileMs = await timeMs(async () => {
      compiled = (await createValidator("core")).shapes.compiled.declarations.length;
    });

    log(`vivant: ${workers} worker thread(s)`);
    let ours!: Awaited<ReturnType<typeof validateInParallel>>;
    const oursMs = await timeMs(async () => {
      ours = await validateInParallel(quads, "core", { workers, origins: mapped.origins });
    });
    log(`vivant: ${(oursMs / 1000).toFixed(1)} s, ${ours.issues.length.toLocaleString("en-US")} issues`);

    log("plain shacl-engine on the whole graph, in a worker with a 12 GiB heap (this is the slow one)");
    const { findings: plain, ms: plainMs, triples } = await runPlain(n);
    if (triples !== quads.length)
      throw new Error(`validate bench: the plain run mapped ${triples} triples, not ${quads.length}`);
    log(`plain: ${(plainMs / 1000).toFixed(1)} s, ${plain.length.toLocaleString("en-US")} results`);

    // Same findings: the same set of (focus node, path, component, shape, value, severity), and as many of them.
    const a = new Set(ours.issues.map(issueFindingKey));
    const b = new Set(plain);
    const missing = [...b].filter((k) => !a.has(k));
    const extra = [...a].filter((k) => !b.has(k));
    if (missing.length || extra.length || ours.issues.length !== plain.length) {
      throw new Error(
        `validate bench: different findings (${missing.length} missing, ${extra.length} extra, ${ours.issues.length} vs ${plain.length} results)`,
      );
    }

    const perSec = (ms: number): number => (n * 1000) / ms;
    return {
      name: "validate",
      rows: [
        {
          label: `vivant validateInParallel, core profile, ${n.toLocaleString("en-US")} performances (${quads.length.toLocaleString("en-US")} triples)`,
          value: perSec(oursMs),
          unit: "performances/s",
        },
        { label: "  same, wall time", value: oursMs, unit: "ms" },
        {
          label: "plain shacl-engine Validator on the whole graph (n3 Store)",
          value: perSec(plainMs),
          unit: "performances/s",
        },
        { label: "  same, wall time", value: plainMs, unit: "ms" },
        { label: "compiling the core profile (once per process)", value: compileMs, unit: "ms" },
        { label: "results found by both (identical sets)", value: plain.length, unit: "results" },
      ],
      ratios: [
        { label: "vivant vs plain shacl-engine, same graph, same findings", ratio: plainMs / oursMs, target: 5 },
      ],
      notes: [
        `${workers} worker thread(s) on ${availableParallelism()} CPU(s); the core profile runs as ${compiled} target declarations once node shapes are split into their property shapes`,
        "vivant's time covers encoding the graph, resolving targets, cutting batches, worker start-up and the report with records and fields",
        "the plain engine is quadratic in the values of one property (the season has a subEvent per performance); vivant slices big value sets",
        "the plain engine runs in a worker thread with a 12 GiB heap (with Node's default heap it runs out of memory at 100k), on the same season mapped there; only its validation is timed",
        `findings compared result by result: ${ours.violations.toLocaleString("en-US")} violations and ${ours.warnings.toLocaleString("en-US")} warnings in both`,
      ],
    };
  },
};

interface PlainResult {
  readonly findings: string[];
  readonly ms: number;
  readonly triples: number;
}

/** The plain engine in a worker thread of its own (this module is the worker's entry point too). */
function runPlain(n: number): Promise<PlainResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), {
      workerData: { vivantPlainValidation: n },
      resourceLimits: { maxOldGenerationSizeMb: 12 * 1024 },
    });
    worker.once("message", (m: PlainResult) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once("error", reject);
  });
}

if (
  !isMainThread &&
  typeof (workerData as { vivantPlainValidation?: number } | undefined)?.vivantPlainValidation === "number"
) {
  const n = (workerData as { vivantPlainValidation: number }).vivantPlainValidation;
  // The same season as the main thread's: generateSeason is deterministic for a seed.
  const quads = mapRecords(generateSeason(n, { seed: 1 }), { origins: false }).quads;
  const shapes = loadProfileQuads("core");
  let findings: string[] = [];
  const ms = await timeMs(async () => {
    findings = await plainEngineFindings(shapes, quads);
  });
  parentPort!.postMessage({ findings, ms, triples: quads.length } satisfies PlainResult);
}
