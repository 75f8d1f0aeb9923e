import { describe, expect, it } from "vitest";
import { closest, editDistance, expectation, FORMAT_TEXT } from "../../src/records/messages.js";
import { formatOk } from "../../src/records/parse/formats.js";
import type { Format } from "../../src/records/spec.js";

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

describe("FORMAT_TEXT", () => {
  it("gives every format an example that the format accepts, and wording in both languages", () => {
    for (const [format, { expected, example }] of Object.entries(FORMAT_TEXT) as [
      Format,
      (typeof FORMAT_TEXT)[Format],
    ][]) {
      expect(expected.en, format).not.toBe("");
      expect(expected.fr, format).not.toBe("");
      for (const one of example.split(", ")) expect(formatOk(format, one), `${format}: ${one}`).toBe(true);
    }
  });
});

describe("expectation", () => {
  it("words a string with a format by the format's text, and a plain string as a string", () => {
    expect(expectation({ t: "string", format: "lang" })).toBe(FORMAT_TEXT.lang);
    expect(expectation({ t: "string" }).expected.en).toBe("a string");
  });
  it("words numbers with their bounds, and gives an example inside them", () => {
    expect(expectation({ t: "number", min: 0, integer: true })).toEqual({
      expected: { en: "an integer ≥ 0", fr: "un entier ≥ 0" },
      example: "0",
    });
    expect(expectation({ t: "number", min: 0, exclusiveMin: true, max: 90 })).toEqual({
      expected: { en: "a number > 0, ≤ 90", fr: "un nombre > 0, ≤ 90" },
      example: "1",
    });
    expect(expectation({ t: "number" }).expected.en).toBe("a number");
  });
  it("lists an enum's values and gives the first as example", () => {
    expect(expectation({ t: "enum", values: ["offline", "online"] })).toEqual({
      expected: { en: "one of: offline, online", fr: "une valeur parmi : offline, online" },
      example: "offline",
    });
  });
  it("names the collection a reference points to", () => {
    expect(expectation({ t: "ref", to: "venues" }).expected.en).toBe("the id of one of the document's venues");
    expect(expectation({ t: "boolean" }).example).toBe("true");
  });
});

describe("editDistance", () => {
  it("counts insertions, deletions and substitutions", () => {
    expect(editDistance("", "")).toBe(0);
    expect(editDistance("abc", "")).toBe(3);
    expect(editDistance("", "ab")).toBe(2);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("startDate", "startdate")).toBe(1);
    expect(editDistance("flaw", "lawn")).toBe(2);
  });
});

describe("closest", () => {
  const known = ["startDate", "endDate", "name", "description"];
  it("gives the closest known name, case-insensitively, when it is close enough to be a typo", () => {
    expect(closest("strtDate", known)).toBe("startDate");
    expect(closest("STARTDATE", known)).toBe("startDate");
    expect(closest("nmae", known)).toBe("name");
  });
  it("gives nothing when no name is that close", () => {
    expect(closest("price", known)).toBeUndefined();
    expect(closest("x".repeat(5000), known)).toBeUndefined();
    expect(closest("name", [])).toBeUndefined();
  });
});
