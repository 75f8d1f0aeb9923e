// The triples' own N-Quads writer (used by `vivant map --format nquads` and for streaming large seasons) must say
// exactly what the RDF/JS quads say, read back by n3's parser; every way of reading the triples gives the same ones.

import { readFileSync } from "node:fs";
import { Parser } from "n3";
import type { Quad } from "@rdfjs/types";
import canonize from "rdf-canonize";
import { describe, expect, it } from "vitest";
import { mapRecords } from "../../src/mapping/index.js";
import { generateSeason } from "../../bench/generate.js";

const demo = JSON.parse(readFileSync(new URL("../../fixtures/demo-season.json", import.meta.url), "utf8")) as Record<
  string,
  any
>;

function nquadsOf(result: ReturnType<typeof mapRecords>, chunkSize?: number): { text: string; chunks: number } {
  const chunks: string[] = [];
  result.triples.writeNQuads((c) => chunks.push(c), chunkSize);
  return { text: chunks.join(""), chunks: chunks.length };
}

describe("Triples.writeNQuads", () => {
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
    const names = new Parser({ format: "N-Quads" })
      .parse(text)
      .filter((q) => q.object.termType === "Literal" && q.object.value === tricky);
    expect(names.length).toBeGreaterThan(0);
  });

  it("iterates the same quads as toQuads, made one at a time", () => {
    const result = mapRecords(demo, { origins: false });
    const streamed = [...result.triples];
    expect(streamed).toHaveLength(result.quads.length);
    streamed.forEach((q, i) => expect(q.equals(result.quads[i])).toBe(true));
  });
});

/** A triple as plain values: subject, predicate, object, and null (IRI), a language tag or a datatype IRI. */
type Row = [string, string, string, string | null];
const fromQuad = (q: Quad): Row => [
  q.subject.value,
  q.predicate.value,
  q.object.value,
  q.object.termType === "NamedNode"
    ? null
    : (q.object as { language: string }).language || (q.object as { datatype: { value: string } }).datatype.value,
];

describe("Triples", () => {
  it("gives the same triples in the same order through forEach, iteration, toQuads and N-Quads, every time it is read", () => {
    const result = mapRecords(generateSeason(300, { seed: 7 }), { origins: false });
    expect(result.rejected).toEqual([]);
    const rows = (): Row[] => {
      const out: Row[] = [];
      result.triples.forEach((s, p, o, k) =>
        out.push([s, p.value, o, k === null ? null : typeof k === "string" ? k : k.value]),
      );
      return out;
    };
    const first = rows();
    expect(first.length).toBeGreaterThan(300 * 10);
    expect(result.triples.size).toBe(first.length);
    expect(rows()).toEqual(first);
    expect([...result.triples].map(fromQuad)).toEqual(first);
    expect(result.triples.toQuads().map(fromQuad)).toEqual(first);
    expect(result.quads.map(fromQuad)).toEqual(first);
    const lines = nquadsOf(result).text.split("\n").filter(Boolean);
    expect(new Parser({ format: "N-Quads" }).parse(lines.join("\n")).map(fromQuad)).toEqual(first);
  });

  it("counts its triples on the first reading, and has none without a usable publisher", () => {
    const result = mapRecords(demo, { origins: false });
    let n = 0;
    result.triples.forEach(() => n++);
    expect(result.triples.size).toBe(n);
    const none = mapRecords({ performances: [] }, { origins: false });
    expect(none.triples.size).toBe(0);
    expect([...none.triples]).toEqual([]);
  });

  it("hands out quads one record at a time: a reader may stop early", () => {
    const result = mapRecords(demo, { origins: false });
    const it = result.triples[Symbol.iterator]();
    const firstFive: Quad[] = [];
    for (let i = 0; i < 5; i++) firstFive.push(it.next().value as Quad);
    expect(it.return?.().done).toBe(true);
    firstFive.forEach((q, i) => expect(q.equals(result.quads[i])).toBe(true));
  });

  it("finds the same origins as mapRecords, for every subject", () => {
    const result = mapRecords(demo);
    const subjects = new Set(result.quads.map((q) => q.subject.value));
    expect(new Set(result.origins.keys())).toEqual(subjects);
    expect(result.triples.origins()).toEqual(result.origins);
  });
});
