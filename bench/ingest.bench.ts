// Ingest at size, through the CLI in a cold process, measured by the OS: peak RSS (VmHWM from /proc/<pid>/status,
// read by the child itself at exit) and wall time. Targets (issue #16): `vivant load` of 100k performances ≤ 1 GB
// and ≤ 20 s; `vivant map` of 1M performances to N-Quads ≤ 1 GB. Inputs come from the season generator (generate.ts).

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateSeason } from "./generate.js";
import type { BenchModule, BenchRow } from "./harness.js";

const MAIN = fileURLToPath(new URL("../src/cli/main.js", import.meta.url));
// Preloaded into the child: prints its peak RSS (kB, as the kernel counts it) to stderr when it exits.
const HWM = `process.on("exit", () => { const m = /VmHWM:\\s+(\\d+)/.exec(require("node:fs").readFileSync("/proc/self/status", "utf8")); process.stderr.write("\\nVMHWM_KB " + (m ? m[1] : "0") + "\\n"); });`;

interface Run {
  readonly ms: number;
  readonly peakMiB: number;
  readonly code: number;
}

function runCli(args: readonly string[], cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const preload = join(cwd, "hwm.cjs");
    writeFileSync(preload, HWM);
    const t0 = process.hrtime.bigint();
    const p = spawn(process.execPath, ["--require", preload, MAIN, ...args], {
      cwd,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let err = "";
    p.stderr.on("data", (c: Buffer) => {
      err = (err + c.toString("utf8")).slice(-4096);
    });
    p.on("error", reject);
    p.on("close", (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const m = /VMHWM_KB (\d+)/.exec(err);
      if (!m) return reject(new Error(`no peak RSS reported by vivant ${args.join(" ")}: ${err}`));
      resolve({ ms, peakMiB: Number(m[1]) / 1024, code: code ?? -1 });
    });
  });
}

/** A season file written piece by piece (a 1M-performance document is larger than one JavaScript string). */
function writeSeason(path: string, performances: number): void {
  const doc = generateSeason(performances, { seed: 1 }) as unknown as Record<string, unknown>;
  const parts: string[] = [];
  for (const [k, v] of Object.entries(doc)) {
    if (!Array.isArray(v)) parts.push(`${JSON.stringify(k)}:${JSON.stringify(v)}`);
    else parts.push(`${JSON.stringify(k)}:[${v.map((x) => JSON.stringify(x)).join(",")}]`);
  }
  writeFileSync(path, `{${parts.join(",")}}`);
}

export const ingestBench: BenchModule = {
  name: "ingest",
  async run({ quick, log }) {
    const dir = mkdtempSync(join(tmpdir(), "vivant-bench-ingest-"));
    const rows: BenchRow[] = [];
    const notes: string[] = [];
    try {
      const n = quick ? 10_000 : 100_000;
      const season = join(dir, "season.json");
      log(`writing ${n.toLocaleString("en-US")} performances`);
      writeSeason(season, n);
      const load = await runCli(["load", season, "--data", join(dir, "data")], dir);
      rows.push({
        label: `vivant load, ${n.toLocaleString("en-US")} performances (map + validate + write, cold process): peak RSS`,
        value: load.peakMiB,
        unit: "MiB",
      });
      rows.push({ label: "  same, wall time", value: load.ms, unit: "ms" });
      notes.push(
        `load exit code ${load.code} (1: the generated season has one violation, so the whole path runs and nothing is written)`,
      );
      const map = await runCli(["map", season, "--format", "nquads", "-o", join(dir, "season.nq")], dir);
      rows.push({
        label: `vivant map --format nquads, ${n.toLocaleString("en-US")} performances: peak RSS`,
        value: map.peakMiB,
        unit: "MiB",
      });
      rows.push({ label: "  same, wall time", value: map.ms, unit: "ms" });
      if (!quick) {
        const big = join(dir, "season-1m.json");
        log("writing 1,000,000 performances");
        writeSeason(big, 1_000_000);
        const map1m = await runCli(["map", big, "--format", "nquads", "-o", join(dir, "season-1m.nq")], dir);
        rows.push({
          label: "vivant map --format nquads, 1,000,000 performances: peak RSS",
          value: map1m.peakMiB,
          unit: "MiB",
        });
        rows.push({ label: "  same, wall time", value: map1m.ms, unit: "ms" });
        notes.push(`1M map exit code ${map1m.code}`);
      }
      notes.push(
        "targets: load 100k ≤ 1024 MiB peak RSS and ≤ 20 s; map 1M to N-Quads ≤ 1024 MiB; peak RSS is the kernel's VmHWM of the CLI process",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return { name: "ingest", rows, ratios: [], notes };
  },
};
