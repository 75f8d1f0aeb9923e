import { describe, expect, it } from "vitest";
import { DataFactory } from "rdf-data-factory";
import {
  DEFAULT_PREFIXES,
  RDF_FORMATS,
  formatFromMediaType,
  formatFromPath,
  jsonErrorPosition,
  mediaTypeOf,
  parseJsonText,
  parseRdf,
  serializeRdf,
} from "../../src/rdf/io.js";
import { InputError } from "../../src/errors.js";
import { SCHEMA } from "../../src/vocab.js";
import { thrown, rejected } from "../helpers/errors.js";

const f = new DataFactory();

describe("media types and file names", () => {
  it("gives each format a media type that reads back as the same format", () => {
    for (const format of RDF_FORMATS) expect(formatFromMediaType(mediaTypeOf(format))).toBe(format);
    expect(mediaTypeOf("turtle")).toBe("text/turtle");
    expect(mediaTypeOf("jsonld")).toBe("application/ld+json");
  });
  it("ignores parameters, case and spaces in a media type, and knows application/json and text/n3", () => {
    expect(formatFromMediaType("Text/Turtle ; charset=utf-8")).toBe("turtle");
    expect(formatFromMediaType("application/json")).toBe("jsonld");
    expect(formatFromMediaType("text/n3")).toBe("turtle");
  });
  it("says undefined for a media type that is not RDF", () => {
    expect(formatFromMediaType("text/html")).toBeUndefined();
    expect(formatFromMediaType("")).toBeUndefined();
    expect(formatFromMediaType("application/ld+json2")).toBeUndefined();
  });
  it("reads the format from the extension, in any case, and undefined for others", () => {
    expect(formatFromPath("a/b/season.TTL")).toBe("turtle");
    expect(formatFromPath("shapes.shacl")).toBe("turtle");
    expect(formatFromPath("x.nt")).toBe("ntriples");
    expect(formatFromPath("x.nq")).toBe("nquads");
    expect(formatFromPath("x.trig")).toBe("trig");
    expect(formatFromPath("x.json")).toBe("jsonld");
    expect(formatFromPath("x.jsonld")).toBe("jsonld");
    expect(formatFromPath("x.xml")).toBeUndefined();
    expect(formatFromPath("ttl")).toBeUndefined();
    expect(formatFromPath("x.ttl.bak")).toBeUndefined();
  });
});

describe("parseRdf", () => {
  it("reads Turtle with a base IRI", async () => {
    const quads = await parseRdf("<s> <http://x/p> 'v'@fr .", "turtle", { baseIri: "http://x/" });
    expect(quads).toHaveLength(1);
    expect(quads[0]!.subject.value).toBe("http://x/s");
    expect(quads[0]!.object).toMatchObject({ termType: "Literal", value: "v", language: "fr" });
  });
  it("reads N-Quads with their graph", async () => {
    const [q] = await parseRdf("<http://x/s> <http://x/p> <http://x/o> <http://x/g> .\n", "nquads");
    expect(q!.graph.value).toBe("http://x/g");
  });
  it("reads JSON-LD", async () => {
    const text = JSON.stringify({ "@id": "http://x/s", "http://x/p": "v" });
    const quads = await parseRdf(text, "jsonld");
    expect(quads.map((q) => [q.subject.value, q.predicate.value, q.object.value])).toEqual([
      ["http://x/s", "http://x/p", "v"],
    ]);
  });
  it("refuses bad Turtle as rdf/syntax with the source, line and column of the bad token", async () => {
    const text = "<http://x/s> <http://x/p> 'a' .\n<http://x/s> <http://x/p> .\n";
    const e = await rejected(parseRdf(text, "turtle", { source: "season.ttl" }));
    expect(e).toBeInstanceOf(InputError);
    expect(e.code).toBe("rdf/syntax");
    expect(e.line).toBe(2);
    expect(e.column).toBe(27);
    expect(e.message).toMatch(/^season\.ttl:2:27: /);
    expect(e.hint).toContain("turtle");
  });
  it("gives the column of the bad token, not of an earlier token with the same value", async () => {
    const text = "<http://x/s> <http://x/p> <http://x/s> <http://x/s> .\n";
    const e = await rejected(parseRdf(text, "turtle"));
    expect([e.line, e.column]).toEqual([1, 40]);
    const prefixed = await rejected(parseRdf("<http://x/s> <http://x/p> foo:bar .\n", "turtle"));
    expect([prefixed.line, prefixed.column]).toEqual([1, 27]);
  });
  it("refuses N-Triples that uses Turtle's shortcuts", async () => {
    const e = await rejected(parseRdf("@prefix x: <http://x/> .\nx:s x:p x:o .\n", "ntriples"));
    expect(e.code).toBe("rdf/syntax");
    expect(e.line).toBe(1);
  });
  it("refuses bad JSON-LD text as rdf/syntax with its position", async () => {
    const e = await rejected(parseRdf('{\n  "a": 1,\n}', "jsonld", { source: "x.jsonld" }));
    expect(e.code).toBe("rdf/syntax");
    expect([e.line, e.column]).toEqual([3, 1]);
  });
});

describe("parseJsonText and jsonErrorPosition", () => {
  it("drops byte-order marks before the value", () => {
    expect(parseJsonText('\uFEFF\uFEFF{"a":1}', "x.json")).toEqual({ a: 1 });
  });
  it("refuses bad JSON with the given code and the line and column of the error", () => {
    const e = thrown(() => parseJsonText('{"a": 1,\n "b": tru}', "x.json", "records/invalid" as never));
    expect(e).toBeInstanceOf(InputError);
    expect(e.code).toBe("records/invalid");
    expect([e.line, e.column]).toEqual([2, 7]);
    expect(e.message).toMatch(/^x\.json:2:7: not JSON: /);
  });
  it("counts the position after the byte-order marks it dropped", () => {
    const e = thrown(() => parseJsonText("\uFEFF[1,,2]", "x.json"));
    expect([e.line, e.column]).toEqual([1, 4]);
  });
  it("refuses empty text at 1:1", () => {
    const e = thrown(() => parseJsonText("", "x.json"));
    expect(e.code).toBe("rdf/syntax");
    expect([e.line, e.column]).toEqual([1, 1]);
  });
  it("turns a position named by the message into a line and column", () => {
    expect(jsonErrorPosition("ab\ncd", new Error("Unexpected token at position 4"))).toEqual({ line: 2, column: 2 });
  });
  it("finds the position itself when the message names none", () => {
    expect(jsonErrorPosition('{"a":1}}', new Error("no position"))).toEqual({ line: 1, column: 8 });
    expect(jsonErrorPosition("[1,\n2", new Error("cut"))).toEqual({ line: 2, column: 2 });
  });
});

describe("serializeRdf", () => {
  const quad = f.quad(f.namedNode(`${SCHEMA}Event1`), f.namedNode(`${SCHEMA}name`), f.literal("Tosca", "it"));
  it("writes Turtle with the default prefixes, and it reads back as the same quads", async () => {
    const text = await serializeRdf([quad], "turtle");
    expect(text).toContain(`@prefix schema: <${DEFAULT_PREFIXES.schema}>`);
    expect(text).toContain("schema:Event1 schema:name");
    const back = await parseRdf(text, "turtle");
    expect(back.length).toBe(1);
    expect(back[0]!.equals(quad)).toBe(true);
  });
  it("writes N-Triples without prefixes", async () => {
    const text = await serializeRdf([quad], "ntriples");
    expect(text).toBe(`<${SCHEMA}Event1> <${SCHEMA}name> "Tosca"@it .\n`);
  });
  it("writes N-Quads with the graph", async () => {
    const g = f.quad(quad.subject, quad.predicate, quad.object, f.namedNode("http://x/g"));
    expect(await serializeRdf([g], "nquads")).toContain("<http://x/g> .");
  });
});
