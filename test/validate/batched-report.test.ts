// The large-season path (the mapper's triples encoded from their strings, batches cut in this thread with their own
// terms and validated on a worker, provenance made for the issues' fields only) gives the same report, issue for issue
// with its record and field, as validating the whole graph at once with every subject's origins.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateSeason } from "../../bench/generate.js";
import { mapRecords } from "../../src/mapping/index.js";
import { normalizeIssues } from "../../src/validate/issues.js";
import { validateInParallel } from "../../src/validate/parallel.js";
import { createValidator } from "../../src/validate/validator.js";

const demo = JSON.parse(readFileSync(new URL("../../fixtures/demo-season.json", import.meta.url), "utf8")) as unknown;
// The generator's season has one violation (a festival without a venue); two more such festivals are added here.
const generated = generateSeason(1500, { seed: 11 }) as unknown as { series: Record<string, unknown>[] };
generated.series.push(
  { id: "no-venue-1", kind: "festival", name: { fr: "Festival sans lieu" } },
  { id: "no-venue-2", kind: "festival", name: { fr: "Autre festival sans lieu" } },
);

describe.each([
  ["the demo season", demo],
  ["1,500 generated performances with violations", generated],
])("%s", (_, input) => {
  it("batched on a worker with lazy provenance: the whole-graph report", async () => {
    const map = mapRecords(input);
    const whole = await (await createValidator("core")).validate(map.quads, { origins: map.origins });
    const batched = await validateInParallel(map.triples, "core", {
      size: map.triples.size,
      originsOf: map.originsOf,
      workers: 1,
      batchSize: 200,
    });
    expect(whole.issues.length).toBeGreaterThan(10);
    expect(batched.issues.filter((i) => i.field !== undefined).length).toBeGreaterThan(10);
    expect(batched.conforms).toBe(whole.conforms);
    expect(batched.violations).toBe(whole.violations);
    expect(batched.warnings).toBe(whole.warnings);
    expect(batched.issues).toEqual(normalizeIssues(whole.issues));
  }, 180_000);
});

it("the generated season's report has violations (the comparison covers them)", async () => {
  const map = mapRecords(generated);
  const report = await validateInParallel(map.triples, "core", { size: map.triples.size, originsOf: map.originsOf });
  expect(report.violations).toBeGreaterThanOrEqual(3);
}, 180_000);
