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

async function measure(dataDir: string, runs: number, sparqlRuns: number, skipGeneric: readonly string[]): Promise<void> {
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
  const index = PerformanceIndex.build((q) => store.selectSync(q));
  const indexMs = performance.now() - t1;
  const typed: Record<string, Latency> = {};
  const typedFind: Record<string, Latency> = {};
  const generic: Record<string, Latency> = {};
  const genericPage: Record<string, Latency> = {};
  for (const [name, filter] of Object.entries(QUESTIONS)) {
    // Warm-up, then the measured runs: the typed path is the server's (index, then SPARQL lookups).
    const typedCall = async (): Promise<number> => {
      const page = index.find(filter, { limit: 20 });
      if (page.ids.length) await describePerformances(store, page.ids);
      return page.ids.length;
    };
    await typedCall();
    typed[name] = await timeRuns(runs, typedCall);
    typedFind[name] = await timeRuns(runs, async () => index.find(filter, { limit: 20 }).ids.length);
    if (!skipGeneric.includes(name)) {
      // No warm-up here: some of these take minutes on big stores (the budget stops further runs, not a run).
      genericPage[name] = await timeRuns(sparqlRuns, async () => (await store.select(performancesQuery(filter, { limit: 20 }))).bindings.length, 30_000);
      generic[name] = await timeRuns(sparqlRuns, () => sparqlPage(store, filter), 30_000);
    }
    process.stderr.write(`    ${name}: typed p50 ${typed[name]!.p50.toFixed(1)} ms, generic p50 ${generic[name]?.p50.toFixed(1) ?? "not run"} ms\n`);
  }
  const rssAfterIndex = process.memoryUsage().rss;
  process.stdout.write(`${JSON.stringify({
    triples, loadMs, indexMs, performances: index.size,
    rssBefore: before.rss, rssAfter: after.rss, rssAfterIndex, heapAfter: after.heapUsed, typed, typedFind, generic, genericPage,
  })}\n`);
  await store.close();
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
          out[k.value] = v as Term;
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

const [mode, dataDir, a, b, c] = process.argv.slice(2);
if (mode === "measure") await measure(dataDir!, Number(a ?? 30), Number(b ?? 5), JSON.parse(c ?? "[]") as string[]);
else if (mode === "comunica") await comunica(dataDir!, Number(a ?? 20_000), Number(b ?? 0));
