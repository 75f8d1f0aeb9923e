// The pages' speed: discovery and entity pages rendered on a store of about a million triples (p50 and p95 of
// sequential requests on loopback, so HTTP is included: an upper bound on server time), and the discovery page's
// weight with its stylesheet (no editor). Targets (issue 14): ≤ 30 ms at p50, ≤ 150 KB.

import { VivantServer } from "../src/server/index.js";
import type { BenchModule, BenchRow } from "./harness.js";
import { generateSeason } from "./generate.js";
import { mapRecords } from "../src/mapping/index.js";

async function timed(url: string, accept: string, n: number): Promise<{ p50: number; p95: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    const res = await fetch(url, { headers: { accept, "accept-language": "fr" } });
    const body = await res.arrayBuffer();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
    bytes = body.byteLength;
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(n / 2)]!, p95: times[Math.floor(n * 0.95)]!, bytes };
}

export const webBench: BenchModule = {
  name: "web",
  async run({ quick, log }) {
    const rows: BenchRow[] = [];
    const performances = quick ? 2_000 : 22_000;
    const server = await VivantServer.start({ port: 0, workers: 1 });
    try {
      const season = generateSeason(performances);
      // The generated season is written as a trusted caller would (its festival series have no venue, which the core
      // profile refuses): what is measured is the pages, not the validation.
      const mapped = mapRecords(season);
      const info = await server.replaceGraph("https://data.vivant-bench.example/bench/graph", mapped.quads, { publisherId: "bench", licence: "cc-by-4.0", source: "bench" });
      log(`${performances} performances, ${info.triples} triples`);
      rows.push({ label: "store size", value: info.triples, unit: "triples" });
      const n = quick ? 10 : 40;
      const html = "text/html";
      // Warm-up: the first answers build the worker's index and caches.
      await timed(server.url, html, 3);
      const discovery = await timed(server.url, html, n);
      const filtered = await timed(`${server.url}?city=Paris&genre=theatre&maxPrice=30`, html, n);
      const iri = (JSON.parse(await (await fetch(`${server.url}api/performances?limit=1`)).text()) as { "@graph": { "@id": string }[] })["@graph"][0]!["@id"];
      const entity = await timed(`${server.url}resource?iri=${encodeURIComponent(iri)}`, html, n);
      const css = await timed(`${server.url}assets/vivant.css`, "text/css", 1);
      rows.push(
        { label: "discovery page, no filter: p50", value: discovery.p50, unit: "ms" },
        { label: "discovery page, no filter: p95", value: discovery.p95, unit: "ms" },
        { label: "discovery page, three filters: p50", value: filtered.p50, unit: "ms" },
        { label: "performance page: p50", value: entity.p50, unit: "ms" },
        { label: "performance page: p95", value: entity.p95, unit: "ms" },
        { label: "discovery page weight (HTML + stylesheet)", value: (discovery.bytes + css.bytes) / 1024, unit: "KiB" },
      );
    } finally {
      await server.close();
    }
    return { name: "web", rows, ratios: [], notes: ["sequential requests from the same process over loopback: the times include HTTP and the client"] };
  },
};
