import { describe, expect, it } from "vitest";
import { Grammar } from "../../src/rdf/json-grammar.js";

/** Feeds `text` in chunks of `size`; the grammar, and whether every chunk was taken. */
function read(text: string, size = text.length || 1): { g: Grammar; ok: boolean } {
  const g = new Grammar();
  for (let at = 0; at < text.length; at += size) {
    if (!g.feed(text.slice(at, at + size), at)) return { g, ok: false };
  }
  return { g, ok: true };
}

describe("Grammar", () => {
  it("takes whole JSON values and says they are complete, at every chunk size", () => {
    const texts = ['{"a":[1,-2.5e+3,true,false,null,"x\\"\\u00e9"],"b":{}}', "0", " [ ] ", '"s"', "-0.0E1"];
    for (const text of texts) {
      for (const size of [1, 2, 3, 7, text.length]) {
        const { g, ok } = read(text, size);
        expect(ok, `${text} / ${size}`).toBe(true);
        expect(g.complete, `${text} / ${size}`).toBe(true);
      }
    }
  });
  it("says a value cut short is not complete", () => {
    for (const text of ['{"a":1', "[1,2", '"abc', "tru", "-", "1.", "1e", "1e+", "", '{"a"']) {
      const { g, ok } = read(text, 2);
      expect(ok, text).toBe(true);
      expect(g.complete, text).toBe(false);
    }
  });
  it("stops where the text stops being JSON, with the offset of that character", () => {
    const cases: [string, number][] = [
      ["[1,,2]", 3],
      ['{"a":1,}', 7],
      ["[1 2]", 3],
      ['{"a" 1}', 5],
      ["[01]", 2],
      ['"a\\x"', 3],
      ['"\\u12G4"', 5],
      ['"a\tb"', 2],
      ['"a\u001fb"', 2],
      ["[1]]", 3],
      ["{'a':1}", 1],
      ["[+1]", 1],
    ];
    for (const [text, at] of cases) {
      for (const size of [1, 3, text.length]) {
        const { g, ok } = read(text, size);
        expect(ok, text).toBe(false);
        expect(g.errorAt, `${text} / ${size}`).toBe(at);
      }
    }
  });
  it("names the start of a misspelt word (as parseJsonText does) unless the bad character is a digit or a quote", () => {
    expect(read("[trux]").g.errorAt).toBe(1);
    expect(read("[nul1]").g.errorAt).toBe(4);
  });
  it("notes the first key written twice in one object, with the offset of its opening quote", () => {
    const text = '{"a":1,"b":{"a":2},"a":3,"b":4}';
    const { g, ok } = read(text, 4);
    expect(ok).toBe(true);
    expect(g.complete).toBe(true);
    expect(g.duplicate).toEqual({ key: "a", at: 19 });
  });
  it("compares keys after their escapes are read", () => {
    const { g } = read('{"\\u0061":1,"a":2}', 1);
    expect(g.duplicate).toEqual({ key: "a", at: 12 });
  });
  it("does not count the same key in sibling or nested objects as written twice", () => {
    expect(read('[{"a":1},{"a":2},{"x":{"a":3},"a":4}]', 3).g.duplicate).toBeUndefined();
  });
  it("finds a key written twice in an object with many keys (past the ones scanned one by one)", () => {
    const keys = Array.from({ length: 100 }, (_, i) => `"k${i}":${i}`);
    const text = `{${keys.join(",")},"k5":0}`;
    const { g } = read(text, 5);
    expect(g.duplicate).toEqual({ key: "k5", at: text.lastIndexOf('"k5"') });
    const clean = read(`{${keys.join(",")}}`, 5).g;
    expect(clean.duplicate).toBeUndefined();
  });
  it("gives the end of a text cut short as where it goes wrong, or the start of a cut word or escape", () => {
    expect(read("[1,2").g.endAt(4)).toBe(4);
    expect(read("[tr").g.endAt(3)).toBe(1);
    expect(read('["ab\\').g.endAt(5)).toBe(1);
  });
});
