// The real-data summary: counts per issue code per corpus (../shared/corpora), and the fidelity ledger of each
// corpus imported with the JSON-LD importer. Computed here, written by `npm run real-data-summary`
// (real-data-summary.update.ts) and compared by real-data.test.ts, which never writes it.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isInputError } from "../../src/errors.js";
import { Ledger } from "../../src/harvest/ledger.js";
import { importArtsdata } from "../../src/import/artsdata.js";
import { readValidationInput, type ValidationInput } from "../../src/validate/input.js";
import { subClassesOf } from "../../src/validate/plan.js";
import { PROFILES } from "../../src/validate/profiles.js";
import { createValidator } from "../../src/validate/validator.js";
import { importsMarkdown, type ImportSummary } from "./real-data-imports.js";

export const root = fileURLToPath(new URL("../../../shared/corpora/", import.meta.url));
export const present = existsSync(root);
if (!present)
  console.warn(
    "real data: ../shared/corpora is absent: skipped the real-data checks and the no-crash sweep (GTQ, Scènes francophones, NAC, La Vitrine, pipeline fixtures)",
  );

export const summaryJson = fileURLToPath(new URL("real-data-summary.json", import.meta.url));
export const summaryMd = fileURLToPath(new URL("real-data-summary.md", import.meta.url));
export const importsJson = fileURLToPath(new URL("real-data-imports.json", import.meta.url));

const list = (dir: string): string[] =>
  existsSync(`${root}${dir}`)
    ? readdirSync(`${root}${dir}`)
        .filter((f) => f.endsWith(".jsonld"))
        .sort()
        .map((f) => `${dir}/${f}`)
    : [];

/** The venue-published event corpora, one entry per publisher or fixture set. */
export const CORPORA: Readonly<Record<string, { title: string; files: readonly string[] }>> = {
  gtq: { title: "Grand Théâtre de Québec", files: ["artsdata-planet-gtq/output/grandtheatrequebec-events.jsonld"] },
  "scenes-francophones": {
    title: "Scènes francophones",
    files: ["artsdata-planet-scenesfrancophones/output/events.jsonld"],
  },
  nac: { title: "National Arts Centre", files: ["artsdata-planet-nac/output/entities.jsonld"] },
  lavitrine: { title: "La Vitrine fixtures", files: list("artsdata-planet-lavitrine/test/fixtures") },
  "pipeline-fixtures": {
    title: "Artsdata pipeline-action defect fixtures",
    files: list("artsdata-pipeline-action/test/fixtures"),
  },
};

interface ProfileCounts {
  violations: number;
  warnings: number;
  conformingFiles: number;
  codes: Record<string, number>;
}
export interface CorpusSummary {
  title: string;
  files: number;
  unusable: number;
  quads: number;
  events: number;
  notes: Record<string, number>;
  /** The fidelity ledger of the corpus through `vivant import artsdata` (each file alone): totals. */
  ledger: { seen: number; carried: number; repaired: number; notCarried: number };
  profiles: Record<string, ProfileCounts>;
}

function sorted<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export async function summarize(name: string): Promise<CorpusSummary> {
  const { title, files } = CORPORA[name]!;
  const core = (await createValidator("core")).shapes.compiled;
  const eventClasses = new Set(
    subClassesOf(core.shapes, { termType: "NamedNode", value: "http://schema.org/Event" } as never).map((t) => t.value),
  );
  const s: CorpusSummary = {
    title,
    files: files.length,
    unusable: 0,
    quads: 0,
    events: 0,
    notes: {},
    ledger: { seen: 0, carried: 0, repaired: 0, notCarried: 0 },
    profiles: {},
  };
  const ledger = new Ledger();
  for (const file of files) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(`${root}${file}`, "utf8"));
    } catch {
      continue;
    }
    ledger.merge((await importArtsdata(json, { publisher: { id: name } })).ledger);
  }
  s.ledger = ledger.totals();
  for (const p of PROFILES) s.profiles[p] = { violations: 0, warnings: 0, conformingFiles: 0, codes: {} };
  for (const file of files) {
    let input: ValidationInput;
    try {
      input = await readValidationInput(readFileSync(`${root}${file}`, "utf8"), file);
    } catch (e) {
      if (!isInputError(e)) throw e;
      s.unusable++;
      continue;
    }
    s.quads += input.quads.length;
    s.events += new Set(
      input.quads
        .filter((q) => q.predicate.value.endsWith("#type") && eventClasses.has(q.object.value))
        .map((q) => q.subject.value),
    ).size;
    for (const n of input.notes) s.notes[n.code] = (s.notes[n.code] ?? 0) + n.count;
    for (const p of PROFILES) {
      const report = await (await createValidator(p)).validate(input.quads);
      const c = s.profiles[p]!;
      c.violations += report.violations;
      c.warnings += report.warnings;
      if (report.conforms) c.conformingFiles++;
      for (const i of report.issues)
        c.codes[`${i.severity === "violation" ? "V" : i.severity === "warning" ? "W" : "I"} ${i.code}`] =
          (c.codes[`${i.severity === "violation" ? "V" : i.severity === "warning" ? "W" : "I"} ${i.code}`] ?? 0) + 1;
    }
  }
  s.notes = sorted(s.notes);
  for (const p of PROFILES) s.profiles[p]!.codes = sorted(s.profiles[p]!.codes);
  return s;
}

/** The summary's Markdown: the profiles' counts per corpus, then (when given) what the importers carry and load. */
export function markdown(all: Record<string, CorpusSummary>, imports?: Record<string, ImportSummary>): string {
  const names = Object.keys(all);
  const lines = [
    "# What real event data gets wrong",
    "",
    "Generated by `npm run real-data-summary` from `../shared/corpora`; `test/validate/real-data.test.ts` checks it.",
    "Counts of issues per code; `V` violation, `W` warning. One file can hold many events.",
    "The import ledger counts each property of each source node once: carried, repaired (after a fix) or not carried (with a reason).",
    "",
    `| | ${names.map((n) => all[n]!.title).join(" | ")} |`,
    `|---|${names.map(() => "---:").join("|")}|`,
    `| files (unusable) | ${names.map((n) => `${all[n]!.files} (${all[n]!.unusable})`).join(" | ")} |`,
    `| triples | ${names.map((n) => all[n]!.quads.toLocaleString("en-US")).join(" | ")} |`,
    `| events | ${names.map((n) => all[n]!.events.toLocaleString("en-US")).join(" | ")} |`,
    `| **import ledger**: properties seen | ${names.map((n) => all[n]!.ledger.seen.toLocaleString("en-US")).join(" | ")} |`,
    `| carried / repaired / not carried | ${names.map((n) => `${all[n]!.ledger.carried.toLocaleString("en-US")} / ${all[n]!.ledger.repaired.toLocaleString("en-US")} / ${all[n]!.ledger.notCarried.toLocaleString("en-US")}`).join(" | ")} |`,
  ];
  const notes = [...new Set(names.flatMap((n) => Object.keys(all[n]!.notes)))].sort();
  for (const code of notes)
    lines.push(`| reading: ${code} | ${names.map((n) => all[n]!.notes[code] ?? 0).join(" | ")} |`);
  for (const p of PROFILES) {
    lines.push(
      `| **${p}**: files with no violation | ${names.map((n) => `${all[n]!.profiles[p]!.conformingFiles}/${all[n]!.files - all[n]!.unusable}`).join(" | ")} |`,
    );
    lines.push(
      `| **${p}**: violations / warnings | ${names.map((n) => `${all[n]!.profiles[p]!.violations} / ${all[n]!.profiles[p]!.warnings}`).join(" | ")} |`,
    );
    const codes = [...new Set(names.flatMap((n) => Object.keys(all[n]!.profiles[p]!.codes)))].sort();
    for (const code of codes)
      lines.push(`| ${code} | ${names.map((n) => all[n]!.profiles[p]!.codes[code] ?? 0).join(" | ")} |`);
  }
  if (imports) lines.push(...importsMarkdown(imports));
  return `${lines.join("\n")}\n`;
}
