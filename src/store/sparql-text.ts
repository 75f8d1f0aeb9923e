// What can be told from a SPARQL string without parsing it: its form, and the position of a parser error.

import type { QueryForm } from "./types.js";

export type OperationKind = QueryForm | "update";

const UPDATE_KEYWORDS = new Set(["insert", "delete", "load", "clear", "create", "drop", "copy", "move", "add", "with"]);

/**
 * The form of a SPARQL operation, read after its prologue (BASE / PREFIX) and comments.
 * Undefined when the text starts with something else (the parser then gives the real error).
 */
export function operationKind(text: string): OperationKind | undefined {
  let i = 0;
  const n = text.length;
  for (;;) {
    while (i < n && /\s/.test(text[i]!)) i++;
    if (text[i] === "#") {
      while (i < n && text[i] !== "\n") i++;
      continue;
    }
    const word = /^[A-Za-z]+/.exec(text.slice(i, i + 12))?.[0]?.toLowerCase();
    if (word === "base") {
      const end = text.indexOf(">", i);
      if (end < 0) return undefined;
      i = end + 1;
      continue;
    }
    if (word === "prefix") {
      const lt = text.indexOf("<", i);
      const end = lt < 0 ? -1 : text.indexOf(">", lt);
      if (end < 0) return undefined;
      i = end + 1;
      continue;
    }
    if (word === "select" || word === "ask" || word === "construct" || word === "describe") return word;
    if (word !== undefined && UPDATE_KEYWORDS.has(word)) return "update";
    return undefined;
  }
}

/** `error at 2:17: expected …` (Oxigraph's parser) → line and column, 1-based. */
export function errorPosition(message: string): { line: number; column: number } | undefined {
  const m = /error at (\d+):(\d+)/.exec(message);
  return m ? { line: Number(m[1]), column: Number(m[2]) } : undefined;
}

/** The query text with comments and string literals blanked out (same length), for keyword checks. */
function code(text: string): string {
  return text.replace(
    /"""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^\s<>"{}|^`\\]*>|#[^\n]*/g,
    (m) => (m.startsWith("<") ? m : " ".repeat(m.length)),
  );
}

/** Whether the query names its own dataset (FROM / FROM NAMED), which a union default graph must not override. */
export function hasDatasetClause(text: string): boolean {
  return /\bFROM\s+(?:NAMED\s+)?(?:<|[A-Za-z_][\w.-]*:|:)/i.test(code(text));
}

/**
 * The IRIs of the query's `FROM` clauses (not `FROM NAMED`), prefixed names expanded with the query's PREFIX
 * declarations; undefined when one cannot be resolved (a relative IRI, an unknown prefix).
 */
export function fromGraphs(text: string): string[] | undefined {
  const c = code(text);
  const prefixes = new Map<string, string>();
  for (const m of c.matchAll(/\bPREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>/gi)) prefixes.set(m[1] ?? "", m[2]!);
  const out: string[] = [];
  for (const m of c.matchAll(/\bFROM\s+(?!NAMED\b)(?:<([^>]*)>|([A-Za-z][\w.-]*)?:([^\s{]*))/gi)) {
    if (m[1] !== undefined) {
      if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(m[1])) return undefined;
      out.push(m[1]);
      continue;
    }
    const ns = prefixes.get(m[2] ?? "");
    if (ns === undefined || !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(ns)) return undefined;
    out.push(ns + m[3]!);
  }
  return out;
}
