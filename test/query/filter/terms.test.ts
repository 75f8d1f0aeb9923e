import { describe, expect, it } from "vitest";
import {
  bad,
  decimal,
  double,
  EXPECTED,
  genreOf,
  inputError,
  iri,
  str,
  typeOf,
} from "../../../src/query/filter/terms.js";
import { genreIri } from "../../../src/mapping/terms.js";
import { InputError } from "../../../src/errors.js";
import { SCHEMA } from "../../../src/vocab.js";
import { thrown } from "../../helpers/errors.js";

describe("bad and inputError", () => {
  it("say query/bad-filter naming the field, the value and what was expected, in both languages", () => {
    const e = bad("maxPrice", -1, EXPECTED.maxPrice);
    expect(e).toBeInstanceOf(InputError);
    expect(e.code).toBe("query/bad-filter");
    expect(e.text).toEqual({ en: "maxPrice: -1 is not a price ≥ 0", fr: "« maxPrice » : -1 n'est pas un prix ≥ 0" });
    expect(e.hintText).toEqual({ en: "give a price ≥ 0", fr: "indiquez un prix ≥ 0" });
  });
  it("use one text for both languages when given a string", () => {
    expect(bad("x", "y", "z").text).toEqual({ en: 'x: "y" is not z', fr: '« x » : "y" n\'est pas z' });
    expect(inputError("query/bad-filter", { en: "a", fr: "b" }, { en: "c", fr: "d" }).hintText).toEqual({
      en: "c",
      fr: "d",
    });
  });
});

describe("SPARQL literals", () => {
  it("str escapes quotes, backslashes and line breaks", () => {
    expect(str('a"b\\c\nd\re')).toBe('"a\\"b\\\\c\\nd\\re"');
    expect(str("")).toBe('""');
  });
  it("iri writes an absolute IRI in brackets and refuses anything that could break out of them", () => {
    expect(iri("https://x.example/a?b=c", "venue")).toBe("<https://x.example/a?b=c>");
    for (const v of ["relative/path", "https://x/a b", "https://x/>", "https://x/<", 'https://x/"', "", "1x:y"]) {
      const e = thrown(() => iri(v, "venue"));
      expect(e.code, v).toBe("query/bad-filter");
      expect(e.message).toContain("venue");
    }
  });
  it("double writes SPARQL DOUBLE syntax", () => {
    expect(double(1.5)).toBe("1.500000000000000e+0");
    expect(Number(double(-47.2184))).toBe(-47.2184);
  });
  it("decimal writes a literal without an exponent, always with a point", () => {
    expect(decimal(12)).toBe("12.0");
    expect(decimal(9.5)).toBe("9.5");
    expect(decimal(0.000001)).toBe("0.000001");
    expect(decimal(0)).toBe("0.0");
  });
});

describe("genreOf and typeOf", () => {
  it("reads a genre key as its concept IRI, and an IRI as itself", () => {
    expect(genreOf("opera")).toBe(genreIri("opera"));
    expect(genreOf("http://x.example/g")).toBe("http://x.example/g");
  });
  it("refuses a genre that is neither", () => {
    const e = thrown(() => genreOf("not a genre"));
    expect(e.code).toBe("query/bad-filter");
    expect(e.message).toContain('genre: "not a genre"');
  });
  it("reads an Event subtype name as its schema.org IRI, and an IRI as itself", () => {
    expect(typeOf("TheaterEvent")).toBe(`${SCHEMA}TheaterEvent`);
    expect(typeOf("http://x.example/T")).toBe("http://x.example/T");
  });
  it("refuses a type that is neither", () => {
    for (const v of ["theaterEvent", "Theater Event", "", "Theater-Event"])
      expect(thrown(() => typeOf(v)).code, v).toBe("query/bad-filter");
  });
});
