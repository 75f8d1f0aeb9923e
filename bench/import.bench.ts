// Import and harvest throughput: the Scènes francophones dump (records/s), the festivals CSV (rows/s), a
// UiTdatabank export (documents/s) and a CapData Culture RDF/XML export (documents/s), each with the fidelity ledger on and off (its cost per importer), and
// harvesting the demo season's pages from a loopback server (pages/s).

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { harvest } from "../src/harvest/harvest.js";
import { importArtsdata } from "../src/import/artsdata.js";
import { importFestivals } from "../src/import/festivals.js";
import { importUitdatabank } from "../src/import/uitdatabank.js";
import { importCapData } from "../src/import/capdata.js";
import type { ImportResult } from "../src/import/types.js";
import { embedScript, parseRecords, toEmbeds } from "../src/mapping/index.js";
import { schemaVocabulary } from "../src/harvest/vocabulary.js";
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { pairedCost, timeMs, type BenchModule, type BenchRow } from "./harness.js";
import {
  artsdataInput,
  available,
  capdataInput,
  festivalsInput,
  uitdatabankInput,
  type Importer,
} from "./import-inputs.js";

// Compiled to dist/bench/: the repository root is two folders up.
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

const RECORD_KINDS = ["venues", "organizations", "people", "productions", "performances", "series"] as const;
const recordsOf = (r: ImportResult): number =>
  RECORD_KINDS.reduce(
    (t, k) => t + ((r.document as unknown as Record<string, unknown[] | undefined>)[k]?.length ?? 0),
    0,
  );

/** Each importer on its corpus: what it reads, how many pairs, and the sizes run under callgrind. */
interface Case {
  readonly importer: Importer;
  readonly title: string;
  /** Runs one import of the whole input with the ledger on or off. */
  readonly prepare: (quick: boolean) => (ledger: boolean) => Promise<ImportResult> | ImportResult;
  readonly pairs: number;
  /** The size given to ledger-child.js under callgrind (documents per file, rows, copies). */
  readonly callgrindSize: number;
}

const CASES: readonly Case[] = [
  {
    importer: "artsdata",
    title: "Scènes francophones dump (artsdata JSON-LD)",
    pairs: 7,
    callgrindSize: 50,
    prepare: (quick) => {
      const input = artsdataInput(quick ? 200 : Infinity);
      return (ledger) =>
        importArtsdata(input, { publisher: { id: "scenes-francophones" }, defaultLanguage: "fr", ledger });
    },
  },
  {
    importer: "festivals",
    title: "festivals CSV",
    pairs: 9,
    callgrindSize: 7283,
    prepare: (quick) => {
      const text = festivalsInput(quick ? 1000 : Infinity);
      return (ledger) => importFestivals(text, { ledger });
    },
  },
  {
    importer: "uitdatabank",
    title: "UiTdatabank (publiq's examples, copied)",
    // 25, not 9: one run is 0.3 s of CPU, and on a loaded machine the ratio of one pair ranges from 0.8 to 1.5, so
    // that the median of 9 moved by ±0.07 from one run of the bench to the next (1.14 with medians of the times 1.03).
    pairs: 25,
    callgrindSize: 250,
    prepare: (quick) => {
      const input = uitdatabankInput(quick ? 40 : 1000);
      return (ledger) =>
        importUitdatabank(input, {
          publisher: { id: "uit" },
          permanentWindow: { from: "2026-01-01", to: "2026-12-31" },
          ledger,
        });
    },
  },
  {
    importer: "capdata",
    title: "CapData Culture RDF/XML (a generated season, exported)",
    pairs: 7,
    callgrindSize: 300,
    prepare: (quick) => {
      const text = capdataInput(quick ? 300 : 3000);
      return (ledger) => importCapData(text, { publisher: { id: "capdata" }, country: "FR", ledger });
    },
  },
];

export const importBench: BenchModule = {
  name: "import",
  async run({ quick, log }) {
    const rows: BenchRow[] = [];
    const notes: string[] = [];
    schemaVocabulary();

    for (const c of CASES) {
      if (!available(c.importer)) {
        notes.push(`../shared/corpora absent: ${c.title} not measured`);
        continue;
      }
      const run = c.prepare(quick);
      let read = 0;
      let unit = "";
      let records = 0;
      // The fidelity ledger on (the default) and off: interleaved pairs in CPU time, median of the pairs' ratios.
      const p = await pairedCost(quick ? 2 : c.pairs, async (ledger) => {
        const r = await run(ledger);
        read = r.read;
        unit = r.unit;
        records = recordsOf(r);
      });
      log(
        `${c.importer}: ${((records / p.on) * 1000).toFixed(0)} records/s with the ledger, ${((records / p.off) * 1000).toFixed(0)} without: ratio ${p.ratio.toFixed(3)} (≤ 1.10 wanted)`,
      );
      log(
        `${c.title}: ${read} ${unit} → ${records} records; CPU median ${p.on.toFixed(0)} ms with the ledger, ${p.off.toFixed(0)} ms without; median of ${p.pairs} paired ratios ${p.ratio.toFixed(3)} (wall ${p.wallRatio.toFixed(3)})`,
      );
      rows.push({ label: `import ${c.title}, ledger on`, value: (records / p.on) * 1000, unit: "records/s (CPU)" });
      rows.push({ label: `import ${c.title}, ledger off`, value: (records / p.off) * 1000, unit: "records/s (CPU)" });
      rows.push({ label: `import ${c.title}, ledger on, input`, value: (read / p.on) * 1000, unit: `${unit}/s (CPU)` });
      rows.push({
        label: `fidelity ledger cost (${c.importer}, median of paired CPU-time ratios)`,
        value: (p.ratio - 1) * 100,
        unit: "%",
      });
      rows.push({
        label: `fidelity ledger ratio (${c.importer}, CPU time, on ÷ off; ≤ 1.10 wanted)`,
        value: p.ratio,
        unit: "×",
      });
      const ir = callgrindCost(c.importer, quick ? Math.ceil(c.callgrindSize / 5) : c.callgrindSize, log);
      if (ir !== undefined) {
        rows.push({
          label: `fidelity ledger cost (${c.importer}, callgrind instructions, size ${ir.size}, runs 2-4)`,
          value: ir.cost,
          unit: "%",
        });
        rows.push({
          label: `fidelity ledger ratio (${c.importer}, callgrind instructions, on ÷ off; ≤ 1.10 wanted)`,
          value: 1 + ir.cost / 100,
          unit: "×",
        });
      }
    }
    if (process.env.VIVANT_BENCH_CALLGRIND !== "1")
      notes.push(
        "the ledger's cost in instructions (load-independent) is measured with VIVANT_BENCH_CALLGRIND=1 and valgrind",
      );

    // Harvest: the demo season's embed pages served from 127.0.0.1, no delay between requests.
    const demo: unknown = JSON.parse(readFileSync(`${ROOT}fixtures/demo-season.json`, "utf8"));
    const embeds = toEmbeds(parseRecords(demo).document!);
    const pages = new Map<string, string>();
    for (const [id, e] of embeds)
      pages.set(`/p/${id}.html`, `<!doctype html><html><head>${embedScript(e)}</head><body></body></html>`);
    const server = createServer((req, res) => {
      const body = req.url === "/robots.txt" ? "User-agent: *\nAllow: /\n" : pages.get(req.url ?? "");
      if (body === undefined) res.writeHead(404).end();
      else res.writeHead(200, { "content-type": req.url === "/robots.txt" ? "text/plain" : "text/html" }).end(body);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const urls = [...pages.keys()].map((p) => `${origin}${p}`);
    const rounds = quick ? 1 : 3;
    let best = Infinity;
    for (let i = 0; i < rounds; i++) {
      const ms = await timeMs(() =>
        harvest(urls, { policy: { perHostDelayMs: 0, perHostConcurrency: 8, allowPrivate: true }, concurrency: 8 }),
      );
      best = Math.min(best, ms);
    }
    server.close();
    log(`harvest: ${urls.length} demo pages on loopback, best of ${rounds}: ${best.toFixed(0)} ms`);
    rows.push({
      label: `harvest ${urls.length} demo-season pages on loopback (8 in flight, no delay)`,
      value: (urls.length / best) * 1000,
      unit: "pages/s",
    });
    notes.push(
      "harvest throughput is CPU-bound (JSON-LD expansion with the schema.org context); a real harvest is bounded by the per-host delay (1 s by default)",
    );
    return { name: "import", rows, ratios: [], notes };
  },
};

/**
 * The ledger's cost in instructions, which the machine's load does not change: the child script (ledger-child.ts)
 * run under callgrind with the ledger on and off, one import and four imports in a row; the cost is that of the
 * second to fourth imports (4 − 1), so that start-up and the first run's compilation count in neither.
 * Only with VIVANT_BENCH_CALLGRIND=1 and valgrind on the PATH (it runs Node ~50× slower: a part of the corpus).
 */
function callgrindCost(
  importer: Importer,
  size: number,
  log: (l: string) => void,
): { cost: number; size: number } | undefined {
  if (process.env.VIVANT_BENCH_CALLGRIND !== "1") return undefined;
  try {
    execFileSync("valgrind", ["--version"], { stdio: "ignore" });
  } catch {
    return undefined;
  }
  const child = fileURLToPath(new URL("./ledger-child.js", import.meta.url));
  const count = (mode: string, n: number): number => {
    const out = `${process.env.TMPDIR ?? "/tmp"}/vivant-callgrind-${process.pid}-${importer}-${mode}-${n}.out`;
    const r = spawnSync(
      "valgrind",
      [
        "--tool=callgrind",
        "--smc-check=all-non-file",
        `--callgrind-out-file=${out}`,
        process.execPath,
        // One thread and V8's fixed seeds: the same build gives the same count from run to run (546.0 M twice for
        // UiTdatabank ×100 without the ledger); with background compilation it moved by several percent.
        "--predictable",
        "--single-threaded",
        child,
        importer,
        mode,
        String(n),
        String(size),
      ],
      { encoding: "utf8", timeout: 3_600_000 },
    );
    const m = /Collected : (\d+)/.exec(r.stderr ?? "");
    if (!m) throw new Error(`callgrind ${importer} ${mode}: ${r.stderr?.slice(-500)}`);
    try {
      execFileSync("rm", ["-f", out]);
    } catch {
      // a leftover file in TMPDIR
    }
    return Number(m[1]);
  };
  const on = count("on", 4) - count("on", 1);
  const off = count("off", 4) - count("off", 1);
  const cost = (on / off - 1) * 100;
  log(
    `${importer} under callgrind (size ${size}), instructions of imports 2 to 4: ${on} with the ledger, ${off} without: ${cost.toFixed(1)} %`,
  );
  return { cost, size };
}
