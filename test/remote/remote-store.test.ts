// RemoteStore over a real Virtuoso: graphs replaced and deleted, the catalog, the union default graph without the
// store's own system graphs, GRAPH ?g naming publisher graphs, state kept across a reopen, orphans of an
// interrupted write dropped, a reader during a replace sees old or new, refused queries.

import { createServer, type AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import type { Quad } from "@rdfjs/types";
import { Parser } from "n3";
import { request } from "undici";
import { RemoteStore, REMOTE_INTERNALS } from "../../src/store/remote.js";
import { CATALOG_GRAPH } from "../../src/store/catalog.js";
import { GraphStore } from "../../src/store/graph-store.js";
import { requireVirtuoso, useVirtuoso } from "../helpers/virtuoso.js";

const run = requireVirtuoso("test/remote/remote-store.test.ts");
const virtuoso = useVirtuoso();

const G1 = "https://theatre-a.example/graph";
const G2 = "https://theatre-b.example/graph";
const ttl = (text: string): Quad[] =>
  new Parser({ format: "text/turtle" }).parse(`@prefix schema: <http://schema.org/> .\n${text}`);
const A =
  ttl(`<https://theatre-a.example/performance/p1> a schema:TheaterEvent ; schema:name "Phèdre"@fr ; schema:startDate "2026-11-20T20:00:00+01:00"^^<http://www.w3.org/2001/XMLSchema#dateTime> .
<https://theatre-a.example/performance/p2> a schema:DanceEvent ; schema:name "Giselle"@fr ; schema:isAccessibleForFree true .`);
const B = ttl(
  `<https://theatre-b.example/performance/x> a schema:MusicEvent ; schema:name "Concert \\"live\\"\\n"@fr ; schema:offers [ schema:price 12.5 ] .`,
);

/** A store in its own "tenant": each test uses graph IRIs of its own. */
async function open(): Promise<RemoteStore> {
  const v = virtuoso.get();
  return RemoteStore.open({ endpoint: v.endpoint, graphStore: v.graphStore });
}
async function physicalGraphs(): Promise<string[]> {
  const v = virtuoso.get();
  const r = await request(v.endpoint, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/sparql-results+json" },
    body: new URLSearchParams({
      query: `SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "urn:vivant:graph:")) }`,
    }).toString(),
  });
  const j = (await r.body.json()) as { results: { bindings: { g: { value: string } }[] } };
  return j.results.bindings.map((b) => b.g.value).sort();
}
const names = async (s: RemoteStore, graph?: string): Promise<string[]> =>
  (
    await s.select(
      graph
        ? `SELECT ?n WHERE { GRAPH <${graph}> { ?e <http://schema.org/name> ?n } } ORDER BY ?n`
        : `SELECT ?n WHERE { ?e <http://schema.org/name> ?n } ORDER BY ?n`,
    )
  ).bindings.map((b) => b.n!.value);

describe.runIf(run)("RemoteStore on Virtuoso", () => {
  it(
    "keeps one graph per publisher, queries their union, and names them in GRAPH ?g",
    { timeout: 120_000 },
    async () => {
      const s = await open();
      try {
        for (const g of s.graphs()) await s.deleteGraph(g.graphIri);
        await s.replaceGraph(G1, A, { publisherId: "a", licence: "etalab-2.0" });
        await s.replaceGraph(G2, B, { publisherId: "b", licence: "cc-by-4.0" });
        expect(await names(s)).toEqual(['Concert "live"\n', "Giselle", "Phèdre"]);
        expect(await names(s, G2)).toEqual(['Concert "live"\n']);
        expect(s.graphs().map((g) => [g.graphIri, g.triples, g.version])).toEqual([
          [G1, 6, 1],
          [G2, 4, 1],
        ]);
        // GRAPH ?g gives the publisher's graph IRI, never the physical one, and joins with it as a value.
        const byGraph = await s.select(
          `SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g`,
        );
        expect(byGraph.bindings.map((b) => [b.g!.value, b.n!.value])).toEqual(
          [
            [G1, "6"],
            [G2, "4"],
            [CATALOG_GRAPH, expect.any(String)],
          ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
        );
        expect(await s.ask(`ASK { VALUES ?g { <${G2}> } GRAPH ?g { ?s <http://schema.org/offers> ?o } }`)).toBe(true);
        // The union default graph is Vivant's graphs only: none of Virtuoso's own system graphs.
        expect(await s.ask(`ASK { ?s a <http://www.openlinksw.com/schemas/virtrdf#QuadMapFormat> }`)).toBe(false);
        expect(await s.ask(`ASK { GRAPH <http://www.openlinksw.com/schemas/virtrdf#> { ?s ?p ?o } }`)).toBe(false);
        // Booleans come back as RDF 1.1 writes them (Virtuoso says "1").
        const free = await s.select(`SELECT ?v WHERE { ?e <http://schema.org/isAccessibleForFree> ?v }`);
        expect(free.bindings.map((b) => b.v!.value)).toEqual(["true"]);
        // The catalog describes both graphs.
        expect(await s.ask(`ASK { GRAPH <${CATALOG_GRAPH}> { <${G1}> <http://rdfs.org/ns/void#triples> 6 } }`)).toBe(
          true,
        );
        // Replaced whole: version 2, one physical graph per publisher left.
        await s.replaceGraph(G1, ttl(`<https://theatre-a.example/performance/p3> schema:name "Bérénice"@fr .`), {
          publisherId: "a",
          licence: "etalab-2.0",
        });
        expect(await names(s, G1)).toEqual(["Bérénice"]);
        expect(s.graph(G1)!.version).toBe(2);
        expect((await physicalGraphs()).length).toBe(2);
        expect(await s.deleteGraph(G2)).toBe(true);
        expect(await s.deleteGraph(G2)).toBe(false);
        expect(await names(s)).toEqual(["Bérénice"]);
        expect((await physicalGraphs()).length).toBe(1);
      } finally {
        await s.close();
      }
    },
  );

  it(
    "reopens with the same graphs, and drops the physical graphs of an interrupted write",
    { timeout: 120_000 },
    async () => {
      const s = await open();
      for (const g of s.graphs()) await s.deleteGraph(g.graphIri);
      await s.replaceGraph(G1, A, { publisherId: "a", licence: "etalab-2.0" });
      await s.close();
      // A write that loaded its graph and never switched the pointer (the process died).
      const v = virtuoso.get();
      const orphan = `${REMOTE_INTERNALS.PHYSICAL_PREFIX}interrupted`;
      await request(`${v.graphStore}?graph=${encodeURIComponent(orphan)}`, {
        method: "POST",
        headers: { "content-type": "application/n-triples" },
        body: `<https://theatre-a.example/x> <http://schema.org/name> "half" .\n`,
      });
      expect(await physicalGraphs()).toContain(orphan);
      const warnings: string[] = [];
      const again = await RemoteStore.open({
        endpoint: v.endpoint,
        graphStore: v.graphStore,
        onWarning: (w) => warnings.push(w),
      });
      try {
        expect(again.graphs().map((g) => [g.graphIri, g.triples])).toEqual([[G1, 6]]);
        expect(await names(again)).toEqual(["Giselle", "Phèdre"]);
        expect(await physicalGraphs()).not.toContain(orphan);
        expect(warnings.join("\n")).toMatch(/graphs of interrupted writes dropped from the store: 1/);
      } finally {
        await again.close();
      }
    },
  );

  it("a reader during replaces sees the old graph or the new one, never a mix", { timeout: 120_000 }, async () => {
    const s = await open();
    try {
      for (const g of s.graphs()) await s.deleteGraph(g.graphIri);
      const version = (k: number): Quad[] =>
        ttl(
          Array.from(
            { length: 300 },
            (_, i) => `<https://theatre-a.example/performance/q${i}> schema:name "v${k}" .`,
          ).join("\n"),
        );
      await s.replaceGraph(G1, version(0), { publisherId: "a", licence: "etalab-2.0" });
      const seen = new Set<string>();
      let writing = true;
      const readers = (async () => {
        for (let i = 0; i < 200 && writing; i++) {
          const r = await s.select(
            `SELECT ?n (COUNT(*) AS ?c) WHERE { GRAPH <${G1}> { ?e <http://schema.org/name> ?n } } GROUP BY ?n`,
          );
          seen.add(
            r.bindings
              .map((b) => `${b.n!.value}:${b.c!.value}`)
              .sort()
              .join(","),
          );
        }
      })();
      for (let k = 1; k <= 4; k++) await s.replaceGraph(G1, version(k), { publisherId: "a", licence: "etalab-2.0" });
      writing = false;
      await readers;
      for (const x of seen) expect(x).toMatch(/^v[0-4]:300$/);
      expect(await names(s, G1).then((l) => new Set(l))).toEqual(new Set(["v4"]));
    } finally {
      await s.close();
    }
  });

  it(
    "refuses updates, SERVICE and Virtuoso's own functions, and reports syntax errors",
    { timeout: 60_000 },
    async () => {
      const s = await open();
      try {
        await expect(s.select(`INSERT DATA { <a:b> <a:c> <a:d> }`)).rejects.toMatchObject({
          code: "sparql/update-refused",
        });
        await expect(
          s.select(`SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }`),
        ).rejects.toMatchObject({ code: "sparql/service-refused" });
        await expect(s.select(`SELECT (<bif:sprintf>("%s", "x") AS ?x) WHERE {}`)).rejects.toMatchObject({
          code: "sparql/function-refused",
        });
        await expect(s.select(`SELEC ?x`)).rejects.toMatchObject({ code: "sparql/syntax" });
        await expect(s.select(`DEFINE input:grab-all "yes" SELECT * WHERE { ?s ?p ?o }`)).rejects.toMatchObject({
          code: "sparql/syntax",
        });
      } finally {
        await s.close();
      }
    },
  );

  it(
    "opens a store that has never held Vivant's data: its first state is adopted, nothing is taken for an orphan",
    { timeout: 120_000 },
    async () => {
      const v = virtuoso.get();
      const sparql = async (query: string): Promise<{ results: { bindings: Record<string, { value: string }>[] } }> => {
        const r = await request(v.endpoint, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/sparql-results+json" },
          body: new URLSearchParams({ query }).toString(),
        });
        return (await r.body.json()) as { results: { bindings: Record<string, { value: string }>[] } };
      };
      const vivantGraphs = async (): Promise<string[]> =>
        (
          await sparql(`SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "urn:vivant:")) }`)
        ).results.bindings
          .map((b) => b.g!.value)
          .sort();
      const stateSeqs = async (): Promise<string[]> =>
        (
          await sparql(
            `SELECT ?seq FROM <${REMOTE_INTERNALS.STATE_GRAPH}> WHERE { ?s <https://vivant.dev/ns/state#seq> ?seq } ORDER BY ?seq`,
          )
        ).results.bindings.map((b) => b.seq!.value);
      // Every graph Vivant wrote (state, catalogs, publisher graphs) removed: the store as a new user brings it.
      for (const g of await vivantGraphs())
        await request(`${v.graphStore}?graph=${encodeURIComponent(g)}`, { method: "DELETE" });
      expect(await vivantGraphs()).toEqual([]);

      const warnings: string[] = [];
      const s = await RemoteStore.open({
        endpoint: v.endpoint,
        graphStore: v.graphStore,
        onWarning: (w) => warnings.push(w),
      });
      try {
        expect(warnings).toEqual([]);
        expect(s.graphs()).toEqual([]);
        expect(await stateSeqs()).toEqual(["1"]);
        // The first state's catalog graph is kept (it was dropped as an orphan) and is the one the catalog reads.
        const catalogs = (await vivantGraphs()).filter((g) => g.startsWith(REMOTE_INTERNALS.CATALOG_PREFIX));
        expect(catalogs).toHaveLength(1);
        expect(await s.ask(`ASK { GRAPH <${CATALOG_GRAPH}> { ?s ?p ?o } }`)).toBe(true);
        await s.replaceGraph(G1, A, { publisherId: "a", licence: "etalab-2.0" });
        // The write is the next state, not a second record of the first one's number.
        expect(await stateSeqs()).toEqual(["2"]);
      } finally {
        await s.close();
      }
      const again = await RemoteStore.open({
        endpoint: v.endpoint,
        graphStore: v.graphStore,
        onWarning: (w) => warnings.push(w),
      });
      try {
        expect(warnings).toEqual([]);
        expect(again.graphs().map((g) => [g.graphIri, g.triples])).toEqual([[G1, 6]]);
        expect(await names(again)).toEqual(["Giselle", "Phèdre"]);
      } finally {
        await again.close();
      }
    },
  );

  it("refuses a query of the wrong form as the embedded store does, naming the method that answers it", async () => {
    const remote = await open();
    const embedded = await GraphStore.open();
    try {
      for (const [call, query, hint] of [
        ["select", "ASK { ?s ?p ?o }", "use ask()"],
        ["ask", "SELECT * WHERE { ?s ?p ?o }", "use select()"],
        ["construct", "SELECT * WHERE { ?s ?p ?o }", "use select()"],
      ] as const) {
        const refusal = async (s: RemoteStore | GraphStore) => {
          try {
            await s[call](query);
          } catch (e) {
            const err = e as { code: string; message: string; hintText: { en: string } };
            return { code: err.code, message: err.message, hint: err.hintText.en };
          }
          return undefined;
        };
        const [r, e] = [await refusal(remote), await refusal(embedded)];
        expect(r, `${call}(${query})`).toEqual(e);
        expect(r).toMatchObject({ code: "sparql/wrong-form", hint: hint });
      }
    } finally {
      await remote.close();
      await embedded.close();
    }
  });

  it("says clearly when the store cannot be reached", async () => {
    // A loopback port just closed (47099 was once used here, but it is in the range the tests' own Virtuoso uses).
    const closed = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, "127.0.0.1", () => {
        const port = (s.address() as AddressInfo).port;
        s.close(() => resolve(port));
      });
    });
    await expect(RemoteStore.open({ endpoint: `http://127.0.0.1:${closed}/sparql` })).rejects.toMatchObject({
      code: "store/unavailable",
      status: 503,
    });
  });
});
