import { describe, expect, it } from "vitest";
import { DataFactory } from "rdf-data-factory";
import { Parser } from "n3";
import { escapeLiteral, termToNt } from "../../src/rdf/ntriples.js";
import { termToNTriples } from "../../src/store/ntriples.js";

const f = new DataFactory();
const XSD = "http://www.w3.org/2001/XMLSchema#";

describe("escapeLiteral (the one N-Triples escaping)", () => {
  it("returns a plain value unchanged", () => {
    expect(escapeLiteral("Les Troyens, opéra — 5 actes")).toBe("Les Troyens, opéra — 5 actes");
  });
  it("uses the short forms, then \\uXXXX for the other control characters, U+007F, U+FFFE and U+FFFF", () => {
    expect(escapeLiteral('a"b\\c\td\ne\rf\bg\fh')).toBe('a\\"b\\\\c\\td\\ne\\rf\\bg\\fh');
    expect(escapeLiteral("\u0000\u001f\u007f\ufffe\uffff")).toBe("\\u0000\\u001F\\u007F\\uFFFE\\uFFFF");
  });
  it("round-trips through an N-Triples parser for every code unit it escapes", () => {
    const value = Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)).join("") + '"\\\u007f\ufffe\uffffé';
    const [q] = new Parser({ format: "N-Triples" }).parse(`<http://x/s> <http://x/p> "${escapeLiteral(value)}" .\n`);
    expect(q!.object.value).toBe(value);
  });
});

describe("termToNt (report form) and termToNTriples (store form) write the same text", () => {
  const terms = [
    f.namedNode("http://example.org/a"),
    f.literal('tab\there, quote " and\nnewline'),
    f.literal("Bonjour", "fr"),
    f.literal("12.5", f.namedNode(`${XSD}decimal`)),
  ];
  for (const t of terms)
    it(`${t.termType} ${JSON.stringify(t.value)}`, () => {
      expect(termToNt(t)).toBe(termToNTriples(t));
    });
  it("a blank node: the report keeps its label, the store makes it safe and salted", () => {
    expect(termToNt(f.blankNode("b0"))).toBe("_:b0");
    expect(termToNTriples(f.blankNode("b0"), "g1")).toBe("_:g1b0");
  });
});
