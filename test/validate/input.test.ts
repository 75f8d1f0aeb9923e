// Reading what users validate: the kind of each file, what unusable input says (with line and column), and the
// consumer readings applied to JSON-LD (counted, never silent).

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { detectKind, isRecordDocument, readValidationInput } from "../../src/validate/input.js";

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), "utf8");
const demoText = readFileSync(new URL("../../fixtures/demo-season.json", import.meta.url), "utf8");

async function inputError(text: string, source: string): Promise<InputError> {
  try {
    await readValidationInput(text, source);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("no error");
}

describe("input kinds", () => {
  it("tells records from JSON-LD, and RDF formats by extension", () => {
    expect(isRecordDocument(JSON.parse(demoText))).toBe(true);
    expect(isRecordDocument({ "@context": "https://schema.org", publisher: {} })).toBe(false);
    expect(detectKind("{}", "a.json")).toBe("json");
    expect(detectKind("", "a.ttl")).toBe("turtle");
    expect(detectKind("", "a.nq")).toBe("nquads");
    expect(detectKind("", "a.nt")).toBe("ntriples");
    expect(detectKind("", "a.trig")).toBe("trig");
    expect(detectKind("  [{}]", "stdin")).toBe("json");
  });

  it("maps records, in the graph form or the embed form", async () => {
    const graph = await readValidationInput(demoText, "demo.json");
    expect(graph).toMatchObject({ kind: "records", form: "graph" });
    expect(graph.origins!.size).toBeGreaterThan(100);
    const embed = await readValidationInput(demoText, "demo.json", { form: "embed" });
    expect(embed.form).toBe("embed");
    expect(
      embed.quads.some((q) => q.object.termType === "Literal" && q.object.datatype.value === "http://schema.org/Date"),
    ).toBe(false);
  });
});

describe("unusable input", () => {
  it("malformed Turtle: line and column", async () => {
    const e = await inputError(fixture("malformed.ttl"), "malformed.ttl");
    expect(e.code).toBe("rdf/syntax");
    expect(e.line).toBe(5);
    expect(e.column).toBeGreaterThan(0);
    expect(e.message).toMatch(/^malformed\.ttl:5:\d+:/);
  });

  it("malformed JSON-LD: line and column", async () => {
    const e = await inputError(fixture("malformed.jsonld"), "malformed.jsonld");
    expect(e.code).toBe("rdf/syntax");
    expect(e).toMatchObject({ line: 5, column: 1 });
  });

  it("a record document without a usable publisher", async () => {
    const e = await inputError(JSON.stringify({ publisher: { id: "x" }, performances: [] }), "bad.json");
    expect(e.code).toBe("validate/unusable-records");
    expect(e.problems.length).toBeGreaterThan(0);
  });
});

describe("consumer readings of JSON-LD", () => {
  it("reads schema.org's https IRIs, Date datatypes and IRIs written as text, and counts them", async () => {
    const input = await readValidationInput(fixture("https-event.jsonld"), "event.jsonld");
    const codes = Object.fromEntries(input.notes.map((n) => [n.code, n.count]));
    expect(codes["input/schema-date-datatype"]).toBe(1);
    expect(codes["input/schema-iri-as-text"]).toBe(1);
    const status = input.quads.find((q) => q.predicate.value === "http://schema.org/eventStatus")!;
    expect(status.object).toMatchObject({ termType: "NamedNode", value: "http://schema.org/EventScheduled" });
    const start = input.quads.find((q) => q.predicate.value === "http://schema.org/startDate")!;
    expect((start.object as { datatype: { value: string } }).datatype.value).toBe(
      "http://www.w3.org/2001/XMLSchema#dateTime",
    );
  });

  it("falls back from JSON-LD safe mode with a note instead of refusing the file", async () => {
    const doc = {
      "@context": "https://schema.org",
      "@type": "Event",
      name: "x",
      url: "scn.ticketacces.net",
      startDate: "2026-01-01",
    };
    const input = await readValidationInput(JSON.stringify(doc), "page.jsonld");
    expect(input.notes.map((n) => n.code)).toContain("input/jsonld-dropped-terms");
    expect(input.quads.some((q) => q.predicate.value === "http://schema.org/name")).toBe(true);
  });

  it("reads https://schema.org/ vocabularies as http://schema.org/", async () => {
    const doc = {
      "@context": { "@vocab": "https://schema.org/" },
      "@type": "Event",
      "@id": "https://x.example/e",
      name: "x",
    };
    const input = await readValidationInput(JSON.stringify(doc), "page.jsonld");
    expect(input.notes.find((n) => n.code === "input/https-schema-org")?.count).toBe(2);
    expect(input.quads.every((q) => !q.predicate.value.startsWith("https://schema.org/"))).toBe(true);
  });
});
