// The store's SELECTs are read from Oxigraph's TSV: every kind of term must come back as the JSON results give it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Term } from "@rdfjs/types";
import { Parser } from "n3";
import type { Quad } from "@rdfjs/types";
import { GraphStore, parseSparqlJson, parseSparqlTsv } from "../../src/store/index.js";
import { parseSparqlTsvInSlices, sparqlTsvRows, tsvTerm } from "../../src/store/tsv.js";
import { withTurns } from "../helpers/turns.js";

const X = "http://www.w3.org/2001/XMLSchema#";
const NT = `<https://a.example/s> <https://a.example/p> "plain" .
<https://a.example/s> <https://a.example/p> "x\\ty\\nz \\"q\\" \\\\ é \\u0001\\r 😀"@fr-ca .
<https://a.example/s> <https://a.example/p> "1"^^<${X}integer> .
<https://a.example/s> <https://a.example/p> "-7"^^<${X}integer> .
<https://a.example/s> <https://a.example/p> "14.50"^^<${X}decimal> .
<https://a.example/s> <https://a.example/p> "14"^^<${X}decimal> .
<https://a.example/s> <https://a.example/p> "1.5E2"^^<${X}double> .
<https://a.example/s> <https://a.example/p> "INF"^^<${X}double> .
<https://a.example/s> <https://a.example/p> "1"^^<${X}boolean> .
<https://a.example/s> <https://a.example/p> "false"^^<${X}boolean> .
<https://a.example/s> <https://a.example/p> "2026-11-20T20:00:00+01:00"^^<${X}dateTime> .
<https://a.example/s> <https://a.example/p> "tab\\there"^^<https://a.example/dt> .
<https://a.example/s> <https://a.example/p> _:b1 .
<https://a.example/s> <https://a.example/p> <https://a.example/é?x=1&y=2#f> .
_:b1 <https://a.example/p> "in a blank node" .
`;

const key = (t: Term | undefined): string =>
  t === undefined
    ? "unbound"
    : t.termType === "Literal"
      ? `L|${t.value}|${t.language}|${t.datatype.value}`
      : t.termType === "BlankNode"
        ? "B"
        : `${t.termType}|${t.value}`;

let store: GraphStore;
beforeAll(async () => {
  store = await GraphStore.open();
  await store.replaceGraph(
    "https://a.example/graph",
    new Parser({ format: "application/n-triples" }).parse(NT) as Quad[],
    { licence: "cc0-1.0" },
  );
});
afterAll(() => store.close());

describe("parseSparqlTsv", () => {
  it("reads every term as the JSON results give it (literals, languages, datatypes, bare numbers, blank nodes, unbound)", async () => {
    const q =
      "SELECT ?s ?o ?none WHERE { GRAPH ?g { ?s <https://a.example/p> ?o OPTIONAL { ?o <https://a.example/none> ?none } } } ORDER BY STR(?o)";
    const tsv = (await store.queryFormatted(q, "text/tab-separated-values", "application/n-triples")).body;
    const json = (await store.queryFormatted(q, "application/sparql-results+json", "application/n-triples")).body;
    const a = parseSparqlTsv(tsv);
    const b = parseSparqlJson(json);
    expect(a.variables).toEqual(["s", "o", "none"]);
    expect(a.bindings.length).toBe(15);
    expect(a.bindings.map((r) => a.variables.map((v) => key(r[v])))).toEqual(
      b.bindings.map((r) => b.variables.map((v) => key(r[v]))),
    );
    // Bare Turtle numbers and booleans get their datatype back.
    expect(tsv).toMatch(/\t1\t/);
    expect(
      a.bindings.some(
        (r) => r.o?.termType === "Literal" && r.o.value === 'x\ty\nz "q" \\ é \u0001\r 😀' && r.o.language === "fr-ca",
      ),
    ).toBe(true);
  });

  it("reads an empty answer, a row without variables, and a row whose only variable is unbound", () => {
    expect(parseSparqlTsv("?x\n")).toEqual({ variables: ["x"], bindings: [] });
    expect(parseSparqlTsv("\n\n")).toEqual({ variables: [], bindings: [{}] });
    expect(parseSparqlTsv("?x\n\n")).toEqual({ variables: ["x"], bindings: [{}] });
  });

  it("gives the same rows one at a time (sparqlTsvRows, GraphStore.selectRowsSync)", async () => {
    const q =
      "SELECT ?s ?o ?none WHERE { GRAPH ?g { ?s <https://a.example/p> ?o OPTIONAL { ?o <https://a.example/none> ?none } } } ORDER BY STR(?o)";
    const tsv = (await store.queryFormatted(q, "text/tab-separated-values", "application/n-triples")).body;
    for (const text of [tsv, tsv.slice(0, -1), "?x\n", "\n\n", "?x\n\n", '?x\t?y\n<https://a.example/a>\t\n\t"b"\n']) {
      expect([...sparqlTsvRows(text)]).toEqual(parseSparqlTsv(text).bindings);
    }
    const rows = [...store.selectRowsSync(q)].map((r) => ["s", "o", "none"].map((v) => key(r[v])));
    expect(rows).toHaveLength(15);
    expect(rows).toEqual(store.selectSync(q).bindings.map((r) => ["s", "o", "none"].map((v) => key(r[v]))));
  });

  it("types bare numbers as Turtle does and refuses what it does not read", () => {
    expect(key(tsvTerm("42"))).toBe(`L|42||${X}integer`);
    expect(key(tsvTerm("-1.5"))).toBe(`L|-1.5||${X}decimal`);
    expect(key(tsvTerm("1.0E3"))).toBe(`L|1.0E3||${X}double`);
    expect(key(tsvTerm("true"))).toBe(`L|true||${X}boolean`);
    expect(() => tsvTerm("<< <a:s> <a:p> <a:o> >>")).toThrow(/triple terms/);
    expect(() => tsvTerm("nonsense")).toThrow(/does not read/);
  });
});

describe("parseSparqlTsvInSlices", () => {
  it("gives parseSparqlTsv's answer, with turns of the event loop given back between slices", async () => {
    const lines = ["?s\t?name\t?n"];
    for (let i = 0; i < 5000; i++) lines.push(`<https://a.example/e${i}>\t"Salle ${i}"@fr\t${i}`);
    lines.push('_:b0\t\t"x\\ty"');
    const text = `${lines.join("\n")}\n`;
    const { value: sliced, turns } = await withTurns(() => parseSparqlTsvInSlices(text));
    expect(sliced).toEqual(parseSparqlTsv(text));
    expect(sliced.bindings).toHaveLength(5001);
    // 5,001 rows in slices of 2,048: two turns at least.
    expect(turns).toBeGreaterThanOrEqual(2);
  });
});
