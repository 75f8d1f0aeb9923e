// HTML → the JSON-LD it carries: every `<script type="application/ld+json">` block, found with a
// real HTML parser (parse5), parsed as JSON with the few repairs real pages need, each one counted.

import { parse } from "parse5";
import type { Fixes } from "./fixes.js";

export interface ScriptBlock {
  /** Position of the block in the page (0-based). */
  readonly index: number;
  /** 1-based line of the `<script>` tag in the page. */
  readonly line: number;
  readonly text: string;
}

export interface PageScripts {
  readonly blocks: ScriptBlock[];
  /** `<base href>` when the page sets one (relative IRIs resolve against it). */
  readonly baseHref?: string;
}

interface Parse5Node {
  readonly nodeName: string;
  readonly tagName?: string;
  readonly attrs?: readonly { name: string; value: string }[];
  readonly childNodes?: readonly Parse5Node[];
  readonly content?: Parse5Node;
  readonly value?: string;
  readonly sourceCodeLocation?: { startLine: number } | null;
}

function attr(node: Parse5Node, name: string): string | undefined {
  return node.attrs?.find((a) => a.name === name)?.value;
}

/** True for `application/ld+json`, whatever the case, spaces or parameters around it. */
export function isJsonLdType(type: string | undefined): boolean {
  return type !== undefined && type.split(";")[0]!.trim().toLowerCase() === "application/ld+json";
}

/** Finds every JSON-LD script block of an HTML page, in document order. */
export function extractScripts(html: string): PageScripts {
  const document = parse(html, { sourceCodeLocationInfo: true }) as unknown as Parse5Node;
  const blocks: ScriptBlock[] = [];
  let baseHref: string | undefined;
  // Iterative walk: pages nest deeply enough to matter for recursion.
  const stack: Parse5Node[] = [document];
  const ordered: Parse5Node[] = [];
  while (stack.length) {
    const node = stack.pop()!;
    ordered.push(node);
    const children = node.content?.childNodes ?? node.childNodes ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  for (const node of ordered) {
    if (node.tagName === "base" && baseHref === undefined) baseHref = attr(node, "href");
    if (node.tagName !== "script" || !isJsonLdType(attr(node, "type"))) continue;
    const text = (node.childNodes ?? []).map((c) => c.value ?? "").join("");
    blocks.push({ index: blocks.length, line: node.sourceCodeLocation?.startLine ?? 0, text });
  }
  return baseHref !== undefined ? { blocks, baseHref } : { blocks };
}

export type JsonParse =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

/**
 * Parses a script block as JSON. Repairs, counting each: an HTML comment or CDATA wrapper around
 * the JSON, raw line breaks and tabs inside strings. Anything else that is not JSON is an error.
 */
export function parseJsonBlock(text: string, fixes?: Fixes): JsonParse {
  let body = text.trim();
  const unwrapped = body
    .replace(/^<!--/, "")
    .replace(/-->$/, "")
    .replace(/^(\/\/\s*)?<!\[CDATA\[/, "")
    .replace(/(\/\/\s*)?\]\]>$/, "")
    .trim();
  const wrapped = unwrapped !== body;
  body = unwrapped;
  if (body === "") return { ok: false, message: "empty script block" };
  try {
    const value: unknown = JSON.parse(body);
    if (wrapped) fixes?.add("script-wrapper");
    return { ok: true, value };
  } catch (e) {
    const escaped = escapeControlCharacters(body);
    if (escaped !== body) {
      try {
        const value: unknown = JSON.parse(escaped);
        if (wrapped) fixes?.add("script-wrapper");
        fixes?.add("json-control-characters");
        return { ok: true, value };
      } catch {
        // fall through: report the original error
      }
    }
    return { ok: false, message: (e as Error).message };
  }
}

/** Escapes raw control characters found inside JSON string literals (outside strings they are whitespace). */
function escapeControlCharacters(s: string): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (inString) {
      if (c === "\\") {
        out += c + (s[i + 1] ?? "");
        i++;
        continue;
      }
      if (c === '"') inString = false;
      else if (c === "\n") {
        out += "\\n";
        continue;
      } else if (c === "\r") {
        out += "\\r";
        continue;
      } else if (c === "\t") {
        out += "\\t";
        continue;
      }
    } else if (c === '"') inString = true;
    out += c;
  }
  return out;
}
