// A tiny option parser on top of node:util parseArgs that turns its errors into InputError with a hint.

import { parseArgs, type ParseArgsConfig } from "node:util";

type Parsed = { values: Record<string, string | boolean | (string | boolean)[] | undefined>; positionals: string[] };
import { InputError } from "../errors.js";

export function parseOptions(argv: readonly string[], options: NonNullable<ParseArgsConfig["options"]>, command: string): Parsed {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new InputError("cli/bad-option", (e as Error).message, { hint: `see vivant ${command} --help` });
  }
}

/** Checks a value against a list, with the list in the error. */
export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, option: string): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError("cli/bad-option", `${option} "${value}" is not one of: ${allowed.join(", ")}`, { hint: `use ${option} ${allowed[0]}` });
}
