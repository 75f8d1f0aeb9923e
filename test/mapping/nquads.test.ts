// The triple table's own N-Quads writer (used by `vivant map --format nquads` and for streaming large
// seasons) must say exactly what the RDF/JS quads say, read back by n3's parser.

import { readFileSync } from "node:fs";
import { Parser } from "n3";
import canonize from "rdf-canonize";
import { describe, expect, it } from "vitest";
import { mapRecords } from "../../src/mapping/index.js";

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
