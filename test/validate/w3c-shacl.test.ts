// The W3C SHACL Core test suite (98 sht:Validate tests), run through Vivant's own validation path
// (ShapesValidator: compiled shapes → ValidationIssues), each expected sh:ValidationReport compared result by result.
// Suite: ../shared/corpora/w3c-shacl-core-tests/ when present, else the copy shipped inside shacl-engine's package.

import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { Term } from "@rdfjs/types";
import { termToNt } from "../../src/rdf/ntriples.js";
import { nodeId } from "../../src/validate/issues.js";
import { rdfPathToText } from "../../src/validate/paths.js";
import type { ValidationIssue } from "../../src/validate/types.js";
import { ShapesValidator } from "../../src/validate/validator.js";
import { readShaclManifest, type ShaclTest } from "./support/manifest.js";

const SH = "http://www.w3.org/ns/shacl#";
const SEVERITY_IRI = { violation: `${SH}Violation`, warning: `${SH}Warning`, info: `${SH}Info` } as const;

const corpora = fileURLToPath(
  new URL("../../../shared/corpora/w3c-shacl-core-tests/core/manifest.ttl", import.meta.url),
);
const shipped = fileURLToPath(
  new URL("../../node_modules/shacl-engine/test/assets/data-shapes/core/manifest.ttl", import.meta.url),
);
const manifestPath = existsSync(corpora) ? corpora : existsSync(shipped) ? shipped : undefined;
if (!manifestPath)
  console.warn(
    "W3C SHACL core: skipped (neither ../shared/corpora/w3c-shacl-core-tests nor shacl-engine's copy found)",
  );

/** Tests that are known not to pass, with the reason (printed with the count). Empty: all 98 pass. */
const KNOWN_FAILURES: Readonly<Record<string, string>> = {};

interface Row {
  focus: string;
  path: string;
  severity: string;
  component: string;
  shape: string;
  value: string;
  messages: { value: string; language: string }[];
}

const blankWildcard = "_:*";

function expectedRows(t: ShaclTest): { conforms: boolean; rows: Row[] } {
  const g = t.manifest;
  const known = new Set(
    [...t.data.quads, ...t.shapes.quads]
      .flatMap((q) => [q.subject, q.object])
      .filter((x) => x.termType === "BlankNode")
      .map((x) => x.value),
  );
  const id = (x: Term | undefined, nt = false): string => {
    if (!x) return "";
    if (x.termType === "BlankNode" && !known.has(x.value)) return blankWildcard;
    return nt ? termToNt(x) : nodeId(x);
  };
  const conforms = g.one(t.result, `${SH}conforms`)?.value === "true";
  const rows = g.out(t.result, `${SH}result`).map((r) => {
    const path = g.one(r, `${SH}resultPath`);
    return {
      focus: id(g.one(r, `${SH}focusNode`)),
      path: path ? rdfPathToText(path, (s, p) => g.out(s, p)) : "",
      severity: g.one(r, `${SH}resultSeverity`)?.value ?? "",
      component: g.one(r, `${SH}sourceConstraintComponent`)?.value ?? "",
      shape: id(g.one(r, `${SH}sourceShape`)),
      value: id(g.one(r, `${SH}value`), true),
      messages: g
        .out(r, `${SH}resultMessage`)
        .map((m) => ({ value: m.value, language: (m as { language?: string }).language ?? "" })),
    };
  });
  return { conforms, rows };
}

function actualRow(i: ValidationIssue): Row {
  return {
    focus: i.focusNode,
    path: i.path ?? "",
    severity: i.severityIri ?? SEVERITY_IRI[i.severity],
    component: i.constraint,
    shape: i.shape ?? "",
    value: i.value ?? "",
    messages: [
      { value: i.message.en, language: "en" },
      { value: i.message.fr, language: "fr" },
    ],
  };
}

function matches(expected: Row, actual: Row): boolean {
  const same = (e: string, a: string) => e === a || (e === blankWildcard && a.startsWith("_:"));
  return (
    same(expected.focus, actual.focus) &&
    expected.path === actual.path &&
    expected.severity === actual.severity &&
    expected.component === actual.component &&
    same(expected.shape, actual.shape) &&
    same(expected.value, actual.value) &&
    // sh:resultMessage is compared only when the expected report states it (as the suite asks).
    expected.messages.every((m) =>
      actual.messages.some((a) => a.value === m.value && (m.language === "" || a.language === m.language)),
    )
  );
}

/** Differences between the expected report and Vivant's issues; empty when they agree. */
async function runTest(t: ShaclTest): Promise<string[]> {
  const { conforms, rows } = expectedRows(t);
  const issues = await new ShapesValidator(t.shapes.quads, "w3c").check(t.data.quads);
  const actual = issues.map(actualRow);
  const diffs: string[] = [];
  if (conforms !== (issues.length === 0)) diffs.push(`sh:conforms expected ${conforms}, got ${issues.length === 0}`);
  const unmatched = [...actual];
  for (const e of rows) {
    const at = unmatched.findIndex((a) => matches(e, a));
    if (at >= 0) unmatched.splice(at, 1);
    else diffs.push(`missing result ${JSON.stringify({ ...e, messages: undefined })}`);
  }
  for (const a of unmatched) diffs.push(`unexpected result ${JSON.stringify({ ...a, messages: undefined })}`);
  return diffs;
}

describe.skipIf(!manifestPath)("W3C SHACL core test suite", () => {
  const tests = manifestPath ? readShaclManifest(manifestPath) : [];
  const outcome = new Map<string, string[]>();

  it("has the 98 sht:Validate tests", () => {
    expect(tests.length).toBe(98);
  });

  for (const t of tests) {
    const name = t.id.replace(/^.*\/core\//, "");
    const reason = KNOWN_FAILURES[name];
    it.skipIf(reason !== undefined)(name, async () => {
      const diffs = await runTest(t);
      outcome.set(name, diffs);
      expect(diffs, t.label).toEqual([]);
    });
  }

  afterAll(() => {
    const passed = [...outcome.values()].filter((d) => d.length === 0).length;
    const lines = [
      `W3C SHACL core: ${passed}/${tests.length} passed (suite: ${manifestPath === corpora ? "../shared/corpora" : "shacl-engine's copy"})`,
    ];
    for (const [name, reason] of Object.entries(KNOWN_FAILURES)) lines.push(`  skipped ${name}: ${reason}`);
    for (const [name, diffs] of outcome) if (diffs.length) lines.push(`  failed ${name}: ${diffs.join("; ")}`);
    console.log(lines.join("\n"));
  });
});
