// A default graph of several graphs is their RDF merge: a triple stated in two graphs is one triple of the
// default graph (union default graph, two default-graph-uri, FROM g1 FROM g2), while GRAPH ?g still sees it in each.
import { afterEach, describe, expect, it } from "vitest";
import { Parser } from "n3";
import type { Quad } from "@rdfjs/types";
import { GraphStore } from "../../src/store/index.js";

const G1 = "https://theatre-a.example/graph";
const G2 = "https://theatre-b.example/graph";
const G3 = "https://theatre-c.example/graph";
const ttl = (text: string): Quad[] =>
  new Parser({ format: "text/turtle" }).parse(`@prefix schema: <http://schema.org/> .\n${text}`);
// The venue and its name are stated by both publishers; each adds a performance of its own.
const SHARED = `<https://venues.example/grand-quai> a schema:Place ; schema:name "Grand Quai" .`;
const A = ttl(
  `${SHARED}\n<https://theatre-a.example/p1> schema:location <https://venues.example/grand-quai> ; schema:offers [ schema:price 10 ] .`,
);
const B = ttl(
  `${SHARED}\n<https://theatre-b.example/p2> schema:location <https://venues.example/grand-quai> ; schema:offers [ schema:price 10 ] .`,
);
const C = ttl(`<https://theatre-c.example/p3> schema:name "Alone" .`);

const stores: GraphStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});
async function store(): Promise<GraphStore> {
  const s = await GraphStore.open();
  stores.push(s);
  await s.replaceGraph(G1, A, { publisherId: "a", licence: "etalab-2.0" });
  await s.replaceGraph(G2, B, { publisherId: "b", licence: "etalab-2.0" });
  await s.replaceGraph(G3, C, { publisherId: "c", licence: "etalab-2.0" });
  return s;
}
const count = async (s: GraphStore, query: string, options = {}): Promise<number> =>
  Number((await s.select(query, options)).bindings[0]!.n!.value);
const NAMES = "SELECT (COUNT(*) AS ?n) WHERE { <https://venues.example/grand-quai> <http://schema.org/name> ?x }";
const TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";

describe("the default graph is an RDF merge", () => {
  it("answers a triple stated in two graphs once in the union default graph, and counts it once", async () => {
    const s = await store();
    expect(await count(s, NAMES)).toBe(1);
    const rows = (await s.select("SELECT ?t WHERE { <https://venues.example/grand-quai> a ?t }")).bindings;
    expect(rows).toHaveLength(1);
    // Everything else is there once too: 2 shared + 3 + 3 own triples (each offer a blank node of its graph) + C's 1.
    const catalog = await count(s, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://vivant.dev/catalog> { ?s ?p ?o } }");
    expect(await count(s, TRIPLES)).toBe(2 + 3 + 3 + 1 + catalog);
    // Named graphs still hold their own statement of it, and the merge graph is not one of them.
    expect(
      await count(
        s,
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { <https://venues.example/grand-quai> <http://schema.org/name> ?x } }",
      ),
    ).toBe(2);
    const graphs = (await s.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")).bindings
      .map((b) => b.g!.value)
      .sort();
    expect(graphs).toEqual([G1, G2, G3, "https://vivant.dev/catalog"].sort());
    // Blank nodes of two graphs stay two nodes in the merge.
    expect(await count(s, "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?e <http://schema.org/offers> ?o }")).toBe(2);
  });

  it("merges two default-graph-uri and FROM g1 FROM g2 the same way", async () => {
    const s = await store();
    expect(await count(s, NAMES, { defaultGraphs: [G1, G2] })).toBe(1);
    expect(await count(s, NAMES, { defaultGraphs: [G1, G1] })).toBe(1);
    expect(
      await count(
        s,
        `SELECT (COUNT(*) AS ?n) FROM <${G1}> FROM <${G2}> WHERE { <https://venues.example/grand-quai> <http://schema.org/name> ?x }`,
      ),
    ).toBe(1);
    expect(
      await count(
        s,
        `PREFIX a: <https://theatre-a.example/> PREFIX b: <https://theatre-b.example/>
      SELECT (COUNT(*) AS ?n) FROM a:graph FROM b:graph WHERE { ?s ?p ?o }`,
      ),
    ).toBe(2 + 3 + 3);
    // FROM NAMED graphs are kept as the query gives them.
    expect(
      await count(
        s,
        `SELECT (COUNT(*) AS ?n) FROM <${G1}> FROM <${G2}> FROM NAMED <${G1}> WHERE { GRAPH ?g { ?s <http://schema.org/name> ?x } }`,
      ),
    ).toBe(1);
    // Graphs without a shared triple are unchanged.
    expect(await count(s, TRIPLES, { defaultGraphs: [G1, G3] })).toBe(5 + 1);
  });

  it("follows writes: replacing one side removes the overlap, restoring it brings the merge back", async () => {
    const s = await store();
    await s.replaceGraph(G2, ttl(`<https://theatre-b.example/p2> schema:name "Other" .`), {
      publisherId: "b",
      licence: "etalab-2.0",
    });
    expect(await count(s, NAMES)).toBe(1);
    expect(await count(s, NAMES, { defaultGraphs: [G1, G2] })).toBe(1);
    await s.replaceGraph(G3, ttl(SHARED), { publisherId: "c", licence: "etalab-2.0" });
    expect(await count(s, NAMES)).toBe(1);
    expect(
      await count(
        s,
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { <https://venues.example/grand-quai> <http://schema.org/name> ?x } }",
      ),
    ).toBe(2);
    await s.deleteGraph(G1);
    await s.deleteGraph(G3);
    expect(await count(s, NAMES)).toBe(0);
  });
});
