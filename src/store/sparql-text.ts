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
  return text.replace(/"""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^\s<>"{}|^`\\]*>|#[^\n]*/g, (m) =>
    m.startsWith("<") ? m : " ".repeat(m.length),
  );
}

/** Whether the query names its own dataset (FROM / FROM NAMED), which a union default graph must not override. */
export function hasDatasetClause(text: string): boolean {
  return /\bFROM\s+(?:NAMED\s+)?(?:<|[A-Za-z_][\w.-]*:|:)/i.test(code(text));
}
