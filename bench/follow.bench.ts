// Replication (`vivant follow`, src/dataspace/follow.ts) on loopback: one node holding a season of N performances,
// a follower copying it whole (Graph Store GET, validated, written), then the node changing a few performances and
// the follower applying them through the change feed. Reported: triples/s of the first copy and of the incremental
// run, bytes per change through the feed against the full copy's bytes (the ratio is the feed's saving).

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { followOnce } from "../src/dataspace/follow.js";
import { TokenTable, VivantServer } from "../src/server/index.js";
import { GraphWriter } from "../src/store/writer.js";
import type { BenchModule, BenchRow } from "./harness.js";
import { timeMs } from "./harness.js";

const G = "https://bench-node.example/graph";
const TOKEN = "bench-follow-publisher-token-0123456789";

/** A season of `n` performances (each its own entity), `renamed` of them with another name. */
function season(n: number, renamed: ReadonlySet<number> = new Set()): string {
  const out = [`@prefix schema: <http://schema.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .`];
  for (let i = 0; i < n; i++) {
    out.push(`<https://bench-node.example/performance/p${i}> a schema:TheaterEvent ; schema:name "${renamed.has(i) ? "Reprise" : "Création"} ${i}"@fr ;
  schema:startDate "2027-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")}T20:00:00+01:00"^^xsd:dateTime ;
  schema:workPerformed <https://bench-node.example/production/w${i % 50}> ; schema:location <https://bench-node.example/venue/v${i % 10}> .`);
  }
  for (let w = 0; w < 50; w++)
    out.push(`<https://bench-node.example/production/w${w}> a schema:CreativeWork ; schema:name "Œuvre ${w}"@fr .`);
  for (let v = 0; v < 10; v++)
    out.push(
      `<https://bench-node.example/venue/v${v}> a schema:Place ; schema:name "Salle ${v}"@fr ; schema:address [ a schema:PostalAddress ; schema:addressLocality "Lyon" ; schema:addressCountry "FR" ] .`,
    );
  return `${out.join("\n")}\n`;
}

async function put(base: string, body: string): Promise<void> {
  const r = await fetch(`${base}graph-store?graph=${encodeURIComponent(G)}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "text/turtle" },
    body,
  });
  if (r.status >= 300) throw new Error(`PUT ${r.status}: ${await r.text()}`);
}

export const followBench: BenchModule = {
  name: "follow",
  async run({ quick, log }) {
    const n = quick ? 1_000 : 5_000;
    const changes = 10;
    const nodeDir = mkdtempSync(join(tmpdir(), "vivant-bench-follow-node-"));
    const followerDir = mkdtempSync(join(tmpdir(), "vivant-bench-follow-"));
    const rows: BenchRow[] = [];
    const tokens = TokenTable.fromEntries([{ token: TOKEN, publisher: "bench-node", graph: G, licence: "cc-by-4.0" }]);
    const node = await VivantServer.start({ port: 0, tokens, dataDir: nodeDir });
    try {
      log(`node: ${n.toLocaleString("en-US")} performances`);
      await put(node.url, season(n));
      const writer = await GraphWriter.open(followerDir);
      try {
        const once = () =>
          followOnce({
            catalogs: [`${node.url}catalog`],
            writer,
            use: "index",
            policy: { allowPrivate: true, timeoutMs: 300_000, maxBytes: 512 * 1024 * 1024, maxRetries: 20 },
          });
        let first: Awaited<ReturnType<typeof once>> = [];
        const firstMs = await timeMs(async () => (first = await once()));
        const copy = first[0]!.datasets[0]!;
        if (copy.status !== "copied") throw new Error(`first copy: ${JSON.stringify(copy)}`);
        rows.push({
          label: `first copy of ${n.toLocaleString("en-US")} performances (${copy.triples} triples: catalog, feed head, Graph Store GET, core profile, write)`,
          value: copy.triples! / (firstMs / 1000),
          unit: "triples/s",
        });
        rows.push({ label: "  same, bytes received", value: first[0]!.bytes, unit: "bytes" });
        log(`node: ${changes} performances renamed`);
        await put(node.url, season(n, new Set(Array.from({ length: changes }, (_, i) => i * 7))));
        let next: Awaited<ReturnType<typeof once>> = [];
        const incMs = await timeMs(async () => (next = await once()));
        const inc = next[0]!.datasets[0]!;
        if (inc.status !== "updated") throw new Error(`incremental: ${JSON.stringify(inc)}`);
        rows.push({
          label: `incremental run, ${inc.activities} changes through the feed (the graph rebuilt from entities, validated, written)`,
          value: inc.triples! / (incMs / 1000),
          unit: "triples/s",
        });
        rows.push({
          label: "  same, changes applied per second",
          value: inc.activities / (incMs / 1000),
          unit: "changes/s",
        });
        rows.push({ label: "  same, bytes received (catalog included)", value: next[0]!.bytes, unit: "bytes" });
        rows.push({
          label: "  bytes per change through the feed (dataset's requests only)",
          value: inc.bytes / inc.activities,
          unit: "bytes",
        });
        let idle: Awaited<ReturnType<typeof once>> = [];
        await timeMs(async () => (idle = await once()));
        rows.push({
          label: "nothing changed: bytes received for the dataset (304 on the feed)",
          value: idle[0]!.datasets[0]!.bytes,
          unit: "bytes",
        });
        return {
          name: "follow",
          rows,
          ratios: [
            {
              label: "full copy bytes ÷ incremental bytes (the feed's saving for 10 changes)",
              ratio: copy.bytes / inc.bytes,
            },
          ],
          notes: [
            "node and follower in one process on loopback; the first copy includes validation with the core profile (as every replace does)",
          ],
        };
      } finally {
        await writer.close();
      }
    } finally {
      await node.close();
      rmSync(nodeDir, { recursive: true, force: true });
      rmSync(followerDir, { recursive: true, force: true });
    }
  },
};
