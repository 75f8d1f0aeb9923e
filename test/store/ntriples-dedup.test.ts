// The writer's serialisation keeps each triple once, exactly (lines are deduplicated by hash with the text checked
// against its chunk, not by a set of every line): compared with a plain Set of lines, across several chunks.

import { DataFactory } from "n3";
import type { Quad } from "@rdfjs/types";
import { describe, expect, it } from "vitest";
import { CHUNK_TRIPLES, quadsToEncodedNTriples, quadsToNTriples } from "../../src/store/ntriples.js";

const { quad, namedNode, literal, blankNode } = DataFactory;
const P = namedNode("http://schema.org/name");

function quads(): Quad[] {
  const out: Quad[] = [];
  const n = CHUNK_TRIPLES + 20_000;
  for (let i = 0; i < n; i++) out.push(quad(namedNode(`https://ex.example/s${i}`), P, literal(`Théâtre ${i}`, "fr")));
  for (let i = 0; i < 50; i++) out.push(quad(blankNode(`b${i}`), P, literal(`n${i}`)));
  // Duplicates of lines in the first (closed) chunk, the last one, and the blank-node lines.
  for (let i = 0; i < 1000; i++) out.push(out[i * 7]!, out[n - 1 - i]!, out[n + (i % 50)]!);
  return out;
}

describe("quadsToNTriples drops duplicate triples exactly", () => {
  const input = quads();
  const expected = new Set<string>();
  const text = quadsToNTriples(input, "x");
  for (const line of [...text.chunks, text.bnodeChunk].join("").split("\n").filter(Boolean)) expected.add(line);

  it("keeps every distinct triple once, in text and in encoded form", () => {
    expect(text.triples).toBe(CHUNK_TRIPLES + 20_000 + 50);
    expect(expected.size).toBe(text.triples);
    const encoded = quadsToEncodedNTriples(input, "x");
    expect(encoded.triples).toBe(text.triples);
    expect(encoded.chunks.length).toBe(text.chunks.length);
    encoded.chunks.forEach((c, i) => expect(c.toString("utf8")).toBe(text.chunks[i]));
    expect(encoded.bnodeChunk.toString("utf8")).toBe(text.bnodeChunk);
  });
});
