// Queries run off the main thread with a time limit: a query that never ends is stopped (its worker replaced)
// while the other queries keep being answered. No wall-clock assertion: only the order of events.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { VivantServer } from "../../src/server/index.js";
import { call, demoServer, selectRows, sparqlGet } from "./helpers.js";

let server: VivantServer;
beforeAll(async () => {
  ({ server } = await demoServer({ workers: 2, queryTimeoutMs: 4000 }));
});
afterAll(() => server?.close());

// ~7,600³ solutions to count: far beyond any time limit.
const ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";

describe("query time limit", () => {
  it("answers other queries while a slow one runs, then stops the slow one with 503 and replaces its worker", async () => {
    let slowSettled = false;
    const slow = sparqlGet(server.url, ENDLESS).then((a) => {
      slowSettled = true;
      return a;
    });
    const answers: number[] = [];
    for (let i = 0; i < 5; i++) {
      const rows = await selectRows(server.url, "SELECT (COUNT(?e) AS ?n) WHERE { ?e <http://schema.org/workPerformed> ?w }");
      answers.push(Number(rows[0]!.n));
      const health = await call(server.url, "health");
      expect(health.status).toBe(200);
    }
    expect(slowSettled).toBe(false);
    expect(answers).toEqual([165, 165, 165, 165, 165]);
    const s = await slow;
    expect(s.status).toBe(503);
    expect(JSON.parse(s.text)).toMatchObject({ code: "query/timeout" });
    expect(server.pool.stats.timedOut).toBe(1);
    // The replacement loads the data directory and joins the pool.
    await vi.waitFor(() => expect(server.pool.readyWorkers).toBe(2), { timeout: 60_000, interval: 100 });
    expect(server.pool.stats.respawned).toBe(1);
    const again = await Promise.all([1, 2, 3, 4].map(() => selectRows(server.url, "SELECT (COUNT(?e) AS ?n) WHERE { ?e <http://schema.org/workPerformed> ?w }")));
    expect(again.map((r) => Number(r[0]!.n))).toEqual([165, 165, 165, 165]);
  });
});
