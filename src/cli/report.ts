// The report options shared by `load`, `validate`, `import` and `harvest`: how much of a validation report reaches
// the terminal (`--max-issues N`, `--only violations|warnings`) and where the full one goes (`--report FILE`, JSON).

import { oneOf, wholeNumber } from "./args.js";
import type { SummaryOptions } from "../validate/summary.js";

/** parseArgs declarations of the shared report options (commands with a `--report` of their own omit it). */
export const REPORT_OPTIONS = {
  "max-issues": { type: "string" },
  only: { type: "string" },
} as const;

/** Help lines of the shared report options. */
export const REPORT_HELP = `  --max-issues N      write out at most N issues (default 500): a report within N is listed whole,
                      grouped by record and field; a larger one is summarised per code (count, first examples)
  --only violations|warnings
                      list only violations, or only warnings (the heading still counts both)`;

/** REPORT_HELP in French. */
export const REPORT_HELP_FR = `  --max-issues N      écrit au plus N problèmes (500 par défaut) : un rapport d'au plus N est listé en entier,
                      groupé par fiche et par champ ; un plus grand est résumé par code (nombre, premiers exemples)
  --only violations|warnings
                      ne liste que les violations, ou que les avertissements (l'en-tête compte toujours les deux)`;

/** The report options as given. */
export function reportOptions(values: Readonly<Record<string, unknown>>): Pick<SummaryOptions, "maxIssues" | "only"> {
  const max = wholeNumber(values["max-issues"], "--max-issues", 0);
  const only =
    typeof values.only === "string"
      ? oneOf(values.only, ["violations", "warnings"] as const, "violations", "--only")
      : undefined;
  return { ...(max !== undefined ? { maxIssues: max } : {}), ...(only !== undefined ? { only } : {}) };
}
