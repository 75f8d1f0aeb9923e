// Provenance made for the issues only: validateInParallel with the mapper's `originsOf` names the same records and
// fields as with every subject's origins, in this thread and on a worker, and asks only for those subjects.

import { describe, expect, it } from "vitest";
import { generateSeason } from "../../bench/generate.js";
import { mapRecords } from "../../src/mapping/index.js";
import type { Origins } from "../../src/mapping/types.js";
import { validateInParallel } from "../../src/validate/parallel.js";

describe("origins of the issues' subjects only", () => {
  const doc = generateSeason(400, { seed: 7 }) as unknown as { performances: Record<string, unknown>[] };
  // A record with a problem of its own: a start date that does not exist.
  doc.performances[3] = { ...doc.performances[3], startDate: "2026-02-30T20:00:00+01:00" };
  const map = mapRecords(doc);

  it("gives the same report as every subject's origins, in this thread and on a worker", async () => {
    const asked: number[] = [];
    const originsOf = (
      subjects: ReadonlySet<string>,
      predicates?: ReadonlyMap<string, ReadonlySet<string>>,
    ): Origins => {
      asked.push(subjects.size);
      // With the predicates validateInParallel gives: only the fields the issues read are made.
      expect(predicates).toBeDefined();
      return map.originsOf(subjects, predicates);
    };
    for (const workers of [0, 1]) {
      const whole = await validateInParallel(map.triples, "core", {
        size: map.triples.size,
        origins: map.origins,
        workers,
      });
      const lazy = await validateInParallel(map.triples, "core", { size: map.triples.size, originsOf, workers });
      expect(lazy).toEqual(whole);
      expect(whole.issues.length).toBeGreaterThan(100);
      expect(whole.issues.filter((i) => i.recordId !== undefined && i.field !== undefined).length).toBe(
        whole.issues.length,
      );
    }
    expect(asked.length).toBe(2);
    // The generated season has a warning on most records (offers without a URL): still, not every subject is asked for.
    for (const n of asked) expect(n).toBeLessThan(map.origins.size);
  }, 120_000);

  it("originsOf gives exactly the full origins' entries for the subjects asked", () => {
    const some = new Set([...map.origins.keys()].filter((_, i) => i % 7 === 0));
    const part = map.originsOf(some);
    expect(part.size).toBe(some.size);
    for (const s of some) expect(part.get(s)).toEqual(map.origins.get(s));
  });
});
