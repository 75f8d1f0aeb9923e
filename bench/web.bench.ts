// The pages' speed on a store of a million generated triples (26,316 performances written as a data directory, as
// `vivant serve` reads it): the server's own time (its Server-Timing header: request read to page written) and the
// round trip on loopback, p50 / p95 / p99 of sequential requests, for the discovery page, an entity page and the
// observatory; and the pages' weights with their stylesheet. Two kinds of series: one URL asked again and again
// (what the caches a graph version keeps give: facet counts, descriptions, names), and a different URL each time
// (distinct searches, result pages, performances and venues: nothing cached for that URL). Targets (issue 14):
// ≤ 30 ms server time at p50, the discovery page ≤ 150 KB without the editor.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { VivantServer } from "../src/server/index.js";
import { GraphWriter } from "../src/store/writer.js";
import type { BenchModule, BenchRow } from "./harness.js";
import { generateSeason } from "./generate.js";
import { mapRecords } from "../src/mapping/index.js";
import { genreIri } from "../src/mapping/terms.js";
import { GENRES } from "../src/records/types.js";
import { encodeCursor } from "../src/query/performances.js";

/** Measured on generateSeason output: about 38 triples per performance. */
const TRIPLES_PER_PERFORMANCE = 38;

interface Timing {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly server50: number;
  readonly server95: number;
  readonly server99: number;
  /** The largest answer's size (the page's HTML). */
  readonly bytes: number;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;
}

/** One sequential GET of each of `urls` (bounded: that many requests, each under the fetch's own timeout). */
async function timed(urls: readonly string[], accept: string): Promise<Timing> {
  const times: number[] = [];
  const server: number[] = [];
  let bytes = 0;
  for (const url of urls) {
    const t0 = process.hrtime.bigint();
    const res = await fetch(url, { headers: { accept, "accept-language": "fr" }, signal: AbortSignal.timeout(60_000) });
    const body = await res.arrayBuffer();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
    const dur = /(?:^|,)\s*render;dur=([\d.]+)/.exec(res.headers.get("server-timing") ?? "");
    if (dur) server.push(Number(dur[1]));
    bytes = Math.max(bytes, body.byteLength);
  }
  times.sort((a, b) => a - b);
  server.sort((a, b) => a - b);
  return {
    p50: quantile(times, 0.5),
    p95: quantile(times, 0.95),
    p99: quantile(times, 0.99),
    server50: quantile(server, 0.5),
    server95: quantile(server, 0.95),
    server99: quantile(server, 0.99),
    bytes,
  };
}

/** Writes the generated season into a new data directory (as `vivant load` would), so the server opens it as it is. */
export async function makeDataDir(performances: number): Promise<{ dir: string; triples: number }> {
  const dir = mkdtempSync(join(tmpdir(), "vivant-bench-web-"));
  const writer = await GraphWriter.open(dir);
  try {
    // Written as a trusted caller would (the generated festival series have no venue, which the core profile
    // refuses): what is measured is the pages, not the validation.
    const m = mapRecords(generateSeason(performances, { publisherId: "bench" }), { origins: false });
    const info = await writer.replaceGraph(m.graphIri, m.quads, {
      publisherId: "bench",
      licence: "cc-by-4.0",
      source: "bench/generate.ts",
    });
    return { dir, triples: info.triples };
  } finally {
    await writer.close();
  }
}

async function json<T>(url: string): Promise<T> {
  const res = await fetch(url, { signal: AbortSignal.timeout(60_000) });
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  return (await res.json()) as T;
}

type Facets = Record<"city" | "genre" | "venue", { value: string; count: number }[]>;

/** Distinct URLs of each kind of page, read from the typed API (the performances, cities, genres and venues of the data). */
async function distinctUrls(
  base: string,
  n: number,
): Promise<Record<"searches" | "pages" | "performances" | "venues", string[]>> {
  const facets = await json<Facets>(`${base}api/performances/facets?facet=city&facet=genre&facet=venue`);
  // The genres the search form offers (its keys), among those of the data.
  const inData = new Set(facets.genre.map((g) => g.value));
  const genres = GENRES.filter((g) => inData.has(genreIri(g)));
  const searches: string[] = [];
  for (let i = 0; searches.length < n && i < n * 4; i++) {
    const city = facets.city[i % facets.city.length]!.value;
    const genre = genres[Math.floor(i / facets.city.length) % genres.length]!;
    searches.push(
      `${base}?city=${encodeURIComponent(city)}&genre=${encodeURIComponent(genre)}&maxPrice=${20 + (i % 30)}`,
    );
  }
  // Performances read with SPARQL, not the typed API: an API page would describe them, and the pages measured
  // would then find their descriptions cached. Each one is also a cursor (the page that starts after it).
  const sparql = `SELECT ?e ?start WHERE { ?e <http://schema.org/workPerformed> ?w ; <http://schema.org/startDate> ?start } ORDER BY ?e LIMIT ${n * 10}`;
  const res = await fetch(`${base}sparql?query=${encodeURIComponent(sparql)}`, {
    headers: { accept: "application/sparql-results+json" },
    signal: AbortSignal.timeout(60_000),
  });
  const rows = (
    (await res.json()) as { results: { bindings: Record<"e" | "start", { value: string; datatype?: string }>[] } }
  ).results.bindings;
  // Every tenth one, so a series does not walk one production's dates; the cursors and the pages do not overlap.
  const performances = rows
    .filter((_, i) => i % 10 === 0)
    .slice(0, n)
    .map((r) => `${base}resource?iri=${encodeURIComponent(r.e.value)}`);
  const pages = rows
    .filter((_, i) => i % 10 === 5)
    .slice(0, n)
    .map(
      (r) =>
        `${base}?cursor=${encodeURIComponent(encodeCursor({ start: r.start.value, startType: r.start.datatype ?? "", id: r.e.value }))}`,
    );
  const venues = facets.venue.slice(0, n).map((v) => `${base}resource?iri=${encodeURIComponent(v.value)}`);
  return { searches, pages, performances, venues };
}

function timingRows(label: string, t: Timing, css: number): BenchRow[] {
  return [
    { label: `${label}: server time p50`, value: t.server50, unit: "ms" },
    { label: `${label}: server time p95`, value: t.server95, unit: "ms" },
    { label: `${label}: server time p99`, value: t.server99, unit: "ms" },
    { label: `${label}: round trip p50`, value: t.p50, unit: "ms" },
    { label: `${label}: round trip p95`, value: t.p95, unit: "ms" },
    { label: `${label}: weight, largest (HTML + stylesheet)`, value: (t.bytes + css) / 1024, unit: "KiB" },
  ];
}

export const webBench: BenchModule = {
  name: "web",
  async run({ quick, log }) {
    const rows: BenchRow[] = [];
    const triples = quick ? 100_000 : 1_000_000;
    const data = await makeDataDir(Math.ceil(triples / TRIPLES_PER_PERFORMANCE));
    log(`${data.triples.toLocaleString("en-US")} triples written`);
    rows.push({ label: "store size", value: data.triples, unit: "triples" });
    const server = await VivantServer.start({ port: 0, workers: 1, dataDir: data.dir });
    try {
      const n = quick ? 20 : 100;
      const html = "text/html";
      const u = server.url;
      const css = (await timed([`${u}assets/vivant.css`], "text/css")).bytes;
      // The first page after the server opened the store: the facet table is built on the first facet question.
      const first = await timed([u], html);
      rows.push({
        label: "discovery page, the first after start (facet table built): server time",
        value: first.server50,
        unit: "ms",
      });
      const distinct = await distinctUrls(u, n);
      const perf = distinct.performances[0]!;
      const same = (url: string): string[] => Array.from({ length: n }, () => url);
      const series: [string, string[]][] = [
        ["discovery page, no filter, same URL", same(u)],
        [
          "discovery page, three filters (city, genre, maxPrice), same URL",
          same(`${u}?city=Paris&genre=theatre&maxPrice=30`),
        ],
        [`discovery page, three filters, ${distinct.searches.length} distinct searches`, distinct.searches],
        [`discovery page, next pages, ${distinct.pages.length} distinct cursors`, distinct.pages],
        ["performance page, same URL", same(perf)],
        [`performance page, ${distinct.performances.length} distinct performances`, distinct.performances],
        [`venue page, ${distinct.venues.length} distinct venues`, distinct.venues],
        ["observatory page (/stats), same URL", same(`${u}stats`)],
      ];
      for (const [label, urls] of series) {
        // Warm-up on other URLs than the measured ones when they are distinct (3 requests of the same URL otherwise).
        await timed(urls[0] === urls[1] ? urls.slice(0, 3) : [u, `${u}stats`, `${u}check`], html);
        const t = await timed(urls, html);
        log(`${label}: server p50 ${t.server50} ms, p95 ${t.server95} ms`);
        rows.push(...timingRows(label, t, css));
      }
      // Weights of the other pages (the query page without and with the editor's files).
      const editor =
        (await timed([`${u}assets/yasgui.min.js`], "text/javascript")).bytes +
        (await timed([`${u}assets/yasgui.min.css`], "text/css")).bytes;
      for (const [label, url] of [
        ["query page", `${u}query`],
        ["checker page", `${u}check`],
        ["publishing page", `${u}publish`],
      ] as const) {
        const t = await timed([url], html);
        rows.push({ label: `${label}: weight (HTML + stylesheet)`, value: (t.bytes + css) / 1024, unit: "KiB" });
        if (label === "query page")
          rows.push({
            label: "query page: weight with the editor (YASGUI's script and stylesheet)",
            value: (t.bytes + css + editor) / 1024,
            unit: "KiB",
          });
      }
    } finally {
      await server.close();
      rmSync(data.dir, { recursive: true, force: true });
    }
    return {
      name: "web",
      rows,
      ratios: [],
      notes: [
        `${quick ? 20 : 100} sequential requests per series, one query worker; server time is the page's Server-Timing (request read to page written), the round trip adds HTTP and the client on loopback`,
        "same URL: the caches a graph version keeps answer (facet counts, descriptions, names); distinct: each URL asked once, its facet counts and descriptions computed for it",
      ],
    };
  },
};
