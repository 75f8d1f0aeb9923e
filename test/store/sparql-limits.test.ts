// The query limits: every construct that breaks Oxigraph's WebAssembly stack when nested or repeated is refused
// past the limit, and runs without harm at the limit (the margin is real: the store still answers after each).
// The scan is linear and bounded on hostile text; its lookup guess sorts cartesian products out of the fast lane.
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUERY_WORKER_LIMITS } from "../../src/server/pool.js";
import { ATTACKS } from "./attacks.js";
import {
  GraphStore,
  measureQuery,
  checkQueryLimits,
  QueryTooComplexError,
  DEFAULT_QUERY_LIMITS,
} from "../../src/api/store.js";

const within = (q: string): boolean => {
  const s = measureQuery(q);
  return s.depth <= DEFAULT_QUERY_LIMITS.maxDepth && s.tokens <= DEFAULT_QUERY_LIMITS.maxTokens;
};

/** The largest repeat count within the default limits. */
function atLimit(make: (n: number) => string): number {
  let lo = 1;
  let hi = 1;
  while (within(make(hi))) hi *= 2;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (within(make(mid))) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Runs a query on a fresh Oxigraph store in its own worker thread (with the server's worker limits). */
function runIsolated(query: string): Promise<{ error?: string; intact: boolean; ms: number }> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL("./limits-child.mjs", import.meta.url), {
      workerData: { query },
      resourceLimits: QUERY_WORKER_LIMITS,
    });
    w.once("message", (m: { error?: string; intact: boolean; ms: number }) => {
      resolve(m);
      void w.terminate();
    });
    w.once("error", reject);
  });
}

let store: GraphStore;
beforeAll(async () => {
  store = await GraphStore.open();
  await store.replaceGraph("https://x.example/graph", [], { publisherId: "x", licence: "cc0-1.0" });
});
afterAll(() => store?.close());

describe("query limits against Oxigraph", () => {
  for (const [name, make] of Object.entries(ATTACKS)) {
    it(`${name}: runs at the limit without harm, refused one step past it`, { timeout: 60_000 }, async () => {
      const n = atLimit(make);
      expect(n).toBeGreaterThan(1);
      const q = make(n);
      // At the limit, on Oxigraph itself in a worker thread: it answers, and the store still answers after.
      const r = await runIsolated(q);
      expect(r).toMatchObject({ intact: true });
      expect(r.error).toBeUndefined();
      console.log(`${name}: ${n} allowed (${q.length} characters), answered in ${r.ms.toFixed(0)} ms`);
      // One step past: refused before Oxigraph sees it.
      const over = make(n + 1);
      expect(() => checkQueryLimits(over)).toThrow(QueryTooComplexError);
      await expect(store.ask(over)).rejects.toMatchObject({ code: "sparql/too-complex" });
    });
  }

  it("the attacks of issue 11 at their size are refused with a position and a message in English and French", () => {
    for (const [name, n] of [
      ["STR( nested", 300],
      ["{} nested", 700],
      ["OPTIONAL nested", 1000],
      ["sub-SELECT nested", 1000],
      ["parentheses nested", 2000],
      ["path sequence", 5000],
    ] as const) {
      let error: unknown;
      try {
        checkQueryLimits(ATTACKS[name]!(n));
      } catch (e) {
        error = e;
      }
      expect(error, name).toBeInstanceOf(QueryTooComplexError);
      const e = error as QueryTooComplexError;
      expect(e.code).toBe("sparql/too-complex");
      expect(e.text.en).toMatch(/nested too deeply/);
      expect(e.text.fr).toMatch(/trop imbriquée/);
      expect(e.hintText?.fr).toMatch(/aplatissez/);
      expect(e.line).toBe(1);
    }
  });
});

describe("the scan itself", () => {
  it("stops early and stays linear on hostile text (no recursion, no backtracking)", () => {
    const cases = [
      "{".repeat(2_000_000),
      "(".repeat(2_000_000),
      "<a".repeat(1_000_000),
      `"${"a".repeat(3_000_000)}`,
      `'''${"'' ".repeat(500_000)}`,
      "# ".repeat(1_000_000),
      "?a ".repeat(1_000_000),
    ];
    for (const text of cases) {
      const t = performance.now();
      const shape = measureQuery(text);
      expect(shape.tokens).toBeLessThanOrEqual(DEFAULT_QUERY_LIMITS.maxTokens + 1);
      console.log(
        `${JSON.stringify(text.slice(0, 6))}… ${text.length} chars: depth ${shape.depth}, ${shape.tokens} tokens, ${(performance.now() - t).toFixed(1)} ms`,
      );
    }
    expect(() => checkQueryLimits("?a ".repeat(1_000_000))).toThrow(/more than 200000 tokens/);
  });

  it("ignores brackets inside strings, IRIs and comments", () => {
    const base = measureQuery("ASK { ?s ?p ?o }").depth;
    expect(measureQuery(`ASK { ?s ?p "((((({{{{" } # ((((((((\n`).depth).toBe(base);
    expect(measureQuery(`ASK { ?s ?p '''(((\n{{{''' }`).depth).toBe(base);
    expect(measureQuery(`ASK { ?s <http://x/a(b)> ?o }`).depth).toBe(base);
    expect(measureQuery(`ASK { ?s ?p "a\\"((((" }`).depth).toBe(base);
  });

  it("guesses lookups: cartesian products, unbounded paths, sub-queries and SERVICE are not", () => {
    const lookup = (q: string) => measureQuery(q).lookup;
    expect(lookup("ASK {}")).toBe(true);
    expect(lookup("DESCRIBE <http://x/a>")).toBe(true);
    expect(lookup("SELECT ?p ?o WHERE { <http://x/a> ?p ?o }")).toBe(true);
    expect(lookup("SELECT (COUNT(?e) AS ?n) WHERE { ?e <http://schema.org/workPerformed> ?w }")).toBe(true);
    expect(
      lookup(
        "PREFIX s: <http://schema.org/> SELECT * { ?e s:name ?n ; s:startDate ?d . ?e s:location ?l . ?l s:name ?ln FILTER(?d > 1) OPTIONAL { ?e s:url ?u } }",
      ),
    ).toBe(true);
    expect(lookup("SELECT * { VALUES ?x { <http://x/a> <http://x/b> } ?x ?p ?o }")).toBe(true);
    expect(lookup("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")).toBe(false);
    expect(lookup("SELECT * { ?s ?p ?o OPTIONAL { ?x ?q ?r } }")).toBe(false);
    expect(lookup("SELECT * { ?s <http://x/p>* ?o }")).toBe(false);
    expect(lookup("SELECT * { ?s (<http://x/p>/<http://x/q>)+ ?o }")).toBe(false);
    expect(lookup("SELECT * { { SELECT ?s { ?s ?p ?o } } }")).toBe(false);
    expect(lookup("SELECT * { SERVICE <http://x/sparql> { ?s ?p ?o } }")).toBe(false);
  });
});
