// The store and server at 1M and 10M triples of generated performances (100k with --quick): load throughput,
// memory per million triples, p50/p99 of each typed question against the same question in plain SPARQL on
// Oxigraph and through Comunica over an N3 store (ratios in the same run), and the endpoint's throughput for
// lookups by IRI with 8 concurrent clients (autocannon). Each measure runs in a fresh child process.

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { mapRecords } from "../src/mapping/index.js";
import { GraphWriter } from "../src/store/writer.js";
import { generateSeason } from "./generate.js";
import type { BenchModule, BenchReport, BenchRow } from "./harness.js";
import type { Latency } from "./store-child.js";
import { BENCH_BASE, QUESTIONS } from "./store-questions.js";
import { measureVirtuoso } from "./store-remote.js";

const TRIPLES_PER_GRAPH = 1_000_000;
/** Measured on generateSeason output: about 38 triples per performance. */
const TRIPLES_PER_PERFORMANCE = 38;
const MIB = 2 ** 20;

/** Writes `triples` triples of generated seasons as publisher graphs (≤ 1M triples each) into a new data directory. */
async function makeDataDir(
  triples: number,
  log: (l: string) => void,
): Promise<{ dir: string; written: number; ms: number }> {
  const dir = mkdtempSync(join(tmpdir(), "vivant-bench-store-"));
  const graphs = Math.max(1, Math.ceil(triples / TRIPLES_PER_GRAPH));
  const perGraph = Math.ceil(triples / graphs / TRIPLES_PER_PERFORMANCE);
  const writer = await GraphWriter.open(dir);
  let written = 0;
  const t0 = performance.now();
  try {
    for (let g = 0; g < graphs; g++) {
      const m = mapRecords(generateSeason(perGraph, { seed: g + 1, publisherId: `p${g}` }), { origins: false });
      const info = await writer.replaceGraph(m.graphIri, m.quads, {
        publisherId: `p${g}`,
        licence: "cc0-1.0",
        source: "bench/generate.ts",
      });
      written += info.triples;
      log(`  graph ${g + 1}/${graphs}: ${info.triples.toLocaleString("en-US")} triples`);
    }
  } finally {
    await writer.close();
  }
  return { dir, written, ms: performance.now() - t0 };
}

/** Runs store-child.js and resolves with the JSON lines it printed. */
function childLines(args: string[], heapMb: number): Promise<unknown[]> {
  const script = fileURLToPath(new URL("./store-child.js", import.meta.url));
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ["--expose-gc", `--max-old-space-size=${heapMb}`, script, ...args], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    p.stdout.on("data", (d: Buffer) => (out += d.toString()));
    p.on("exit", (code) => {
      if (code === 0)
        resolve(
          out
            .trim()
            .split("\n")
            .filter(Boolean)
            .map((l) => JSON.parse(l) as unknown),
        );
      else reject(new Error(`store-child ${args[0]} exited with ${code}`));
    });
  });
}

async function child<T>(args: string[], heapMb: number): Promise<T> {
  return (await childLines(args, heapMb)).pop() as T;
}

interface ComunicaLine {
  readonly load?: { triples: number; ms: number };
  readonly index?: number;
  readonly name?: string;
  readonly latency?: Latency;
  readonly timeoutMs?: number;
}

/** Every question through Comunica, restarting the child after a question that ran past the cap. */
async function comunicaRun(
  dir: string,
  capMs: number,
  log: (l: string) => void,
): Promise<{ load?: { triples: number; ms: number }; byName: Map<string, ComunicaLine> }> {
  const byName = new Map<string, ComunicaLine>();
  let load: { triples: number; ms: number } | undefined;
  let start = 0;
  const total = Object.keys(QUESTIONS).length;
  while (start < total) {
    const lines = (await childLines(["comunica", dir, String(capMs), String(start)], 8192)) as ComunicaLine[];
    for (const l of lines) {
      if (l.load) load = l.load;
      if (l.name !== undefined) {
        byName.set(l.name, l);
        log(
          `  Comunica "${l.name}": ${l.latency ? `${l.latency.p50.toFixed(0)} ms` : `over ${l.timeoutMs} ms, stopped`}`,
        );
        start = l.index! + 1;
      }
    }
    if (!lines.some((l) => l.name !== undefined)) break;
  }
  return { ...(load ? { load } : {}), byName };
}

/** Starts `vivant serve` on a data directory in its own process; resolves with its URL once it serves. */
function startServer(dataDir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const main = fileURLToPath(new URL("../src/cli/main.js", import.meta.url));
  return new Promise((resolve, reject) => {
    const p = spawn(
      process.execPath,
      [main, "serve", "--data", dataDir, "--port", "0", "--workers", "2", "--timeout", "60000"],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    let err = "";
    p.stderr.on("data", (d: Buffer) => (err += d.toString()));
    p.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /SPARQL endpoint:\s+(\S+)\/sparql/.exec(out);
      if (m) {
        resolve({
          url: `${m[1]}/`,
          stop: () =>
            new Promise<void>((done) => {
              p.once("exit", () => done());
              p.kill("SIGTERM");
            }),
        });
      }
    });
    p.on("exit", (code) => reject(new Error(`vivant serve exited with ${code}: ${err}`)));
  });
}

async function throughput(url: string, seconds: number): Promise<autocannon.Result> {
  // Lookups by IRI: every triple of one performance, a different one per request.
  const paths: string[] = [];
  for (let i = 0; i < 500; i++) {
    const q = `SELECT ?p ?o WHERE { <${BENCH_BASE}performance/perf-${(i * 37) % 20000}> ?p ?o }`;
    paths.push(`/sparql?query=${encodeURIComponent(q)}`);
  }
  let n = 0;
  return autocannon({
    url,
    connections: 8,
    duration: seconds,
    headers: { accept: "application/sparql-results+json" },
    requests: [{ method: "GET", setupRequest: (req) => ({ ...req, path: paths[n++ % paths.length]! }) }],
  });
}

interface Measure {
  triples: number;
  loadMs: number;
  indexMs: number;
  performances: number;
  rssBefore: number;
  rssAfter: number;
  rssAfterIndex: number;
  rssAfterQuestions: number;
  rssAtRest: number;
  typed: Record<string, Latency>;
  typedCold: Record<string, Latency>;
  typedFind: Record<string, Latency>;
}

export const storeBench: BenchModule = {
  name: "store",
  async run({ quick, log }): Promise<BenchReport> {
    const rows: BenchRow[] = [];
    const ratios: { label: string; ratio: number; target?: number }[] = [];
    const notes: string[] = [
      "typed = the server's path (PerformanceIndex.page): the worker's performance index, then one SPARQL query describing the page's performances not yet described since the last graph change (descriptions are kept per index); typed figures are for browsing successive new pages (each described by SPARQL); asking the same page again is reported apart",
      "generic SPARQL = the same question as one SELECT (ORDER BY start, LIMIT 21) plus the SPARQL query describing the page, on the same Oxigraph store (one worker, 20 s cap a query: a capped question counts as 20 s, its ratio is a lower bound)",
      "Comunica = @comunica/query-sparql-rdfjs 4 over an n3 Store holding the same triples, the question's SELECT only (the page of ids); compared with the typed lookup of the same page (index only) — a question over the cap counts as the cap, so its ratio is a lower bound",
    ];
    const sizes = quick ? [100_000] : [1_000_000, 10_000_000];
    // VIVANT_BENCH_STORE=virtuoso: only the Virtuoso side (VIVANT_BENCH_SIZES=1000000,10000000 to choose sizes).
    const only = process.env.VIVANT_BENCH_STORE;
    const chosen = process.env.VIVANT_BENCH_SIZES?.split(",")
      .map(Number)
      .filter((n) => n > 0);
    for (const size of chosen?.length ? chosen : sizes) {
      const label = size >= 1_000_000 ? `${size / 1_000_000}M` : `${size / 1000}k`;
      log(`${label} triples on Virtuoso: written through Vivant, then the typed questions and the endpoint`);
      rows.push(
        ...(await measureVirtuoso(size, label, log, notes).catch((e: Error) => {
          notes.push(`virtuoso ${label}: ${e.message}`);
          return [];
        })),
      );
    }
    if (only === "virtuoso") return { name: "store", rows, ratios, notes };
    for (const size of chosen?.length ? chosen : sizes) {
      const label = size >= 1_000_000 ? `${size / 1_000_000}M` : `${size / 1000}k`;
      log(`${label} triples: generating and writing the data directory`);
      const data = await makeDataDir(size, log);
      try {
        rows.push({
          label: `${label}: triples written (generate + map + write files)`,
          value: data.written,
          unit: "triples",
        });
        log(`${label}: loading in a fresh process, then the typed and generic questions`);
        const typedRuns = size >= 10_000_000 ? 20 : 50;
        const sparqlRuns = 5;
        const m = await child<Measure>(["measure", data.dir, String(typedRuns)], 8192);
        const capMs = 20_000;
        let gen: Record<string, { page?: Latency; full?: Latency; timeoutMs?: number }> = {};
        if (size <= 1_000_000) {
          log(`${label}: the same questions in plain SPARQL on Oxigraph (at most ${capMs / 1000} s a query)`);
          gen = await child(["generic", data.dir, String(sparqlRuns), String(capMs)], 8192);
        } else {
          notes.push(
            `generic SPARQL at ${label}: not run (several questions exceed the ${capMs / 1000} s cap at 1M already; see the 1M ratios)`,
          );
        }
        rows.push({
          label: `${label}: load throughput (data directory → Oxigraph, one process)`,
          value: m.triples / (m.loadMs / 1000),
          unit: "triples/s",
        });
        const perMillion = (rss: number): number => (rss - m.rssBefore) / MIB / (m.triples / 1e6);
        rows.push({
          label: `${label}: memory per million triples (RSS growth while loading)`,
          value: perMillion(m.rssAfter),
          unit: "MiB",
        });
        rows.push({
          label: `${label}: performance index build (${m.performances.toLocaleString("en-US")} performances)`,
          value: m.indexMs,
          unit: "ms",
        });
        rows.push({
          label: `${label}: memory per million triples with the performance index (whole process, right after the build)`,
          value: perMillion(m.rssAfterIndex),
          unit: "MiB",
        });
        rows.push({
          label: `${label}: memory per million triples right after every question (descriptions kept, pages the collector freed not yet handed back)`,
          value: perMillion(m.rssAfterQuestions),
          unit: "MiB",
        });
        rows.push({
          label: `${label}: memory per million triples after every question, at rest (2 s idle)`,
          value: perMillion(m.rssAtRest),
          unit: "MiB",
        });
        let comunica: Awaited<ReturnType<typeof comunicaRun>> | undefined;
        if (size <= 1_000_000) {
          const capMs = quick ? 20_000 : 20_000;
          log(
            `${label}: the same questions through Comunica over an N3 store (fresh process, at most ${capMs / 1000} s a question)`,
          );
          comunica = await comunicaRun(data.dir, capMs, log).catch((e: Error) => {
            notes.push(`Comunica at ${label}: ${e.message}`);
            return undefined;
          });
          if (comunica?.load)
            rows.push({
              label: `${label}: Comunica/N3 load (parse + add)`,
              value: comunica.load.triples / (comunica.load.ms / 1000),
              unit: "triples/s",
            });
        } else {
          notes.push(
            `Comunica at ${label}: not run (it takes minutes a question at 1M already; an n3 Store of ${label} triples needs several GB of heap)`,
          );
        }
        for (const [q] of Object.entries(QUESTIONS)) {
          // The headline typed figure is browsing new pages (a SPARQL description each time), not the repeat.
          const t = m.typedCold[q]!;
          const gq = gen[q];
          const g = gq?.full ?? (gq?.timeoutMs !== undefined ? ({ p50: gq.timeoutMs } as Latency) : undefined);
          rows.push({
            label: `${label} typed "${q}" p50, new pages (${t.runs} pages of ≤ 20, a question with fewer pages browsed again with its descriptions forgotten)`,
            value: t.p50,
            unit: "ms",
          });
          rows.push({ label: `${label} typed "${q}" p99, new pages`, value: t.p99, unit: "ms" });
          rows.push({
            label: `${label} typed "${q}" p50, same page again (described already)`,
            value: m.typed[q]!.p50,
            unit: "ms",
          });
          if (g) {
            const capped = gq?.full === undefined;
            rows.push({
              label: `${label} generic SPARQL "${q}" p50${capped ? " (stopped at the cap)" : ""}`,
              value: g.p50,
              unit: "ms",
            });
            ratios.push({
              label: `${label} "${q}": generic SPARQL p50 ÷ typed p50${capped ? ", at least" : ""}`,
              ratio: g.p50 / t.p50,
            });
          }
          const c = comunica?.byName.get(q);
          if (c) {
            const cms = c.latency ? c.latency.p50 : c.timeoutMs!;
            rows.push({
              label: `${label} Comunica/N3 "${q}" page query p50${c.latency ? "" : " (stopped at the cap)"}`,
              value: cms,
              unit: "ms",
            });
            ratios.push({
              label: `${label} "${q}": Comunica/N3 ÷ typed (page of ids)${c.latency ? "" : ", at least"}`,
              ratio: cms / Math.max(m.typedFind[q]!.p50, 0.001),
            });
            const gp = gq?.page;
            if (gp)
              ratios.push({
                label: `${label} "${q}": Comunica/N3 ÷ Oxigraph SPARQL (page of ids)${c.latency ? "" : ", at least"}`,
                ratio: cms / gp.p50,
              });
          }
        }
        const worst = Math.max(...Object.values(m.typedCold).map((t) => t.p50));
        rows.push({ label: `${label}: slowest typed question p50 (target ≤ 20 ms at 1M)`, value: worst, unit: "ms" });
        log(`${label}: endpoint throughput, lookups by IRI, 8 connections`);
        const server = await startServer(data.dir);
        try {
          await throughput(server.url, 2); // warm-up
          const r = await throughput(server.url, quick ? 5 : 10);
          rows.push({
            label: `${label}: endpoint lookups by IRI, 8 clients (target ≥ 2,000)`,
            value: r.requests.average,
            unit: "requests/s",
          });
          rows.push({ label: `${label}: endpoint lookup latency p50`, value: r.latency.p50, unit: "ms" });
          rows.push({ label: `${label}: endpoint lookup latency p99`, value: r.latency.p99, unit: "ms" });
          if (r.non2xx || r.errors) notes.push(`${label} endpoint: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
        } finally {
          await server.stop();
        }
      } finally {
        rmSync(data.dir, { recursive: true, force: true });
      }
    }
    notes.push(
      "Virtuoso answers such questions in 5–75 ms on this machine (figure given in the issue, not measured here)",
    );
    return { name: "store", rows, ratios, notes };
  },
};
