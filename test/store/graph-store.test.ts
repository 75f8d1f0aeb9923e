import { mkdtempSync, readdirSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DataFactory, Parser } from "n3";
import type { Quad } from "@rdfjs/types";
import { GraphStore, CATALOG_GRAPH, isSparqlSyntaxError } from "../../src/store/index.js";
import { isUsageError } from "../../src/errors.js";

const G1 = "https://theatre-a.example/graph";
const G2 = "https://theatre-b.example/graph";
const ttl = (text: string): Quad[] =>
  new Parser({ format: "text/turtle" }).parse(`@prefix schema: <http://schema.org/> .\n${text}`);

const A =
  ttl(`<https://theatre-a.example/performance/p1> a schema:TheaterEvent ; schema:name "Phèdre"@fr ; schema:startDate "2026-11-20T20:00:00+01:00"^^<http://www.w3.org/2001/XMLSchema#dateTime> .
<https://theatre-a.example/performance/p2> a schema:DanceEvent ; schema:name "Giselle"@fr .`);
const B = ttl(
  `<https://theatre-b.example/performance/x> a schema:MusicEvent ; schema:name "Concert \\"live\\"\\n"@fr ; schema:offers [ schema:price 12.5 ] .`,
);

const dirs: string[] = [];
const stores: GraphStore[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "vivant-store-"));
  dirs.push(d);
  return d;
}
async function open(dataDir?: string): Promise<GraphStore> {
  const s = await GraphStore.open(dataDir !== undefined ? { dataDir } : {});
  stores.push(s);
  return s;
}
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const names = async (s: GraphStore, graph?: string): Promise<string[]> => {
  const q = graph
    ? `SELECT ?n WHERE { GRAPH <${graph}> { ?e <http://schema.org/name> ?n } } ORDER BY ?n`
    : `SELECT ?n WHERE { ?e <http://schema.org/name> ?n } ORDER BY ?n`;
  return (await s.select(q)).bindings.map((b) => b.n!.value);
};

describe("GraphStore in memory", () => {
  it("keeps one named graph per publisher and queries their union by default", async () => {
    const s = await open();
    await s.replaceGraph(G1, A, { publisherId: "a", licence: "etalab-2.0" });
    await s.replaceGraph(G2, B, {
      publisherId: "b",
      licence: "cc-by-4.0",
      source: "https://theatre-b.example/feed.json",
    });
    expect(await names(s)).toEqual(['Concert "live"\n', "Giselle", "Phèdre"]);
    expect(await names(s, G2)).toEqual(['Concert "live"\n']);
    expect(s.graphs().map((g) => [g.graphIri, g.triples, g.version])).toEqual([
      [G1, 5, 1],
      [G2, 4, 1],
    ]);
    expect(await s.select("SELECT ?n WHERE { ?e <http://schema.org/name> ?n }", { unionDefaultGraph: false })).toEqual({
      variables: ["n"],
      bindings: [],
    });
    expect(await names(s, G1)).toEqual(["Giselle", "Phèdre"]);
  });

  it("replaces a graph whole and bumps its version", async () => {
    const s = await open();
    await s.replaceGraph(G1, A, { publisherId: "a", licence: "etalab-2.0" });
    const info = await s.replaceGraph(
      G1,
      ttl(`<https://theatre-a.example/performance/p3> schema:name "Bérénice"@fr .`),
      { publisherId: "a", licence: "etalab-2.0" },
    );
    expect(info.version).toBe(2);
    expect(info.triples).toBe(1);
    expect(await names(s)).toEqual(["Bérénice"]);
  });

  it("types its query methods: select, ask, construct (DESCRIBE too), and refuses updates and wrong forms", async () => {
    const s = await open();
    await s.replaceGraph(G1, A, { publisherId: "a", licence: "etalab-2.0" });
    expect(await s.ask("ASK { ?e a <http://schema.org/DanceEvent> }")).toBe(true);
    expect(await s.ask("ASK { ?e a <http://schema.org/MusicEvent> }")).toBe(false);
    const quads = await s.construct("CONSTRUCT { ?e <urn:x> ?n } WHERE { ?e <http://schema.org/name> ?n }");
    expect(quads.map((q) => q.object.value).sort()).toEqual(["Giselle", "Phèdre"]);
    expect((await s.construct("DESCRIBE <https://theatre-a.example/performance/p2>")).length).toBe(2);
    await expect(s.select("ASK { ?s ?p ?o }")).rejects.toThrow(/this is a ASK query/);
    await expect(s.select("INSERT DATA { <urn:a> <urn:b> <urn:c> }")).rejects.toSatisfy(isUsageError);
    const e = await s.select("SELECT * WHERE { ?s ?p ?o \n FILTER(?x = ) }").catch((x: unknown) => x);
    expect(isSparqlSyntaxError(e)).toBe(true);
    expect(e).toMatchObject({ line: 2, column: expect.any(Number) });
  });

  it("keeps literals, language tags, datatypes and blank nodes exact", async () => {
    const s = await open();
    await s.replaceGraph(G2, B, { publisherId: "b", licence: "cc0-1.0" });
    const r = await s.select(
      `SELECT ?n ?price WHERE { ?e <http://schema.org/name> ?n ; <http://schema.org/offers> ?o . ?o <http://schema.org/price> ?price . FILTER(isBlank(?o)) }`,
    );
    expect(r.bindings).toHaveLength(1);
    expect(r.bindings[0]!.n).toMatchObject({ termType: "Literal", value: 'Concert "live"\n', language: "fr" });
    expect(r.bindings[0]!.price).toMatchObject({
      value: "12.5",
      datatype: { value: "http://www.w3.org/2001/XMLSchema#decimal" },
    });
  });

  it("keeps blank nodes of two publishers apart even with the same label", async () => {
    const s = await open();
    await s.replaceGraph(G1, ttl(`_:b0 <urn:p> "a" .`), { licence: "cc0-1.0" });
    await s.replaceGraph(G2, ttl(`_:b0 <urn:p> "b" .`), { licence: "cc0-1.0" });
    const r = await s.select("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s <urn:p> ?o }");
    expect(r.bindings[0]!.n!.value).toBe("2");
  });

  it("describes each graph in the catalog graph with DCAT and VoID", async () => {
    const s = await open();
    await s.replaceGraph(G1, A, {
      publisherId: "a",
      licence: "etalab-2.0",
      title: "Théâtre A",
      source: "season.json",
      modified: "2026-09-01T10:00:00Z",
    });
    const r =
      await s.select(`PREFIX dcat: <http://www.w3.org/ns/dcat#> PREFIX dct: <http://purl.org/dc/terms/> PREFIX void: <http://rdfs.org/ns/void#>
      SELECT ?d ?lic ?mod ?n ?src ?title WHERE { GRAPH <${CATALOG_GRAPH}> { <${CATALOG_GRAPH}> dcat:dataset ?d . ?d a void:Dataset ; dct:license ?lic ; dct:modified ?mod ; void:triples ?n ; dct:source ?src ; dct:title ?title } }`);
    expect(
      r.bindings.map((b) => [b.d!.value, b.lic!.value, b.mod!.value, b.n!.value, b.src!.value, b.title!.value]),
    ).toEqual([
      [
        G1,
        "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
        "2026-09-01T10:00:00Z",
        "5",
        "season.json",
        "Théâtre A",
      ],
    ]);
    expect(s.describeCatalog().length).toBeGreaterThan(8);
    await s.deleteGraph(G1);
    expect(await s.ask(`ASK { GRAPH <${CATALOG_GRAPH}> { ?c <http://www.w3.org/ns/dcat#dataset> ?d } }`)).toBe(false);
  });

  it("refuses misuse with a hint: no licence, the catalog graph, a relative graph IRI, a bad IRI in the data", async () => {
    const s = await open();
    await expect(s.replaceGraph(G1, A, { licence: "" })).rejects.toThrow(/licence/);
    await expect(s.replaceGraph(CATALOG_GRAPH, A, { licence: "cc0-1.0" })).rejects.toThrow(/catalog graph/);
    await expect(s.replaceGraph("graph", A, { licence: "cc0-1.0" })).rejects.toThrow(/absolute IRI/);
    const bad = [
      DataFactory.quad(
        DataFactory.namedNode("https://a.example/x"),
        DataFactory.namedNode("urn:p"),
        DataFactory.namedNode("https://a.example/a b"),
      ),
    ];
    await expect(s.replaceGraph(G1, bad, { licence: "cc0-1.0" })).rejects.toThrow(/not an absolute IRI/);
    expect(s.graphs()).toEqual([]);
  });
});

describe("GraphStore in a data directory", () => {
  it("persists each graph as a file and reloads them at open", async () => {
    const dir = tempDir();
    const s = await open(dir);
    await s.replaceGraph(G1, A, { publisherId: "a", licence: "etalab-2.0" });
    await s.replaceGraph(G2, B, { publisherId: "b", licence: "cc-by-4.0" });
    await s.replaceGraph(G2, B, { publisherId: "b", licence: "cc-by-4.0" });
    await s.close();
    expect(readdirSync(join(dir, "graphs"))).toHaveLength(2);
    const t = await open(dir);
    expect(t.graphs().map((g) => [g.graphIri, g.version, g.triples])).toEqual([
      [G1, 1, 5],
      [G2, 2, 4],
    ]);
    expect(await names(t)).toEqual(['Concert "live"\n', "Giselle", "Phèdre"]);
    expect(await t.deleteGraph(G1)).toBe(true);
    await t.close();
    const u = await open(dir);
    expect(u.graphs().map((g) => g.graphIri)).toEqual([G2]);
  });

  it("locks the directory against a second writer", async () => {
    const dir = tempDir();
    await open(dir);
    await expect(GraphStore.open({ dataDir: dir })).rejects.toThrow(/in use/);
  });

  it("quarantines a damaged file instead of loading part of it", async () => {
    const dir = tempDir();
    const s = await open(dir);
    await s.replaceGraph(G1, A, { licence: "etalab-2.0" });
    await s.replaceGraph(G2, B, { licence: "etalab-2.0" });
    await s.close();
    const file = readdirSync(join(dir, "graphs"))
      .map((f) => join(dir, "graphs", f))
      .find((f) => readFileSync(f, "utf8").includes("Giselle"))!;
    writeFileSync(file, readFileSync(file, "utf8").replace("Giselle", "Gisellx"));
    const warnings: string[] = [];
    const t = await GraphStore.open({ dataDir: dir, onWarning: (w) => warnings.push(w) });
    stores.push(t);
    expect(t.graphs().map((g) => g.graphIri)).toEqual([G2]);
    expect(warnings.join()).toMatch(/SHA-256 mismatch/);
    expect(readdirSync(join(dir, "quarantine"))).toHaveLength(1);
  });

  it("lets a read-only replica pick up what the writer wrote", async () => {
    const dir = tempDir();
    const w = await open(dir);
    await w.replaceGraph(G1, A, { licence: "etalab-2.0" });
    const r = await GraphStore.open({ dataDir: dir, readOnly: true });
    stores.push(r);
    expect(await names(r)).toEqual(["Giselle", "Phèdre"]);
    await w.replaceGraph(G1, B, { licence: "etalab-2.0" });
    expect(await names(r)).toEqual(["Giselle", "Phèdre"]);
    r.reloadGraph(G1);
    expect(await names(r)).toEqual(['Concert "live"\n']);
    await w.deleteGraph(G1);
    r.reloadGraph(G1);
    expect(r.graphs()).toEqual([]);
    await expect(r.replaceGraph(G2, A, { licence: "cc0-1.0" })).rejects.toThrow(/read-only/);
    await expect(r.deleteGraph(G2)).rejects.toThrow(/read-only/);
  });
});
