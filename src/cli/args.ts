// The option parser of every command, on top of node:util parseArgs: every command takes `--lang en|fr`
// (language of its messages; `--messages` is the old spelling, kept for one release), and a wrong option
// gets a sentence in that language with a "did you mean" instead of the parser's own text.

import { parseArgs, type ParseArgsConfig } from "node:util";
import { InputError, type Lang } from "../errors.js";
import { parseLang, tx } from "../i18n.js";
import { closest } from "../records/messages.js";

type Options = NonNullable<ParseArgsConfig["options"]>;
type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;
export interface Parsed {
  values: Values;
  positionals: string[];
  /** The language of messages: `--lang` (or the old `--messages`), default English. */
  lang: Lang;
}

/** The options every command accepts. */
export const COMMON_OPTIONS: Options = { lang: { type: "string" }, messages: { type: "string" } };

/**
 * The message language named on a command line, read before anything else (so that even an error in the
 * arguments is reported in it): `--lang fr`, `--lang=fr`, or the old `--messages fr`. Default English.
 */
export function langFromArgv(argv: readonly string[]): Lang {
  let lang: Lang = "en";
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") break;
    const m = /^--(lang|messages)(?:=(.*))?$/.exec(a);
    if (!m) continue;
    const value = m[2] ?? argv[i + 1];
    const l = value === undefined ? undefined : parseLang(value);
    if (l !== undefined && (value === "en" || value === "fr")) lang = l;
  }
  return lang;
}

export interface ParseExtras {
  /**
   * Where `--lang` meant something else before 0.2.0, its new name, e.g. `--page-lang`: `--lang fr-CA`
   * then says to use `--page-lang fr-CA`.
   */
  readonly langRenamed?: string;
}

export function parseOptions(
  argv: readonly string[],
  commandOptions: Options,
  command: string,
  extras: ParseExtras = {},
): Parsed {
  const options: Options = { ...COMMON_OPTIONS, ...commandOptions };
  const lang = langFromArgv(argv);
  // First a lenient pass that names the offending option, to explain it in words.
  const { tokens } = parseArgs({ args: [...argv], options, allowPositionals: true, strict: false, tokens: true });
  const longNames = Object.keys(options);
  const shortNames = Object.values(options).flatMap((d) => (d.short ? [d.short] : []));
  for (const tok of tokens ?? []) {
    if (tok.kind !== "option") continue;
    const known = Object.hasOwn(options, tok.name)
      ? options[tok.name]
      : Object.values(options).find((d) => d.short === tok.name);
    if (known === undefined) {
      const isShort = !tok.rawName.startsWith("--");
      const guess = isShort
        ? shortNames.includes(tok.name.toLowerCase())
          ? `-${tok.name.toLowerCase()}`
          : undefined
        : closest(tok.name, longNames);
      const suggestion = guess === undefined ? undefined : guess.startsWith("-") ? guess : `--${guess}`;
      throw new InputError("cli/unknown-option", tx("cli/unknown-option", { option: tok.rawName }), {
        hint:
          suggestion !== undefined
            ? tx("cli/unknown-option.hint", { suggestion, command })
            : tx("cli/unknown-option.hint-none", { command }),
      });
    }
    if (known.type === "string" && tok.value === undefined) {
      throw new InputError("cli/bad-option", tx("cli/option-needs-value", { option: tok.rawName }), {
        hint: tx("cli/option-needs-value.hint", { option: tok.rawName, command }),
      });
    }
    if (known.type === "boolean" && tok.inlineValue) {
      throw new InputError("cli/bad-option", tx("cli/option-takes-no-value", { option: tok.rawName }), {
        hint: tx("cli/option-takes-no-value.hint", { option: tok.rawName, command }),
      });
    }
  }
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (e) {
    // What the lenient pass let through (e.g. a value that looks like an option: --port --host).
    const m = /'(-[^' ]+)/.exec((e as Error).message);
    if (m && (e as { code?: string }).code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      throw new InputError("cli/bad-option", tx("cli/option-needs-value", { option: m[1]! }), {
        hint: tx("cli/option-needs-value.hint", { option: m[1]!, command }),
      });
    }
    throw new InputError("cli/bad-option", tx("cli/bad-arguments", { detail: (e as Error).message }), {
      hint: tx("cli/see-help", { command }),
    });
  }
  const { values } = parsed;
  const messages = values.messages;
  if (values.lang === undefined && typeof messages === "string") values.lang = messages;
  delete values.messages;
  const asked = typeof values.lang === "string" ? values.lang : undefined;
  if (asked !== undefined && asked !== "en" && asked !== "fr" && extras.langRenamed) {
    throw new InputError("cli/bad-option", tx("cli/lang-renamed", { value: asked, option: extras.langRenamed }), {
      hint: tx("cli/not-one-of.hint", { option: "--lang", example: "fr" }),
    });
  }
  oneOf(asked, ["en", "fr"] as const, "en", "--lang");
  return { values, positionals: parsed.positionals, lang };
}

/** Checks a value against a list, with the list in the error. */
export function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
  option: string,
): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError("cli/bad-option", tx("cli/not-one-of", { option, value, allowed: allowed.join(", ") }), {
    hint: tx("cli/not-one-of.hint", { option, example: allowed[0] }),
  });
}

/** A whole number ≥ min from an option, or undefined when the option is absent. */
export function wholeNumber(value: unknown, option: string, min = 0): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== "string" || value.trim() === "" || !Number.isInteger(n) || n < min) {
    throw new InputError(
      "cli/bad-option",
      tx("cli/not-whole-number", { option, value: typeof value === "string" ? value : JSON.stringify(value), min }),
      {
        hint: tx("cli/not-whole-number.hint", { option, example: Math.max(min, 1000) }),
      },
    );
  }
  return n;
}
