// Shared by the import tests and the real-data summary: fixture and corpus paths, the importable files of the
// corpora (by importer, and grouped into the runs that import them), and import-then-load through the CLI.

import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { main } from "../../src/cli/main.js";

export const IMPORT_FIXTURES = fileURLToPath(new URL("../../fixtures/import/", import.meta.url));
export const CORPORA = fileURLToPath(new URL("../../../shared/corpora/", import.meta.url));
export const HAS_CORPORA = existsSync(CORPORA);

export function fixtureText(name: string): string {
  return readFileSync(`${IMPORT_FIXTURES}${name}`, "utf8");
}
export function corpusJson(path: string): unknown {
  return JSON.parse(readFileSync(`${CORPORA}${path}`, "utf8"));
}
export function warnIfNoCorpora(what: string): void {
  if (!HAS_CORPORA) console.warn(`[vivant tests] ../shared/corpora not found: skipping ${what}`);
}

export type ImporterKind = "artsdata" | "uitdatabank" | "festivals";

function filesUnder(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d).sort()) {
      const p = `${d}/${f}`;
      if (statSync(p).isDirectory()) walk(p);
      else if (ext.test(f)) out.push(p);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** The corpus folders each importer reads (JSON-LD: Artsdata's planets and pipeline, the a10s templates). */
export function importableFolders(): { kind: ImporterKind; folder: string }[] {
  if (!HAS_CORPORA) return [];
  const root = CORPORA.replace(/\/$/, "");
  return [
    ...readdirSync(root)
      .filter((d) => /^(artsdata-(planet-|pipeline-action)|a10s-)/.test(d))
      .sort()
      .map((folder) => ({ kind: "artsdata" as const, folder })),
    { kind: "uitdatabank", folder: "uitdatabank-json-schemas" },
    { kind: "festivals", folder: "fr-festivals-culture-gouv" },
  ];
}

/** The files of a corpus folder its importer reads (absolute paths): not the mapping tables or JSON-LD frames. */
export function importableFiles(kind: ImporterKind, folder: string): string[] {
  const dir = `${CORPORA}${folder}`;
  if (kind === "festivals") return filesUnder(dir, /\.csv$/);
  if (kind === "uitdatabank") return filesUnder(dir, /example\.json$/);
  return filesUnder(dir, /\.(jsonld|json)$/).filter(
    (f) => !/(mapping|frame)[^/]*\.json(ld)?$/i.test(f) && !/\/frames?\//.test(f),
  );
}

/** Every importable file of the corpora, with its importer. */
export function importable(): { kind: ImporterKind; file: string }[] {
  return importableFolders().flatMap(({ kind, folder }) =>
    importableFiles(kind, folder).map((file) => ({ kind, file })),
  );
}

/**
 * The files of a folder grouped into imports: the parts of one dump (the files of an `output/`, `dump/` or
 * `dumps/` folder, which refer to each other) together, every other file (fixtures, examples, templates) alone.
 */
export function importRuns(kind: ImporterKind, folder: string): string[][] {
  const groups = new Map<string, string[]>();
  const runs: string[][] = [];
  for (const f of importableFiles(kind, folder)) {
    const dir = f.slice(0, f.lastIndexOf("/"));
    if (kind === "artsdata" && /\/(output|dumps?)$/.test(dir)) {
      let g = groups.get(dir);
      if (!g) {
        groups.set(dir, (g = []));
        runs.push(g);
      }
      g.push(f);
    } else runs.push([f]);
  }
  return runs;
}

/** Runs the CLI in-process (as `vivant …` in `cwd`): exit code and output. */
export async function runCli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stderr = "";
  let stdout = "";
  const sink = (add: (t: string) => void) =>
    new Writable({
      write(c, _e, cb) {
        add(String(c));
        cb();
      },
    });
  const code = await main(args, {
    stdout: sink((t) => (stdout += t)),
    stderr: sink((t) => (stderr += t)),
    cwd,
    isTTY: false,
    env: {},
  });
  return { code, stdout, stderr };
}

/** The import's --report JSON (the parts the tests and the summary read). */
export interface ImportReport {
  read: number;
  unit: string;
  ledger: { totals: { seen: number; carried: number; repaired: number; notCarried: number } };
  rejected: unknown[];
  /** Load's checks as import ran them: absent when no record was written (nothing to check). */
  load?: { checked: boolean; violations: number; refused: unknown[] };
}

/**
 * `vivant import KIND FILES… -o records.json`, then (unless `load` is false, or the import's input was unusable)
 * `vivant load records.json --data data` into a fresh data directory: both exit codes, the import's report and
 * the number of records written.
 */
export async function importThenLoad(kind: string, files: string[], extra: string[] = [], load = true) {
  const dir = mkdtempSync(`${tmpdir()}/vivant-agree-`);
  const t0 = Date.now();
  const imp = await runCli(["import", kind, ...files, ...extra, "-o", "records.json"], dir);
  const loaded = imp.code === 2 || !load ? undefined : await runCli(["load", "records.json", "--data", "data"], dir);
  console.log(
    `[agreement] ${kind} ${files.map((f) => f.split("/").pop()).join(" ")}: import ${imp.code}, load ${loaded?.code} in ${Date.now() - t0} ms`,
  );
  const report =
    imp.code === 2 ? undefined : (JSON.parse(readFileSync(`${dir}/records.json.report.json`, "utf8")) as ImportReport);
  const document =
    imp.code === 2 ? undefined : (JSON.parse(readFileSync(`${dir}/records.json`, "utf8")) as Record<string, unknown>);
  const records = document
    ? Object.values(document).reduce<number>((t, v) => t + (Array.isArray(v) ? v.length : 0), 0)
    : 0;
  return { imp, load: loaded, report, records };
}
