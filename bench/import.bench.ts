// Import and harvest throughput: the Scènes francophones dump (records/s), the festivals CSV (rows/s)
// and harvesting the demo season's pages from a loopback server (pages/s).

import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { harvest } from "../src/harvest/harvest.js";
import { importArtsdata } from "../src/import/artsdata.js";
import { importFestivals } from "../src/import/festivals.js";
import { embedScript, parseRecords, toEmbeds } from "../src/mapping/index.js";
import { schemaVocabulary } from "../src/harvest/vocabulary.js";
import { execFileSync, spawnSync } from "node:child_process";
import { pairedCost, timeMs, type BenchModule, type BenchRow } from "./harness.js";

// Compiled to dist/bench/: the repository root is two folders up.
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CORPORA = `${ROOT}../shared/corpora/`;

export const importBench: BenchModule = {
  name: "import",
  async run({ quick, log }) {
    const rows: BenchRow[] = [];
    const notes: string[] = [];
    schemaVocabulary();

    const sf = `${CORPORA}artsdata-planet-scenesfrancophones/output/`;
    if (existsSync(sf)) {
      const inputs = ["events", "places", "presenters", "artists"].map((f) => JSON.parse(readFileSync(`${sf}${f}.jsonld`, "utf8")) as unknown[]);
      const used = quick ? inputs.map((d) => d.slice(0, 200)) : inputs;
      let records = 0;
      let docs = 0;
      // The fidelity ledger on (the default) and off: interleaved pairs in CPU time, median of the pairs' ratios.
      const c = await pairedCost(quick ? 2 : 7, async (ledger) => {
        const r = await importArtsdata(used, { publisher: { id: "scenes-francophones" }, defaultLanguage: "fr", ledger });
        docs = r.read;
        records = ["venues", "organizations", "people", "productions", "performances"].reduce((t, k) => t + ((r.document as unknown as Record<string, unknown[]>)[k]?.length ?? 0), 0);
      });
      log(`Scènes francophones: ${docs} documents → ${records} records; CPU median ${c.on.toFixed(0)} ms with the ledger, ${c.off.toFixed(0)} ms without; median of ${c.pairs} paired ratios ${c.ratio.toFixed(3)} (wall ${c.wallRatio.toFixed(3)})`);
      rows.push({ label: "import Scènes francophones dump (artsdata)", value: (records / c.on) * 1000, unit: "records/s (CPU)" });
      rows.push({ label: "import Scènes francophones dump (artsdata), ledger off", value: (records / c.off) * 1000, unit: "records/s (CPU)" });
      rows.push({ label: "import Scènes francophones dump (artsdata), documents", value: (docs / c.on) * 1000, unit: "documents/s (CPU)" });
      rows.push({ label: "fidelity ledger cost (artsdata import, median of paired CPU-time ratios)", value: (c.ratio - 1) * 100, unit: "%" });
      const ir = callgrindCost("artsdata", quick ? 20 : 100, log);
      if (ir !== undefined) rows.push({ label: `fidelity ledger cost (artsdata import, first ${quick ? 20 : 100} documents of each file, callgrind instructions)`, value: ir, unit: "%" });
      else notes.push("the ledger's cost in instructions (load-independent) is measured with VIVANT_BENCH_CALLGRIND=1 and valgrind");
    } else notes.push("../shared/corpora absent: Scènes francophones import not measured");

    const fest = `${CORPORA}fr-festivals-culture-gouv/festivals-global-festivals-_-pl.csv`;
    if (existsSync(fest)) {
      const text = readFileSync(fest, "utf8");
      let n = 0;
      const c = await pairedCost(quick ? 2 : 9, (ledger) => {
        n = importFestivals(text, { ledger }).read;
      });
      log(`festivals CSV: ${n} rows; CPU median ${c.on.toFixed(0)} ms with the ledger, ${c.off.toFixed(0)} ms without; median of ${c.pairs} paired ratios ${c.ratio.toFixed(3)} (wall ${c.wallRatio.toFixed(3)})`);
      rows.push({ label: "import festivals CSV", value: (n / c.on) * 1000, unit: "rows/s (CPU)" });
      rows.push({ label: "import festivals CSV, ledger off", value: (n / c.off) * 1000, unit: "rows/s (CPU)" });
      rows.push({ label: "fidelity ledger cost (festivals import, median of paired CPU-time ratios)", value: (c.ratio - 1) * 100, unit: "%" });
      const ir = callgrindCost("festivals", quick ? 300 : 2000, log);
      if (ir !== undefined) rows.push({ label: `fidelity ledger cost (festivals import, first ${quick ? 300 : 2000} rows, callgrind instructions)`, value: ir, unit: "%" });
    } else notes.push("../shared/corpora absent: festivals CSV import not measured");

    // Harvest: the demo season's embed pages served from 127.0.0.1, no delay between requests.
    const demo: unknown = JSON.parse(readFileSync(`${ROOT}fixtures/demo-season.json`, "utf8"));
    const embeds = toEmbeds(parseRecords(demo).document!);
    const pages = new Map<string, string>();
    for (const [id, e] of embeds) pages.set(`/p/${id}.html`, `<!doctype html><html><head>${embedScript(e)}</head><body></body></html>`);
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
      const ms = await timeMs(() => harvest(urls, { policy: { perHostDelayMs: 0, perHostConcurrency: 8, allowPrivate: true }, concurrency: 8 }));
      best = Math.min(best, ms);
    }
    server.close();
    log(`harvest: ${urls.length} demo pages on loopback, best of ${rounds}: ${best.toFixed(0)} ms`);
    rows.push({ label: `harvest ${urls.length} demo-season pages on loopback (8 in flight, no delay)`, value: (urls.length / best) * 1000, unit: "pages/s" });
    notes.push("harvest throughput is CPU-bound (JSON-LD expansion with the schema.org context); a real harvest is bounded by the per-host delay (1 s by default)");
    return { name: "import", rows, ratios: [], notes };
  },
};

/**
 * The ledger's cost in instructions, which the machine's load does not change: the child script (ledger-child.ts)
 * run under callgrind with the ledger on, off, and without the import (the start-up subtracted from both).
 * Only with VIVANT_BENCH_CALLGRIND=1 and valgrind on the PATH (it runs Node ~50× slower: a subset of the corpus).
 */
function callgrindCost(corpus: string, docs: number, log: (l: string) => void): number | undefined {
  if (process.env.VIVANT_BENCH_CALLGRIND !== "1") return undefined;
  try {
    execFileSync("valgrind", ["--version"], { stdio: "ignore" });
  } catch {
    return undefined;
  }
  const child = fileURLToPath(new URL("./ledger-child.js", import.meta.url));
  const count = (mode: string): number => {
    const out = `${process.env.TMPDIR ?? "/tmp"}/vivant-callgrind-${process.pid}-${corpus}-${mode}.out`;
    const r = spawnSync("valgrind", ["--tool=callgrind", "--smc-check=all-non-file", `--callgrind-out-file=${out}`, process.execPath, child, corpus, mode, "1", String(docs)], { encoding: "utf8", timeout: 3_600_000 });
    const m = /Collected : (\d+)/.exec(r.stderr ?? "");
    if (!m) throw new Error(`callgrind ${corpus} ${mode}: ${r.stderr?.slice(-500)}`);
    try {
      execFileSync("rm", ["-f", out]);
    } catch {
      // a leftover file in TMPDIR
    }
    return Number(m[1]);
  };
  const [on, off, none] = [count("on"), count("off"), count("none")];
  const cost = ((on - none) / (off - none) - 1) * 100;
  log(`${corpus} under callgrind (${docs} per file): ${on} instructions with the ledger, ${off} without, ${none} start-up only: ${cost.toFixed(1)} %`);
  return cost;
}
