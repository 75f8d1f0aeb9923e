// Reports for people: issues grouped by record (or by node when the input was RDF), then by field, in one language.

import { formatProblem, type Lang, type Problem } from "../errors.js";
import type { InputNote } from "./input.js";
import { compactIri } from "./messages.js";
import type { ValidationIssue, ValidationReport } from "./types.js";

const LABEL: Readonly<Record<Lang, Readonly<Record<ValidationIssue["severity"], string>>>> = {
  en: { violation: "violation", warning: "warning", info: "info" },
  fr: { violation: "violation", warning: "avertissement", info: "info" },
};

const WORDS = {
  en: {
    profile: "profile",
    conforms: "conforms",
    fails: "does not conform",
    value: "value",
    node: "(the node itself)",
    note: "note",
    records: "record problems",
    more: "more",
  },
  fr: {
    profile: "profil",
    conforms: "conforme",
    fails: "non conforme",
    value: "valeur",
    node: "(le nœud lui-même)",
    note: "note",
    records: "problèmes des fiches",
    more: "de plus",
  },
} as const;

function plural(n: number, word: string, lang: Lang): string {
  return `${n} ${word}${n > 1 || (n === 0 && lang === "en") ? "s" : ""}`;
}

function compactPath(path: string): string {
  return path
    .replace(/<([^>]*)>/g, (_, iri: string) => compactIri(iri))
    .replace(/^[^<^(].*$/, (iri) => compactIri(iri));
}

function compactValue(nt: string): string {
  return nt.replace(/<([^>]*)>/g, (_, iri: string) =>
    iri.startsWith("http://schema.org/") || iri.startsWith("http://www.w3.org/") ? compactIri(iri) : `<${iri}>`,
  );
}

export interface TextOptions {
  readonly lang?: Lang;
  /** Shown in the heading, e.g. the file name. */
  readonly source?: string;
  /** The records' own problems (records input). */
  readonly problems?: readonly Problem[];
  readonly notes?: readonly InputNote[];
  /** Records the parser rejected (records input): they are not in the report, and the heading says so. */
  readonly rejected?: number;
  /** Print at most this many issues per group (the rest are counted). @default Infinity */
  readonly maxPerGroup?: number;
}

/**
 * The report as text:
 * ```
 * season.json: profile core: does not conform: 1 violation, 2 warnings
 *   performance "p-12" ($.performances[3])
 *     $.performances[3].startDate
 *       violation core/event-start-date-type: The event's startDate is not a valid xsd:dateTime… value "2026-13-01"^^xsd:dateTime
 * ```
 */
export function formatReportText(report: ValidationReport, options: TextOptions = {}): string {
  const lang = options.lang ?? "en";
  const w = WORDS[lang];
  const lines: string[] = [];
  const counts = `${plural(report.violations, "violation", lang)}, ${plural(report.warnings, lang === "fr" ? "avertissement" : "warning", lang)}`;
  const rejected = options.rejected
    ? `; ${options.rejected} ${lang === "fr" ? `fiche${options.rejected > 1 ? "s" : ""} rejetée${options.rejected > 1 ? "s" : ""}` : `record${options.rejected > 1 ? "s" : ""} rejected`}`
    : "";
  lines.push(
    `${options.source ? `${options.source}: ` : ""}${w.profile} ${report.profile}: ${report.conforms ? w.conforms : w.fails}: ${counts}${rejected}`,
  );
  for (const n of options.notes ?? []) lines.push(`  ${w.note}: ${n.message[lang]}: ${n.count}`);
  if (options.problems?.length) {
    lines.push(`  ${w.records}:`);
    for (const p of options.problems) lines.push(`    ${formatProblem(p, lang)}`);
  }

  const groups = new Map<string, { heading: string; fields: Map<string, ValidationIssue[]> }>();
  for (const i of report.issues) {
    const key = i.recordId !== undefined ? `${i.entity}\u0000${i.recordId}` : i.focusNode;
    let g = groups.get(key);
    if (!g) {
      const via = i.reachedFrom
        ? ` (${lang === "fr" ? "valeur de" : "value of"} ${compactIri(i.reachedFrom.path)} ${lang === "fr" ? "sur" : "on"} ${i.reachedFrom.node.startsWith("_:") ? i.reachedFrom.node : `<${i.reachedFrom.node}>`})`
        : "";
      const heading =
        i.recordId !== undefined
          ? `${i.entity} "${i.recordId}"`
          : i.focusNode.startsWith("_:")
            ? `${i.focusNode}${via}`
            : `<${i.focusNode}>`;
      groups.set(key, (g = { heading, fields: new Map() }));
    }
    const field =
      i.field ?? (i.recordId === undefined && i.path !== undefined ? compactPath(i.path) : undefined) ?? w.node;
    const fieldKey =
      i.recordId !== undefined && i.field !== undefined
        ? i.field
        : i.recordId !== undefined
          ? `${i.focusNode} ${field}`
          : field;
    const list = g.fields.get(fieldKey) ?? [];
    list.push(i);
    g.fields.set(fieldKey, list);
  }
  const max = options.maxPerGroup ?? Infinity;
  for (const g of groups.values()) {
    lines.push(`  ${g.heading}`);
    let shown = 0;
    let hidden = 0;
    for (const [field, issues] of g.fields) {
      if (shown >= max) {
        hidden += issues.length;
        continue;
      }
      lines.push(`    ${field}`);
      for (const i of issues) {
        if (shown++ >= max) {
          hidden++;
          continue;
        }
        const value = i.value !== undefined ? ` (${w.value} ${compactValue(i.value)})` : "";
        lines.push(`      ${LABEL[lang][i.severity]} ${i.code}: ${i.message[lang]}${value}`);
      }
    }
    if (hidden) lines.push(`    … ${hidden} ${w.more}`);
  }
  return `${lines.join("\n")}\n`;
}
