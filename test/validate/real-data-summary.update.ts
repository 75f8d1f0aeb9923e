// Writes test/validate/real-data-summary.json, real-data-imports.json and the .md from ../shared/corpora (`npm run real-data-summary`).
// Not a test: real-data.test.ts compares the committed files with what it computes and never writes them.

import { writeFileSync } from "node:fs";
import { it } from "vitest";
import { summarizeAllImports } from "./real-data-imports.js";
import {
  CORPORA,
  importsJson,
  markdown,
  present,
  summarize,
  summaryJson,
  summaryMd,
  type CorpusSummary,
} from "./real-data-summary.js";

it.skipIf(!present)(
  "writes the real-data summary",
  async () => {
    const all: Record<string, CorpusSummary> = {};
    for (const name of Object.keys(CORPORA)) all[name] = await summarize(name);
    // Every importable folder through `vivant import`, then `vivant load`: the ledger and import → load agreement.
    const imports = await summarizeAllImports(true);
    writeFileSync(summaryJson, `${JSON.stringify(all, null, 2)}\n`);
    writeFileSync(importsJson, `${JSON.stringify(imports, null, 2)}\n`);
    writeFileSync(summaryMd, markdown(all, imports));
  },
  1_800_000,
);
