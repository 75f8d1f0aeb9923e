// JSON's grammar checked one character at a time, for a text read in chunks: where the text stops being JSON (the
// offset JSON.parse would name), whether what was read is one whole value, and the first key written twice in one object.

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
export class Grammar {
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
