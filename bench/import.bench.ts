// Import and harvest throughput: the Scènes francophones dump (records/s), the festivals CSV (rows/s)
// and harvesting the demo season's pages from a loopback server (pages/s).

import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { harvest } from "../src/harvest/harvest.js";
import { importArtsdata } from "../src/import/artsdata.js";
import { importFestivals } from "../src/import/festivals.js";
import { embedScript, parseRecords, toEmbeds } from "../src/mapping/index.js";
import { schemaVocabulary } from "../src/harvest/vocabulary.js";
import { timeMs, type BenchModule, type BenchRow } from "./harness.js";

// Compiled to dist/bench/: the repository root is two folders up.
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CORPORA = `${ROOT}../shared/corpora/`;

export const importBench: BenchModule = {
  name: "import",
  async run({ quick, log }) {
    const rows: BenchRow[] = [];
    const notes: string[] = [];
    schemaVocabulary();

    const sf = `${CORPORA}artsdata-planet-scenesfrancophones/output/`;
    if (existsSync(sf)) {
      const inputs = ["events", "places", "presenters", "artists"].map((f) => JSON.parse(readFileSync(`${sf}${f}.jsonld`, "utf8")) as unknown[]);
      const used = quick ? inputs.map((d) => d.slice(0, 200)) : inputs;
      let records = 0;
      let docs = 0;
      // The fidelity ledger on (the default) and off, alternated, best of a few rounds each: its cost is the difference.
      const best = { on: Infinity, off: Infinity };
      for (let round = 0; round < (quick ? 1 : 3); round++) {
        for (const ledger of [true, false] as const) {
          const ms = await timeMs(async () => {
            const r = await importArtsdata(used, { publisher: { id: "scenes-francophones" }, defaultLanguage: "fr", ledger });
            docs = r.read;
            records = ["venues", "organizations", "people", "productions", "performances"].reduce((t, c) => t + ((r.document as unknown as Record<string, unknown[]>)[c]?.length ?? 0), 0);
          });
          best[ledger ? "on" : "off"] = Math.min(best[ledger ? "on" : "off"], ms);
        }
      }
      log(`Scènes francophones: ${docs} documents → ${records} records in ${best.on.toFixed(0)} ms with the ledger, ${best.off.toFixed(0)} ms without`);
      rows.push({ label: "import Scènes francophones dump (artsdata)", value: (records / best.on) * 1000, unit: "records/s" });
      rows.push({ label: "import Scènes francophones dump (artsdata), ledger off", value: (records / best.off) * 1000, unit: "records/s" });
      rows.push({ label: "import Scènes francophones dump (artsdata), documents", value: (docs / best.on) * 1000, unit: "documents/s" });
      rows.push({ label: "fidelity ledger cost (artsdata import time, on vs off)", value: ((best.on - best.off) / best.off) * 100, unit: "%" });
    } else notes.push("../shared/corpora absent: Scènes francophones import not measured");

    const fest = `${CORPORA}fr-festivals-culture-gouv/festivals-global-festivals-_-pl.csv`;
    if (existsSync(fest)) {
      const text = readFileSync(fest, "utf8");
      let n = 0;
      const best = { on: Infinity, off: Infinity };
      for (let round = 0; round < (quick ? 1 : 3); round++) {
        for (const ledger of [true, false] as const) {
          const ms = await timeMs(() => {
            n = importFestivals(text, { ledger }).read;
          });
          best[ledger ? "on" : "off"] = Math.min(best[ledger ? "on" : "off"], ms);
        }
      }
      log(`festivals CSV: ${n} rows in ${best.on.toFixed(0)} ms with the ledger, ${best.off.toFixed(0)} ms without`);
      rows.push({ label: "import festivals CSV", value: (n / best.on) * 1000, unit: "rows/s" });
      rows.push({ label: "import festivals CSV, ledger off", value: (n / best.off) * 1000, unit: "rows/s" });
      rows.push({ label: "fidelity ledger cost (festivals import time, on vs off)", value: ((best.on - best.off) / best.off) * 100, unit: "%" });
    } else notes.push("../shared/corpora absent: festivals CSV import not measured");

    // Harvest: the demo season's embed pages served from 127.0.0.1, no delay between requests.
    const demo = JSON.parse(readFileSync(`${ROOT}fixtures/demo-season.json`, "utf8"));
    const embeds = toEmbeds(parseRecords(demo).document!);
    const pages = new Map<string, string>();
    for (const [id, e] of embeds) pages.set(`/p/${id}.html`, `<!doctype html><html><head>${embedScript(e)}</head><body></body></html>`);
    const server = createServer((req, res) => {
      const body = req.url === "/robots.txt" ? "User-agent: *\nAllow: /\n" : pages.get(req.url ?? "");
      if (body === undefined) res.writeHead(404).end();
      else res.writeHead(200, { "content-type": req.url === "/robots.txt" ? "text/plain" : "text/html" }).end(body);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const urls = [...pages.keys()].map((p) => `${origin}${p}`);
    const rounds = quick ? 1 : 3;
    let best = Infinity;
    for (let i = 0; i < rounds; i++) {
      const ms = await timeMs(() => harvest(urls, { policy: { perHostDelayMs: 0, perHostConcurrency: 8, allowPrivate: true }, concurrency: 8 }));
      best = Math.min(best, ms);
    }
    server.close();
    log(`harvest: ${urls.length} demo pages on loopback, best of ${rounds}: ${best.toFixed(0)} ms`);
    rows.push({ label: `harvest ${urls.length} demo-season pages on loopback (8 in flight, no delay)`, value: (urls.length / best) * 1000, unit: "pages/s" });
    notes.push("harvest throughput is CPU-bound (JSON-LD expansion with the schema.org context); a real harvest is bounded by the per-host delay (1 s by default)");
    return { name: "import", rows, ratios: [], notes };
  },
};
