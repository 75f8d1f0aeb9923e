// The direct quad path (no JSON-LD processing) must say exactly what jsonld.js reads from the graph form.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import canonize from "rdf-canonize";
import { describe, expect, it } from "vitest";
import { jsonLdToQuads } from "../../src/jsonld/convert.js";
import { mapRecords, toGraph } from "../../src/mapping/index.js";

const fixtures = new URL("../../fixtures/", import.meta.url);
const files = [
  ...readdirSync(new URL("golden/", fixtures))
    .filter((f) => f.endsWith(".records.json"))
    .map((f) => `golden/${f}`),
  ...readdirSync(new URL("records/", fixtures))
    .filter((f) => f.endsWith(".json"))
    .map((f) => `records/${f}`),
  ...(existsSync(new URL("demo-season.json", fixtures)) ? ["demo-season.json"] : []),
];

describe.each(files)("%s", (file) => {
  it("direct quads are isomorphic to jsonld.toRDF of the graph form (RDFC-1.0)", async () => {
    const result = mapRecords(JSON.parse(readFileSync(new URL(file, fixtures), "utf8")));
    expect(result.rejected).toEqual([]);
    const viaJsonLd = await jsonLdToQuads(toGraph(result.document!), { safe: true });
    expect(viaJsonLd.length).toBe(result.quads.length);
    const [a, b] = await Promise.all([
      canonize.canonize(result.quads, { algorithm: "RDFC-1.0" }),
      canonize.canonize(viaJsonLd, { algorithm: "RDFC-1.0" }),
    ]);
    expect(a).toBe(b);
  });
});
