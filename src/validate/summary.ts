// Reports for a terminal at any size: per code, how many and the first few examples (record and field), in one
// language. A season with 391,040 warnings prints a few dozen lines; nothing is dropped without being counted, and
// the full report goes to a file (`--report FILE`, see `reportFileJson`). The full text form is ./text.ts.

import { formatProblem, type Lang, type Severity } from "../errors.js";
import { t } from "../i18n.js";
import { compactIri } from "./messages.js";
import { formatReportText, type TextOptions } from "./text.js";
import type { ValidationIssue, ValidationReport } from "./types.js";

/** Which issues a summary lists: `violations` (and record problems that reject a record), `warnings`, or all. */
export type OnlySeverity = "violations" | "warnings";

/** The text report's options (heading, records' own problems, notes, rejected count), and how much to show. */
export interface SummaryOptions extends Omit<TextOptions, "maxPerGroup"> {
  /**
   * Examples shown in all (each code's count is always shown); 0 shows counts only.
   * @default DEFAULT_MAX_ISSUES
   */
  readonly maxIssues?: number;
  /** Examples per code. @default 3 */
  readonly perCode?: number;
  /** List only violations, or only warnings (the heading still counts both). */
  readonly only?: OnlySeverity;
  /** Where the full report was written, said at the end. */
  readonly reportFile?: string;
}

/**
 * Default of `--max-issues`: a report with at most this many issues (and record problems) is written out whole; a
 * larger one is summarised, with at most this many examples.
 */
export const DEFAULT_MAX_ISSUES = 500;

interface Entry {
  readonly severity: Severity;
  readonly code: string;
  readonly where: string;
  readonly message: string;
}

function keep(severity: Severity, only: OnlySeverity | undefined): boolean {
  return only === undefined || (only === "violations" ? severity === "violation" : severity !== "violation");
}

function issueEntry(i: ValidationIssue, lang: Lang): Entry {
  const node = i.focusNode.startsWith("_:") ? i.focusNode : `<${i.focusNode}>`;
  const record = i.recordId !== undefined ? `${i.entity ?? t("word/record", {}, lang)} "${i.recordId}"` : node;
  const field = i.field ?? (i.path !== undefined ? compactIri(i.path.replace(/^<(.*)>$/, "$1")) : undefined);
  const value = i.value !== undefined ? ` (${t("word/value", {}, lang)} ${i.value})` : "";
  return {
    severity: i.severity,
    code: i.code,
    where: field !== undefined ? `${record} ${field}` : record,
    message: `${i.message[lang]}${value}`,
  };
}

/**
 * The report summarised: heading with the counts, notes, then per severity and code the count and the first
 * examples, record problems included. Every issue is counted; at most `maxIssues` are written out.
 * @example
 * io.stdout.write(formatReportSummary(prepared.report, { lang: "fr", source: "saison.json", maxIssues: 10 }));
 */
export function formatReportSummary(report: ValidationReport, options: SummaryOptions = {}): string {
  const lang = options.lang ?? "en";
  const lines: string[] = [];
  // English says "0 warnings", French "0 avertissement".
  const n = (key: "summary/violations" | "summary/warnings" | "summary/rejected", count: number): string =>
    t(`${key}.${count === 1 || (count === 0 && lang === "fr") ? "one" : "other"}`, { count }, lang);
  const counts = `${n("summary/violations", report.violations)}, ${n("summary/warnings", report.warnings)}`;
  const rejected = options.rejected ? n("summary/rejected", options.rejected) : "";
  lines.push(
    t(
      report.conforms ? "summary/heading-conforms" : "summary/heading-fails",
      { source: options.source ? `${options.source}: ` : "", profile: report.profile, counts, rejected },
      lang,
    ),
  );
  for (const n of options.notes ?? [])
    lines.push(`  ${t("summary/note", { message: n.message[lang], count: n.count }, lang)}`);

  // Codes in order: violations first, then warnings, then infos; within one severity, by count, then by code.
  const groups = new Map<
    string,
    { severity: Severity; code: string; count: number; examples: Entry[]; problem: boolean }
  >();
  const perCode = options.perCode ?? 3;
  const add = (severity: Severity, code: string, problem: boolean, entry: () => Entry): void => {
    if (!keep(severity, options.only)) return;
    const key = `${problem ? "p" : "i"}\u0000${severity}\u0000${code}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { severity, code, count: 0, examples: [], problem }));
    g.count++;
    if (g.examples.length < perCode) g.examples.push(entry());
  };
  for (const p of options.problems ?? []) {
    add(p.severity, p.code, true, () => ({
      severity: p.severity,
      code: p.code,
      where: "",
      message: formatProblem(p, lang),
    }));
  }
  for (const i of report.issues) add(i.severity, i.code, false, () => issueEntry(i, lang));
  const rank: Readonly<Record<Severity, number>> = { violation: 0, warning: 1, info: 2 };
  const sorted = [...groups.values()].sort(
    (a, b) =>
      Number(a.problem) - Number(b.problem) ||
      rank[a.severity] - rank[b.severity] ||
      b.count - a.count ||
      a.code.localeCompare(b.code),
  );

  let budget = options.maxIssues ?? DEFAULT_MAX_ISSUES;
  let hidden = 0;
  let problemsHeading = false;
  for (const g of sorted) {
    if (g.problem && !problemsHeading) {
      lines.push(`  ${t("summary/record-problems", {}, lang)}`);
      problemsHeading = true;
    }
    lines.push(`  ${t(`severity/${g.severity}` as const, {}, lang)} ${g.code}: ${g.count}`);
    const shown = g.examples.slice(0, Math.max(0, budget));
    budget -= shown.length;
    for (const e of shown) lines.push(`    ${e.where ? `${e.where}: ` : ""}${e.message}`);
    hidden += g.count - shown.length;
  }
  if (hidden > 0) {
    lines.push(
      `  ${t(options.reportFile !== undefined ? "summary/more-in-file" : "summary/more", { count: hidden, file: options.reportFile }, lang)}`,
    );
  } else if (options.reportFile !== undefined)
    lines.push(`  ${t("summary/report-written", { file: options.reportFile }, lang)}`);
  return `${lines.join("\n")}\n`;
}

/**
 * The report for a terminal, bounded: written out whole, grouped by record and field (`formatReportText`), when it
 * has at most `maxIssues` issues and record problems (of the `only` severity); otherwise summarised per code
 * (`formatReportSummary`). Either way every issue is counted and at most about `maxIssues` are written out.
 */
export function formatReportBounded(report: ValidationReport, options: SummaryOptions = {}): string {
  const max = options.maxIssues ?? DEFAULT_MAX_ISSUES;
  const issues = report.issues.filter((i) => keep(i.severity, options.only));
  const problems = (options.problems ?? []).filter((p) => keep(p.severity, options.only));
  if (issues.length + problems.length > max) return formatReportSummary(report, options);
  const text = formatReportText(
    { ...report, issues },
    {
      ...(options.lang ? { lang: options.lang } : {}),
      ...(options.source !== undefined ? { source: options.source } : {}),
      problems,
      ...(options.notes ? { notes: options.notes } : {}),
      ...(options.rejected ? { rejected: options.rejected } : {}),
    },
  );
  return options.reportFile !== undefined
    ? `${text.replace(/\n?$/, "\n")}  ${t("summary/report-written", { file: options.reportFile }, options.lang ?? "en")}\n`
    : text;
}

/**
 * The full report of a command as JSON text (`--report FILE`): `extra`'s fields, the report's counts, then every
 * issue (messages in both languages), one issue per chunk: a report of any size is written without becoming one string.
 * The text is one JSON object (without a final new line).
 */
export function* reportJsonChunks(
  report: ValidationReport,
  extra: Readonly<Record<string, unknown>> = {},
): Generator<string, void, undefined> {
  const { issues, ...counts } = { ...extra, ...report };
  const head = JSON.stringify(counts);
  yield `${head.slice(0, -1)}${head === "{}" ? "" : ","}"issues":[`;
  let first = true;
  for (const i of issues) {
    yield `${first ? "\n" : ",\n"}${JSON.stringify(i)}`;
    first = false;
  }
  yield first ? "]}" : "\n]}";
}
