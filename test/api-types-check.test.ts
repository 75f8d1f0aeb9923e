// The type-level tests (test/api-types.test.ts) can fail: compiled as tsc compiles them they pass, and compiled
// again with one public type broken (ProblemCode widened to string, the error family's names to any string) they
// do not, on the lines that check those types (an equality check cannot see a widened alias: the lines that must
// not compile do).

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const FILE = join(ROOT, "test", "api-types.test.ts");

/** The type errors of test/api-types.test.ts, with `edit` applied to the sources it names. */
function diagnostics(edit: Readonly<Record<string, (text: string) => string>>): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, "tsconfig.json"),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  )!;
  const host = ts.createCompilerHost(config.options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, onError, create) => {
    const rel = name.startsWith(ROOT) ? name.slice(ROOT.length) : name;
    const change = edit[rel];
    if (change === undefined) return read(name, language, onError, create);
    const before = readFileSync(name, "utf8");
    const after = change(before);
    expect(after, `the edit of ${rel} changed nothing`).not.toBe(before);
    return ts.createSourceFile(name, after, language);
  };
  const program = ts.createProgram([FILE], { ...config.options, noEmit: true }, host);
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(FILE)).map((d) => {
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    return `${line}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
  });
}

describe("the type-level tests", () => {
  it("compile as they are", () => {
    expect(diagnostics({})).toEqual([]);
  }, 180_000);

  it("fail when a public type is broken", () => {
    const found = diagnostics({
      "src/codes.ts": (s) => s.replace(/export type ProblemCode = [^;]+;/, "export type ProblemCode = string;"),
      "src/errors.ts": (s) =>
        s.replace("export type VivantErrorName = keyof typeof PARENT;", "export type VivantErrorName = string;"),
    });
    const source = readFileSync(FILE, "utf8").split("\n");
    const lines = found.map((d) => source[Number(d.split(":")[0]) - 1]!.trim());
    // The misspelt code, the plain string, the made-up code and the foreign class name now compile, so the
    // lines that expect an error there are unused directives: each one a type error.
    expect(
      found.every((d) => /Unused '@ts-expect-error'/.test(d)),
      found.join("\n"),
    ).toBe(true);
    expect(lines).toEqual([
      "// @ts-expect-error not a code Vivant emits (invalid-dates)",
      "// @ts-expect-error a code is not any string",
      "// @ts-expect-error not a code",
      "// @ts-expect-error not a class of the family",
    ]);
  }, 180_000);
});
