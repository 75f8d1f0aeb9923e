// Federated search (src/dataspace/federation.ts) on loopback: five Vivant nodes, each with a season of N
// performances, and a hub node that searches them live (`/api/federation/performances`). Reported: p50 and p99 of a
// single node's direct answer (`/api/performances`), of the federated answer over the five nodes, over five nodes
// of which one is slow (a proxy adds a delay within the time limit), and over five of which one answers past the
// time limit (the answer is then partial, at the limit); each side by side with the single node's answer (ratio).

import type { Server } from "node:http";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { TokenTable, VivantServer } from "../src/server/index.js";
import type { BenchModule, BenchRow } from "./harness.js";
import { timeMs } from "./harness.js";

const NODES = 5;
const SLOW_MS = 200;
const PAST_LIMIT_MS = 2000;
const LIMIT_MS = 500;

/** A season of `n` performances of `host`, over a year, in three cities. */
function season(host: string, n: number): string {
  const out = [`@prefix schema: <http://schema.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .`];
  for (let i = 0; i < n; i++) {
    out.push(`<https://${host}/performance/p${i}> a schema:TheaterEvent ; schema:name "Pièce ${i}"@fr ;
  schema:startDate "2027-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")}T20:00:00+01:00"^^xsd:dateTime ;
  schema:workPerformed <https://${host}/production/w${i % 20}> ; schema:location <https://${host}/venue/v${i % 3}> .`);
  }
  for (let w = 0; w < 20; w++)
    out.push(`<https://${host}/production/w${w}> a schema:CreativeWork ; schema:name "Œuvre ${w}"@fr .`);
  ["Lyon", "Nantes", "Lille"].forEach((city, v) =>
    out.push(
      `<https://${host}/venue/v${v}> a schema:Place ; schema:name "Salle ${v}"@fr ; schema:address [ a schema:PostalAddress ; schema:addressLocality "${city}" ; schema:addressCountry "FR" ] .`,
    ),
  );
  return `${out.join("\n")}\n`;
}

/** A proxy in front of `base` that holds each answer `delayMs` first. */
async function delayed(base: string, delayMs: number): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    setTimeout(() => {
      void fetch(new URL(req.url!.slice(1), base), { headers: { accept: req.headers.accept ?? "*/*" } }).then(
        async (r) =>
          res.writeHead(r.status, { "content-type": r.headers.get("content-type") ?? "" }).end(await r.text()),
        () => res.destroy(),
      );
    }, delayMs).unref();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

function percentile(samples: readonly number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
}

/** The questions asked in turn: a month and a city each, so that no answer is the previous one. */
const QUESTIONS = Array.from(
  { length: 12 },
  (_, m) => `from=2027-${String(m + 1).padStart(2, "0")}-01&city=${["Lyon", "Nantes", "Lille"][m % 3]}&limit=20`,
);

async function latencies(
  url: (q: string) => string,
  runs: number,
  check: (json: Record<string, unknown>) => void,
): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    let json: Record<string, unknown> = {};
    out.push(
      await timeMs(async () => {
        const r = await fetch(url(QUESTIONS[i % QUESTIONS.length]!));
        json = (await r.json()) as Record<string, unknown>;
        if (r.status !== 200) throw new Error(`HTTP ${r.status}: ${JSON.stringify(json)}`);
      }),
    );
    check(json);
  }
  return out;
}

export const federationBench: BenchModule = {
  name: "federation",
  async run({ quick, log }) {
    const n = quick ? 300 : 2_000;
    const runs = quick ? 40 : 200;
    const nodes: VivantServer[] = [];
    const proxies: Server[] = [];
    const hubs: VivantServer[] = [];
    try {
      for (let k = 0; k < NODES; k++) {
        const host = `node${k}.example`;
        const graph = `https://${host}/graph`;
        const token = `bench-federation-token-${k}-0123456789`;
        const node = await VivantServer.start({
          port: 0,
          workers: 1,
          tokens: TokenTable.fromEntries([{ token, publisher: `node${k}`, graph, licence: "cc-by-4.0" }]),
        });
        nodes.push(node);
        const r = await fetch(`${node.url}graph-store?graph=${encodeURIComponent(graph)}`, {
          method: "PUT",
          headers: { authorization: `Bearer ${token}`, "content-type": "text/turtle" },
          body: season(host, n),
        });
        if (r.status >= 300) throw new Error(`PUT ${r.status}: ${await r.text()}`);
      }
      log(`${NODES} nodes of ${n.toLocaleString("en-US")} performances each; ${runs} questions per row`);
      const slow = await delayed(nodes[NODES - 1]!.url, SLOW_MS);
      const past = await delayed(nodes[NODES - 1]!.url, PAST_LIMIT_MS);
      proxies.push(slow.server, past.server);
      const fast = nodes.map((x) => x.url);
      const hub = async (urls: string[]) => {
        const h = await VivantServer.start({
          port: 0,
          workers: 1,
          federation: { nodes: urls, timeoutMs: LIMIT_MS, allowPrivate: true },
        });
        hubs.push(h);
        return h.url;
      };
      const all = await hub(fast);
      const withSlow = await hub([...fast.slice(0, -1), slow.url]);
      const withPast = await hub([...fast.slice(0, -1), past.url]);
      const complete = (j: Record<string, unknown>) => {
        if ((j.federation as { partial: boolean }).partial) throw new Error(`partial: ${JSON.stringify(j.federation)}`);
      };
      let partial = 0;
      const single = await latencies(
        (q) => `${fast[0]}api/performances?${q}`,
        runs,
        () => undefined,
      );
      const five = await latencies((q) => `${all}api/federation/performances?${q}`, runs, complete);
      const fiveSlow = await latencies((q) => `${withSlow}api/federation/performances?${q}`, runs, complete);
      const fivePast = await latencies(
        (q) => `${withPast}api/federation/performances?${q}`,
        runs,
        (j) => void (partial += (j.federation as { partial: boolean }).partial ? 1 : 0),
      );
      const rows: BenchRow[] = [];
      const add = (label: string, samples: number[]) => {
        rows.push({ label: `${label}: p50`, value: percentile(samples, 0.5), unit: "ms" });
        rows.push({ label: `${label}: p99`, value: percentile(samples, 0.99), unit: "ms" });
      };
      add("one node's direct answer (/api/performances, 20 a page)", single);
      add(`federated over ${NODES} nodes (the hub's own empty part + ${NODES})`, five);
      add(`federated over ${NODES} nodes, one slow (+${SLOW_MS} ms)`, fiveSlow);
      add(`federated over ${NODES} nodes, one past the ${LIMIT_MS} ms limit (partial)`, fivePast);
      rows.push({ label: `  answers said partial, of ${runs}`, value: partial, unit: "answers" });
      const p50 = percentile(single, 0.5);
      return {
        name: "federation",
        rows,
        ratios: [
          { label: `federated (${NODES} nodes) p50 ÷ one node's p50`, ratio: percentile(five, 0.5) / p50 },
          {
            label: `federated (${NODES} nodes, one slow +${SLOW_MS} ms) p50 ÷ one node's p50`,
            ratio: percentile(fiveSlow, 0.5) / p50,
          },
          { label: `federated (one past the limit) p50 ÷ one node's p50`, ratio: percentile(fivePast, 0.5) / p50 },
        ],
        notes: [
          `every node, proxy and hub in one process on loopback, 1 query worker each; the hub's limit per node ${LIMIT_MS} ms`,
        ],
      };
    } finally {
      for (const h of hubs) await h.close();
      for (const p of proxies) {
        p.closeAllConnections();
        await new Promise((r) => p.close(r));
      }
      for (const x of nodes) await x.close();
    }
  },
};
