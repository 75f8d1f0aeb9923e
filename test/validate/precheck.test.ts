// The compiled checks (src/validate/precheck.ts) against the engine, focus node by focus node: whenever a check
// says a shape finds nothing, the engine finds nothing there; whenever it says the shape finds something, the
// engine does. Every profile, on valid and broken graphs.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Quad } from "@rdfjs/types";
import { generateSeason } from "../../bench/generate.js";
import { mapRecords } from "../../src/mapping/index.js";
import { parseRdf } from "../../src/rdf/io.js";
import { IndexedDataset } from "../../src/validate/dataset.js";
import { embedFormQuads } from "../../src/validate/input.js";
import { resolveTargets } from "../../src/validate/plan.js";
import { PROFILES } from "../../src/validate/profiles.js";
import { createValidator } from "../../src/validate/validator.js";

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), "utf8");
const demo = mapRecords(JSON.parse(readFileSync(new URL("../../fixtures/demo-season.json", import.meta.url), "utf8")));

const graphs: [string, () => Promise<Quad[]>][] = [
  ["broken.ttl", () => parseRdf(fixture("broken.ttl"), "turtle")],
  ["season.ttl", () => parseRdf(fixture("season.ttl"), "turtle")],
  ["the demo season, graph form", async () => demo.quads],
  ["the demo season, embed form", async () => (await embedFormQuads(demo.document!)).quads],
  ["300 generated performances", async () => mapRecords(generateSeason(300, { seed: 11 })).quads],
];

/** At most this many (shape, focus node) pairs per graph and profile are asked of the engine one by one. */
const SAMPLE = 1500;

describe.each(PROFILES)("profile %s", (profile) => {
  it.each(graphs)("%s: each verdict of the compiled checks is the engine's", async (_, load) => {
    const compiled = (await createValidator(profile)).shapes.compiled;
    const data = new IndexedDataset(await load());
    const targets = resolveTargets(data, compiled.declarations);
    const pairs = compiled.declarations.flatMap((d, i) => targets[i]!.map((focus) => ({ shape: d.shape, focus })));
    const step = Math.max(1, Math.floor(pairs.length / SAMPLE));
    const tally = { conforms: 0, fails: 0, engine: 0 };
    for (let i = 0; i < pairs.length; i += step) {
      const { shape, focus } = pairs[i]!;
      const verdict = compiled.checkOf(shape)?.(focus, data);
      if (verdict === undefined) {
        tally.engine++;
        continue;
      }
      const found = await compiled.run(data, [{ shape, focus: [focus] }], { skip: false });
      expect(
        found.length === 0,
        `${shape.value} on ${focus.value}: check says ${verdict ? "nothing" : "something"}`,
      ).toBe(verdict);
      tally[verdict ? "conforms" : "fails"]++;
    }
    // Not vacuous: pairs are decided without the engine, most of them under the core profile.
    expect(tally.conforms).toBeGreaterThan(0);
    if (profile === "core") expect(tally.conforms).toBeGreaterThan(tally.engine);
  });
});
