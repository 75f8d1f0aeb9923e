// `vivant harvest`'s output side: the failures and problems on stderr, the N-Quads (-o), the validated load into
// the publisher's graph (--data or --store), the JSON report, the summary, and the exit code. Also how a load's
// outcome is printed and reported, which `vivant import` shares.

import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { formatProblem, type Lang } from "../../errors.js";
import type { HarvestResult, PageFailure } from "../../harvest/harvest.js";
import { countByCode } from "../../harvest/problems.js";
import { formatSummary } from "../../harvest/progress.js";
import { loadValidated, type LoadOutcome, type openGraphTarget } from "../../ingest/index.js";
import { serializeRdf } from "../../rdf/io.js";
import { checkNamespace } from "../../store/ownership.js";
import type { GraphInfo } from "../../store/types.js";
import { formatReportBounded, type SummaryOptions } from "../../validate/summary.js";
import { plural, t } from "../../i18n.js";
import { EXIT, nothingWritten, progressOn, type CliIo } from "../io.js";
import { writeOutputFile } from "../output.js";
import { reportOptions } from "../report.js";
import type { HarvestRun } from "./options.js";

/** Where the harvest is loaded (--data or --store). */
export type HarvestTarget = NonNullable<Awaited<ReturnType<typeof openGraphTarget>>>;

/** A finished harvest and where it goes. */
export interface HarvestDone {
  readonly run: HarvestRun;
  readonly io: CliIo;
  readonly result: HarvestResult;
  readonly writer: HarvestTarget | undefined;
  /** The publisher's graph before the harvest, if it has one. */
  readonly known: GraphInfo | undefined;
  /** The graph the harvest replaces. */
  readonly graphIri: string;
}

/** Writes what the harvest made and did; the exit code (the worst of the failures, rejections and the load). */
export async function writeHarvestOutcome(done: HarvestDone): Promise<number> {
  const { run, io, result } = done;
  printFailures(io, result, run.lang);
  if (run.output !== undefined) {
    const target = resolve(io.cwd, run.output);
    await writeOutputFile(target, await serializeRdf(result.quads, "nquads"));
  }
  const { loadExit, outcome } = await loadHarvest(done);
  if (run.report !== undefined) await writeHarvestReport(done, run.report, outcome);
  printHarvestSummary(io, result, run.lang);
  const rejected = result.failures.length > 0 || result.problems.some((p) => p.severity === "violation");
  return Math.max(loadExit, rejected ? EXIT.rejected : EXIT.ok);
}

function printFailures(io: CliIo, result: HarvestResult, lang: Lang): void {
  for (const f of result.failures)
    io.stderr.write(`${t("cli/failed-url", { code: f.code, url: f.url, detail: failureText(f, lang) }, lang)}\n`);
  // The ledger's infos (what Vivant does not model) are in the summary's per-property lines.
  for (const p of result.problems)
    if (!(p.code === "import/not-carried" && p.severity === "info")) io.stderr.write(`${formatProblem(p, lang)}\n`);
}

/** Validates the harvest and, without violations, replaces the publisher's graph (when there is a target). */
async function loadHarvest(done: HarvestDone): Promise<{ loadExit: number; outcome?: LoadOutcome }> {
  const { run, io, result, writer, known, graphIri } = done;
  const { lang, licence } = run;
  if (!writer) return { loadExit: EXIT.ok };
  if (result.quads.length === 0) {
    io.stderr.write(`vivant harvest: ${t("cli/harvest-nothing", { graph: graphIri }, lang)}\n`);
    return { loadExit: EXIT.unusable };
  }
  const validating = progressOn(io, "unit/nodes-validated", lang);
  const outcome = await loadValidated(
    writer,
    { quads: result.quads },
    {
      publisherId: run.id,
      graphIri,
      namespaces: harvestNamespaces(
        run.urls,
        run.values.namespace,
        known?.graphIri === graphIri ? known.namespaces : undefined,
      ),
      // A declared licence wins; otherwise the publisher's current one, and for a new graph "none declared".
      ...(licence !== undefined ? { licence } : known ? {} : { licence: run.publisher.licence }),
      source: run.urls.join(" "),
      onValidate: (n, total) => validating.update(n, total),
    },
  );
  validating.done();
  const loadExit = writeLoadOutcome(io, "harvest", outcome, lang, writer.where, reportOptions(run.values));
  return { loadExit, outcome };
}

async function writeHarvestReport(done: HarvestDone, report: string, outcome: LoadOutcome | undefined): Promise<void> {
  const { io, result, graphIri } = done;
  await writeFile(
    resolve(io.cwd, report),
    `${JSON.stringify(
      {
        graphIri,
        pages: result.pages,
        failures: result.failures,
        problems: result.problems,
        fixes: result.fixes.toJSON(),
        ledger: result.ledger.toJSON(),
        entities: result.entities,
        dropped: Object.fromEntries(result.dropped),
        ...(outcome ? { load: loadSummary(outcome) } : {}),
      },
      null,
      2,
    )}\n`,
  );
}

function printHarvestSummary(io: CliIo, result: HarvestResult, lang: Lang): void {
  io.stderr.write(
    `${formatSummary(
      {
        read: [
          [t("summary/urls-fetched", {}, lang), result.pages.length + result.failures.length],
          [t("summary/pages-read", {}, lang), result.pages.length],
          [t("summary/sitemaps-read", {}, lang), result.sitemaps],
        ],
        entities: result.entities,
        fixes: result.fixes,
        failures: [
          ...result.failures.reduce((m, f) => m.set(f.code, (m.get(f.code) ?? 0) + 1), new Map<string, number>()),
        ],
        rejections: countByCode(result.problems, "violation"),
        ledger: result.ledger,
      },
      lang,
    )}\n`,
  );
}

/**
 * The namespaces a harvest registers: `--namespace` values (else the graph's registered ones), and the origin of
 * every URL given (the site harvested is the publisher's own; a page of another site is refused when loading).
 */
export function harvestNamespaces(
  urls: readonly string[],
  given: unknown,
  registered: readonly string[] | undefined,
): string[] {
  const out = Array.isArray(given) ? given.filter((v): v is string => typeof v === "string") : [...(registered ?? [])];
  out.forEach((ns, i) => checkNamespace(ns, `--namespace ${out.length > 1 ? `#${i + 1}` : ""}`.trim()));
  for (const u of urls) {
    let origin: string | undefined;
    try {
      origin = `${new URL(u).origin}/`;
    } catch {
      origin = undefined; // the harvest reports the URL
    }
    if (origin !== undefined && origin !== "null/" && !out.includes(origin)) out.push(origin);
  }
  return out;
}

/**
 * A failed URL in `lang`: the fetcher's own detail in English (as in --report); in French the failure's kind (its
 * code says which), the detail staying in the --report file.
 */
export function failureText(f: PageFailure, lang: Lang): string {
  if (lang === "en") return f.message;
  const what = t(`failure/${f.code}`, { status: f.status ?? "?" }, lang);
  return t("failure/detail", { what }, lang);
}

/** What a --report file says about the load: the graph, whether it was written, the validation counts. */
export function loadSummary(outcome: LoadOutcome): Record<string, unknown> {
  const { prepared, written } = outcome;
  return {
    graphIri: prepared.graphIri,
    written: written !== undefined,
    violations: prepared.report.violations,
    warnings: prepared.report.warnings,
    rejectedRecords: prepared.recordProblems.filter((p) => p.severity === "violation").length,
    ...(written ? { triples: written.triples, version: written.version, licence: written.licenceIri } : {}),
  };
}

/**
 * Prints a load's outcome the way `vivant load` does: the report on stdout and "nothing written" when rejected
 * (exit 1), the validation counts and the graph written otherwise (exit 0).
 */
export function writeLoadOutcome(
  io: CliIo,
  command: string,
  outcome: LoadOutcome,
  lang: Lang,
  dataDir: string,
  shown: Pick<SummaryOptions, "maxIssues" | "only"> = {},
): number {
  const { prepared, written } = outcome;
  if (!written) {
    io.stdout.write(
      `${formatReportBounded(prepared.report, { lang, source: prepared.meta.source ?? command, problems: prepared.recordProblems, notes: prepared.notes, ...shown })}\n`,
    );
    io.stderr.write(`vivant ${command}: ${nothingWritten(prepared, lang)}\n`);
    return EXIT.rejected;
  }
  io.stderr.write(
    `${plural(t("cli/validated", { triples: prepared.size, warnings: prepared.report.warnings }, lang), prepared.report.warnings, lang)}\n`,
  );
  io.stdout.write(
    `${t("cli/loaded", { triples: written.triples, graph: written.graphIri, publisher: written.publisherId ?? "?", version: written.version, licence: written.licenceIri, dir: dataDir }, lang)}\n`,
  );
  return EXIT.ok;
}
