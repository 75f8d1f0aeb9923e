// The pages' speed: the discovery page (no filter, three filters), a performance page and a venue page on a store of
// a million generated triples (26,316 performances written as a data directory, as `vivant serve` reads it), p50
// and p99 of sequential requests: the server's own time (its Server-Timing header: request read to page written)
// and the round trip on loopback (HTTP and the client included); and the pages' weights with their stylesheet (no
// editor). Targets (issue 14): ≤ 30 ms server time at p50, the discovery page ≤ 150 KB.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { VivantServer } from "../src/server/index.js";
import { GraphWriter } from "../src/store/writer.js";
import type { BenchModule, BenchRow } from "./harness.js";
import { generateSeason } from "./generate.js";
import { mapRecords } from "../src/mapping/index.js";

/** Measured on generateSeason output: about 38 triples per performance. */
const TRIPLES_PER_PERFORMANCE = 38;

interface Timing {
  readonly p50: number;
  readonly p99: number;
  readonly server50: number;
  readonly server99: number;
  readonly bytes: number;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;
}

/** `n` sequential GETs of `url` (bounded: `n` requests, each under the fetch's own timeout). */
async function timed(url: string, accept: string, n: number): Promise<Timing> {
  const times: number[] = [];
  const server: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    const res = await fetch(url, { headers: { accept, "accept-language": "fr" }, signal: AbortSignal.timeout(60_000) });
    const body = await res.arrayBuffer();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
    const dur = /(?:^|,)\s*render;dur=([\d.]+)/.exec(res.headers.get("server-timing") ?? "");
    if (dur) server.push(Number(dur[1]));
    bytes = body.byteLength;
  }
  times.sort((a, b) => a - b);
  server.sort((a, b) => a - b);
  return { p50: quantile(times, 0.5), p99: quantile(times, 0.99), server50: server.length ? quantile(server, 0.5) : NaN, server99: server.length ? quantile(server, 0.99) : NaN, bytes };
}

/** Writes the generated season into a new data directory (as `vivant load` would), so the server opens it as it is. */
export async function makeDataDir(performances: number): Promise<{ dir: string; triples: number }> {
  const dir = mkdtempSync(join(tmpdir(), "vivant-bench-web-"));
  const writer = await GraphWriter.open(dir);
  try {
    // Written as a trusted caller would (the generated festival series have no venue, which the core profile
    // refuses): what is measured is the pages, not the validation.
    const m = mapRecords(generateSeason(performances, { publisherId: "bench" }), { origins: false });
    const info = await writer.replaceGraph(m.graphIri, m.quads, { publisherId: "bench", licence: "cc-by-4.0", source: "bench/generate.ts" });
    return { dir, triples: info.triples };
  } finally {
    await writer.close();
  }
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
      const first = JSON.parse(await (await fetch(`${server.url}api/performances?limit=1&from=2000-01-01`)).text()) as { "@graph": { "@id": string; location?: { "@id": string } | { "@id": string }[] }[] };
      const perf = first["@graph"][0]!;
      const location = Array.isArray(perf.location) ? perf.location[0]! : perf.location!;
      const pages: [string, string][] = [
        ["discovery page, no filter", server.url],
        ["discovery page, three filters (city, genre, maxPrice)", `${server.url}?city=Paris&genre=theatre&maxPrice=30`],
        ["performance page", `${server.url}resource?iri=${encodeURIComponent(perf["@id"])}`],
        ["venue page", `${server.url}resource?iri=${encodeURIComponent(location["@id"])}`],
      ];
      const css = await timed(`${server.url}assets/vivant.css`, "text/css", 1);
      for (const [label, url] of pages) {
        // Warm-up: the first answers fill the caches a graph version keeps.
        await timed(url, html, 3);
        const t = await timed(url, html, n);
        rows.push(
          { label: `${label}: server time p50`, value: t.server50, unit: "ms" },
          { label: `${label}: server time p99`, value: t.server99, unit: "ms" },
          { label: `${label}: round trip p50`, value: t.p50, unit: "ms" },
          { label: `${label}: round trip p99`, value: t.p99, unit: "ms" },
          { label: `${label}: weight (HTML + stylesheet)`, value: (t.bytes + css.bytes) / 1024, unit: "KiB" },
        );
      }
    } finally {
      await server.close();
      rmSync(data.dir, { recursive: true, force: true });
    }
    return { name: "web", rows, ratios: [], notes: [`${quick ? 20 : 100} sequential requests per page after 3 warm-up ones, one query worker; server time is the page's Server-Timing (request read to page written), the round trip adds HTTP and the client on loopback`] };
  },
};
