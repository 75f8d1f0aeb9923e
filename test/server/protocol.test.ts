// SPARQL 1.1 Protocol over HTTP: query forms, GET/POST, dataset parameters, content negotiation,
// service description, refusals with the right status, CORS.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Parser } from "n3";
import type { VivantServer } from "../../src/server/index.js";
import { CATALOG_GRAPH } from "../../src/store/index.js";
import { jsonLdToQuads } from "../../src/jsonld/convert.js";
import { call, DEMO_GRAPH, demoServer, selectRows, sparqlGet } from "./helpers.js";

let server: VivantServer;
let base: string;
beforeAll(async () => {
  ({ server } = await demoServer({ maxBodyBytes: 4096, maxResultBytes: 200_000 }));
  base = server.url;
});
afterAll(() => server?.close());

const COUNT_EVENTS = "SELECT (COUNT(?e) AS ?n) WHERE { ?e <http://schema.org/workPerformed> ?w }";

describe("query operation", () => {
  it("answers GET, POST direct and POST form-encoded alike", async () => {
    const get = await sparqlGet(base, COUNT_EVENTS);
    const direct = await call(base, "sparql", {
      method: "POST",
      headers: { "content-type": "application/sparql-query" },
      body: COUNT_EVENTS,
    });
    const form = await call(base, "sparql", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `query=${encodeURIComponent(COUNT_EVENTS)}`,
    });
    for (const a of [get, direct, form]) {
      expect(a.status).toBe(200);
      expect(a.type).toMatch(/^application\/sparql-results\+json/);
    }
    expect(JSON.parse(get.text).results.bindings[0].n.value).toBe("165");
    expect(direct.text).toBe(get.text);
    expect(form.text).toBe(get.text);
  });

  it("negotiates SELECT results as JSON, XML, CSV and TSV", async () => {
    const q = "SELECT ?city WHERE { ?a <http://schema.org/addressLocality> ?city } ORDER BY ?city LIMIT 2";
    const json = await sparqlGet(base, q, "application/sparql-results+json");
    const xml = await sparqlGet(base, q, "application/sparql-results+xml");
    const csv = await sparqlGet(base, q, "text/csv");
    const tsv = await sparqlGet(base, q, "text/tab-separated-values");
    expect(JSON.parse(json.text).results.bindings.map((b: { city: { value: string } }) => b.city.value)).toEqual([
      "Angers",
      "Nantes",
    ]);
    expect(xml.type).toMatch(/sparql-results\+xml/);
    expect(xml.text).toContain("<literal>Angers</literal>");
    expect(csv.text.split(/\r?\n/).slice(0, 3)).toEqual(["city", "Angers", "Nantes"]);
    expect(tsv.text.split(/\r?\n/).slice(0, 3)).toEqual(["?city", '"Angers"', '"Nantes"']);
    // q-values and wildcards pick the best offer; ?format= overrides for browsers.
    expect((await sparqlGet(base, q, "text/csv;q=0.5, application/sparql-results+xml")).type).toMatch(/xml/);
    expect((await sparqlGet(base, q, "*/*")).type).toMatch(/sparql-results\+json/);
    expect((await sparqlGet(base, q, undefined, "&format=tsv")).type).toMatch(/tab-separated/);
  });

  it("answers ASK and negotiates CONSTRUCT/DESCRIBE as Turtle, N-Triples, N-Quads and JSON-LD", async () => {
    expect(JSON.parse((await sparqlGet(base, "ASK { ?s a <http://schema.org/Festival> }")).text).boolean).toBe(true);
    const q = "CONSTRUCT WHERE { ?s a <http://schema.org/Festival> ; <http://schema.org/name> ?n }";
    const counts: number[] = [];
    for (const [accept, format] of [
      ["text/turtle", "text/turtle"],
      ["application/n-triples", "application/n-triples"],
      ["application/n-quads", "application/n-quads"],
    ] as const) {
      const a = await sparqlGet(base, q, accept);
      expect(a.status).toBe(200);
      expect(a.type.startsWith(accept)).toBe(true);
      counts.push(new Parser({ format }).parse(a.text).length);
    }
    const jsonld = await sparqlGet(base, q, "application/ld+json");
    expect(jsonld.type).toMatch(/ld\+json/);
    counts.push((await jsonLdToQuads(JSON.parse(jsonld.text))).length);
    expect(new Set(counts).size).toBe(1);
    expect(counts[0]).toBeGreaterThan(1);
    const describe = await sparqlGet(
      base,
      "DESCRIBE <https://data.reseau-scenes.example/performance/traviata-07>",
      "application/n-triples",
    );
    expect(describe.text).toContain(
      "<https://data.reseau-scenes.example/performance/traviata-07> <http://schema.org/startDate>",
    );
  });

  it("answers 406 when no offered format is acceptable", async () => {
    expect((await sparqlGet(base, COUNT_EVENTS, "image/png")).status).toBe(406);
    expect((await sparqlGet(base, "CONSTRUCT WHERE { ?s ?p ?o }", "text/csv")).status).toBe(406);
  });

  it("applies default-graph-uri and named-graph-uri, and a union default graph otherwise", async () => {
    const count = (rows: Record<string, string>[]) => Number(rows[0]!.n);
    const union = count(await selectRows(base, COUNT_EVENTS));
    expect(union).toBe(165);
    const q = `${COUNT_EVENTS}`;
    const viaDefault = await sparqlGet(base, q, "text/csv", `&default-graph-uri=${encodeURIComponent(DEMO_GRAPH)}`);
    expect(viaDefault.text.split(/\r?\n/)[1]).toBe("165");
    const catalogOnly = await sparqlGet(base, q, "text/csv", `&default-graph-uri=${encodeURIComponent(CATALOG_GRAPH)}`);
    expect(catalogOnly.text.split(/\r?\n/)[1]).toBe("0");
    // Only named graphs given: the default graph is empty and GRAPH sees just those.
    const named = await sparqlGet(
      base,
      "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
      "text/csv",
      `&named-graph-uri=${encodeURIComponent(CATALOG_GRAPH)}`,
    );
    expect(named.text.split(/\r?\n/)[1]).toMatch(new RegExp(`^${CATALOG_GRAPH},\\d+$`));
    const emptyDefault = await sparqlGet(base, q, "text/csv", `&named-graph-uri=${encodeURIComponent(DEMO_GRAPH)}`);
    expect(emptyDefault.text.split(/\r?\n/)[1]).toBe("0");
    // FROM in the query names the dataset itself.
    const from = await sparqlGet(
      base,
      `SELECT (COUNT(*) AS ?n) FROM <${CATALOG_GRAPH}> WHERE { ?s <http://schema.org/workPerformed> ?o }`,
      "text/csv",
    );
    expect(from.text.split(/\r?\n/)[1]).toBe("0");
  });

  it("gives a bad query 400 with the parser's message and position", async () => {
    const a = await sparqlGet(base, "SELECT ?s WHERE {\n  ?s ?p \n}");
    expect(a.status).toBe(400);
    expect(a.type).toMatch(/problem\+json/);
    const p = JSON.parse(a.text);
    expect(p).toMatchObject({ status: 400, code: "sparql/syntax", line: 3, column: expect.any(Number) });
    expect(p.detail).toMatch(/error at 3:/);
  });

  it("refuses updates on the query endpoint", async () => {
    const update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }";
    expect((await call(base, `sparql?update=${encodeURIComponent(update)}`)).status).toBe(403);
    expect(
      (
        await call(base, "sparql", {
          method: "POST",
          headers: { "content-type": "application/sparql-update" },
          body: update,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(base, "sparql", {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: `update=${encodeURIComponent(update)}`,
        })
      ).status,
    ).toBe(403);
    expect((await sparqlGet(base, update)).status).toBe(403);
    expect(JSON.parse((await sparqlGet(base, "ASK { <urn:a> <urn:b> <urn:c> }")).text).boolean).toBe(false);
  });

  it("refuses unknown media types (415), oversized bodies (413), oversized answers, other methods (405)", async () => {
    expect(
      (await call(base, "sparql", { method: "POST", headers: { "content-type": "text/plain" }, body: COUNT_EVENTS }))
        .status,
    ).toBe(415);
    const big = `SELECT * WHERE { ?s ?p ?o } # ${"x".repeat(5000)}`;
    expect(
      (
        await call(base, "sparql", {
          method: "POST",
          headers: { "content-type": "application/sparql-query" },
          body: big,
        })
      ).status,
    ).toBe(413);
    const tooMuch = await sparqlGet(base, "SELECT * WHERE { ?s ?p ?o }");
    expect(tooMuch.status).toBe(422);
    expect(JSON.parse(tooMuch.text).code).toBe("query/result-too-large");
    expect((await call(base, "sparql", { method: "DELETE" })).status).toBe(405);
    expect((await call(base, "sparql?query=a&query=b")).status).toBe(400);
  });

  it("describes the service (SPARQL 1.1 Service Description) on GET without a query", async () => {
    const a = await call(base, "sparql", { headers: { accept: "text/turtle" } });
    expect(a.status).toBe(200);
    const quads = new Parser({ format: "text/turtle" }).parse(a.text);
    const sd = "http://www.w3.org/ns/sparql-service-description#";
    expect(quads.some((q) => q.predicate.value === `${sd}endpoint` && q.object.value === `${base}sparql`)).toBe(true);
    expect(quads.some((q) => q.predicate.value === `${sd}name` && q.object.value === DEMO_GRAPH)).toBe(true);
    expect(quads.filter((q) => q.predicate.value === `${sd}resultFormat`).length).toBe(10);
  });

  it("sends CORS headers on answers and errors, and answers preflights", async () => {
    expect((await sparqlGet(base, COUNT_EVENTS)).headers.get("access-control-allow-origin")).toBe("*");
    expect((await sparqlGet(base, "SELECT")).headers.get("access-control-allow-origin")).toBe("*");
    const pre = await call(base, "graph-store?graph=x", {
      method: "OPTIONS",
      headers: { origin: "https://app.example", "access-control-request-method": "PUT" },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-methods")).toContain("PUT");
    expect(pre.headers.get("access-control-allow-headers")).toContain("Authorization");
  });
});
