// JSON files of any size read as a stream: `readJsonFile` gives the value `JSON.parse` would, without ever holding the
// file as one string (a 1M-performance record document is larger than the longest string V8 can make). Parsing is
// @discoveryjs/json-ext's `parseChunked`; this module owns what it adds: byte-order marks dropped as `parseJsonText`
// does, a check that every object and array was closed (the parser accepts a file cut just after a `]` or `}`),
// syntax errors as the same InputError as `parseJsonText`, with the line and column in the whole file, and a key
// `__proto__` read as `JSON.parse` reads it (an own property: the parser would set the object's prototype with it),
// and a key written twice in one object read as `JSON.parse` reads it (the last one kept: the parser, which appends
// each piece to the last key of the object in insertion order, would append it to another key's value or fail).

import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { parseChunked } from "@discoveryjs/json-ext";
import { tx } from "../i18n.js";
import { InputError, type ProblemCode } from "../errors.js";
import { parseJsonText } from "./io.js";

/** Characters read at a time: the largest piece of the file held as text. */
const CHUNK = 1 << 20;

const PROTO = /__proto__|\\u005[fF]/;

/** A read failure (not a syntax error): said as `io/read`. */
class ReadFailure extends Error {}

/** The file's text in chunks of about `CHUNK` characters, leading byte-order marks dropped. */
async function* chunksOf(path: string, size: number): AsyncGenerator<string> {
  const stream = createReadStream(path, { encoding: "utf8", highWaterMark: size });
  let start = true;
  try {
    for await (const piece of stream as AsyncIterable<string>) {
      let chunk = piece;
      if (start) {
        chunk = chunk.replace(/^\uFEFF+/, "");
        if (!chunk) continue;
        start = false;
      }
      yield chunk;
    }
  } catch (e) {
    throw new ReadFailure((e as Error).message, { cause: e });
  } finally {
    stream.destroy();
  }
}

/**
 * JSON's grammar checked chunk by chunk as the parser reads (it accepts texts JSON.parse refuses: cut just after a
 * `]` or `}`, commas before a `}` or `]`), and whether the text may hold a key `__proto__`.
 */
class Closure {
  readonly grammar = new Grammar();
  ok = true;
  length = 0;
  /** Whether the text may hold a key `__proto__` (written as it is or with \u escapes), which the parser mishandles. */
  protoKey = false;
  private tail = "";

  scan(chunk: string): void {
    if (!this.protoKey) {
      // A key split between chunks is seen in the seam: the last characters read and the new chunk's first ones.
      this.protoKey = PROTO.test(chunk) || PROTO.test(this.tail + chunk.slice(0, 16));
      this.tail = (this.tail + chunk).slice(-16);
    }
    if (this.ok) this.ok = this.grammar.feed(chunk, this.length);
    this.length += chunk.length;
  }

  get complete(): boolean {
    return this.ok && this.length > 0 && this.grammar.complete;
  }
}

/**
 * Where a JSON text first goes wrong, found by a streaming check of its grammar: only called once the parser has
 * refused the text (its message may name no position, or the position of the last piece it parsed).
 */
async function firstErrorOffset(chunks: AsyncIterable<string>): Promise<number> {
  const grammar = new Grammar();
  let offset = 0;
  for await (const chunk of chunks) {
    if (!grammar.feed(chunk, offset)) return grammar.errorAt;
    offset += chunk.length;
  }
  // Complete, or cut short: then the end is where it goes wrong (but see endAt).
  return grammar.endAt(offset);
}

const digit = (c: string): boolean => c >= "0" && c <= "9";
const exponent = (c: string): boolean => c === "e" || c === "E";
/**
 * A number's grammar, from the state after its last character: the next state, "end" (the character is not part of
 * the number, which is complete) or "bad" (it is cut: "-", "1.", "1e").
 */
const NUMBER_NEXT: Readonly<Record<string, (c: string) => string>> = {
  minus: (c) => (c === "0" ? "zero" : digit(c) ? "int" : "bad"),
  zero: (c) => (c === "." ? "dot" : exponent(c) ? "exp" : "end"),
  int: (c) => (digit(c) ? "int" : c === "." ? "dot" : exponent(c) ? "exp" : "end"),
  dot: (c) => (digit(c) ? "frac" : "bad"),
  frac: (c) => (digit(c) ? "frac" : exponent(c) ? "exp" : "end"),
  exp: (c) => (c === "+" || c === "-" ? "sign" : digit(c) ? "expInt" : "bad"),
  sign: (c) => (digit(c) ? "expInt" : "bad"),
  expInt: (c) => (digit(c) ? "expInt" : "end"),
};
const STRING_SPECIAL = /["\\\u0000-\u001f]/g;
const COMPLETE_NUMBER = new Set(["zero", "int", "frac", "expInt"]);
const LITERAL_REST: Readonly<Record<string, string>> = { t: "rue", f: "alse", n: "ull" };

/** Keys of one object past which they are looked up in a set, not one by one. */
const KEYS_SCANNED = 32;

/**
 * JSON's grammar one character at a time. States: v a value; a a value or "]"; k a key or "}"; K a key; c ":";
 * n after a value; s, e, u in a string, after a backslash, in \u digits. It also notes the first key written twice in
 * one object.
 */
class Grammar {
  private readonly stack: boolean[] = [];
  /** The keys of the open objects, outermost first; `objectKeysFrom` is where each open object's keys begin. */
  private readonly keys: string[] = [];
  private readonly objectKeysFrom: number[] = [];
  /** The keys of an open object with many, as a set (by its index in `objectKeysFrom`). */
  private readonly keySets = new Map<number, Set<string>>();
  /** The key being read: its text in the chunks before this one, and where it starts in this one (-1: not in one). */
  private keyText = "";
  private keyFrom = -1;
  private keyAt = 0;
  /** The first key written twice in one object, and where (the offset of its opening quote). */
  duplicate: { readonly key: string; readonly at: number } | undefined;
  private state = "v";
  private afterString = "n";
  private hex = 0;
  private literal = "";
  private literalAt = 0;
  private stringAt = 0;
  private number = "";
  errorAt = 0;

  /** Takes a chunk whose first character is at `base`; false (and `errorAt` set) where the text stops being JSON. */
  feed(chunk: string, base: number): boolean {
    if (this.keyFrom !== -1) this.keyFrom = 0;
    for (let i = 0; i < chunk.length; i++) {
      if (this.state === "s") {
        // Inside a string only quotes, backslashes and control characters matter: jump to the next one.
        STRING_SPECIAL.lastIndex = i;
        const m = STRING_SPECIAL.exec(chunk);
        if (!m) break;
        i = m.index;
      }
      const before = this.state;
      if (!this.step(chunk[i]!, base + i)) return false;
      if (before === "k" || before === "K") {
        if (this.state === "s") {
          this.keyFrom = i + 1;
          this.keyAt = base + i;
        }
      } else if (this.state === "c" && this.keyFrom !== -1) this.endKey(this.keyText + chunk.slice(this.keyFrom, i));
    }
    if (this.keyFrom !== -1) this.keyText += chunk.slice(this.keyFrom);
    return true;
  }

  /** A key read whole (as written, escapes and all): noted in its object, unless the object already has it. */
  private endKey(raw: string): void {
    this.keyText = "";
    this.keyFrom = -1;
    if (this.duplicate) return;
    const key = raw.includes("\\") ? (JSON.parse(`"${raw}"`) as string) : raw;
    const depth = this.objectKeysFrom.length - 1;
    const from = this.objectKeysFrom[depth]!;
    const set = this.keySets.get(depth);
    let seen = false;
    if (set) seen = set.has(key);
    else for (let j = from; j < this.keys.length && !seen; j++) seen = this.keys[j] === key;
    if (seen) {
      this.duplicate = { key, at: this.keyAt };
      return;
    }
    if (set) set.add(key);
    else {
      this.keys.push(key);
      if (this.keys.length - from > KEYS_SCANNED) {
        this.keySets.set(depth, new Set(this.keys.slice(from)));
        this.keys.length = from;
      }
    }
  }

  /** Whether the text read so far is one whole JSON value. */
  get complete(): boolean {
    return (
      this.state === "n" &&
      !this.stack.length &&
      !this.literal &&
      (this.number === "" || COMPLETE_NUMBER.has(this.number))
    );
  }

  /** Takes one character; false (and `errorAt` set) where the text stops being JSON. */
  step(c: string, offset: number): boolean {
    this.errorAt = offset;
    if (this.state === "s" || this.state === "e" || this.state === "u") return this.inString(c);
    if (this.literal) {
      if (c === this.literal[0]) {
        this.literal = this.literal.slice(1);
        return true;
      }
      // V8 names the position of a digit or a quote; otherwise parseJsonText gives the start of the word.
      if (!/[0-9"-]/.test(c)) this.errorAt = this.literalAt;
      return false;
    }
    if (this.number) {
      const next = NUMBER_NEXT[this.number]!(c);
      if (next === "bad") return false;
      if (next !== "end") {
        this.number = next;
        return true;
      }
      this.number = "";
    }
    if (c === " " || c === "\t" || c === "\n" || c === "\r") return true;
    return this.structure(c);
  }

  /** Where a text that ends at `offset` goes wrong. */
  endAt(offset: number): number {
    // A word or a backslash cut short: where parseJsonText puts it (the start of the word, of the string).
    return this.literal ? this.literalAt : this.state === "e" ? this.stringAt : offset;
  }

  private inString(c: string): boolean {
    if (this.state === "e") {
      if (c === "u") this.hex = 0;
      else if (!'"\\/bfnrt'.includes(c)) return false;
      this.state = c === "u" ? "u" : "s";
    } else if (this.state === "u") {
      if (!/[0-9a-fA-F]/.test(c)) return false;
      if (++this.hex === 4) this.state = "s";
    } else if (c === '"') this.state = this.afterString;
    else if (c === "\\") this.state = "e";
    else if (c.charCodeAt(0) < 0x20) return false;
    return true;
  }

  private structure(c: string): boolean {
    const { state, stack } = this;
    const inObject = stack[stack.length - 1];
    if (state === "a" && c === "]") return this.close();
    if (state === "v" || state === "a") return this.value(c);
    if (state === "k" || state === "K") {
      if (c === "}" && state === "k") return this.close();
      if (c !== '"') return false;
      this.state = "s";
      this.stringAt = this.errorAt;
      this.afterString = "c";
      return true;
    }
    if (state === "c") {
      this.state = "v";
      return c === ":";
    }
    if (c === "," && inObject !== undefined) {
      this.state = inObject ? "K" : "v";
      return true;
    }
    return (c === "}" && inObject === true) || (c === "]" && inObject === false) ? this.close() : false;
  }

  private value(c: string): boolean {
    this.state = "n";
    if (c === "{" || c === "[") {
      this.stack.push(c === "{");
      if (c === "{") this.objectKeysFrom.push(this.keys.length);
      this.state = c === "{" ? "k" : "a";
    } else if (c === '"') {
      this.state = "s";
      this.stringAt = this.errorAt;
      this.afterString = "n";
    } else if (c === "-") this.number = "minus";
    else if (c === "0") this.number = "zero";
    else if (digit(c)) this.number = "int";
    else if (LITERAL_REST[c] !== undefined) {
      this.literal = LITERAL_REST[c];
      this.literalAt = this.errorAt;
    } else return false;
    return true;
  }

  private close(): boolean {
    if (this.stack.pop()) {
      this.keySets.delete(this.objectKeysFrom.length - 1);
      this.keys.length = this.objectKeysFrom.pop()!;
    }
    this.state = "n";
    return true;
  }
}

/** Line and column (1-based) of character `offset` in the file's text. */
async function lineAndColumn(chunks: AsyncIterable<string>, offset: number): Promise<{ line: number; column: number }> {
  let line = 1;
  let lineStart = 0;
  let at = 0;
  for await (const chunk of chunks) {
    const end = Math.min(chunk.length, offset - at);
    for (let i = chunk.indexOf("\n"); i !== -1 && i < end; i = chunk.indexOf("\n", i + 1)) {
      line++;
      lineStart = at + i + 1;
    }
    at += chunk.length;
    if (at >= offset) break;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Why a file is read whole: a key `__proto__`, or a key written twice in one object. */
type WholeReason = { readonly proto: true } | { readonly key: string; readonly at: number };

/** Why the parser's value cannot be kept, if it cannot. */
function wholeReason(closure: Closure): WholeReason | undefined {
  return closure.protoKey ? { proto: true } : closure.grammar.duplicate;
}

/**
 * A file that may hold a key `__proto__` or holds a key written twice in one object, read whole with `JSON.parse`
 * (up to the longest string V8 makes).
 */
async function wholeText(path: string, source: string, code: ProblemCode, why: WholeReason): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    const tooLong = (e as { code?: string }).code === "ERR_STRING_TOO_LONG";
    if (tooLong && "proto" in why)
      throw new InputError(code, tx("json/proto-key-too-large", { source }), {
        hint: tx("json/proto-key-too-large.hint"),
        cause: e,
      });
    if (tooLong && "key" in why) {
      const { line, column } = await lineAndColumn(chunksOf(path, CHUNK), why.at);
      throw new InputError(code, tx("json/repeated-key-too-large", { source, line, column, key: why.key }), {
        hint: tx("json/repeated-key-too-large.hint"),
        cause: e,
        line,
        column,
      });
    }
    throw new InputError("io/read", tx("io/read", { path, reason: (e as Error).message }), {
      hint: tx("io/read.hint"),
      cause: e,
    });
  }
  return parseJsonText(text, source, code);
}

/**
 * Reads a JSON file as a stream into the value `JSON.parse` gives. A syntax error (a file cut short included) is an
 * InputError (`code`, message `json/syntax`) with the line and column in the file; an unreadable file is `io/read`.
 * @param source the file's name in messages
 * @param options.chunkSize bytes read at a time (default 1 MiB)
 * @example const doc = await readJsonFile("season.json", "season.json");
 */
export async function readJsonFile(
  path: string,
  source: string,
  code: ProblemCode = "rdf/syntax",
  options: { readonly chunkSize?: number } = {},
): Promise<unknown> {
  const size = options.chunkSize ?? CHUNK;
  const closure = new Closure();
  async function* checked(): AsyncGenerator<string> {
    for await (const chunk of chunksOf(path, size)) {
      closure.scan(chunk);
      yield chunk;
    }
  }
  let syntax: { detail: string; cause: unknown };
  try {
    const value: unknown = await parseChunked(checked(), { mode: "json" });
    const why = wholeReason(closure);
    if (why) return await wholeText(path, source, code, why);
    if (closure.complete) return value;
    syntax = { detail: closure.ok ? "Unexpected end of JSON input" : "Unexpected character", cause: undefined };
  } catch (e) {
    if (e instanceof ReadFailure)
      throw new InputError("io/read", tx("io/read", { path, reason: e.message }), {
        hint: tx("io/read.hint"),
        cause: e.cause,
      });
    // A key written twice can make the parser fail (a TypeError or a SyntaxError on valid JSON): JSON.parse decides.
    const why = wholeReason(closure);
    if (why) return await wholeText(path, source, code, why);
    if (!(e instanceof SyntaxError)) throw e;
    // The parser's own words, without its position: a position it gives at the end of the text is that of the last
    // piece it parsed, not of the error.
    syntax = { detail: e.message.replace(/ at position \d+/, ""), cause: e };
  }
  // Where it goes wrong, by JSON's grammar: the position JSON.parse would give for the whole text.
  const offset = await firstErrorOffset(chunksOf(path, size));
  const { line, column } = await lineAndColumn(chunksOf(path, size), offset);
  throw new InputError(code, tx("json/syntax", { source, line, column, detail: syntax.detail }), {
    hint: tx("json/syntax.hint"),
    line,
    column,
    ...(syntax.cause !== undefined ? { cause: syntax.cause } : {}),
  });
}
