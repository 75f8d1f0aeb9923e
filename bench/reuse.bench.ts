// Reuse at size (issue 18, point 6): on a store of a million generated triples (26,316 performances, a data
// directory as `vivant serve` reads it), the iCalendar feed and the dumps, each beside a peer in the same run.
// - iCal: `/api/performances.ics` (the whole question: at most ICAL_MAX_EVENTS events) against the JSON-LD pages
//   of the same question that the feed reads (`/api/performances`, 500 a page): the ratio is what the calendar
//   costs on top of the typed API; and `performancesToIcal` against ical-generator alone writing the same number of
//   bare events (start, end, summary, UID): what Vivant's fields, zones and texts cost on top of the library.
// - Dumps: `dumpGraph` (N-Quads gzip and Turtle, hashed, written durably) against Oxigraph's own N-Quads dump of the
//   same graph, gzipped with zlib, held in memory (no file, no hash, no Turtle): the peer is the floor.
// Every loop is bounded in count; each figure is the median of its runs.

import { rmSync } from "node:fs";
import { gzipSync } from "node:zlib";
import icalGenerator from "ical-generator";
import { Store } from "oxigraph";
import { ICAL_MAX_EVENTS } from "../src/export/ical-feed.js";
import { VivantServer } from "../src/server/index.js";
import { dumpGraph, dumpsDir } from "../src/dataspace/dumps.js";
import { performancesToIcal } from "../src/export/ical.js";
import { readGraphFileSync } from "../src/store/files.js";
import { GraphWriter } from "../src/store/writer.js";
import type { PerformanceNode } from "../src/query/performances.js";
import { median, timeMs, type BenchModule, type BenchRow } from "./harness.js";
import { makeDataDir } from "./web.bench.js";

const TRIPLES_PER_PERFORMANCE = 38;

async function getText(url: string, accept: string): Promise<string> {
  const r = await fetch(url, { headers: { accept, "accept-language": "fr" }, signal: AbortSignal.timeout(120_000) });
  const text = await r.text();
  if (r.status !== 200) throw new Error(`${url}: ${r.status} ${text.slice(0, 200)}`);
  return text;
}

/** Every JSON-LD page of the whole question, as the iCal feed reads them (500 a page, at most ICAL_MAX_EVENTS). */
async function allPages(base: string): Promise<PerformanceNode[]> {
  const items: PerformanceNode[] = [];
  let next: string | undefined = "/api/performances?limit=500";
  for (let pages = 0; next && pages < 1000 && items.length < ICAL_MAX_EVENTS; pages++) {
    const body = JSON.parse(await getText(new URL(next, base).href, "application/ld+json")) as {
      "@graph": PerformanceNode[];
      next?: string;
    };
    for (const n of body["@graph"]) items.push(n);
    next = body.next;
  }
  return items.slice(0, ICAL_MAX_EVENTS);
}

/** ical-generator alone: `n` bare events (UID, start, end, summary), the library's floor for the same count. */
function bareIcal(n: number): string {
  const cal = icalGenerator({ prodId: { company: "bench", product: "bare" } });
  const start = new Date("2027-01-01T20:00:00Z");
  for (let i = 0; i < n; i++) {
    cal.createEvent({
      id: `https://example.org/p/${i}`,
      stamp: start,
      start: new Date(start.getTime() + i * 3_600_000),
      end: new Date(start.getTime() + i * 3_600_000 + 7_200_000),
      summary: `Spectacle ${i}`,
    });
  }
  return cal.toString();
}

export const reuseBench: BenchModule = {
  name: "reuse",
  async run({ quick, log }) {
    const triples = quick ? 100_000 : 1_000_000;
    const runs = quick ? 3 : 5;
    const data = await makeDataDir(Math.ceil(triples / TRIPLES_PER_PERFORMANCE));
    log(`data directory of ${data.triples} triples`);
    const rows: BenchRow[] = [];
    const ratios: { label: string; ratio: number }[] = [];
    const server = await VivantServer.start({ port: 0, dataDir: data.dir });
    try {
      const base = server.url;
      // Warm-up: the workers' index and the JIT.
      const items = await allPages(base);
      const ics = await getText(`${base}api/performances.ics`, "text/calendar");
      const events = (ics.match(/^BEGIN:VEVENT\r$/gm) ?? []).length;
      log(
        `iCal feed: ${events} events, ${(Buffer.byteLength(ics) / 2 ** 20).toFixed(1)} MiB; ${items.length} performances in the JSON-LD pages`,
      );
      const feed: number[] = [];
      const pages: number[] = [];
      const write: number[] = [];
      const bare: number[] = [];
      for (let i = 0; i < runs; i++) {
        feed.push(await timeMs(() => getText(`${base}api/performances.ics`, "text/calendar")));
        pages.push(await timeMs(() => allPages(base)));
        write.push(await timeMs(() => performancesToIcal(items, { lang: "fr" })));
        bare.push(await timeMs(() => bareIcal(items.length)));
      }
      rows.push(
        {
          label: `iCal feed over HTTP (${events} events, ${triples / 1e6}M-triple store): median`,
          value: median(feed),
          unit: "ms",
        },
        { label: "iCal feed over HTTP: events/s", value: events / (median(feed) / 1000), unit: "events/s" },
        {
          label: `JSON-LD pages of the same question (${items.length} performances): median`,
          value: median(pages),
          unit: "ms",
        },
        { label: `performancesToIcal alone (${items.length} performances): median`, value: median(write), unit: "ms" },
        { label: `ical-generator alone, ${items.length} bare events: median`, value: median(bare), unit: "ms" },
      );
      ratios.push(
        {
          label: "iCal feed vs the JSON-LD pages it reads (time of the pages ÷ time of the feed)",
          ratio: median(pages) / median(feed),
        },
        {
          label: "performancesToIcal vs ical-generator with bare events (bare ÷ ours)",
          ratio: median(bare) / median(write),
        },
      );
    } finally {
      await server.close();
    }
    // Dumps: Vivant's dumpGraph against Oxigraph's dump of the same graph, gzipped in memory.
    const writer = await GraphWriter.open(data.dir);
    const graphIri = writer.graphs()[0]!.graphIri;
    const file = writer.graphFile(graphIri);
    await writer.close();
    const store = new Store();
    const decoder = new TextDecoder();
    const load = (bytes: Uint8Array): void => store.load(decoder.decode(bytes), { format: "application/n-triples" });
    readGraphFileSync(file, { header: () => undefined, plain: load, bnodes: load });
    const dumps: number[] = [];
    const peer: number[] = [];
    let dumpBytes = 0;
    for (let i = 0; i < runs; i++) {
      // A graph's dumps are made once per version: removed before each run, so that each run writes them.
      rmSync(dumpsDir(data.dir), { recursive: true, force: true });
      dumps.push(
        await timeMs(async () => {
          const m = await dumpGraph(data.dir, graphIri);
          dumpBytes = m?.files.reduce((n, f) => n + f.byteSize, 0) ?? 0;
        }),
      );
      peer.push(await timeMs(() => gzipSync(Buffer.from(store.dump({ format: "application/n-quads" }), "utf8"))));
    }
    rows.push(
      {
        label: `dumpGraph (N-Quads gzip + Turtle, ${data.triples} triples, ${(dumpBytes / 2 ** 20).toFixed(1)} MiB written): median`,
        value: median(dumps),
        unit: "ms",
      },
      { label: "dumpGraph: triples/s", value: data.triples / (median(dumps) / 1000), unit: "triples/s" },
      { label: "Oxigraph N-Quads dump + gzip in memory: median", value: median(peer), unit: "ms" },
    );
    ratios.push({ label: "dumpGraph vs Oxigraph dump + gzip (peer ÷ ours)", ratio: median(peer) / median(dumps) });
    rmSync(data.dir, { recursive: true, force: true });
    return {
      name: "reuse",
      rows,
      ratios,
      notes: [`${runs} runs each, median; the server on loopback with its default 2 query workers`],
    };
  },
};

// `node --import ./src/server/dev/ts-register.mjs bench/reuse.bench.ts [--quick]`: one run, printed.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop()!)) {
  const r = await reuseBench.run({ quick: process.argv.includes("--quick"), log: (l) => console.log(l) });
  for (const row of r.rows) console.log(`${row.label}: ${row.value.toFixed(1)} ${row.unit}`);
  for (const q of r.ratios) console.log(`ratio ${q.label}: ${q.ratio.toFixed(2)}`);
}
