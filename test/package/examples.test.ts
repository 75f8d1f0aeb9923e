// The TSDoc examples of the package's front door compile: every ```ts block of an @example on a name the root
// (src/index.ts) or an entry point (src/api/*.ts) exports, or on a member of such a class, is written to a file of its
// own that imports "vivant-ld" (and "vivant-ld/<area>") mapped to the sources, and the files are type-checked together
// in one program (strict, NodeNext, and the repository's own stricter flags). They are not run: they open stores,
// servers, files.

import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const INDEX = join(ROOT, "src", "index.ts");

/** The root exports that must carry an example (issue #15: "an example on the main ones"). */
const MAIN = [
  "parseRecords",
  "mapRecords",
  "toEmbeds",
  "embedScript",
  "validateRecords",
  "validateJsonLd",
  "createValidator",
  "GraphStore",
  "RemoteStore",
  "ingest",
  "findPerformances",
  "VivantServer",
  "isVivantError",
  "isInputError",
  "formatProblem",
  "PROBLEM_CODES",
  "isProblemCode",
];

interface Example {
  /** The export (or `Class.member`) whose TSDoc holds it. */
  readonly owner: string;
  readonly code: string;
}

/** The text of a JSDoc comment without its `/**`, `*\/` and leading ` * `. */
function commentText(doc: ts.JSDoc): string {
  return doc
    .getText()
    .replace(/^\/\*\*/, "")
    .replace(/\*\/$/, "")
    .split("\n")
    .map((l) => l.replace(/^\s*\* ?/, ""))
    .join("\n");
}

/** Each @example's text: from the tag to the next tag outside a fenced block, or the end. */
function exampleTags(text: string): string[] {
  const tags: string[] = [];
  let current: string[] | undefined;
  let fenced = false;
  for (const line of text.split("\n")) {
    if (!fenced && /^@\w+/.test(line)) {
      if (current) tags.push(current.join("\n"));
      current = line.startsWith("@example") ? [line.slice("@example".length)] : undefined;
      continue;
    }
    if (/^```/.test(line.trim())) fenced = !fenced;
    current?.push(line);
  }
  if (current) tags.push(current.join("\n"));
  return tags;
}

/** The ```ts blocks of the @example tags of `node`'s TSDoc; `unfenced` counts the tags without one. */
function examplesOf(node: ts.Node): { blocks: string[]; unfenced: number } {
  const blocks: string[] = [];
  let unfenced = 0;
  for (const doc of ts.getJSDocCommentsAndTags(node)) {
    if (!ts.isJSDoc(doc)) continue;
    for (const tag of exampleTags(commentText(doc))) {
      const found = [...tag.matchAll(/^```ts\n([\s\S]*?)^```/gm)].map((m) => m[1]!);
      if (found.length) blocks.push(...found);
      else unfenced++;
    }
  }
  return { blocks, unfenced };
}

const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ["lib.es2023.d.ts"],
  types: ["node"],
  typeRoots: [join(ROOT, "node_modules", "@types")],
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  skipLibCheck: true,
  noEmit: true,
  paths: { "vivant-ld": [INDEX], "vivant-ld/*": [join(ROOT, "src", "api", "*.ts")] },
};

describe("the TSDoc examples of the package's exports", () => {
  const dir = mkdtempSync(join(tmpdir(), "vivant-examples-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const entries = readdirSync(join(ROOT, "src", "api"))
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(ROOT, "src", "api", f));
  const sources = ts.createProgram([INDEX, ...entries], options);
  const checker = sources.getTypeChecker();
  const examples: Example[] = [];
  const unfenced: string[] = [];
  const seen = new Set<ts.Node>();
  for (const file of [INDEX, ...entries]) {
    const module = checker.getSymbolAtLocation(sources.getSourceFile(file)!)!;
    for (const s of checker.getExportsOfModule(module)) {
      const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
      for (const d of target.declarations ?? []) {
        if (seen.has(d)) continue; // exported by the root and an entry point: one declaration, checked once
        seen.add(d);
        const owned: [string, ts.Node][] = [[s.name, d]];
        if (ts.isClassDeclaration(d))
          for (const m of d.members) if (m.name && ts.isIdentifier(m.name)) owned.push([`${s.name}.${m.name.text}`, m]);
        for (const [owner, node] of owned) {
          const found = examplesOf(node);
          for (const code of found.blocks) examples.push({ owner, code });
          // A root export's own example is code, and code is checked: no bare @example on it.
          if (file === INDEX && owner === s.name && found.unfenced) unfenced.push(owner);
        }
      }
    }
  }

  it("has an example on every main export, each a ```ts block", () => {
    const owners = new Set(examples.map((e) => e.owner.split(".")[0]!));
    console.log(`[examples] ${examples.length} examples on ${owners.size} exports`);
    expect(MAIN.filter((n) => !owners.has(n))).toEqual([]);
    expect(unfenced).toEqual([]);
  });

  it("type-checks every example against the sources, in one program", () => {
    const files = new Map<string, string>();
    examples.forEach((e, i) => {
      const file = join(dir, `${String(i + 1).padStart(2, "0")}-${e.owner.replace(/\W/g, "_")}.mts`);
      writeFileSync(file, e.code);
      files.set(file, e.owner);
    });
    const program = ts.createProgram([...files.keys()], options);
    const problems = [...files].flatMap(([file, owner]) => {
      const sf = program.getSourceFile(file)!;
      return [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)].map((d) => {
        const line = d.start !== undefined ? sf.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
        return `${owner} (example line ${line}): ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
      });
    });
    const global = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()].map((d) =>
      ts.flattenDiagnosticMessageText(d.messageText, "\n"),
    );
    expect([...global, ...problems]).toEqual([]);
  });
});
