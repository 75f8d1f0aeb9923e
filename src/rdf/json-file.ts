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
import { Grammar } from "./json-grammar.js";

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
