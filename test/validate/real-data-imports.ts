// The import part of the real-data summary: every importable corpus folder of ../shared/corpora through
// `vivant import` (its importer: artsdata JSON-LD, UiTdatabank, festivals CSV), with the fidelity ledger's totals
// (seen / carried / repaired / not carried) and import → load agreement (each import's records then given to
// `vivant load`). Computed here, written by `npm run real-data-summary`, compared by real-data.test.ts.

import { importableFolders, importRuns, importThenLoad, type ImporterKind } from "../import/helpers.js";

/** One corpus folder's imports. `load*` and `agreement` come from `vivant load` (absent when only imported). */
export interface ImportSummary {
  kind: ImporterKind;
  /** Imports run (the parts of one dump together, every other file alone) and files read. */
  runs: number;
  files: number;
  /** What the importer read, per unit (documents, rows, events…). */
  read: Record<string, number>;
  records: number;
  rejected: number;
  ledger: { seen: number; carried: number; repaired: number; notCarried: number };
  /** Exit codes of `vivant import` (0 imported, 1 some rejected or load would refuse, 2 unusable input). */
  importExit: Record<string, number>;
  /** Imports whose records load's checks (run by import) would refuse. */
  checkRefused: number;
  loadExit?: Record<string, number>;
  /**
   * Runs where import and load agree (import 0 ⇒ load 0, and import's check refuses ⇔ load refuses), and the
   * others; `nothingToLoad` counts the runs that wrote no record (a template, a place no event uses, a raw dump).
   */
  agreement?: { agree: number; nothingToLoad: number; disagree: string[] };
}

const argsFor = (kind: ImporterKind, folder: string): string[] =>
  kind === "festivals"
    ? []
    : ["--publisher", kind === "uitdatabank" ? "publiq" : folder.replace(/^artsdata-(planet-)?/, "")];

const bump = (o: Record<string, number>, k: string | number, n = 1): void => {
  o[String(k)] = (o[String(k)] ?? 0) + n;
};

/** Imports every run of the folder (and, when `load`, loads each import's records into a fresh data directory). */
export async function summarizeImports(kind: ImporterKind, folder: string, load: boolean): Promise<ImportSummary> {
  const runs = importRuns(kind, folder);
  const s: ImportSummary = {
    kind,
    runs: runs.length,
    files: runs.reduce((t, r) => t + r.length, 0),
    read: {},
    records: 0,
    rejected: 0,
    ledger: { seen: 0, carried: 0, repaired: 0, notCarried: 0 },
    importExit: {},
    checkRefused: 0,
    ...(load ? { loadExit: {}, agreement: { agree: 0, nothingToLoad: 0, disagree: [] } } : {}),
  };
  for (const files of runs) {
    const r = await importThenLoad(kind, files, argsFor(kind, folder), load);
    bump(s.importExit, r.imp.code);
    if (r.report) {
      bump(s.read, r.report.unit, r.report.read);
      s.records += r.records;
      s.rejected += r.report.rejected.length;
      for (const k of ["seen", "carried", "repaired", "notCarried"] as const) s.ledger[k] += r.report.ledger.totals[k];
      // No record written: import has nothing to check (no `load` in its report), load nothing to read.
      const refused = r.report.load !== undefined && (r.report.load.violations > 0 || r.report.load.refused.length > 0);
      if (refused) s.checkRefused++;
      if (r.load && s.loadExit && s.agreement) {
        bump(s.loadExit, r.load.code);
        const agree = (r.imp.code !== 0 || r.load.code === 0) && refused === (r.load.code === 1);
        if (r.records === 0) s.agreement.nothingToLoad++;
        if (agree) s.agreement.agree++;
        else
          s.agreement.disagree.push(
            `${files.map((f) => f.slice(f.indexOf(folder))).join(" ")}: import ${r.imp.code}, load ${r.load.code}`,
          );
      }
    } else if (s.agreement) {
      // Unusable input (exit 2): nothing written, nothing to load, nothing to disagree on.
      s.agreement.nothingToLoad++;
      s.agreement.agree++;
    }
  }
  return s;
}

/** Every importable folder, with load (the update script) or without (the check: load's exits are not recomputed). */
export async function summarizeAllImports(load: boolean): Promise<Record<string, ImportSummary>> {
  const out: Record<string, ImportSummary> = {};
  for (const { kind, folder } of importableFolders()) out[folder] = await summarizeImports(kind, folder, load);
  return out;
}

/** The summary without what only `vivant load` gives (what the check recomputes). */
export function withoutLoad(s: ImportSummary): ImportSummary {
  const { loadExit: _l, agreement: _a, ...rest } = s;
  return rest;
}

const n = (x: number): string => x.toLocaleString("en-US");
const codes = (o: Record<string, number> | undefined): string =>
  o
    ? Object.entries(o)
        .sort()
        .map(([k, v]) => `${k}: ${v}`)
        .join(", ")
    : "";

export function importsMarkdown(all: Record<string, ImportSummary>): string[] {
  const names = Object.keys(all);
  const lines = [
    "",
    "## What the importers carry, and whether what they write loads",
    "",
    "Every importable folder of `../shared/corpora` through `vivant import` (the parts of one dump together, every",
    "other file alone), then each import's records through `vivant load`. Ledger: each property of each source node",
    "(a JSON-LD node, a UiTdatabank document, a CSV row's cell) counted once. Exit codes: 0 ok, 1 some records rejected",
    "or refused, 2 unusable input. Import and load agree when an import that exits 0 loads, and load refuses exactly",
    "what import's own check said it would. A folder with nothing seen holds no schema.org JSON-LD (raw API dumps,",
    "OntoRefine samples): the importer finds no node in it.",
    "",
    `| | ${names.join(" | ")} |`,
    `|---|${names.map(() => "---:").join("|")}|`,
    `| importer | ${names.map((k) => all[k]!.kind).join(" | ")} |`,
    `| files (imports) | ${names.map((k) => `${all[k]!.files} (${all[k]!.runs})`).join(" | ")} |`,
    `| read | ${names
      .map(
        (k) =>
          Object.entries(all[k]!.read)
            .map(([u, v]) => `${n(v)} ${u}`)
            .join(", ") || "0",
      )
      .join(" | ")} |`,
    `| records written / rejected | ${names.map((k) => `${n(all[k]!.records)} / ${n(all[k]!.rejected)}`).join(" | ")} |`,
    `| **ledger**: seen | ${names.map((k) => n(all[k]!.ledger.seen)).join(" | ")} |`,
    `| carried / repaired / not carried | ${names.map((k) => `${n(all[k]!.ledger.carried)} / ${n(all[k]!.ledger.repaired)} / ${n(all[k]!.ledger.notCarried)}`).join(" | ")} |`,
    `| import exit codes | ${names.map((k) => codes(all[k]!.importExit)).join(" | ")} |`,
    `| imports load's check refuses | ${names.map((k) => all[k]!.checkRefused).join(" | ")} |`,
    `| load exit codes | ${names.map((k) => codes(all[k]!.loadExit)).join(" | ")} |`,
    `| **import → load agree** | ${names.map((k) => `${all[k]!.agreement?.agree ?? 0}/${all[k]!.runs}`).join(" | ")} |`,
    `| imports that wrote no record | ${names.map((k) => all[k]!.agreement?.nothingToLoad ?? 0).join(" | ")} |`,
  ];
  const disagree = names.flatMap((k) => all[k]!.agreement?.disagree.map((d) => `- ${k}: ${d}`) ?? []);
  return disagree.length ? [...lines, "", "Import and load disagree on:", ...disagree] : lines;
}
