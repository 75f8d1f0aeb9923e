import { describe, expect, it } from "vitest";
import { expectation, FORMAT_TEXT } from "../../src/records/messages.js";

describe("the wording of record problems", () => {
  it("gives every format a sentence in each language and an example with no words of one language in it", () => {
    for (const [format, { expected, example }] of Object.entries(FORMAT_TEXT)) {
      expect(expected.en, format).not.toBe("");
      expect(expected.fr, format).not.toBe(expected.en);
      // Examples are shown as they are in both languages: values only (several separated by commas).
      expect(example, format).not.toMatch(/\s(or|ou|and|et|e\.g\.|par ex\.)\s/);
    }
  });

  it("describes a spec by its format when it has one, and by its bounds when it is a number", () => {
    expect(expectation({ t: "string", format: "currency" })).toEqual(FORMAT_TEXT.currency);
    const n = expectation({ t: "number", integer: true, min: 0, max: 10 });
    expect(n.expected.en).toMatch(/integer/);
    expect(n.expected.fr).toMatch(/entier/);
    expect(n.expected.en).toContain("≥ 0");
    expect(n.expected.en).toContain("≤ 10");
  });
});
