// The node's catalog at /catalog: DCAT-AP 3.0 in Turtle, JSON-LD and RDF/XML by content negotiation, conforming
// to the official DCAT-AP 3.0.0 SHACL shapes (pinned in shapes/dcat-ap/), with an ODRL Offer on every dataset,
// distribution and service (the Dataspace Protocol's catalog model), coverage read from the data.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DataFactory, Parser } from "n3";
import jsonld from "jsonld";
import * as oxigraph from "oxigraph";
import type { Quad, Term } from "@rdfjs/types";
import type { VivantServer } from "../../src/server/index.js";
import { CompiledShapes } from "../../src/validate/engine.js";
import { IndexedDataset } from "../../src/validate/dataset.js";
import { call, DEMO_GRAPH, demoServer, selectRows } from "../server/helpers.js";

const DCAT = "http://www.w3.org/ns/dcat#";
const DCT = "http://purl.org/dc/terms/";
const ODRL = "http://www.w3.org/ns/odrl/2/";
const RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const OTHER = "https://theatre-x.example/graph";

const shapesPath = fileURLToPath(new URL("../../shapes/dcat-ap/dcat-ap-SHACL.ttl", import.meta.url));
const shapes = new CompiledShapes(new Parser().parse(readFileSync(shapesPath, "utf8")), "dcat-ap");

let server: VivantServer;
let base: string;
beforeAll(async () => {
  ({ server } = await demoServer());
  base = server.url;
  const { quads } = {
    quads: new Parser().parse(`@prefix schema: <http://schema.org/> .
    @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    <https://theatre-x.example/performance/p1> a schema:TheaterEvent ; schema:name "Bérénice"@fr ;
      schema:startDate "2027-01-04T20:00:00+01:00"^^xsd:dateTime ; schema:location <https://theatre-x.example/venue/main> .
    <https://theatre-x.example/performance/p2> a schema:TheaterEvent ; schema:name "Bérénice"@fr ;
      schema:startDate "2026-12-31T23:30:00-05:00"^^xsd:dateTime ; schema:location <https://theatre-x.example/venue/main> .
    <https://theatre-x.example/venue/main> a schema:Place ; schema:name "Théâtre X"@fr ;
      schema:geo [ schema:latitude 45.75 ; schema:longitude 4.85 ] ;
      schema:address [ a schema:PostalAddress ; schema:addressLocality "Lyon" ; schema:addressRegion "Auvergne-Rhône-Alpes" ] .`),
  };
  await server.replaceGraph(OTHER, quads, { publisherId: "theatre-x", licence: "cc-by-sa-4.0", title: "Théâtre X" });
});
afterAll(() => server?.close());

const objects = (qs: readonly Quad[], s: Term | string, p: string): Term[] =>
  qs
    .filter((q) => (typeof s === "string" ? q.subject.value === s : q.subject.equals(s)) && q.predicate.value === p)
    .map((q) => q.object);
const ofType = (qs: readonly Quad[], type: string): Term[] =>
  qs.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === type).map((q) => q.subject);

async function turtle(): Promise<Quad[]> {
  const a = await call(base, "catalog", { headers: { accept: "text/turtle" } });
  expect(a.status).toBe(200);
  expect(a.type).toMatch(/^text\/turtle/);
  expect(a.headers.get("vary")).toMatch(/Accept/);
  return new Parser({ baseIRI: base }).parse(a.text);
}

async function violations(quads: readonly Quad[]): Promise<string[]> {
  const results = await shapes.run(new IndexedDataset(quads));
  return results.map(
    (r) => `${r.focusNode.value} ${r.path ?? ""} ${r.constraint.replace(/.*#/, "")} ${r.value?.value ?? ""}`,
  );
}

describe("the catalog (DCAT-AP, ODRL)", () => {
  it("conforms to the official DCAT-AP 3.0.0 shapes", async () => {
    const quads = await turtle();
    expect(
      ofType(quads, `${DCAT}Dataset`)
        .map((d) => d.value)
        .sort(),
    ).toEqual([DEMO_GRAPH, OTHER].sort());
    expect(await violations(quads)).toEqual([]);
  });

  it("the shapes do find a catalog that breaks DCAT-AP (no description, an untyped licence, two checksums)", async () => {
    const quads = await turtle();
    const broken = quads
      .filter((q) => !(q.subject.value === DEMO_GRAPH && q.predicate.value === `${DCT}description`))
      .filter((q) => !(q.predicate.value === RDF_TYPE && q.object.value === `${DCT}LicenseDocument`));
    const found = await violations(broken);
    expect(found.some((v) => v.startsWith(`${DEMO_GRAPH} `) && v.includes("MinCount"))).toBe(true);
    expect(found.some((v) => v.includes("ClassConstraint") && v.includes("creativecommons"))).toBe(true);
  });

  it("describes each dataset: title, publisher, licence, modified, triples, version, spatial and temporal coverage", async () => {
    const quads = await turtle();
    const info = server.graphs().find((g) => g.graphIri === DEMO_GRAPH)!;
    expect(objects(quads, DEMO_GRAPH, `${DCT}modified`).map((t) => t.value)).toEqual([info.modified]);
    expect(objects(quads, DEMO_GRAPH, "http://rdfs.org/ns/void#triples").map((t) => t.value)).toEqual([
      String(info.triples),
    ]);
    expect(objects(quads, DEMO_GRAPH, `${DCT}license`).map((t) => t.value)).toEqual([info.licenceIri]);
    const publisher = objects(quads, DEMO_GRAPH, `${DCT}publisher`);
    expect(publisher).toHaveLength(1);
    expect(objects(quads, publisher[0]!, "http://xmlns.com/foaf/0.1/name")).toHaveLength(1);
    // Temporal coverage: the first and last start of the graph's performances, read independently here.
    const starts = (
      await selectRows(base, `SELECT ?s WHERE { GRAPH <${OTHER}> { ?e <http://schema.org/startDate> ?s } }`)
    ).map((r) => r.s!);
    expect(starts).toHaveLength(2);
    const period = objects(quads, OTHER, `${DCT}temporal`)[0]!;
    // 2026-12-31T23:30-05:00 is 2027-01-01T04:30Z: before 2027-01-04T20:00+01:00.
    expect(objects(quads, period, `${DCAT}startDate`).map((t) => t.value)).toEqual(["2026-12-31T23:30:00-05:00"]);
    expect(objects(quads, period, `${DCAT}endDate`).map((t) => t.value)).toEqual(["2027-01-04T20:00:00+01:00"]);
    const regions = (d: string) =>
      objects(quads, d, `${DCT}spatial`).flatMap((l) =>
        objects(quads, l, "http://www.w3.org/2004/02/skos/core#prefLabel").map((t) => t.value),
      );
    expect(regions(OTHER)).toEqual(["Auvergne-Rhône-Alpes"]);
    const demoRegions = (
      await selectRows(
        base,
        `SELECT DISTINCT ?r WHERE { GRAPH <${DEMO_GRAPH}> { ?e <http://schema.org/location>/<http://schema.org/address>/<http://schema.org/addressRegion> ?r } }`,
      )
    ).map((r) => r.r!);
    expect(demoRegions.length).toBeGreaterThan(1);
    expect(regions(DEMO_GRAPH).sort()).toEqual(demoRegions.sort());
    const bbox = objects(quads, OTHER, `${DCT}spatial`)
      .flatMap((l) => objects(quads, l, `${DCAT}bbox`))
      .map((t) => t.value);
    expect(bbox).toEqual(["POLYGON((4.85 45.75, 4.85 45.75, 4.85 45.75, 4.85 45.75, 4.85 45.75))"]);
  });

  it("fits the Dataspace Protocol catalog model: every dataset has ODRL Offers with an IRI, every distribution a service or a download", async () => {
    const quads = await turtle();
    const catalog = ofType(quads, `${DCAT}Catalog`);
    expect(catalog.map((c) => c.value)).toEqual([`${base}catalog`]);
    for (const d of ofType(quads, `${DCAT}Dataset`)) {
      const offers = objects(quads, d, `${ODRL}hasPolicy`);
      expect(offers.length, d.value).toBeGreaterThan(0);
      for (const o of offers) {
        expect(o.termType).toBe("NamedNode");
        expect(objects(quads, o, RDF_TYPE).map((t) => t.value)).toContain(`${ODRL}Offer`);
        const actions = objects(quads, o, `${ODRL}permission`).flatMap((p) =>
          objects(quads, p, `${ODRL}action`).map((a) => a.value.replace(ODRL, "")),
        );
        expect(actions).toEqual(expect.arrayContaining(["display", "index", "reproduce", "derive", "distribute"]));
      }
      const dists = objects(quads, d, `${DCAT}distribution`);
      expect(dists.length).toBeGreaterThanOrEqual(2);
      for (const x of dists) {
        expect(objects(quads, x, `${ODRL}hasPolicy`), x.value).toHaveLength(1);
        const service = objects(quads, x, `${DCAT}accessService`);
        expect(service.length + objects(quads, x, `${DCAT}downloadURL`).length, x.value).toBeGreaterThan(0);
        for (const s of service) expect(objects(quads, s, `${DCAT}endpointURL`), s.value).toHaveLength(1);
      }
    }
    for (const s of ofType(quads, `${DCAT}DataService`))
      expect(objects(quads, s, `${ODRL}hasPolicy`).length, s.value).toBeGreaterThan(0);
    // The share-alike licence asks for the same licence on derived data (odrl:nextPolicy), CC BY for attribution only.
    const duties = (d: string) =>
      objects(quads, objects(quads, d, `${ODRL}hasPolicy`)[0]!, `${ODRL}permission`)
        .flatMap((p) => objects(quads, p, `${ODRL}duty`))
        .flatMap((u) => objects(quads, u, `${ODRL}action`).map((a) => a.value.replace(ODRL, "")));
    expect(new Set(duties(OTHER))).toEqual(new Set(["attribute", "nextPolicy"]));
    // The Graph Store distribution is a URL that answers with the graph.
    const gsp = objects(quads, DEMO_GRAPH, `${DCAT}distribution`)
      .flatMap((x) => objects(quads, x, `${DCAT}accessURL`))
      .find((u) => u.value.includes("graph-store"))!;
    expect((await fetch(gsp.value, { headers: { accept: "text/turtle" } })).status).toBe(200);
  });

  it("is the same graph in JSON-LD and RDF/XML (content negotiation and format=)", async () => {
    const ttl = await turtle();
    // Compared by value: Oxigraph's RDF/XML writes date-times canonically (…:32.580Z as …:32.58Z).
    const value = (t: Term): string =>
      t.termType === "Literal" && t.datatype.value.endsWith("#dateTime") ? new Date(t.value).toISOString() : t.value;
    const key = (qs: readonly Quad[]) =>
      new Set(
        qs.map(
          (q) =>
            `${q.subject.value} ${q.predicate.value} ${q.object.termType === "Literal" ? JSON.stringify(value(q.object)) : q.object.value}`,
        ),
      );
    const ld = await call(base, "catalog", { headers: { accept: "application/ld+json" } });
    expect(ld.type).toMatch(/^application\/ld\+json/);
    const doc = JSON.parse(ld.text) as Record<string, unknown>;
    expect(doc["@context"]).toBeDefined();
    const nq = (await jsonld.toRDF(doc, { format: "application/n-quads" })) as unknown as string;
    const fromLd = new Parser({ format: "application/n-quads" }).parse(nq);
    expect(key(fromLd)).toEqual(key(ttl));
    const xml = await call(base, "catalog?format=rdfxml");
    expect(xml.type).toMatch(/^application\/rdf\+xml/);
    const store = new oxigraph.Store();
    store.load(xml.text, { format: "application/rdf+xml", base_iri: base });
    const fromXml = store
      .match(null, null, null, null)
      .map((q) => DataFactory.quad(q.subject as never, q.predicate as never, q.object as never) as Quad);
    expect(key(fromXml)).toEqual(key(ttl));
    expect((await call(base, "catalog", { headers: { accept: "image/png" } })).status).toBe(406);
    expect((await call(base, "catalog", { method: "POST" })).status).toBe(405);
  });

  it("is linked from / and from the service description, and follows a write", async () => {
    const index = JSON.parse((await call(base, "", { headers: { accept: "application/json" } })).text) as {
      catalog: string;
    };
    expect(index.catalog).toBe(`${base}catalog`);
    const sd = new Parser().parse((await call(base, "sparql", { headers: { accept: "text/turtle" } })).text);
    expect(sd.some((q) => q.predicate.value.endsWith("#seeAlso") && q.object.value === `${base}catalog`)).toBe(true);
    const before = (await turtle())
      .filter((q) => q.subject.value === OTHER && q.predicate.value === "http://rdfs.org/ns/void#triples")
      .map((q) => q.object.value);
    await server.replaceGraph(OTHER, [], { publisherId: "theatre-x", licence: "cc-by-sa-4.0", title: "Théâtre X" });
    const after = await turtle();
    expect(
      after
        .filter((q) => q.subject.value === OTHER && q.predicate.value === "http://rdfs.org/ns/void#triples")
        .map((q) => q.object.value),
    ).toEqual(["0"]);
    expect(before).not.toEqual(["0"]);
    expect(objects(after, OTHER, `${DCT}temporal`)).toEqual([]);
  });
});
