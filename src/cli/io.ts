// What a CLI command receives: its arguments and the process streams (replaceable in tests).

import type { Lang, Text } from "../errors.js";
import { plural, t, type MessageKey } from "../i18n.js";
import { Progress } from "../harvest/progress.js";

export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** Working directory that relative paths resolve against. */
  readonly cwd: string;
  /** Whether stderr is a terminal (progress bars) or not (periodic counters). */
  readonly isTTY: boolean;
  readonly env: NodeJS.ProcessEnv;
}

/** A progress line on the command's stderr (a bar on a terminal, periodic counters otherwise), counting `unit`. */
export function progressOn(io: CliIo, unit: MessageKey, lang: Lang): Progress {
  return new Progress({ stream: io.stderr, isTTY: io.isTTY, unit: t(unit, {}, lang), lang });
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, rejected: 1, unusable: 2 } as const;

export interface Command {
  readonly name: string;
  /** One line for `vivant --help`, in each language (a plain string is shown as it is in both). */
  readonly summary: string | Text;
  /** Full `vivant <name> --help` text, in each language (a plain string is shown as it is in both). */
  readonly help: string | Text;
  run(argv: readonly string[], io: CliIo): Promise<number>;
}

/** A command's summary or help in `lang`. */
export function inLang(text: string | Text, lang: Lang): string {
  return typeof text === "string" ? text : text[lang];
}

/** "nothing written: N violations (and rejected records) (graph … unchanged)", for a refused load, in `lang`. */
export function nothingWritten(
  prepared: {
    readonly report: { readonly violations: number };
    readonly recordProblems: readonly { readonly severity: string }[];
    readonly graphIri: string;
  },
  lang: Lang,
): string {
  const records = prepared.recordProblems.some((p) => p.severity === "violation")
    ? t("cli/and-rejected-records", {}, lang)
    : "";
  return plural(
    t("cli/nothing-written", { violations: prepared.report.violations, records, graph: prepared.graphIri }, lang),
    prepared.report.violations,
    lang,
  );
}
