// Real, venue-published event data (../shared/corpora): every profile runs on every file without crashing, and
// the counts per issue code per corpus (and the import ledger's) match the committed summary
// (real-data-summary.json / .md), which shows what the real world gets wrong. This test only reads the summary:
// `npm run real-data-summary` (real-data-summary.update.ts) writes it.
// Also: every data file of the corpora (W3C suites, vocabularies…) goes through `vivant validate`'s path without
// a crash: a report, or an InputError (exit code 2).

import { readdirSync, readFileSync, statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isInputError } from "../../src/errors.js";
import type { ProfileName } from "../../src/validate/profiles.js";
import { validateText } from "../../src/validate/index.js";
import { importableFolders } from "../import/helpers.js";
import { summarizeImports, withoutLoad, type ImportSummary } from "./real-data-imports.js";
import {
  CORPORA,
  importsJson,
  markdown,
  present,
  root,
  summarize,
  summaryJson,
  summaryMd,
  type CorpusSummary,
} from "./real-data-summary.js";

describe.skipIf(!present)("real venue-published events", () => {
  // Each test reads the committed summary itself: none depends on another having run first.
  const committed = (): Record<string, CorpusSummary> =>
    JSON.parse(readFileSync(summaryJson, "utf8")) as Record<string, CorpusSummary>;

  it.each(Object.keys(CORPORA))("%s: every profile runs on every file, with the committed counts", async (name) => {
    expect(CORPORA[name]!.files.length).toBeGreaterThan(0);
    const computed = await summarize(name);
    expect(computed.events).toBeGreaterThan(0);
    expect(computed, `${name} differs from real-data-summary.json: npm run real-data-summary rewrites it`).toEqual(
      committed()[name],
    );
  });

  it("has the 28 pipeline-action defect fixtures", () => {
    expect(CORPORA["pipeline-fixtures"]!.files).toHaveLength(28);
  });

  it("has a committed summary for exactly the corpora, and its Markdown is the JSON's", () => {
    const summary = committed();
    expect(Object.keys(summary).sort()).toEqual(Object.keys(CORPORA).sort());
    expect(readFileSync(summaryMd, "utf8")).toBe(markdown(summary, committedImports()));
  });
});

const committedImports = (): Record<string, ImportSummary> =>
  JSON.parse(readFileSync(importsJson, "utf8")) as Record<string, ImportSummary>;

describe.skipIf(!present)("every importable corpus folder through vivant import", () => {
  it("has a committed import summary for exactly the importable folders, in which import and load never disagree", () => {
    const imports = committedImports();
    expect(Object.keys(imports)).toEqual(importableFolders().map((f) => f.folder));
    for (const [folder, s] of Object.entries(imports)) {
      expect(s.agreement?.disagree, folder).toEqual([]);
      expect(s.agreement!.agree, folder).toBe(s.runs);
    }
  });

  // Import only (with load's own checks, as `vivant import` runs them): the ledger, the exit codes and the
  // check's verdicts are the committed ones. The load exits were taken by `npm run real-data-summary`.
  it.each(importableFolders().map((f) => [f.folder, f.kind] as const))(
    "%s: the committed ledger and exit codes",
    async (folder, kind) => {
      const computed = await summarizeImports(kind, folder, false);
      expect(computed.ledger.seen).toBe(
        computed.ledger.carried + computed.ledger.repaired + computed.ledger.notCarried,
      );
      expect(computed, `${folder} differs from real-data-imports.json: npm run real-data-summary rewrites it`).toEqual(
        withoutLoad(committedImports()[folder]!),
      );
    },
    600_000,
  );
});

describe.skipIf(!present)("every data file of the corpora", () => {
  it("gets a report or an InputError (exit 2), never a crash", async () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const f of readdirSync(dir)) {
        const p = `${dir}/${f}`;
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(jsonld|json|ttl|nt|nq|trig)$/.test(f)) files.push(p);
      }
    };
    walk(root.replace(/\/$/, ""));
    let reports = 0;
    let unusable = 0;
    const crashes: string[] = [];
    for (const file of files) {
      try {
        await validateText(readFileSync(file, "utf8"), file, "core" satisfies ProfileName);
        reports++;
      } catch (e) {
        if (isInputError(e)) unusable++;
        else crashes.push(`${file}: ${(e as Error).stack ?? String(e)}`);
      }
    }
    console.log(
      `no-crash sweep: ${files.length} files, ${reports} reports, ${unusable} unusable (InputError), ${crashes.length} crashes`,
    );
    expect(crashes).toEqual([]);
    expect(files.length).toBeGreaterThan(2000);
  });
});
