// WildcardMatch's matcher against a reference (a regular expression built from the same pattern) on generated
// patterns and texts over a small alphabet, and the folding of patterns as names are folded.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldPattern, wildcardMatch } from "../../src/reconcile/qualifiers.js";

function reference(pattern: string, text: string): boolean {
  const source = [...pattern]
    .map((c) => (c === "*" ? "[\\s\\S]*" : c === "?" ? "[\\s\\S]" : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`, "u").test(text);
}

describe("wildcardMatch", () => {
  it("agrees with a regular expression on generated patterns and texts", () => {
    const alphabet = fc.constantFrom("a", "b", " ", "é");
    const pattern = fc.array(fc.oneof(alphabet, fc.constantFrom("*", "?")), { maxLength: 8 }).map((a) => a.join(""));
    const text = fc.array(alphabet, { maxLength: 10 }).map((a) => a.join(""));
    let matched = 0;
    fc.assert(
      fc.property(pattern, text, (p, t) => {
        const r = reference(p, t);
        if (r) matched++;
        expect(wildcardMatch(p, t), `${JSON.stringify(p)} ${JSON.stringify(t)}`).toBe(r);
      }),
      { numRuns: 3000 },
    );
    expect(matched).toBeGreaterThan(100);
  });

  it("counts a character outside the BMP as one for ?", () => {
    expect(wildcardMatch("a?b", "a🎭b")).toBe(true);
  });
});

describe("foldPattern", () => {
  it("folds the literal pieces as names are folded and keeps * and ?", () => {
    expect(foldPattern("Théâtre de l'Œuv*")).toBe("theatre de l oeuv*");
    expect(foldPattern("*Grand Qu*")).toBe("*grand qu*");
    expect(foldPattern("V?laine")).toBe("v?laine");
  });
});
