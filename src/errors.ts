// Problems (data: a bad field in a record) and errors (thrown: misuse and I/O), with stable codes.
// Every message exists in English and French and names the record, the field, the expectation and a fix.

import type { ProblemCode } from "./codes.js";
import { t } from "./i18n.js";

export type { ProblemCode };

/** Languages Vivant writes its messages in. */
export type Lang = "en" | "fr";
export const LANGS: readonly Lang[] = ["en", "fr"];

/** A sentence in each supported language. */
export type Text = Readonly<Record<Lang, string>>;

export type Severity = "violation" | "warning" | "info";

/**
 * One thing wrong with one field of one record. Parsing, mapping and validation return these as data;
 * nothing is thrown for bad input.
 */
export interface Problem {
  /** Stable code, e.g. `record/invalid-date`, `record/unknown-reference` (every code: `PROBLEM_CODES`, src/codes.ts). */
  readonly code: ProblemCode;
  readonly severity: Severity;
  /** `performance`, `venue`, … or `document` for the whole input. */
  readonly entity: string;
  /** The record's local id when it has one. */
  readonly recordId?: string;
  /** JSON path of the offending field in the input, e.g. `$.performances[3].startDate`. */
  readonly path: string;
  /** The offending value, as found (absent when the field is missing). */
  readonly value?: unknown;
  /** What was expected, in each language. */
  readonly expected: Text;
  readonly message: Text;
  readonly hint: Text;
}

/** A message as thrown: one English string (kept as it was), or a sentence in each language (see src/i18n.ts). */
export type Message = string | Text;

function asText(m: Message): Text {
  return typeof m === "string" ? { en: m, fr: m } : m;
}

/** Base class of everything Vivant throws. `code` is stable across versions. */
export class VivantError extends Error {
  readonly code: ProblemCode;
  /** The hint in English. */
  readonly hint?: string;
  /** The message (without the hint) in each language. */
  readonly text: Text;
  /** The hint in each language. */
  readonly hintText?: Text;
  constructor(code: ProblemCode, message: Message, options?: { hint?: Message; cause?: unknown }) {
    const text = asText(message);
    const hint = options?.hint !== undefined ? asText(options.hint) : undefined;
    super(hint ? `${text.en} (${hint.en})` : text.en, { cause: options?.cause });
    this.name = "VivantError";
    this.code = code;
    this.text = text;
    if (hint !== undefined) {
      this.hint = hint.en;
      this.hintText = hint;
    }
  }

  /** The message and its hint in one language: `message (hint)`. */
  messageIn(lang: Lang): string {
    return this.hintText ? `${this.text[lang]} (${this.hintText[lang]})` : this.text[lang];
  }
}

/** The input cannot be used at all (not JSON, not a record document, malformed Turtle…). */
export class InputError extends VivantError {
  readonly problems: readonly Problem[];
  /** 1-based position in the source text, when known. */
  readonly line?: number;
  readonly column?: number;
  constructor(
    code: ProblemCode,
    message: Message,
    options?: { hint?: Message; cause?: unknown; problems?: readonly Problem[]; line?: number; column?: number },
  ) {
    super(code, message, options);
    this.name = "InputError";
    this.problems = options?.problems ?? [];
    if (options?.line !== undefined) this.line = options.line;
    if (options?.column !== undefined) this.column = options.column;
  }
}

/** A call to the API that cannot work as written (wrong option, freed store…). */
export class UsageError extends VivantError {
  constructor(code: ProblemCode, message: Message, options?: { hint?: Message; cause?: unknown }) {
    super(code, message, options);
    this.name = "UsageError";
  }
}

export function isVivantError(e: unknown): e is VivantError {
  return e instanceof VivantError;
}
export function isInputError(e: unknown): e is InputError {
  return e instanceof InputError;
}
export function isUsageError(e: unknown): e is UsageError {
  return e instanceof UsageError;
}

/**
 * What went wrong, in `lang`, for a line of a command's output: a Vivant error's message and hint, or the text of a
 * foreign error (Node, a parser), quoted in French since it is never reworded.
 */
export function messageOf(e: unknown, lang: Lang): string {
  if (isVivantError(e)) return e.messageIn(lang);
  const text = e instanceof Error ? e.message : String(e);
  return lang === "fr" ? `« ${text} »` : text;
}

/** `messageOf` in every language. */
export function textOf(e: unknown): Text {
  return { en: messageOf(e, "en"), fr: messageOf(e, "fr") };
}

/**
 * How a store or a server reports a warning: `message` in English (for callers that keep one language) and `text`
 * in every language (a command or a server set to French prints `text.fr`).
 */
export type Warn = (message: string, text: Text) => void;

/** The warning `text` in `lang` when given, else the English `message`. */
export function warningIn(message: string, text: Text | undefined, lang: Lang): string {
  return text?.[lang] ?? message;
}

/** One line per problem, for a terminal: `performance "p-12": $.performances[3].startDate: … (hint)`. */
export function formatProblem(p: Problem, lang: Lang = "en"): string {
  // A CSV row is named in the reader's language; record kinds (performance, venue…) are the record model's own names.
  const entity = p.entity === "row" ? t("word/row", {}, lang) : p.entity;
  const who = p.recordId !== undefined ? `${entity} "${p.recordId}"` : entity;
  const value = p.value === undefined ? "" : ` ${t("word/value", {}, lang)} ${JSON.stringify(p.value)}:`;
  return `${t(`severity/${p.severity}`, {}, lang).toUpperCase()} ${p.code} ${who}: ${p.path}:${value} ${p.message[lang]} — ${p.hint[lang]}`;
}
