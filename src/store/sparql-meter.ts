// The scanner behind measureQuery: one linear pass over a SPARQL query's tokens (no recursion, no regular expression
// that can backtrack) that sums each construct's weight on Oxigraph's stack (see sparql-limits.ts for why and how
// the weights were measured) and guesses whether the query is a lookup.

import type { QueryShape } from "./sparql-limits.js";

/** Weights in tenths (integers: the sums are exact). */
const W = {
  group: 10,
  bnode: 20,
  paren: 5,
  collection: 20,
  call: 25,
  exists: 30,
  triple: 10,
  op: 3,
  path: 10,
  step: 20,
  filter: 3,
  union: 3,
  bind: 10,
  optional: 10,
  minus: 10,
  values: 10,
  graph: 10,
  service: 10,
  select: 10,
} as const;

const KEYWORD_ITEM: Readonly<Record<string, number>> = {
  FILTER: W.filter,
  UNION: W.union,
  BIND: W.bind,
  OPTIONAL: W.optional,
  MINUS: W.minus,
  VALUES: W.values,
  GRAPH: W.graph,
  SERVICE: W.service,
  EXISTS: W.exists,
  SELECT: W.select,
};
/** Keywords that end a triple block (for the lookup guess). */
const BLOCK_BREAK = new Set([
  "FILTER",
  "BIND",
  "OPTIONAL",
  "MINUS",
  "UNION",
  "VALUES",
  "GRAPH",
  "SERVICE",
  "EXISTS",
  "NOT",
]);

type FrameKind = "group" | "bnode" | "expr" | "paren" | "data";

interface Frame {
  readonly kind: FrameKind;
  /** Weight of the frame itself plus its items so far (what it adds to the depth of anything opened inside it). */
  weight: number;
}

const isWordChar = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) ||
  (c >= 0x41 && c <= 0x5a) ||
  (c >= 0x61 && c <= 0x7a) ||
  c === 0x5f ||
  c === 0x2d ||
  c === 0x3a ||
  c === 0x2e ||
  c === 0x25 ||
  c === 0x5c ||
  c >= 0x80;
const isWordStart = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) ||
  (c >= 0x41 && c <= 0x5a) ||
  (c >= 0x61 && c <= 0x7a) ||
  c === 0x5f ||
  c === 0x3a ||
  c >= 0x80;
/** Characters that end an IRIREF attempt (`<` not followed by an IRI is an operator). */
const notIri = (c: number): boolean =>
  c <= 0x20 ||
  c === 0x3c ||
  c === 0x22 ||
  c === 0x7b ||
  c === 0x7d ||
  c === 0x7c ||
  c === 0x5e ||
  c === 0x60 ||
  c === 0x5c;

/** Measures a query in one pass; stops early once past `maxTokens` or a weighted depth of `maxDepth`. */
export function measure(text: string, maxDepth: number, maxTokens: number): QueryShape {
  return new Meter(text, maxDepth, maxTokens).run();
}

/** One pass of `measureQuery` over a query's text: the scanner's position and what it has measured so far. */
class Meter {
  readonly #text: string;
  readonly #n: number;
  readonly #maxDepth: number;
  readonly #maxTokens: number;
  readonly #frames: Frame[] = [];
  #i = 0;
  #depth = 0; // sum of the open frames' weights
  #deepest = 0;
  #deepestAt = 0;
  #tokens = 0;
  /**
   * What the previous token was, for a `(` right after it: `call` (a keyword or function name), `term` (an IRI,
   * prefixed name or `a`: a function in an expression, a collection in a triple), or nothing.
   */
  #callable: "call" | "term" | false = false;
  #valuesPending = false;
  #selects = 0;
  #heavy = false;
  // Triple blocks and their variables, for the cartesian-product guess.
  readonly #blockVars: Set<string>[] = [];
  #block: Set<string> | undefined;

  constructor(text: string, maxDepth: number, maxTokens: number) {
    this.#text = text;
    this.#n = text.length;
    this.#maxDepth = maxDepth * 10;
    this.#maxTokens = maxTokens;
  }

  run(): QueryShape {
    const text = this.#text;
    while (this.#i < this.#n && this.#tokens <= this.#maxTokens && this.#deepest <= this.#maxDepth) {
      const c = text.charCodeAt(this.#i);
      if (c <= 0x20) {
        this.#i++;
        continue;
      }
      if (c === 0x23 /* # */) {
        while (this.#i < this.#n && text.charCodeAt(this.#i) !== 0x0a && text.charCodeAt(this.#i) !== 0x0d) this.#i++;
        continue;
      }
      this.#tokens++;
      const at = this.#i;
      if (c === 0x22 || c === 0x27 /* " ' */) this.#string(c);
      else if (c === 0x3c /* < */) this.#angle(at);
      else if (
        (c === 0x3f || c === 0x24) /* ? $ */ &&
        this.#i + 1 < this.#n &&
        isWordStart(text.charCodeAt(this.#i + 1))
      )
        this.#variableToken();
      else if (isWordStart(c)) this.#word(at);
      else {
        this.#i++;
        this.#punctuation(c, at);
        this.#callable = false;
      }
    }
    const { line, column } = position(text, this.#deepestAt);
    return {
      depth: this.#deepest / 10,
      tokens: this.#tokens,
      line,
      column,
      lookup: !this.#heavy && this.#blockVars.length <= 16 && connected(this.#blockVars),
    };
  }

  /** A string literal, short or long (`"""…"""`), with its escapes. */
  #string(quote: number): void {
    const text = this.#text;
    const long = text.charCodeAt(this.#i + 1) === quote && text.charCodeAt(this.#i + 2) === quote;
    this.#i += long ? 3 : 1;
    while (this.#i < this.#n) {
      const d = text.charCodeAt(this.#i);
      if (d === 0x5c) {
        this.#i += 2;
        continue;
      }
      if (
        long
          ? d === quote && text.charCodeAt(this.#i + 1) === quote && text.charCodeAt(this.#i + 2) === quote
          : d === quote || d === 0x0a || d === 0x0d
      )
        break;
      this.#i++;
    }
    this.#i += long ? 3 : 1;
    this.#callable = false;
  }

  /** `<`: an IRI, or the operators `<` and `<=`. */
  #angle(at: number): void {
    const text = this.#text;
    let j = this.#i + 1;
    while (j < this.#n && !notIri(text.charCodeAt(j)) && text.charCodeAt(j) !== 0x3e) j++;
    if (j < this.#n && text.charCodeAt(j) === 0x3e) {
      this.#i = j + 1;
      this.#callable = "term"; // <function>(…) in an expression
      return;
    }
    this.#i += text.charCodeAt(this.#i + 1) === 0x3d ? 2 : 1;
    this.#item(W.op, at);
    this.#callable = false;
  }

  /** `?name` or `$name`. */
  #variableToken(): void {
    const text = this.#text;
    let j = this.#i + 1;
    while (
      j < this.#n &&
      isWordChar(text.charCodeAt(j)) &&
      text.charCodeAt(j) !== 0x2e &&
      text.charCodeAt(j) !== 0x3a &&
      text.charCodeAt(j) !== 0x2d
    )
      j++;
    this.#variable(text.slice(this.#i + 1, j));
    this.#i = j;
    this.#callable = false;
  }

  /** A keyword, a function name, a prefixed name, a number or `a`. */
  #word(at: number): void {
    const text = this.#text;
    const i = this.#i;
    let j = i;
    while (j < this.#n && isWordChar(text.charCodeAt(j))) j++;
    while (j > i + 1 && text.charCodeAt(j - 1) === 0x2e) j--; // a final dot ends the triple
    const word = j - i <= 8 ? text.slice(i, j).toUpperCase() : "";
    this.#callable = text.slice(i, j).includes(":") || (j === i + 1 && text.charCodeAt(i) === 0x61) ? "term" : "call";
    this.#i = j;
    const w = KEYWORD_ITEM[word];
    if (w !== undefined) this.#item(w, at);
    if (BLOCK_BREAK.has(word)) this.#block = undefined;
    if (word === "VALUES") this.#valuesPending = true;
    if (word === "SELECT" && ++this.#selects > 1) this.#heavy = true;
    if (word === "SERVICE") this.#heavy = true;
  }

  /** Brackets, triple separators and operators (the scanner is already past `c`). */
  #punctuation(c: number, at: number): void {
    const text = this.#text;
    switch (c) {
      case 0x7b /* { */:
        this.#block = undefined;
        this.#open(this.#valuesPending ? "data" : "group", W.group, at);
        this.#valuesPending = false;
        break;
      case 0x7d /* } */:
        this.#block = undefined;
        this.#close();
        break;
      case 0x5b /* [ */:
        this.#open("bnode", W.bnode, at);
        break;
      case 0x5d /* ] */:
      case 0x29 /* ) */:
        this.#close();
        break;
      case 0x28 /* ( */:
        this.#parenthesis(at);
        break;
      case 0x2e /* . */:
        if (this.#top()?.kind === "group") {
          this.#item(W.triple, at);
          this.#block = undefined;
        }
        break;
      case 0x3b /* ; */:
      case 0x2c /* , */:
        if (this.#top()?.kind === "group" || this.#top()?.kind === "bnode") this.#item(W.triple, at);
        break;
      case 0x5e /* ^ */:
        if (text.charCodeAt(this.#i) === 0x5e)
          this.#i++; // ^^ datatype
        else this.#item(W.step, at);
        break;
      case 0x7c /* | */:
      case 0x26 /* & */: {
        const double = text.charCodeAt(this.#i) === c;
        if (double) this.#i++;
        this.#item(c === 0x7c && !double ? W.path : W.op, at);
        break;
      }
      case 0x21 /* ! */:
      case 0x3d /* = */:
      case 0x3e /* > */:
        if (text.charCodeAt(this.#i) === 0x3d) this.#i++;
        this.#item(W.op, at);
        break;
      case 0x2a /* * */:
      case 0x2b /* + */:
        if (this.#inTriples()) this.#heavy = true; // a property path of any length
        this.#item(W.op, at);
        break;
      case 0x2f /* / (a path sequence, or a division) */:
        this.#item(W.step, at);
        break;
      case 0x2d /* - */:
      case 0x3f /* ? (path modifier) */:
        this.#item(W.op, at);
        break;
      default:
        break;
    }
  }

  /** `(`: a call's arguments, a bracketed expression, a collection in a triple, or a row of VALUES data. */
  #parenthesis(at: number): void {
    const parent = this.#top()?.kind;
    const expression = parent === "expr" || parent === undefined;
    const call = parent !== "data" && (this.#callable === "call" || (this.#callable === "term" && expression));
    const kind: FrameKind = call || expression ? "expr" : parent === "data" ? "data" : "paren";
    this.#open(kind, call ? W.call + W.paren : kind === "paren" ? W.collection : W.paren, at);
  }

  #top(): Frame | undefined {
    return this.#frames[this.#frames.length - 1];
  }

  #note(at: number): void {
    if (this.#depth > this.#deepest) {
      this.#deepest = this.#depth;
      this.#deepestAt = at;
    }
  }

  /** Adds to the current frame (a sequence grows): everything opened after it in this frame is that much deeper. */
  #item(w: number, at: number): void {
    const f = this.#top();
    if (f) f.weight += w;
    this.#depth += w;
    this.#note(at);
  }

  #open(kind: FrameKind, w: number, at: number): void {
    this.#frames.push({ kind, weight: w });
    this.#depth += w;
    this.#note(at);
  }

  #close(): void {
    const f = this.#frames.pop();
    if (f) this.#depth -= f.weight;
  }

  #inTriples(): boolean {
    const k = this.#top()?.kind;
    return k === "group" || k === "bnode" || k === "paren";
  }

  #variable(name: string): void {
    if (!this.#inTriples()) return;
    if (!this.#block) {
      this.#block = new Set();
      this.#blockVars.push(this.#block);
    }
    this.#block.add(name);
  }
}

function position(text: string, at: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let k = text.indexOf("\n"); k >= 0 && k < at; k = text.indexOf("\n", k + 1)) {
    line++;
    start = k + 1;
  }
  return { line, column: at - start + 1 };
}

/** Whether the triple blocks that have variables form one component when joined by shared variables. */
function connected(blocks: readonly Set<string>[]): boolean {
  if (blocks.length <= 1) return true;
  const parent = blocks.map((_, k) => k);
  const find = (k: number): number => {
    while (parent[k] !== k) k = parent[k] = parent[parent[k]!]!;
    return k;
  };
  const owner = new Map<string, number>();
  blocks.forEach((vars, k) => {
    for (const v of vars) {
      const o = owner.get(v);
      if (o === undefined) owner.set(v, k);
      else parent[find(k)] = find(o);
    }
  });
  const roots = new Set(blocks.map((_, k) => find(k)));
  return roots.size === 1;
}
