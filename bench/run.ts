// `npm run bench [-- name… --quick]`: runs the benchmark modules and writes bench/results/<name>.json.

import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import type { BenchModule, BenchReport } from "./harness.js";
import { BENCHES } from "./registry.js";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const only = args.filter((a) => !a.startsWith("--"));
const resultsDir = fileURLToPath(new URL("../../bench/results/", import.meta.url));
mkdirSync(resultsDir, { recursive: true });

const selected: BenchModule[] = only.length ? BENCHES.filter((b) => only.includes(b.name)) : [...BENCHES];
const env = {
  node: process.version,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? "",
  memGiB: Math.round(totalmem() / 2 ** 30),
  quick,
  date: new Date().toISOString(),
};

for (const bench of selected) {
  console.log(`\n## ${bench.name}${quick ? " (quick)" : ""}`);
  // Load average before and after: figures taken while other work ran on the machine say so.
  const loadBefore = loadavg()[0]!;
  const report: BenchReport = await bench.run({ quick, log: (l) => console.log(`  ${l}`) });
  const load = { before: round2(loadBefore), after: round2(loadavg()[0]!) };
  for (const r of report.rows) console.log(`  ${r.label}: ${formatNumber(r.value)} ${r.unit}`);
  for (const r of report.ratios)
    console.log(
      `  ratio ${r.label}: ${r.ratio.toFixed(1)}×${r.target !== undefined ? ` (target ≥ ${r.target}×)` : ""}`,
    );
  for (const n of report.notes) console.log(`  note: ${n}`);
  writeFileSync(
    `${resultsDir}${bench.name}${quick ? ".quick" : ""}.json`,
    `${JSON.stringify({ env: { ...env, load }, ...report }, null, 2)}\n`,
  );
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function formatNumber(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(2);
}
