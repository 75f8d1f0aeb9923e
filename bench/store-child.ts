// Child process of the store benchmark (a fresh process per measure, so memory and load speed are honest):
//   node store-child.js measure <dataDir> <runs> <sparqlRuns>   Oxigraph: load, memory, typed and generic latencies
//   node store-child.js comunica <dataDir> <runs>               Comunica over an N3 store: the same questions
// Prints one JSON line.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Parser, Store } from "n3";
import { QueryEngine } from "@comunica/query-sparql-rdfjs";
import type { Term } from "@rdfjs/types";
import { GraphStore } from "../src/store/graph-store.js";
import { PerformanceIndex } from "../src/query/perf-index.js";
import { describePerformances, performancesQuery } from "../src/query/performances.js";
import type { SelectResult, SelectSource } from "../src/store/types.js";
import { QUESTIONS } from "./store-questions.js";
import { QueryPool, QUERY_WORKER_LIMITS } from "../src/server/pool.js";
import { Worker, isMainThread, workerData } from "node:worker_threads";

export interface Latency {
  readonly p50: number;
  readonly p99: number;
  readonly runs: number;
  readonly results: number;
}

function percentiles(samples: number[], results: number): Latency {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
  return { p50: at(0.5), p99: at(0.99), runs: s.length, results };
}

async function timeRuns(runs: number, fn: () => Promise<number>, budgetMs = Infinity): Promise<Latency> {
  const samples: number[] = [];
  let results = 0;
  const began = performance.now();
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    results = await fn();
    samples.push(performance.now() - t);
    if (performance.now() - began > budgetMs) break;
  }
  return percentiles(samples, results);
}

/** A page through SPARQL alone: the question's SELECT, then the hop lookups that describe the page. */
async function sparqlPage(source: SelectSource, filter: (typeof QUESTIONS)[string]): Promise<number> {
  const r = await source.select(performancesQuery(filter, { limit: 20 }));
  const ids = r.bindings.slice(0, 20).map((b) => b.e!.value);
  if (ids.length) await describePerformances(source, ids);
  return ids.length;
}

async function measure(dataDir: string, runs: number): Promise<void> {
  global.gc?.();
  const before = process.memoryUsage();
  const t0 = performance.now();
  const store = await GraphStore.open({ dataDir, readOnly: true });
  const loadMs = performance.now() - t0;
  process.stderr.write(`    loaded ${store.size} triples in ${(loadMs / 1000).toFixed(1)} s\n`);
  global.gc?.();
  const after = process.memoryUsage();
  const triples = store.size;
  const t1 = performance.now();
  const index = PerformanceIndex.build(
    (q) => store.selectSync(q),
    (q) => store.selectRowsSync(q),
  );
  const indexMs = performance.now() - t1;
  global.gc?.();
  // Measured right after the build: what a server holds before it has answered anything.
  const rssAfterIndex = process.memoryUsage().rss;
  const typed: Record<string, Latency> = {};
  const typedCold: Record<string, Latency> = {};
  const typedFind: Record<string, Latency> = {};
  for (const [name, filter] of Object.entries(QUESTIONS)) {
    // Warm-up, then the measured runs: the typed path is the server's (index, then SPARQL lookups).
    // Typed, as a client browses: successive pages (each one new performances to describe), then the first
    // page asked again (described already: what a popular question costs).
    index.forgetDescriptions(); // no question profits from the descriptions of another
    let cursor: string | undefined;
    let pages = 0;
    const samples: number[] = [];
    let results = 0;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const page = index.page(filter, { limit: 20, ...(cursor !== undefined ? { cursor } : {}) });
      samples.push(performance.now() - t);
      if (i === 0) results = page.items.length;
      pages++;
      cursor = page.next;
      // A question with few pages is browsed again from its first page, its descriptions forgotten: every
      // sample describes new performances, and every question gets as many samples.
      if (cursor === undefined) index.forgetDescriptions();
    }
    typedCold[name] = percentiles(samples, results);
    typed[name] = await timeRuns(runs, async () => index.page(filter, { limit: 20 }).items.length);
    typedFind[name] = await timeRuns(runs, async () => index.find(filter, { limit: 20 }).ids.length);
    void pages;
    process.stderr.write(
      `    ${name}: typed, new pages p50 ${typedCold[name].p50.toFixed(1)} ms p99 ${typedCold[name].p99.toFixed(1)} ms (${typedCold[name].runs} pages); same page again p50 ${typed[name].p50.toFixed(1)} ms\n`,
    );
  }
  global.gc?.();
  // After every question: the descriptions kept per index, and whatever the store's queries left allocated.
  const rssAfterQuestions = process.memoryUsage().rss;
  // The same, once the runtime has had two idle seconds to hand freed heap pages back (a server between requests):
  // right after the loop, pages the collector freed are still mapped (measured: ~95 MiB at 1M, gone within 1 s).
  await new Promise((r) => setTimeout(r, 2000));
  global.gc?.();
  const rssAtRest = process.memoryUsage().rss;
  process.stdout.write(
    `${JSON.stringify({
      triples,
      loadMs,
      indexMs,
      performances: index.size,
      rssBefore: before.rss,
      rssAfter: after.rss,
      rssAfterIndex,
      rssAfterQuestions,
      rssAtRest,
      heapAfter: after.heapUsed,
      typed,
      typedCold,
      typedFind,
    })}\n`,
  );
  await store.close();
}

/**
 * The same questions as plain SPARQL on Oxigraph, through a one-worker QueryPool so that a query running past
 * `capMs` is stopped (its worker replaced) instead of holding the run for minutes.
 */
async function generic(dataDir: string, runs: number, capMs: number): Promise<void> {
  const pool = await QueryPool.start({
    dataDir,
    workers: 1,
    timeoutMs: capMs,
    maxResultBytes: 2 ** 30,
    unionDefaultGraph: true,
  });
  const out: Record<string, { page?: Latency; full?: Latency; timeoutMs?: number }> = {};
  try {
    for (const [name, filter] of Object.entries(QUESTIONS)) {
      try {
        const page = await timeRuns(
          runs,
          async () => (await pool.select(performancesQuery(filter, { limit: 20 }))).bindings.length,
          capMs,
        );
        const full = await timeRuns(runs, () => sparqlPage(pool, filter), capMs);
        out[name] = { page, full };
        process.stderr.write(
          `    ${name}: generic SPARQL p50 ${full.p50.toFixed(1)} ms (page of ids ${page.p50.toFixed(1)} ms)\n`,
        );
      } catch (e) {
        if ((e as { code?: string }).code !== "query/timeout") throw e;
        out[name] = { timeoutMs: capMs };
        process.stderr.write(`    ${name}: generic SPARQL over ${capMs} ms, stopped\n`);
        await pool.whenReady();
      }
    }
  } finally {
    await pool.close();
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

/** Comunica's answers converted to the store's SelectResult shape. */
function comunicaSource(engine: QueryEngine, store: Store): SelectSource {
  return {
    async select(query: string): Promise<SelectResult> {
      const stream = await engine.queryBindings(query, { sources: [store] });
      const rows = await stream.toArray();
      const variables = new Set<string>();
      const bindings = rows.map((b) => {
        const out: Record<string, Term> = {};
        for (const [k, v] of b) {
          out[k.value] = v;
          variables.add(k.value);
        }
        return out;
      });
      return { variables: [...variables], bindings };
    },
  };
}

/**
 * The questions (page query only) through Comunica, from question `start` on. A question that runs past `capMs`
 * is reported as timed out and the process exits (Comunica cannot be stopped mid-query): the parent restarts after it.
 */
async function comunica(dataDir: string, capMs: number, start: number): Promise<void> {
  const store = new Store();
  const t0 = performance.now();
  const dir = join(dataDir, "graphs");
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".nt"))) {
    // Graph files are N-Triples after a comment line: all of it goes in N3's default graph.
    store.addQuads(new Parser({ format: "application/n-triples" }).parse(readFileSync(join(dir, name), "utf8")));
  }
  process.stdout.write(`${JSON.stringify({ load: { triples: store.size, ms: performance.now() - t0 } })}\n`);
  const source = comunicaSource(new QueryEngine(), store);
  const entries = Object.entries(QUESTIONS);
  for (let i = start; i < entries.length; i++) {
    const [name, filter] = entries[i]!;
    const query = performancesQuery(filter, { limit: 20 });
    const timer = setTimeout(() => {
      process.stdout.write(`${JSON.stringify({ index: i, name, timeoutMs: capMs })}\n`);
      process.exit(0);
    }, capMs);
    const latency = await timeRuns(3, async () => (await source.select(query)).bindings.length, capMs / 3);
    clearTimeout(timer);
    process.stdout.write(`${JSON.stringify({ index: i, name, latency })}\n`);
  }
}

const [mode, dataDir, a, b] = isMainThread ? process.argv.slice(2) : (workerData as string[]);
if (mode === "measure" && isMainThread) {
  // Measured where the server holds a store and its index: in a worker thread with the query workers' limits.
  const worker = new Worker(new URL(import.meta.url), {
    workerData: process.argv.slice(2),
    resourceLimits: QUERY_WORKER_LIMITS,
  });
  const code = await new Promise<number>((resolve, reject) => worker.on("exit", resolve).on("error", reject));
  if (code !== 0) process.exit(code);
} else if (mode === "measure") await measure(dataDir!, Number(a ?? 30));
else if (mode === "generic") await generic(dataDir!, Number(a ?? 5), Number(b ?? 20_000));
else if (mode === "comunica") await comunica(dataDir!, Number(a ?? 20_000), Number(b ?? 0));
