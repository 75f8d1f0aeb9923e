// `vivant serve --store URL` over a real Virtuoso: the Graph Store's auth and validation at Vivant's layer, merges,
// deletes, the catalog, the typed API and the pages, the same as on the embedded store; the remote store stays
// behind Vivant (its own SPARQL Update and system graphs are never reachable through Vivant).

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Parser } from "n3";
import { TokenTable, type VivantServer } from "../../src/server/index.js";
import { CATALOG_GRAPH } from "../../src/store/index.js";
import { call, DEMO_GRAPH, DEMO_TEXT, demoServer, selectRows } from "../server/helpers.js";
import { requireVirtuoso, useVirtuoso } from "../helpers/virtuoso.js";
import { CORE_VALID_TURTLE } from "../helpers/turtle.js";

const run = requireVirtuoso("test/remote/server-remote.test.ts");
const virtuoso = useVirtuoso();

const OTHER = "https://theatre-x.example/graph";
const VALID = CORE_VALID_TURTLE;
const SECOND = `@prefix schema: <http://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://theatre-x.example/performance/p3> a schema:TheaterEvent ;
  schema:name "Andromaque"@fr ;
  schema:startDate "2026-12-05T20:00:00+01:00"^^xsd:dateTime ;
  schema:workPerformed <https://theatre-x.example/production/berenice> ;
  schema:location <https://theatre-x.example/venue/main> .`;
const INVALID = `@prefix schema: <http://schema.org/> .
<https://theatre-x.example/performance/p2> a schema:TheaterEvent ; schema:name "Sans date"@fr ;
  schema:startDate "2026-13-45" .`;

let remote: VivantServer;
let embedded: VivantServer;
let token: string;
let otherToken: string;
beforeAll(async () => {
  if (!run) return;
  const tokens = new TokenTable();
  otherToken = tokens.issue({ publisherId: "theatre-x", graphIri: OTHER, licence: "cc-by-4.0" });
  ({ server: remote, token } = await demoServer({ tokens, store: virtuoso.get().endpoint }));
  ({ server: embedded } = await demoServer({ workers: 1 }));
}, 180_000);
afterAll(async () => {
  await remote?.close();
  await embedded?.close();
});

/** Values of a multi-valued property come in no defined order on either backend: compared as sets. */
const canon = (x: unknown): unknown =>
  Array.isArray(x)
    ? x.map(canon).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
    : x && typeof x === "object"
      ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, canon(v)]))
      : x;
const gs = (graph: string): string => `graph-store?graph=${encodeURIComponent(graph)}`;
const auth = (t: string, type = "text/turtle"): Record<string, string> => ({
  authorization: `Bearer ${t}`,
  "content-type": type,
});
const count = async (base: string, graph: string): Promise<number> =>
  Number((await selectRows(base, `SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${graph}> { ?s ?p ?o } }`))[0]!.n);

describe.runIf(run)("vivant serve --store (Virtuoso)", () => {
  it("serves the demo season: the same triples, catalog and typed answers as the embedded store", async () => {
    expect(remote.graphs().map((g) => [g.graphIri, g.triples])).toEqual(
      embedded.graphs().map((g) => [g.graphIri, g.triples]),
    );
    expect(await count(remote.url, DEMO_GRAPH)).toBe(await count(embedded.url, DEMO_GRAPH));
    for (const path of [
      "api/performances?limit=50",
      "api/performances?city=Nantes&limit=5",
      "api/performances/facets",
      "api/performances/facets?by=graph",
      "api/stats",
    ]) {
      const [a, b] = [await call(remote.url, path), await call(embedded.url, path)];
      expect(a.status, path).toBe(200);
      expect(canon(JSON.parse(a.text)), path).toEqual(canon(JSON.parse(b.text)));
    }
    const cat = await call(remote.url, "catalog", { headers: { accept: "application/n-triples" } });
    expect(cat.status).toBe(200);
    expect(cat.text).toContain(`<${DEMO_GRAPH}>`);
    const health = JSON.parse((await call(remote.url, "health")).text) as { status: string; graphs: number };
    expect(health).toMatchObject({ status: "ok", graphs: 1 });
  });

  it("keeps Graph Store auth and validation at Vivant's layer, and never lets an update reach the store", async () => {
    expect(
      (await call(remote.url, gs(OTHER), { method: "PUT", headers: { "content-type": "text/turtle" }, body: VALID }))
        .status,
    ).toBe(401);
    expect(
      (await call(remote.url, gs(DEMO_GRAPH), { method: "PUT", headers: auth(otherToken), body: VALID })).status,
    ).toBe(403);
    const bad = await call(remote.url, gs(OTHER), { method: "PUT", headers: auth(otherToken), body: INVALID });
    expect(bad.status).toBe(422);
    expect(remote.graphs().some((g) => g.graphIri === OTHER)).toBe(false);
    const up = await call(remote.url, "sparql", {
      method: "POST",
      headers: { "content-type": "application/sparql-update" },
      body: `DROP GRAPH <${DEMO_GRAPH}>`,
    });
    expect(up.status).toBe(403);
    const form = await call(remote.url, "sparql", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `query=${encodeURIComponent(`SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }`)}`,
    });
    expect(form.status).toBe(400);
    expect(await count(remote.url, DEMO_GRAPH)).toBe(await count(embedded.url, DEMO_GRAPH));
    // Virtuoso's own graphs are not in the dataset.
    expect(
      await selectRows(
        remote.url,
        `SELECT ?g WHERE { GRAPH ?g { ?s a <http://www.openlinksw.com/schemas/virtrdf#QuadMapFormat> } } LIMIT 1`,
      ),
    ).toEqual([]);
  });

  it("writes, merges and deletes a publisher's graph; the catalog, the typed API and the pages follow", async () => {
    const put = await call(remote.url, gs(OTHER), { method: "PUT", headers: auth(otherToken), body: VALID });
    expect(put.status).toBe(201);
    expect(remote.writer.graph(OTHER)).toMatchObject({ version: 1, licence: "cc-by-4.0" });
    const post = await call(remote.url, gs(OTHER), { method: "POST", headers: auth(otherToken), body: SECOND });
    expect(post.status).toBe(204);
    const nt = await call(remote.url, gs(OTHER), { headers: { accept: "application/n-triples" } });
    const quads = new Parser({ format: "application/n-triples" }).parse(nt.text);
    expect(quads.filter((q) => q.predicate.value === "http://schema.org/startDate")).toHaveLength(2);
    expect(remote.writer.graph(OTHER)).toMatchObject({ version: 2, triples: quads.length });
    expect(
      (
        await selectRows(
          remote.url,
          `SELECT ?v WHERE { GRAPH <${CATALOG_GRAPH}> { <${OTHER}> <https://vivant.dev/ns#version> ?v } }`,
        )
      ).map((r) => r.v),
    ).toEqual(["2"]);
    const lyon = JSON.parse((await call(remote.url, "api/performances?city=Lyon")).text) as {
      "@graph": { "@id": string }[];
    };
    expect(lyon["@graph"].map((p) => p["@id"]).sort()).toEqual([
      "https://theatre-x.example/performance/p1",
      "https://theatre-x.example/performance/p3",
    ]);
    const search = await call(remote.url, "?city=Lyon", { headers: { accept: "text/html" } });
    expect(search.status).toBe(200);
    expect(search.text).toContain("Andromaque");
    const del = await call(remote.url, gs(OTHER), {
      method: "DELETE",
      headers: { authorization: `Bearer ${otherToken}` },
    });
    expect(del.status).toBe(204);
    expect(remote.graphs().map((g) => g.graphIri)).toEqual([DEMO_GRAPH]);
    expect(JSON.parse((await call(remote.url, "api/performances?city=Lyon")).text)["@graph"]).toEqual([]);
  });

  it("answers a PUT of the demo season again while readers query: each reader sees one whole version", async () => {
    let reading = true;
    const counts = new Set<number>();
    const readers = Array.from({ length: 3 }, async () => {
      for (let i = 0; i < 100 && reading; i++) counts.add(await count(remote.url, DEMO_GRAPH));
    });
    const put = await call(remote.url, gs(DEMO_GRAPH), {
      method: "PUT",
      headers: auth(token, "application/json"),
      body: DEMO_TEXT,
    });
    reading = false;
    await Promise.all(readers);
    expect(put.status).toBe(204);
    expect([...counts]).toEqual([remote.writer.graph(DEMO_GRAPH)!.triples]);
    expect(remote.writer.graph(DEMO_GRAPH)!.version).toBe(2);
  });
});
