// The problems of one record: RecordCheck collects them (its builders take one object parameter and make the
// problem only when there is one), and the paths and shown values they carry.

import type { Problem, ProblemCode, Severity, Text } from "../../errors.js";
import { expectation } from "../messages.js";
import type { Spec } from "../spec.js";

/** Deepest nesting a reported value keeps (the record model itself is a few levels deep). */
export const MAX_SHOWN_DEPTH = 16;

/**
 * A value as a problem shows it: itself, or, when nested deeper than MAX_SHOWN_DEPTH (JSON.stringify of a value
 * 10,000 levels deep overflows the call stack, here and wherever the report is written), a short description.
 */
export function bounded(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  const stack: [unknown, number][] = [[value, 1]];
  let seen = 0;
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (depth > MAX_SHOWN_DEPTH)
      return `${Array.isArray(value) ? "[…]" : "{…}"} nested more than ${MAX_SHOWN_DEPTH} levels deep`;
    // Wide but shallow values are shown whole; the walk stops early when there is nothing deep to find.
    if (++seen > 100_000) break;
    if (v !== null && typeof v === "object")
      for (const k in v) stack.push([(v as Record<string, unknown>)[k], depth + 1]);
  }
  return value;
}

/** `path.key`, or `path[key]` for an index. */
export function step(path: string, key: string | number): string {
  return typeof key === "number" ? `${path}[${key}]` : `${path}.${key}`;
}

/** A problem as its builder takes it: the record's entity and id are the check's. */
export interface ProblemSpec {
  readonly code: ProblemCode;
  readonly path: string;
  /** The value at fault, shown bounded (see `bounded`); omitted when there is none (a missing field). */
  readonly value?: unknown;
  readonly expected: Text;
  readonly message: Text;
  readonly hint: Text;
  /** @default "violation" */
  readonly severity?: Severity;
}

/** A value that does not match its spec: the expectation and example are the spec's. */
export interface InvalidSpec {
  readonly spec: Spec;
  readonly path: string;
  readonly value: unknown;
  /** @default "record/invalid-value" */
  readonly code?: ProblemCode;
}

/** Collects problems for one record. */
export class RecordCheck {
  ok = true;
  /** Top-level fields that failed their check (made on the first failure). */
  failed: Set<string> | undefined;
  /** Whether a null value was met (null means absent: the record is then copied without it). */
  sawNull = false;
  /** Whether the record itself (not a nested object) has a field its spec does not know. */
  unknownField = false;
  constructor(
    private readonly out: Problem[],
    readonly entity: string,
    public recordId: string | undefined,
    /** JSON path of the record (or object) being checked. */
    public root = "$",
    /**
     * Keys from `root` down to the array or object being checked: the structural check pushes and pops them, and a
     * path is made into text only when a problem is reported. One stack serves every record of a collection.
     */
    readonly keys: (string | number)[] = [],
  ) {}

  /** Starts on the next record of a collection: one check serves them all (no object per record). */
  next(recordId: string, root: string): this {
    this.recordId = recordId;
    this.root = root;
    this.ok = true;
    this.failed = undefined;
    this.sawNull = false;
    this.unknownField = false;
    return this;
  }

  /** The path of the array or object being checked. */
  here(): string {
    let p = this.root;
    for (const k of this.keys) p = step(p, k);
    return p;
  }

  /** The path of its member `key`. */
  at(key: string | number): string {
    return step(this.here(), key);
  }

  /** Reports a problem of this record; a violation (the default severity) rejects it. */
  report({ code, path, value, expected, message, hint, severity = "violation" }: ProblemSpec): void {
    if (severity === "violation") this.ok = false;
    this.out.push({
      code,
      severity,
      entity: this.entity,
      path,
      expected,
      message,
      hint,
      ...(this.recordId !== undefined ? { recordId: this.recordId } : {}),
      ...(value !== undefined ? { value: bounded(value) } : {}),
    });
  }

  /** A field whose value does not match its spec. */
  invalid({ spec, path, value, code = "record/invalid-value" }: InvalidSpec): void {
    const { expected, example } = expectation(spec);
    const field = fieldName(path);
    const shown = JSON.stringify(bounded(value));
    this.report({
      code,
      path,
      value,
      expected,
      message: { en: `${field} ${shown} is not ${expected.en}`, fr: `${field} ${shown} n'est pas ${expected.fr}` },
      hint: { en: `write ${expected.en}, e.g. ${example}`, fr: `indiquez ${expected.fr}, par ex. ${example}` },
    });
  }
}

export function fieldName(path: string): string {
  return path.replace(/^.*?\.(?=[^.[]+(?:\[\d+\])*$)/, "").replace(/^\$\./, "") || path;
}

/**
 * `at.key`, then `[index]` and `.leaf` when given (`$.performances[3].offers[1].validFrom`). Cross-record checks take
 * their path in these parts and join them only when they report a problem: most records have none.
 */
export function fieldPath(at: string, key: string, index?: number, leaf?: string): string {
  let p = step(at, key);
  if (index !== undefined) p = step(p, index);
  return leaf === undefined ? p : step(p, leaf);
}
