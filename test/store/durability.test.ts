// Kills a writer with SIGKILL at random points of repeated replaces, restarts, and checks that every
// graph is exactly one version (old or new, never torn) and that no acknowledged write is lost.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { GraphStore } from "../../src/store/index.js";
import { CRASH_GRAPHS, expectedTriples } from "./crash-child.js";

const CHILD = fileURLToPath(new URL("./crash-child.ts", import.meta.url));
const TS = new URL("../../src/server/dev/ts-register.mjs", import.meta.url).href;
const dir = mkdtempSync(join(tmpdir(), "vivant-crash-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A small seeded generator, so that a failing run can be replayed. */
function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs the child until it has acknowledged `acks` writes, then after `extraMs` kills it; returns the last ack per graph. */
function runAndKill(acks: number, extraMs: number): Promise<Map<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", TS, CHILD, dir], { stdio: ["ignore", "pipe", "pipe"] });
    const acked = new Map<string, number>();
    let count = 0;
    let buffer = "";
    let stderr = "";
    let killing = false;
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.stdout.on("data", (d: Buffer) => {
      buffer += d.toString();
      let nl: number;
      while ((nl = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const m = /^ack (\S+) (\d+)$/.exec(line);
        if (!m) continue;
        acked.set(m[1]!, Number(m[2]));
        if (++count >= acks && !killing) {
          killing = true;
          setTimeout(() => child.kill("SIGKILL"), extraMs);
        }
      }
    });
    child.on("exit", (code, signal) => {
      if (signal === "SIGKILL") resolve(acked);
      else reject(new Error(`child exited with ${code}: ${stderr}`));
    });
  });
}

describe("durability under SIGKILL", () => {
  const seed = Number(process.env.VIVANT_CRASH_SEED ?? Date.now() % 100000);
  it(`keeps every acknowledged write and never a torn graph (seed ${seed})`, async () => {
    const random = mulberry32(seed);
    const lastAcked = new Map<string, number>();
    for (let round = 0; round < 6; round++) {
      const acked = await runAndKill(1 + Math.floor(random() * 25), Math.floor(random() * 15));
      for (const [g, v] of acked) lastAcked.set(g, v);
      expect(existsSync(join(dir, "quarantine"))).toBe(false);
      const store = await GraphStore.open({ dataDir: dir });
      try {
        for (const g of CRASH_GRAPHS) {
          const info = store.graph(g);
          const acked = lastAcked.get(g) ?? 0;
          const version = info?.version ?? 0;
          // The acknowledged version, or the one in flight when the process died: nothing older, nothing else.
          expect(version === acked || version === acked + 1, `${g}: version ${version} after ack ${acked}`).toBe(true);
          lastAcked.set(g, version);
          if (!info) continue;
          const r = await store.select(
            `SELECT ?v (COUNT(*) AS ?n) WHERE { GRAPH <${g}> { ?s <urn:version> ?v } } GROUP BY ?v`,
          );
          // Every triple of the graph belongs to the same version, and all of that version's triples are there.
          expect(r.bindings.map((b) => b.v!.value)).toEqual([String(version)]);
          const total = await store.select(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${g}> { ?s ?p ?o } }`);
          expect(Number(total.bindings[0]!.n!.value)).toBe(expectedTriples(version));
          expect(info.triples).toBe(expectedTriples(version));
        }
      } finally {
        await store.close();
      }
      expect(readdirSync(join(dir, "graphs")).filter((f) => f.startsWith(".tmp-"))).toEqual([]);
    }
    expect([...lastAcked.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(6);
  });
});
