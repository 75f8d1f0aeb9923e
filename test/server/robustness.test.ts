// Queries that cannot break a worker (issue 11): the deep-nesting attacks get 400 sparql/too-complex before any
// worker sees them, and the server keeps answering, writes included. A query that does break a worker's store
// (limits lifted on purpose) gets 500; the worker is replaced from the data directory, /health says so meanwhile,
// and the requests sent at the same time are answered by a healthy worker.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { VivantServer } from "../../src/server/index.js";
import { ATTACKS } from "../store/attacks.js";
import { call, DEMO_GRAPH, demoServer, sparqlGet } from "./helpers.js";

const ISSUE_ATTACKS: readonly [string, number][] = [
  ["STR( nested", 300],
  ["{} nested", 700],
  ["OPTIONAL nested", 1000],
  ["sub-SELECT nested", 1000],
  ["parentheses nested", 2000],
  ["path sequence", 5000],
];
const TRIPLE = (n: number): string =>
  `<https://data.reseau-scenes.example/extra/${n}> <http://schema.org/name> "extra ${n}" .`;

async function put(base: string, token: string, nt: string) {
  return call(base, `graph-store?graph=${encodeURIComponent(DEMO_GRAPH)}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/n-triples" },
    body: nt,
  });
}
const askTrue = async (base: string, q = "ASK {}") => {
  const a = await sparqlGet(base, q, "application/sparql-results+json");
  return a.status === 200 && (JSON.parse(a.text) as { boolean: boolean }).boolean;
};

describe("deep-nesting queries are refused and the server keeps answering", () => {
  let server: VivantServer;
  let token: string;
  beforeAll(async () => {
    ({ server, token } = await demoServer({ workers: 2 }));
  });
  afterAll(() => server?.close());

  it("answers each attack 400 sparql/too-complex (English, or French on Accept-Language: fr), then ASK {} and a write still work", async () => {
    for (const [name, n] of ISSUE_ATTACKS) {
      const q = ATTACKS[name]!(n);
      for (const lang of ["en", "fr"]) {
        const a = await call(server.url, "sparql", {
          method: "POST",
          headers: { "content-type": "application/sparql-query", "accept-language": lang },
          body: q,
        });
        expect(a.status, name).toBe(400);
        const p = JSON.parse(a.text) as { code: string; detail: string; hint: string };
        expect(p.code).toBe("sparql/too-complex");
        expect(p.detail).toMatch(lang === "fr" ? /trop imbriquée/ : /nested too deeply/);
        expect(p.hint).toMatch(lang === "fr" ? /aplatissez/ : /flatten/);
      }
      expect(await askTrue(server.url), `ASK {} after ${name}`).toBe(true);
    }
    // Every other attack of the calibration list, at ten times its allowed size.
    for (const make of Object.values(ATTACKS)) {
      const a = await call(server.url, "sparql", {
        method: "POST",
        headers: { "content-type": "application/sparql-query" },
        body: make(2000),
      });
      expect(a.status).toBe(400);
      expect(JSON.parse(a.text)).toMatchObject({ code: "sparql/too-complex" });
    }
    expect(await askTrue(server.url)).toBe(true);
    // A write after the attacks is acknowledged and visible on every worker (several reads: both workers answer).
    expect((await put(server.url, token, TRIPLE(1))).status).toBe(204);
    for (let i = 0; i < 6; i++) expect(await askTrue(server.url, `ASK { ${TRIPLE(1).slice(0, -2)} }`)).toBe(true);
    for (const path of ["api/performances?limit=1", "catalog", `graph-store?graph=${encodeURIComponent(DEMO_GRAPH)}`])
      expect((await call(server.url, path)).status, path).toBe(200);
    const health = await call(server.url, "health");
    expect(health.status).toBe(200);
    expect(JSON.parse(health.text)).toMatchObject({ status: "ok", queries: { failed: 0 } });
    expect(server.pool.stats.tooComplex).toBeGreaterThanOrEqual(ISSUE_ATTACKS.length * 2);
  });
});

describe("a worker whose store breaks is replaced", () => {
  let server: VivantServer;
  let token: string;
  beforeAll(async () => {
    // Limits lifted on purpose, so that the attack reaches Oxigraph and traps it.
    ({ server, token } = await demoServer({ workers: 2, queryLimits: { maxDepth: 1e9, maxTokens: 1e9 } }));
  });
  afterAll(() => server?.close());

  it("gives the killing request 500, the others 200 from a healthy worker; /health is 503 until the replacement is ready", async () => {
    const trap = ATTACKS["STR( nested"]!(300);
    const others = Array.from({ length: 8 }, () => askTrue(server.url));
    const killer = sparqlGet(server.url, trap);
    const api = call(server.url, "api/performances?limit=2");
    const k = await killer;
    expect(k.status).toBe(500);
    expect(JSON.parse(k.text)).toMatchObject({ code: "query/worker-failed", status: 500 });
    const during = await call(server.url, "health");
    expect(during.status).toBe(503);
    const h = JSON.parse(during.text) as {
      status: string;
      lastFailure: { reason: string };
      workers: { state: string }[];
    };
    expect(h.status).toBe("replacing");
    expect(h.lastFailure.reason).toMatch(/memory access out of bounds/);
    expect(await Promise.all(others)).toEqual(Array(8).fill(true));
    expect((await api).status).toBe(200);
    await vi.waitFor(async () => expect((await call(server.url, "health")).status).toBe(200), {
      timeout: 60_000,
      interval: 200,
    });
    const after = JSON.parse((await call(server.url, "health")).text) as {
      status: string;
      workers: unknown[];
      lastFailure: object;
      quarantined: unknown[];
    };
    expect(after).toMatchObject({ status: "ok", quarantined: [], queries: { failed: 1, respawned: 1 } });
    expect(after.workers).toHaveLength(2);
    // The replacement answers, and sees a write made after it started.
    expect((await put(server.url, token, TRIPLE(2))).status).toBe(204);
    for (let i = 0; i < 6; i++) expect(await askTrue(server.url, `ASK { ${TRIPLE(2).slice(0, -2)} }`)).toBe(true);
  });

  it("replaces the worker again and again: five traps in a row, each 500, and the server still answers", async () => {
    for (let i = 0; i < 5; i++) {
      await vi.waitFor(async () => expect((await call(server.url, "health")).status).toBe(200), {
        timeout: 60_000,
        interval: 200,
      });
      const k = await sparqlGet(server.url, ATTACKS["NOT EXISTS nested"]!(300));
      expect(k.status).toBe(500);
      expect(await askTrue(server.url)).toBe(true);
    }
    await vi.waitFor(async () => expect((await call(server.url, "health")).status).toBe(200), {
      timeout: 60_000,
      interval: 200,
    });
    expect(server.pool.readyWorkers).toBe(2);
  });
});
