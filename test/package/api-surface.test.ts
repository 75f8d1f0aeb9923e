// The package's front door: the root (src/index.ts) exports a small set of names, each with a TSDoc comment, and
// every other public name lives behind an entry point of package.json "exports" (src/api/*.ts), each listed there.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const PKG = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  exports: Record<string, string | { types: string; import: string }>;
};

/** A module's exported names, and those whose declaration carries no TSDoc comment. */
function surface(program: ts.Program, file: string): { names: string[]; undocumented: string[] } {
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
  const names: string[] = [];
  const undocumented: string[] = [];
  for (const s of checker.getExportsOfModule(module)) {
    names.push(s.name);
    const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
    const documented =
      target.getDocumentationComment(checker).length > 0 ||
      (target.declarations ?? []).some((d) => ts.getJSDocCommentsAndTags(d).length > 0);
    if (!documented) undocumented.push(s.name);
  }
  return { names, undocumented };
}

describe("the package's front door", () => {
  const entries = readdirSync(join(ROOT, "src", "api"))
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(ROOT, "src", "api", f));
  const index = join(ROOT, "src", "index.ts");
  const program = ts.createProgram([index, ...entries], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
  });

  it("exports about fifty names from the root, every one documented", () => {
    const { names, undocumented } = surface(program, index);
    console.log(`[api surface] root: ${names.length} exports, ${names.length - undocumented.length} documented`);
    expect(names.length).toBeGreaterThanOrEqual(40);
    expect(names.length).toBeLessThanOrEqual(55);
    expect(undocumented).toEqual([]);
  });

  it("has one package.json entry point per file of src/api/, built to dist/src/api/", () => {
    const subpaths = Object.keys(PKG.exports)
      .filter((k) => k.startsWith("./") && k !== "./package.json")
      .sort();
    expect(subpaths).toEqual(entries.map((f) => `./${f.slice(join(ROOT, "src", "api").length + 1, -3)}`).sort());
    for (const k of subpaths) {
      const name = k.slice(2);
      expect(PKG.exports[k], k).toEqual({ types: `./dist/src/api/${name}.d.ts`, import: `./dist/src/api/${name}.js` });
    }
  });

  it("keeps every name of the root in some entry point or in the root alone, and reports each entry point's documented share", () => {
    const root = new Set(surface(program, index).names);
    let all = 0;
    let documented = 0;
    for (const f of entries) {
      const s = surface(program, f);
      expect(s.names.length, f).toBeGreaterThan(0);
      all += s.names.length;
      documented += s.names.length - s.undocumented.length;
      for (const n of s.names) root.delete(n);
    }
    console.log(
      `[api surface] entry points: ${entries.length}, ${all} exports, ${documented} documented (${Math.round((100 * documented) / all)} %)`,
    );
    // What only the root exports: the errors and the problem codes, shared by every area.
    expect(
      [...root].every((n) =>
        /Error|Problem|Lang|LANGS|Text|Severity|messageOf|isErrorNamed|PROBLEM_CODES|ProblemCode/.test(n),
      ),
      [...root].join(" "),
    ).toBe(true);
  });
});
