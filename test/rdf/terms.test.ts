import { describe, expect, it } from "vitest";
import { DataFactory } from "rdf-data-factory";
import { termKey } from "../../src/rdf/terms.js";

const f = new DataFactory();
const XSD = "http://www.w3.org/2001/XMLSchema#";

describe("termKey", () => {
  it("gives an IRI its value, a blank node _:label, the default graph the empty string, a variable ?name", () => {
    expect(termKey(f.namedNode("http://x/a"))).toBe("http://x/a");
    expect(termKey(f.blankNode("b1"))).toBe("_:b1");
    expect(termKey(f.defaultGraph())).toBe("");
    expect(termKey(f.variable("v"))).toBe("?v");
  });
  it("writes a language literal with @lang and a typed one with ^^datatype", () => {
    expect(termKey(f.literal("Carmen", "fr"))).toBe('"Carmen"@fr');
    expect(termKey(f.literal("12", f.namedNode(`${XSD}integer`)))).toBe(`"12"^^${XSD}integer`);
  });
  it("gives a plain literal the key of the same literal typed xsd:string", () => {
    expect(termKey(f.literal("x"))).toBe(`"x"^^${XSD}string`);
    expect(termKey(f.literal("x"))).toBe(termKey(f.literal("x", f.namedNode(`${XSD}string`))));
  });
  it("keeps apart terms that differ only in kind, language or datatype", () => {
    const keys = [
      f.namedNode("x"),
      f.blankNode("x"),
      f.variable("x"),
      f.literal("x"),
      f.literal("x", "en"),
      f.literal("x", "fr"),
      f.literal("x", f.namedNode(`${XSD}token`)),
    ].map(termKey);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
