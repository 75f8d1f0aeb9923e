import { describe, expect, it } from "vitest";
import { DataFactory } from "rdf-data-factory";
import { GraphSink } from "../../src/mapping/graphSink.js";
import type { Sink } from "../../src/mapping/sink.js";
import { VIVANT_CONTEXT } from "../../src/jsonld/context.js";
import { ADO, RDF_TYPE, SCHEMA, XSD } from "../../src/vocab.js";

const f = new DataFactory();
const p = (local: string) => f.namedNode(`${SCHEMA}${local}`);
const ref = { collection: "performances", id: "p1" } as never;

describe("GraphSink", () => {
  it("writes one node per subject, in the order subjects are met, with Vivant's context", () => {
    const g = new GraphSink();
    const sink: Sink = g; // called as the emitters call it
    sink.subject("http://x/a", ref);
    sink.iri("http://x/b", p("location"), "http://x/a", "");
    sink.literal("http://x/a", p("name"), "A", f.namedNode(`${XSD}string`), "");
    const doc = g.document() as { "@context": unknown; "@graph": Record<string, unknown>[] };
    expect(doc["@context"]).toBe(VIVANT_CONTEXT);
    expect(doc["@graph"]).toEqual([
      { "@id": "http://x/a", name: "A" },
      { "@id": "http://x/b", location: { "@id": "http://x/a" } },
    ]);
  });
  it("writes rdf:type as @type, compacting schema.org and ArtsData names, and other IRIs as they are", () => {
    const g = new GraphSink();
    const sink: Sink = g; // called as the emitters call it
    sink.iri("http://x/a", f.namedNode(RDF_TYPE), `${SCHEMA}TheaterEvent`, "");
    sink.iri("http://x/a", f.namedNode(RDF_TYPE), f.namedNode(`${ADO}EventType`), "");
    sink.iri("http://x/a", f.namedNode(RDF_TYPE), "http://other.example/T", "");
    const [node] = (g.document() as { "@graph": Record<string, unknown>[] })["@graph"];
    expect(node!["@type"]).toEqual(["TheaterEvent", "ado:EventType", "http://other.example/T"]);
  });
  it("writes typed literals with a compact xsd datatype, plain strings bare, and texts with their language", () => {
    const g = new GraphSink();
    const sink: Sink = g; // called as the emitters call it
    sink.literal("http://x/a", p("startDate"), "2026-10-01T20:00:00", f.namedNode(`${XSD}dateTime`), "");
    sink.literal("http://x/a", f.namedNode("http://other.example/p"), "1", f.namedNode("http://other.example/dt"), "");
    sink.text("http://x/a", p("name"), "La traviata", "it", "");
    sink.text("http://x/a", p("name"), "The Fallen Woman", "en", "");
    const [node] = (g.document() as { "@graph": Record<string, unknown>[] })["@graph"];
    expect(node).toEqual({
      "@id": "http://x/a",
      startDate: { "@value": "2026-10-01T20:00:00", "@type": "xsd:dateTime" },
      "http://other.example/p": { "@value": "1", "@type": "http://other.example/dt" },
      name: [
        { "@value": "La traviata", "@language": "it" },
        { "@value": "The Fallen Woman", "@language": "en" },
      ],
    });
  });
  it("does not keep input fields, and gives an empty graph when nothing was written", () => {
    const g = new GraphSink();
    const sink: Sink = g; // called as the emitters call it
    expect(sink.keepsFields).toBe(false);
    expect((g.document() as { "@graph": unknown[] })["@graph"]).toEqual([]);
  });
});
