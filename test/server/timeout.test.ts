// Queries run off the main thread with a time limit: a query that never ends is stopped (its worker replaced)
// while the other queries keep being answered. No wall-clock assertion and no hidden one: the first server's
// limit is far beyond the test's life (the endless query cannot settle while the others are asked), the
// second's is short (the endless query is stopped whatever the machine's speed).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { VivantServer } from "../../src/server/index.js";
import { call, DEMO_TEXT, demoServer, selectRows, sparqlGet } from "./helpers.js";

// ~7,600³ solutions to count: far beyond any time limit.
const ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
const PERFORMANCES = "SELECT (COUNT(?e) AS ?n) WHERE { ?e <http://schema.org/workPerformed> ?w }";
// Every performance of the demo season performs a work: the count the endpoint must give.
const DEMO_PERFORMANCES = (JSON.parse(DEMO_TEXT) as { performances: unknown[] }).performances.length;

const count = async (url: string): Promise<number> => Number((await selectRows(url, PERFORMANCES))[0]!.n);

describe("a query that never ends", () => {
  let server: VivantServer;
  beforeAll(async () => {
    ({ server } = await demoServer({ workers: 2, queryTimeoutMs: 3_600_000 }));
  });
  afterAll(() => server?.close());

  it("does not stop the other queries: they are answered while it runs", async () => {
    expect(DEMO_PERFORMANCES).toBeGreaterThan(100);
    let slowSettled = false;
    void sparqlGet(server.url, ENDLESS).then(
      () => (slowSettled = true),
      () => (slowSettled = true),
    );
    // It is running (a worker took it) before the others are asked.
    await vi.waitFor(() => expect(server.pool.health().workers.filter((w) => w.state === "busy")).toHaveLength(1), {
      timeout: 60_000,
      interval: 20,
    });
    const answers: number[] = [];
    for (let i = 0; i < 5; i++) {
      answers.push(await count(server.url));
      expect((await call(server.url, "health")).status).toBe(200);
    }
    expect(answers).toEqual(Array(5).fill(DEMO_PERFORMANCES));
    expect(slowSettled).toBe(false);
    expect(server.pool.stats.timedOut).toBe(0);
  });
});

describe("query time limit", () => {
  let server: VivantServer;
  beforeAll(async () => {
    ({ server } = await demoServer({ workers: 2, queryTimeoutMs: 5000 }));
  });
  afterAll(() => server?.close());

  it("stops a query past the limit with 503 query/timeout, replaces its worker, and answers again", async () => {
    const s = await sparqlGet(server.url, ENDLESS);
    expect(s.status).toBe(503);
    expect(JSON.parse(s.text)).toMatchObject({ code: "query/timeout" });
    expect(server.pool.stats.timedOut).toBe(1);
    // The replacement loads the data directory and joins the pool.
    await vi.waitFor(() => expect(server.pool.readyWorkers).toBe(2), { timeout: 60_000, interval: 100 });
    expect(server.pool.stats.respawned).toBe(1);
    const again = await Promise.all([1, 2, 3, 4].map(() => count(server.url)));
    expect(again).toEqual([DEMO_PERFORMANCES, DEMO_PERFORMANCES, DEMO_PERFORMANCES, DEMO_PERFORMANCES]);
  });
});
