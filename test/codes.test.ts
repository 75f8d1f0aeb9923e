// The one list of problem codes (src/codes.ts): every code it lists is emitted somewhere in the sources, each has a
// doc, and the guard that reads codes back from JSON knows exactly these. That every code the sources emit is in the
// list is the compiler's job (`code: ProblemCode`); test/api-types.test.ts refuses a typo at compile time.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isProblemCode, PROBLEM_CODES, type ProblemCode } from "../src/codes.js";

const ROOTS = ["src", "bench"];

/** Every TypeScript source but the list itself and the message catalogues (whose keys are messages, not codes). */
function sources(): string {
  const texts: string[] = [];
  for (const root of ROOTS) {
    for (const f of readdirSync(root, { recursive: true, encoding: "utf8" })) {
      if (!f.endsWith(".ts") || f.endsWith(".d.ts")) continue;
      const path = join(root, f);
      if (
        path === join("src", "codes.ts") ||
        path === join("src", "i18n.ts") ||
        path.startsWith(join("src", "i18n") + "/")
      )
        continue;
      texts.push(readFileSync(path, "utf8"));
    }
  }
  return texts.join("\n");
}

/** Codes the sources build from a template rather than write out, with the template that builds them. */
const BUILT: Readonly<Partial<Record<ProblemCode, string>>> = {
  "uitdatabank/periodic-without-dates": "`uitdatabank/${calendar}-without-dates`",
  "uitdatabank/permanent-without-dates": "`uitdatabank/${calendar}-without-dates`",
};

describe("problem codes", () => {
  const codes = Object.keys(PROBLEM_CODES) as (keyof typeof PROBLEM_CODES)[];
  const text = sources();

  it("lists codes, each once, in the area/name form", () => {
    expect(codes.length).toBeGreaterThan(200);
    for (const c of codes) expect(c, c).toMatch(/^(?:[a-z]+\/[a-z0-9-]+|internal)$/);
  });

  it("lists only codes the sources emit", () => {
    const unused = codes.filter((c) => {
      const built = BUILT[c];
      return built !== undefined ? !text.includes(built) : !text.includes(JSON.stringify(c));
    });
    expect(unused).toEqual([]);
  });

  it("documents every code", () => {
    for (const c of codes) expect(PROBLEM_CODES[c].trim().length, c).toBeGreaterThan(10);
  });

  it("recognises exactly the listed codes and the JSON-LD processor's and CSV cells' families", () => {
    for (const c of codes) expect(isProblemCode(c), c).toBe(true);
    expect(isProblemCode("jsonld/loading-document-failed")).toBe(true);
    expect(isProblemCode("csv/invalid-price")).toBe(true);
    expect(isProblemCode("record/invalid-dates")).toBe(false);
    expect(isProblemCode("toString")).toBe(false);
    expect(isProblemCode("jsonld/")).toBe(false);
    expect(isProblemCode(42)).toBe(false);
  });
});
