// The Virtuoso side of the store benchmark: the same generated seasons written through Vivant into a private
// Virtuoso (bench/virtuoso.ts), then the typed questions (Vivant's index built from the store, and the store's own
// SPARQL), lookups by IRI through Vivant's endpoint with 8 clients, and the memory of both processes.

import autocannon from "autocannon";
import { mapRecords } from "../src/mapping/index.js";
import { RemoteStore } from "../src/store/remote.js";
import { RemotePool } from "../src/server/remote-pool.js";
import { VivantServer } from "../src/server/app.js";
import { generateSeason } from "./generate.js";
import type { BenchRow } from "./harness.js";
import { BENCH_BASE, QUESTIONS } from "./store-questions.js";
import { startVirtuoso, virtuosoInstalled } from "./virtuoso.js";

const TRIPLES_PER_GRAPH = 1_000_000;
const TRIPLES_PER_PERFORMANCE = 38;
const MIB = 2 ** 20;

function pct(samples: number[], q: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}

/** Measures one size on Virtuoso; rows are labelled `<size> virtuoso: …`. */
export async function measureVirtuoso(
  size: number,
  label: string,
  log: (l: string) => void,
  notes: string[],
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  if (!virtuosoInstalled()) {
    notes.push(`virtuoso ${label}: not run (Virtuoso is not installed: apt-get install virtuoso-opensource)`);
    return rows;
  }
  // ≈ 1.5 GiB of cache pages: Virtuoso's guide for a machine of this size.
  const v = await startVirtuoso({ buffers: 200_000 });
  try {
    const store = await RemoteStore.open({ endpoint: v.endpoint, graphStore: v.graphStore, timeoutMs: 600_000 });
    const graphs = Math.max(1, Math.ceil(size / TRIPLES_PER_GRAPH));
    const perGraph = Math.ceil(size / graphs / TRIPLES_PER_PERFORMANCE);
    let written = 0;
    let writeMs = 0;
    for (let g = 0; g < graphs; g++) {
      const m = mapRecords(generateSeason(perGraph, { seed: g + 1, publisherId: `p${g}` }), { origins: false });
      const t0 = performance.now();
      const info = await store.replaceGraph(m.graphIri, m.quads, {
        publisherId: `p${g}`,
        licence: "cc0-1.0",
        source: "bench/generate.ts",
      });
      writeMs += performance.now() - t0;
      written += info.triples;
      log(
        `  virtuoso graph ${g + 1}/${graphs}: ${info.triples.toLocaleString("en-US")} triples, ${(info.triples / ((performance.now() - t0) / 1000)).toFixed(0)} triples/s`,
      );
    }
    rows.push({
      label: `${label} virtuoso: ingest through Vivant (serialise, ownership check, Graph Store POSTs, count check, pointer switch; mapped, not validated)`,
      value: written / (writeMs / 1000),
      unit: "triples/s",
    });
    const rssBefore = process.memoryUsage().rss;
    const t0 = performance.now();
    const pool = await RemotePool.start({ store, timeoutMs: 600_000 });
    rows.push({
      label: `${label} virtuoso: performance index build from the store (SPARQL scans + build)`,
      value: performance.now() - t0,
      unit: "ms",
    });
    rows.push({
      label: `${label} virtuoso: Vivant process RSS with the index (whole process)`,
      value: process.memoryUsage().rss / MIB,
      unit: "MiB",
    });
    rows.push({
      label: `${label} virtuoso: Vivant RSS growth for the index`,
      value: (process.memoryUsage().rss - rssBefore) / MIB,
      unit: "MiB",
    });
    rows.push({ label: `${label} virtuoso: virtuoso-t RSS`, value: v.rss() / MIB, unit: "MiB" });
    const runs = size >= 10_000_000 ? 20 : 50;
    const sparqlPool = await RemotePool.start({ store, typedQuestions: "sparql", timeoutMs: 20_000 });
    for (const [name, filter] of Object.entries(QUESTIONS)) {
      const samples: number[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < runs; i++) {
        const s0 = performance.now();
        const page = await pool.page(filter, { limit: 20, ...(cursor ? { cursor } : {}) });
        samples.push(performance.now() - s0);
        cursor = page.next;
      }
      rows.push({
        label: `${label} virtuoso typed "${name}" p50 (Vivant's index + the store describing the page)`,
        value: pct(samples, 0.5),
        unit: "ms",
      });
      rows.push({ label: `${label} virtuoso typed "${name}" p99`, value: pct(samples, 0.99), unit: "ms" });
      const sq: number[] = [];
      let capped = false;
      for (let i = 0; i < 3 && !capped; i++) {
        const s0 = performance.now();
        await sparqlPool.page(filter, { limit: 20 }).catch(() => (capped = true));
        sq.push(capped ? 20_000 : performance.now() - s0);
      }
      rows.push({
        label: `${label} virtuoso SPARQL "${name}" p50 (the store's SPARQL: filter.ts's query + description${capped ? ", stopped at the 20 s cap" : ""})`,
        value: pct(sq, 0.5),
        unit: "ms",
      });
    }
    await sparqlPool.close();
    await pool.close();
    await store.close();
    const server = await VivantServer.start({
      port: 0,
      store: { endpoint: v.endpoint, graphStore: v.graphStore, timeoutMs: 600_000 },
      queryTimeoutMs: 60_000,
    });
    try {
      const paths: string[] = [];
      for (let i = 0; i < 500; i++)
        paths.push(
          `/sparql?query=${encodeURIComponent(`SELECT ?p ?o WHERE { <${BENCH_BASE}performance/perf-${(i * 37) % 20000}> ?p ?o }`)}`,
        );
      const go = (seconds: number): Promise<autocannon.Result> => {
        let n = 0;
        return autocannon({
          url: server.url,
          connections: 8,
          duration: seconds,
          headers: { accept: "application/sparql-results+json" },
          requests: [{ method: "GET", setupRequest: (req) => ({ ...req, path: paths[n++ % paths.length]! }) }],
        });
      };
      await go(2);
      const r = await go(10);
      rows.push({
        label: `${label} virtuoso: endpoint lookups by IRI, 8 clients (Vivant in the bench process → Virtuoso)`,
        value: r.requests.average,
        unit: "requests/s",
      });
      rows.push({ label: `${label} virtuoso: endpoint lookup latency p50`, value: r.latency.p50, unit: "ms" });
      rows.push({ label: `${label} virtuoso: endpoint lookup latency p99`, value: r.latency.p99, unit: "ms" });
      if (r.non2xx || r.errors)
        notes.push(`${label} virtuoso endpoint: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
      rows.push({
        label: `${label} virtuoso: Vivant server RSS (bench process, index built twice: pool and server)`,
        value: process.memoryUsage().rss / MIB,
        unit: "MiB",
      });
      rows.push({ label: `${label} virtuoso: virtuoso-t RSS after the lookups`, value: v.rss() / MIB, unit: "MiB" });
    } finally {
      await server.close();
    }
  } finally {
    await v.stop();
  }
  return rows;
}
