// The embedded store's own errors: a SPARQL syntax error with its position, and a WebAssembly store that trapped
// (and how to tell a trap from an ordinary error).

import { tx } from "../i18n.js";
import { InputError, isErrorNamed, UsageError, type ErrorCopy } from "../errors.js";
import { errorPosition } from "./sparql-text.js";

/** A SPARQL syntax error, with the parser's message and position. */
export class SparqlSyntaxError extends InputError {
  constructor(message: string, cause?: unknown) {
    const pos = errorPosition(message);
    super("sparql/syntax", tx("sparql/syntax", { detail: message }), {
      hint: tx("sparql/syntax.hint"),
      cause,
      ...(pos ? { line: pos.line, column: pos.column } : {}),
    });
    this.name = "SparqlSyntaxError";
  }
}

/** True for a `SparqlSyntaxError`, or a plain copy of one (see `isErrorNamed`). */
export function isSparqlSyntaxError(e: unknown): e is ErrorCopy<SparqlSyntaxError> {
  return e instanceof SparqlSyntaxError || isErrorNamed(e, "SparqlSyntaxError");
}

/**
 * The WebAssembly store failed in a way that leaves its memory unusable (a trap such as "memory access out of
 * bounds" or "unreachable", or a stack overflow inside it). Every later call on that store throws this too:
 * its data must be loaded again into a new store.
 */
export class StoreBrokenError extends UsageError {
  constructor(message: string, cause?: unknown) {
    super("store/broken", tx("store/broken", { reason: message }), {
      hint: tx("store/broken.hint"),
      cause,
    });
    this.name = "StoreBrokenError";
  }
}

/** True for a `StoreBrokenError`, or a plain copy of one (see `isErrorNamed`). */
export function isStoreBrokenError(e: unknown): e is ErrorCopy<StoreBrokenError> {
  return e instanceof StoreBrokenError || isErrorNamed(e, "StoreBrokenError");
}

/** Whether an error thrown by an Oxigraph call means its WebAssembly instance may be damaged. */
export function isTrap(e: unknown): boolean {
  const wasm = (globalThis as { WebAssembly?: { RuntimeError: new () => Error } }).WebAssembly;
  return (
    (wasm !== undefined && e instanceof wasm.RuntimeError) ||
    e instanceof RangeError ||
    (e instanceof Error && /^(memory access out of bounds|unreachable)/.test(e.message))
  );
}
