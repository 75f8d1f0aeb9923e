// The shapes themselves: every profile parses and compiles, follows the conventions in shapes/README.md,
// and the shipped class hierarchy matches the pinned vocabularies.

import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Quad } from "@rdfjs/types";
import { CLASS_HIERARCHY_FILE, PROFILES, loadProfileQuads, shapesDir } from "../../src/validate/profiles.js";
import { ShapesValidator } from "../../src/validate/validator.js";
import { SH, SHACL_CORE_PARAMETERS } from "../../src/vocab.js";
import { classHierarchyTurtle } from "./support/classes.js";

const CONSTRAINT_PARAMETERS = SHACL_CORE_PARAMETERS.map((p) => `${SH}${p}`);

function namedShapes(quads: Quad[]): Map<string, Quad[]> {
  const bySubject = new Map<string, Quad[]>();
  for (const q of quads) {
    if (q.subject.termType !== "NamedNode") continue;
    const list = bySubject.get(q.subject.value) ?? [];
    list.push(q);
    bySubject.set(q.subject.value, list);
  }
  return new Map([...bySubject].filter(([, qs]) => qs.some((q) => CONSTRAINT_PARAMETERS.includes(q.predicate.value))));
}

describe("schemaorg-classes.ttl", () => {
  it("matches the pinned vocabularies", () => {
    const expected = classHierarchyTurtle();
    const file = `${shapesDir()}${CLASS_HIERARCHY_FILE}`;
    if (process.env.VIVANT_UPDATE === "1") writeFileSync(file, expected);
    expect(readFileSync(file, "utf8")).toBe(expected);
  });
});

describe.each(PROFILES)("profile %s", (profile) => {
  const quads = loadProfileQuads(profile);
  const shapes = namedShapes(quads);

  it("compiles", () => {
    expect(() => new ShapesValidator(quads, profile)).not.toThrow();
    expect(shapes.size).toBeGreaterThan(10);
  });

  it("gives every constraint a message in English and in French, and a deliberate severity", () => {
    const missing: string[] = [];
    for (const [iri, qs] of shapes) {
      const langs = qs
        .filter((q) => q.predicate.value === `${SH}message`)
        .map((q) => (q.object as { language?: string }).language);
      if (!langs.includes("en")) missing.push(`${iri}: no @en message`);
      if (!langs.includes("fr")) missing.push(`${iri}: no @fr message`);
      if (!qs.some((q) => q.predicate.value === `${SH}severity`)) missing.push(`${iri}: no sh:severity`);
    }
    expect(missing).toEqual([]);
  });

  it.runIf(profile !== "artsdata")("carries one constraint per named shape (one code, one message)", () => {
    const several = [...shapes]
      .map(
        ([iri, qs]) =>
          [
            iri,
            new Set(qs.filter((q) => CONSTRAINT_PARAMETERS.includes(q.predicate.value)).map((q) => q.predicate.value)),
          ] as const,
      )
      .filter(([, params]) => params.size > 1)
      .map(([iri]) => iri);
    expect(several).toEqual([]);
  });
});
