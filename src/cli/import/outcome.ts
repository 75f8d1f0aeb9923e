// `vivant import`'s output side: the problems on stderr, the record document (-o or stdout), the JSON report,
// the load into a data directory or store (or, without one, load's own checks), the summary, and the exit code.

import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { formatProblem } from "../../errors.js";
import { countByCode } from "../../harvest/problems.js";
import { formatSummary } from "../../harvest/progress.js";
import { loadValidated, prepareGraph, type openGraphTarget } from "../../ingest/index.js";
import type { ImportResult } from "../../import/types.js";
import { COLLECTIONS } from "../../records/types.js";
import { formatReportBounded } from "../../validate/summary.js";
import { plural, t } from "../../i18n.js";
import { loadSummary, writeLoadOutcome } from "../harvest.js";
import { EXIT, progressOn } from "../io.js";
import { writeOutputFile } from "../output.js";
import { reportOptions } from "../report.js";
import { str, type ImportRun } from "./read.js";

/** Where the records are loaded (--data or --store), if anywhere. */
export type ImportTarget = NonNullable<Awaited<ReturnType<typeof openGraphTarget>>>;

/** How many records of each collection the import made. */
type Entities = Record<string, number>;

/** Writes what the import made and did; the exit code (the worst of the rejections, the load and the checks). */
export async function writeOutcome(
  run: ImportRun,
  result: ImportResult,
  writer: ImportTarget | undefined,
): Promise<number> {
  const { io, values, lang } = run;
  for (const p of result.problems) if (p.severity !== "info") io.stderr.write(`${formatProblem(p, lang)}\n`);
  const out = `${JSON.stringify(result.document, null, 2)}\n`;
  const output = str(values.output);
  if (output !== undefined) {
    const target = resolve(io.cwd, output);
    await writeOutputFile(target, out);
  } else if (!writer) io.stdout.write(out);
  const reportPath = str(values.report) ?? (output !== undefined ? `${output}.report.json` : undefined);
  // Written before the load too: a load that throws (unusable input) still leaves the import's own report.
  if (reportPath !== undefined) await writeReport(run, result, reportPath);
  const entities: Entities = Object.fromEntries(COLLECTIONS.map((c) => [c, (result.document[c] ?? []).length]));
  let loadExit: number = EXIT.ok;
  // Input read but nothing in it is a record (raw JSON given to the JSON-LD importer, say): said, not silent.
  if (!writer && result.read > 0 && Object.values(entities).every((n) => n === 0)) {
    io.stderr.write(`vivant import: ${t("cli/import-no-entities", { read: result.read }, lang)}\n`);
  }
  if (writer && Object.values(entities).every((n) => n === 0)) {
    io.stderr.write(`vivant import: ${t("cli/import-nothing-to-load", {}, lang)}\n`);
    loadExit = EXIT.unusable;
  } else if (writer) loadExit = await load(run, result, writer, reportPath);
  // Without --load, the records still go through load's own checks (the same prepareGraph: mapping, record
  // checks, core profile, ownership of subjects), so that an import that exits 0 always loads.
  const checkExit =
    !writer && Object.values(entities).some((n) => n > 0) ? await check(run, result, reportPath) : EXIT.ok;
  io.stderr.write(
    `${formatSummary(
      {
        read: [[t(`summary/read.${result.unit}`, {}, lang), result.read]],
        entities,
        fixes: result.fixes,
        rejections: countByCode(result.problems, "violation"),
        ledger: result.ledger,
      },
      lang,
    )}\n`,
  );
  return Math.max(loadExit, checkExit, result.rejected.length > 0 ? EXIT.rejected : EXIT.ok);
}

/** The JSON report: fixes, ledger, rejections and problems, with what the load or the checks said. */
function writeReport(
  run: ImportRun,
  result: ImportResult,
  reportPath: string,
  load?: Record<string, unknown>,
): Promise<void> {
  return writeFile(
    resolve(run.io.cwd, reportPath),
    `${JSON.stringify(
      {
        read: result.read,
        unit: result.unit,
        fixes: result.fixes.toJSON(),
        ledger: result.ledger.toJSON(),
        ...(result.repairedCells ? { repairedCells: result.repairedCells } : {}),
        rejected: result.rejected,
        rejectionsByReason: Object.fromEntries(countByCode(result.problems, "violation")),
        problems: result.problems,
        ...(load ? { load } : {}),
      },
      null,
      2,
    )}\n`,
  );
}

/** Maps, validates and (without a violation) loads the records, as `vivant load` does; its exit code. */
async function load(
  run: ImportRun,
  result: ImportResult,
  writer: ImportTarget,
  reportPath: string | undefined,
): Promise<number> {
  const { io, lang, files } = run;
  const validating = progressOn(io, "unit/nodes-validated", lang);
  const outcome = await loadValidated(
    writer,
    { records: result.document },
    {
      publisherId: result.document.publisher.id,
      source: files.join(" "),
      onValidate: (done, total) => validating.update(done, total),
    },
  );
  validating.done();
  const loadExit = writeLoadOutcome(io, "import", outcome, lang, writer.where, reportOptions(run.values));
  if (reportPath !== undefined) await writeReport(run, result, reportPath, loadSummary(outcome));
  return loadExit;
}

/** Load's checks without loading: the violations that would refuse the records, printed; its exit code. */
async function check(run: ImportRun, result: ImportResult, reportPath: string | undefined): Promise<number> {
  const { io, lang, files } = run;
  let checkExit: number = EXIT.ok;
  const prepared = await prepareGraph([{ records: result.document, source: files.join(" ") }], {
    publisherId: result.document.publisher.id,
    source: files.join(" "),
  });
  if (!prepared.ok) {
    io.stderr.write(
      `${formatReportBounded(prepared.report, { lang, source: files.join(" "), problems: prepared.recordProblems, notes: prepared.notes, ...reportOptions(run.values) })}\n`,
    );
    const records = prepared.recordProblems.some((p) => p.severity === "violation")
      ? t("cli/and-rejected-records", {}, lang)
      : "";
    io.stderr.write(
      `vivant import: ${plural(t("cli/import-would-refuse", { violations: prepared.report.violations, records }, lang), prepared.report.violations, lang)}\n`,
    );
    checkExit = EXIT.rejected;
  }
  if (reportPath !== undefined) {
    await writeReport(run, result, reportPath, {
      checked: true,
      violations: prepared.report.violations,
      warnings: prepared.report.warnings,
      refused: [
        ...prepared.recordProblems
          .filter((p) => p.severity === "violation")
          .map((p) => ({ code: p.code, path: p.path, recordId: p.recordId })),
        ...prepared.report.issues
          .filter((i) => i.severity === "violation")
          .map((i) => ({ code: i.code, path: i.field, recordId: i.recordId })),
      ],
    });
  }
  return checkExit;
}
