// Problems (data: a bad field in a record) and errors (thrown: misuse and I/O), with stable codes.
// Every message exists in English and French and names the record, the field, the expectation and a fix.

import type { ProblemCode } from "./codes.js";
import { t } from "./i18n.js";

export type { ProblemCode };

/** Languages Vivant writes its messages in. */
export type Lang = "en" | "fr";
/** The languages Vivant writes its messages in, English first (the default). */
export const LANGS: readonly Lang[] = ["en", "fr"];

/** A sentence in each supported language. */
export type Text = Readonly<Record<Lang, string>>;

/** How bad a problem or an issue is: a violation rejects its record (or fails validation); a warning or an info does not. */
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

/**
 * Every class of the error family and its parent class. The guards (`isVivantError`, `isInputError`,
 * `isStorageError`…) match on these names as well as by `instanceof`, so that they also recognise a plain copy of an
 * error (a worker thread's message, JSON): an object with the class's `name`, a string `code` and a `text`.
 */
const PARENT = {
  VivantError: undefined,
  InputError: "VivantError",
  UsageError: "VivantError",
  HttpError: "VivantError",
  QueryError: "VivantError",
  DurableWriteError: "VivantError",
  SparqlSyntaxError: "InputError",
  QueryTooComplexError: "InputError",
  StorageError: "UsageError",
  StoreBrokenError: "UsageError",
  RemoteStoreError: "UsageError",
} as const satisfies Readonly<Record<string, string | undefined>>;

/** The `name` of each class of Vivant's error family. */
export type VivantErrorName = keyof typeof PARENT;

/**
 * True when `e` is a Vivant error of class `name` or of one of its subclasses: an instance, or a plain copy of one
 * (its `name`, a string `code` and a `text`; a copy has the fields, not the methods: read it with `messageOf`).
 *
 * @example
 * ```ts
 * import { Worker } from "node:worker_threads";
 * import { isErrorNamed, messageOf } from "vivant-ld";
 *
 * const worker = new Worker(new URL("./writer.js", import.meta.url));
 * worker.on("message", (m: { error?: unknown }) => {
 *   // A thrown error crosses a thread as a plain copy (its name, code and text): the guard still knows it.
 *   if (isErrorNamed(m.error, "StorageError")) console.error(messageOf(m.error, "fr"));
 * });
 * ```
 */
export function isErrorNamed(e: unknown, name: VivantErrorName): boolean {
  if (typeof e !== "object" || e === null) return false;
  const v = e as { name?: unknown; code?: unknown; text?: unknown };
  if (typeof v.name !== "string" || !Object.hasOwn(PARENT, v.name) || typeof v.code !== "string") return false;
  if (typeof v.text !== "object" || v.text === null) return false;
  for (let n: VivantErrorName | undefined = v.name as VivantErrorName; n !== undefined; n = PARENT[n])
    if (n === name) return true;
  return false;
}

/** `message (hint)` in one language, from the fields alone (so that it reads a plain copy of an error too). */
function textIn(e: Pick<VivantError, "text" | "hintText">, lang: Lang): string {
  return e.hintText ? `${e.text[lang]} (${e.hintText[lang]})` : e.text[lang];
}

/** Base class of everything Vivant throws. `code` is stable across versions (every code: `PROBLEM_CODES`). */
export class VivantError extends Error {
  declare name: VivantErrorName;
  readonly code: ProblemCode;
  /** The hint in English. */
  readonly hint?: string;
  /** The message (without the hint) in each language. */
  readonly text: Text;
  /** The hint in each language. */
  readonly hintText?: Text;
  constructor(code: ProblemCode, message: Message, options?: { hint?: Message | undefined; cause?: unknown }) {
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
    return textIn(this, lang);
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

/**
 * What a guard (`isVivantError`, `isInputError`…) promises: the fields of the class, not its methods, since a plain
 * copy of an error (a worker thread's message, JSON) passes the guard too. Read its text with `messageOf(e, lang)`.
 */
export type ErrorCopy<E extends VivantError> = Omit<E, "messageIn">;

/**
 * True for any Vivant error, or a plain copy of one (see `isErrorNamed`).
 * @example
 * ```ts
 * import { createValidator, isVivantError, messageOf } from "vivant-ld";
 *
 * try {
 *   await createValidator(process.argv[2] as "core"); // an unknown profile is a UsageError listing the profiles
 * } catch (e) {
 *   if (!isVivantError(e)) throw e;
 *   console.error(e.code, messageOf(e, "fr")); // a stable code, and the message with its hint in French
 * }
 * ```
 */
export function isVivantError(e: unknown): e is ErrorCopy<VivantError> {
  return e instanceof VivantError || isErrorNamed(e, "VivantError");
}
/**
 * True for an `InputError` (or a subclass: `SparqlSyntaxError`, `QueryTooComplexError`), or a plain copy of one.
 * @example
 * ```ts
 * import { isInputError, validateText } from "vivant-ld";
 *
 * try {
 *   await validateText("<a> <b> .", "broken.ttl", "core");
 * } catch (e) {
 *   if (!isInputError(e)) throw e;
 *   console.error(e.code, e.line, e.column, e.text.fr); // "rdf/syntax" 1 1 "broken.ttl:1:1: …"
 * }
 * ```
 */
export function isInputError(e: unknown): e is ErrorCopy<InputError> {
  return e instanceof InputError || isErrorNamed(e, "InputError");
}
/** True for a `UsageError` (or a subclass: `StorageError`, `StoreBrokenError`, `RemoteStoreError`), or a plain copy of one. */
export function isUsageError(e: unknown): e is ErrorCopy<UsageError> {
  return e instanceof UsageError || isErrorNamed(e, "UsageError");
}

/**
 * What went wrong, in `lang`, for a line of a command's output: a Vivant error's message and hint, or the text of a
 * foreign error (Node, a parser), quoted in French since it is never reworded.
 */
export function messageOf(e: unknown, lang: Lang): string {
  if (isVivantError(e)) return textIn(e, lang);
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

/**
 * One line per problem, for a terminal: `performance "p-12": $.performances[3].startDate: … (hint)`.
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { formatProblem, parseRecords } from "vivant-ld";
 *
 * const { problems } = parseRecords(JSON.parse(readFileSync("season.json", "utf8")));
 * for (const p of problems) console.error(formatProblem(p, "fr")); // severity, code, record, JSON path, message — hint
 * ```
 */
export function formatProblem(p: Problem, lang: Lang = "en"): string {
  // A CSV row is named in the reader's language; record kinds (performance, venue…) are the record model's own names.
  const entity = p.entity === "row" ? t("word/row", {}, lang) : p.entity;
  const who = p.recordId !== undefined ? `${entity} "${p.recordId}"` : entity;
  const value = p.value === undefined ? "" : ` ${t("word/value", {}, lang)} ${JSON.stringify(p.value)}:`;
  return `${t(`severity/${p.severity}`, {}, lang).toUpperCase()} ${p.code} ${who}: ${p.path}:${value} ${p.message[lang]} — ${p.hint[lang]}`;
}
