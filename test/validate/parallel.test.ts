// validateInParallel starts worker threads only for big graphs: a small array of quads (a page, a Graph Store
// write, the demo season) is validated in this thread, with the same batches and the same findings.

import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";

const started = vi.hoisted(() => ({ workers: 0 }));
vi.mock("node:worker_threads", async (original) => {
  const real = await original<typeof import("node:worker_threads")>();
  class CountedWorker extends real.Worker {
    constructor(...args: ConstructorParameters<typeof real.Worker>) {
      started.workers++;
      super(...args);
    }
  }
  return { ...real, Worker: CountedWorker };
});

const { mapRecords } = await import("../../src/mapping/index.js");
const { PARALLEL_FROM, validateInParallel } = await import("../../src/validate/parallel.js");

const demo = mapRecords(JSON.parse(readFileSync(new URL("../../fixtures/demo-season.json", import.meta.url), "utf8")));

describe("validateInParallel", () => {
  it("validates a small graph in this thread", async () => {
    expect(demo.quads.length).toBeLessThan(PARALLEL_FROM);
    started.workers = 0;
    const here = await validateInParallel(demo.quads, "core", { origins: demo.origins });
    expect(started.workers).toBe(0);
    const threads = await validateInParallel(demo.quads, "core", { workers: 1, origins: demo.origins });
    expect(started.workers).toBe(1);
    expect(threads.issues).toEqual(here.issues);
  });
});

describe("EncodedGraph", () => {
  it("encodes n3 literals from their ids as their own getters read them", async () => {
    const { DataFactory } = await import("n3");
    const { EncodedGraph, encodeTerm } = await import("../../src/validate/partition.js");
    const { namedNode, literal, quad } = DataFactory;
    const objects = [
      literal("plain"),
      literal('with "quotes" inside'),
      literal("été", "FR-ca"),
      literal("42", namedNode("http://www.w3.org/2001/XMLSchema#integer")),
      literal("right", { language: "ar", direction: "rtl" } as never),
      literal(""),
      literal('x"@en'),
      namedNode("http://example.org/o"),
    ];
    const s = namedNode("http://example.org/s");
    const p = namedNode("http://example.org/p");
    const graph = new EncodedGraph(objects.map((o) => quad(s, p, o)));
    for (const o of objects) expect(graph.terms).toContain(encodeTerm(o));
    expect(graph.terms).toHaveLength(2 + objects.length);
  });
});

describe("EncodedGraph of the mapper's triples", () => {
  it("encodes the triples' strings exactly as the quads made from them", async () => {
    const { EncodedGraph } = await import("../../src/validate/partition.js");
    const fromQuads = new EncodedGraph(demo.triples);
    const fromStrings = new EncodedGraph({ triples: demo.triples });
    expect(fromStrings.terms.length).toBeGreaterThan(1000);
    expect(fromStrings.terms).toEqual(fromQuads.terms);
    expect(fromStrings.subjects).toEqual(fromQuads.subjects);
    expect(fromStrings.offsets).toEqual(fromQuads.offsets);
    expect(fromStrings.pairs).toEqual(fromQuads.pairs);
    for (let id = 0; id < fromQuads.terms.length; id++)
      expect(fromStrings.isNode(id)).toBe(/^[IB]/.test(fromQuads.terms[id]!));
  });
});
