// Fair scheduling (issue 11): four clients loop cartesian-product counts (far past any time limit) while a fifth
// asks a trivial ASK and /api/performances, 20 times in a row. Each of the fifth client's requests is answered 200
// while the slow queries are still running; slow queries never take the last worker not running one, and those
// over the time limit are stopped for real (their worker ended and replaced). Latencies are logged, not asserted.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { VivantServer } from "../../src/server/index.js";
import { call, demoServer, sparqlGet } from "./helpers.js";

// ~7,600³ solutions to count.
const CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";

let server: VivantServer;
beforeAll(async () => {
  ({ server } = await demoServer({ workers: 2, queryTimeoutMs: 3000 }));
});
afterAll(() => server?.close());

const pct = (xs: number[], p: number): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

describe("fair scheduling", () => {
  it(
    "answers a fifth client's ASK and /api/performances 20 times in a row while 4 clients loop cartesian products",
    { timeout: 180_000 },
    async () => {
      let stop = false;
      let inFlight = 0;
      const slowStatuses: number[] = [];
      const loops = Array.from({ length: 4 }, async () => {
        // Bounded: at most 30 rounds each (each ends within the 3 s limit, queueing included).
        for (let round = 0; round < 30 && !stop; round++) {
          inFlight++;
          const a = await sparqlGet(server.url, CARTESIAN);
          inFlight--;
          slowStatuses.push(a.status);
        }
      });
      // Let the slow clients take the slow lane first.
      while (server.pool.health().workers.every((w) => w.lane !== "slow")) await new Promise((r) => setTimeout(r, 20));
      const ask: number[] = [];
      const api: number[] = [];
      const outcomes: string[] = [];
      for (let i = 0; i < 20; i++) {
        let t = performance.now();
        const a = await sparqlGet(server.url, "ASK {}", "application/sparql-results+json");
        ask.push(performance.now() - t);
        outcomes.push(`ask ${a.status} ${JSON.parse(a.text).boolean} slow-in-flight=${inFlight > 0}`);
        t = performance.now();
        const p = await call(server.url, "api/performances?limit=5");
        api.push(performance.now() - t);
        outcomes.push(
          `api ${p.status} ${(JSON.parse(p.text) as { "@graph"?: unknown[] })["@graph"]?.length} slow-in-flight=${inFlight > 0}`,
        );
      }
      stop = true;
      await Promise.all(loops);
      console.log(
        `ASK {}: max ${Math.max(...ask).toFixed(0)} ms, p50 ${pct(ask, 50).toFixed(0)} ms; /api/performances: max ${Math.max(...api).toFixed(0)} ms, p50 ${pct(api, 50).toFixed(0)} ms`,
      );
      console.log(
        `slow queries: ${slowStatuses.length} answered (${slowStatuses.filter((s) => s === 503).length} × 503 past the limit), workers replaced ${server.pool.stats.respawned}`,
      );
      expect(outcomes).toEqual(
        Array.from({ length: 20 }, () => ["ask 200 true slow-in-flight=true", "api 200 5 slow-in-flight=true"]).flat(),
      );
      // The slow queries were stopped by the time limit (503), never answered, and their workers ended for real.
      expect(new Set(slowStatuses)).toEqual(new Set([503]));
      expect(server.pool.stats.timedOut).toBeGreaterThanOrEqual(4);
      await vi.waitFor(() => expect(server.pool.stats.respawned).toBeGreaterThan(0), { timeout: 30_000, interval: 50 });
    },
  );
});
