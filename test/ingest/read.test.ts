import { describe, expect, it } from "vitest";
import { DataFactory } from "rdf-data-factory";
import type { Quad } from "@rdfjs/types";
import {
  detectKind,
  isRecordDocument,
  readAsSchemaOrg,
  readQuads,
  readRecords,
  readValidationInput,
  recordProblems,
} from "../../src/ingest/read.js";
import { InputError } from "../../src/errors.js";
import { SCHEMA, SCHEMA_HTTPS, XSD } from "../../src/vocab.js";
import { rejected } from "../helpers/errors.js";

const f = new DataFactory();
const s = f.namedNode("http://x/e1");
const p = (local: string) => f.namedNode(`${SCHEMA}${local}`);
const nt = (q: Quad) => `${q.subject.value} ${q.predicate.value} ${q.object.termType}:${q.object.value}`;

describe("readAsSchemaOrg", () => {
  it("reads https://schema.org/ IRIs as http://schema.org/ in subject, predicate and object, counted once each", () => {
    const q = f.quad(
      f.namedNode(`${SCHEMA_HTTPS}X`),
      f.namedNode(`${SCHEMA_HTTPS}about`),
      f.namedNode(`${SCHEMA_HTTPS}Y`),
    );
    const { quads, notes } = readAsSchemaOrg([q]);
    expect(quads.map(nt)).toEqual([`${SCHEMA}X ${SCHEMA}about NamedNode:${SCHEMA}Y`]);
    expect(notes).toMatchObject([{ code: "input/https-schema-org", count: 3 }]);
  });
  it("reads dates typed schema:Date / DateTime / Time as the xsd type their text has", () => {
    const cases: [string, string, string][] = [
      ["Date", "2024-05-01", "date"],
      ["DateTime", "2024-05-01T20:00:00+02:00", "dateTime"],
      ["Date", "2024-05-01T20:00:00Z", "dateTime"],
      ["Time", "20:00:00", "time"],
    ];
    const quads = cases.map(([dt, v]) => f.quad(s, p("startDate"), f.literal(v, f.namedNode(`${SCHEMA_HTTPS}${dt}`))));
    const out = readAsSchemaOrg(quads);
    expect(out.quads.map((q) => (q.object as { datatype: { value: string } }).datatype.value)).toEqual(
      cases.map(([, , x]) => `${XSD}${x}`),
    );
    expect(out.notes).toMatchObject([{ code: "input/schema-date-datatype", count: 4 }]);
  });
  it("keeps a schema-typed literal whose text is no date, reading only its https datatype", () => {
    const bad = f.quad(s, p("startDate"), f.literal("soon", f.namedNode(`${SCHEMA_HTTPS}Date`)));
    const kept = f.quad(s, p("startDate"), f.literal("soon", f.namedNode(`${SCHEMA}Date`)));
    const out = readAsSchemaOrg([bad, kept]);
    expect(out.quads[0]!.object.equals(f.literal("soon", f.namedNode(`${SCHEMA}Date`)))).toBe(true);
    expect(out.quads[1]).toBe(kept);
    expect(out.notes).toMatchObject([{ code: "input/https-schema-org", count: 1 }]);
  });
  it("reads schema.org IRIs written as plain text as IRIs, but not language-tagged text or other IRIs", () => {
    const quads = [
      f.quad(s, p("eventStatus"), f.literal("https://schema.org/EventScheduled")),
      f.quad(s, p("eventStatus"), f.literal("http://schema.org/EventCancelled")),
      f.quad(s, p("name"), f.literal("https://schema.org/EventScheduled", "en")),
      f.quad(s, p("url"), f.literal("https://schema.org/docs/x")),
    ];
    const out = readAsSchemaOrg(quads);
    expect(out.quads.map((q) => q.object.termType)).toEqual(["NamedNode", "NamedNode", "Literal", "Literal"]);
    expect(out.quads[0]!.object.value).toBe(`${SCHEMA}EventScheduled`);
    expect(out.notes).toMatchObject([{ code: "input/schema-iri-as-text", count: 2 }]);
  });
  it("gives back the same quad objects and no notes when nothing needs reading, keeping graphs", () => {
    const q = f.quad(s, p("name"), f.literal("Carmen"), f.namedNode("http://x/g"));
    const out = readAsSchemaOrg([q]);
    expect(out.quads[0]).toBe(q);
    expect(out.notes).toEqual([]);
    const moved = readAsSchemaOrg([f.quad(f.namedNode(`${SCHEMA_HTTPS}A`), p("b"), p("c"), f.namedNode("http://x/g"))]);
    expect(moved.quads[0]!.graph.value).toBe("http://x/g");
  });
});

describe("isRecordDocument and detectKind", () => {
  it("takes an object with a publisher and no JSON-LD keyword as a record document", () => {
    expect(isRecordDocument({ publisher: {} })).toBe(true);
    for (const json of [
      null,
      [],
      "publisher",
      { name: "x" },
      { publisher: {}, "@id": "x" },
      { publisher: {}, "@graph": [] },
    ])
      expect(isRecordDocument(json)).toBe(false);
  });
  it("picks the kind from the extension, then from the text", () => {
    expect(detectKind("<a> <b> <c> .", "x.jsonld")).toBe("json");
    expect(detectKind("{}", "x.nq")).toBe("nquads");
    expect(detectKind("\uFEFF  {", "stdin")).toBe("json");
    expect(detectKind("@prefix x: <y> .", "stdin")).toBe("turtle");
  });
});

describe("readValidationInput, readQuads, readRecords", () => {
  it("reads Turtle with the schema.org readings applied and noted", async () => {
    const text = `<http://x/e> <${SCHEMA_HTTPS}name> "A" .`;
    const input = await readValidationInput(text, "x.ttl");
    expect(input.kind).toBe("turtle");
    expect(input.quads.map((q) => q.predicate.value)).toEqual([`${SCHEMA}name`]);
    expect(input.notes.map((n) => n.code)).toEqual(["input/https-schema-org"]);
    expect(recordProblems(input)).toEqual([]);
  });
  it("refuses bad text with the parser's error", async () => {
    expect(await rejected(readValidationInput("{", "x.json"))).toMatchObject({ code: "rdf/syntax", line: 1 });
    expect(await rejected(readValidationInput("<a> <b>", "x.ttl"))).toMatchObject({ code: "rdf/syntax" });
  });
  it("reads quads given as data as N-Quads", () => {
    const input = readQuads([f.quad(s, f.namedNode(`${SCHEMA_HTTPS}name`), f.literal("A"))]);
    expect(input.kind).toBe("nquads");
    expect(input.quads[0]!.predicate.value).toBe(`${SCHEMA}name`);
    expect(input.notes).toHaveLength(1);
  });
  it("refuses a record document whose publisher cannot be used, with the mapper's problems", async () => {
    const e = await rejected(readRecords({ publisher: { id: "x" }, performances: [] }, "bad.json"));
    expect(e).toBeInstanceOf(InputError);
    expect(e.code).toBe("validate/unusable-records");
    expect(e.message).toContain("bad.json");
    expect(e.problems.length).toBeGreaterThan(0);
  });
});
