// The triple table's own N-Quads writer (used by `vivant map --format nquads` and for streaming large
// seasons) must say exactly what the RDF/JS quads say, read back by n3's parser.

import { readFileSync } from "node:fs";
import { DataFactory, Parser } from "n3";
import type { Quad } from "@rdfjs/types";
import canonize from "rdf-canonize";
import { describe, expect, it } from "vitest";
import { mapRecords } from "../../src/mapping/index.js";
import { TripleTable } from "../../src/mapping/quadSink.js";

const demo = JSON.parse(readFileSync(new URL("../../fixtures/demo-season.json", import.meta.url), "utf8")) as Record<string, any>;

function nquadsOf(result: ReturnType<typeof mapRecords>, chunkSize?: number): { text: string; chunks: number } {
  const chunks: string[] = [];
  result.triples.writeNQuads((c) => chunks.push(c), chunkSize);
  return { text: chunks.join(""), chunks: chunks.length };
}

describe("TripleTable.writeNQuads", () => {
  it("writes the demo season as N-Quads that n3 reads back to the same graph, in small or large chunks", async () => {
    const result = mapRecords(demo, { origins: false });
    const small = nquadsOf(result, 1_000);
    const large = nquadsOf(result);
    expect(small.chunks).toBeGreaterThan(large.chunks);
    expect(small.text).toBe(large.text);
    expect(small.text.split("\n").filter(Boolean)).toHaveLength(result.triples.size);
    const back = new Parser({ format: "N-Quads" }).parse(large.text);
    expect(back).toHaveLength(result.quads.length);
    const [a, b] = await Promise.all([
      canonize.canonize(back, { algorithm: "RDFC-1.0" }),
      canonize.canonize(result.quads, { algorithm: "RDFC-1.0" }),
    ]);
    expect(a).toBe(b);
  });

  it("escapes quotes, backslashes, line breaks and control characters, and keeps other characters as they are", () => {
    const doc = structuredClone(demo);
    const tricky = 'Le "Grand" \\ soir\nligne 2\r\tfin \u0001\u007f \u2028 🎭 été';
    doc.productions[0].name = { fr: tricky, en: "plain" };
    const result = mapRecords(doc, { origins: false });
    expect(result.rejected).toEqual([]);
    const { text } = nquadsOf(result);
    const line = text.split("\n").find((l) => l.includes("soir"))!;
    expect(line).toContain('"Le \\"Grand\\" \\\\ soir\\nligne 2\\r\\tfin \\u0001\\u007F \u2028 🎭 été"@fr');
    const names = new Parser({ format: "N-Quads" }).parse(text).filter((q) => q.object.termType === "Literal" && q.object.value === tricky);
    expect(names.length).toBeGreaterThan(0);
  });

  it("iterates the same quads as toQuads, made one at a time", () => {
    const result = mapRecords(demo, { origins: false });
    const streamed = [...result.triples];
    expect(streamed).toHaveLength(result.quads.length);
    streamed.forEach((q, i) => expect(q.equals(result.quads[i]!)).toBe(true));
  });
});

describe("TripleTable", () => {
  it("gives back every triple in order across chunks, through forEach, iteration, toQuads and N-Quads", () => {
    const p = [DataFactory.namedNode("https://p.example/a"), DataFactory.namedNode("https://p.example/b")];
    const dt = DataFactory.namedNode("http://www.w3.org/2001/XMLSchema#integer");
    const table = new TripleTable();
    const expected: [string, string, string, string | null][] = [];
    // Subjects come back after others (runs), kinds alternate: IRI, datatype, language, and three chunks' worth.
    for (let i = 0; i < 40_000; i++) {
      const s = `https://s.example/${i % 7 === 0 ? 0 : Math.floor(i / 3)}`;
      const kind = i % 3 === 0 ? null : i % 3 === 1 ? dt : i % 2 ? "fr" : "en";
      const o = kind === null ? `https://o.example/${i}` : String(i);
      table.push(s, p[i % 2]!, o, kind);
      expected.push([s, p[i % 2]!.value, o, kind === null ? null : typeof kind === "string" ? kind : kind.value]);
    }
    expect(table.size).toBe(40_000);
    const seen: (typeof expected)[number][] = [];
    table.forEach((s, pr, o, k) => seen.push([s, pr.value, o, k === null ? null : typeof k === "string" ? k : k.value]));
    expect(seen).toEqual(expected);
    const fromQuad = (q: Quad): (typeof expected)[number] => [
      q.subject.value, q.predicate.value, q.object.value,
      q.object.termType === "NamedNode" ? null : (q.object as { language: string }).language || (q.object as { datatype: { value: string } }).datatype.value,
    ];
    expect([...table].map(fromQuad)).toEqual(expected);
    expect(table.toQuads().map(fromQuad)).toEqual(expected);
    const lines: string[] = [];
    table.writeNQuads((c) => lines.push(c));
    expect(lines.join("").split("\n").filter(Boolean)).toHaveLength(40_000);
    const text = lines.join("").split("\n");
    expect(text[39_998]).toBe(`<${expected[39_998]![0]}> <${expected[39_998]![1]}> "39998"@en .`);
    expect(text[39_999]).toBe(`<${expected[39_999]![0]}> <${expected[39_999]![1]}> <https://o.example/39999> .`);
    expect(text[39_997]).toBe(`<${expected[39_997]![0]}> <${expected[39_997]![1]}> "39997"^^<${expected[39_997]![3]}> .`);
  });

  it("says so, rather than mixing ids up, past 32,767 datatypes and language tags", () => {
    const table = new TripleTable();
    const p = DataFactory.namedNode("https://p.example/a");
    for (let i = 1; i < 32_768; i++) table.push("https://s.example/s", p, "x", `x-${i}`);
    expect(() => table.push("https://s.example/s", p, "x", "x-32768")).toThrow(RangeError);
    let last = "";
    table.forEach((_s, _p, _o, k) => (last = k as string));
    expect(last).toBe("x-32767");
  });
});
