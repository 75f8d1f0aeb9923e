// The parts of ingest's preparing stage that need no store or validator: licences and reading one input.
// (prepareGraph as a whole runs through the loads of test/server/ownership.test.ts and test/import/load.test.ts.)

import { describe, expect, it } from "vitest";
import { DataFactory } from "rdf-data-factory";
import { checkLicence, readInput } from "../../src/ingest/prepare.js";
import { InputError } from "../../src/errors.js";
import { SCHEMA, SCHEMA_HTTPS } from "../../src/vocab.js";
import { thrown } from "../helpers/errors.js";

const f = new DataFactory();

describe("checkLicence", () => {
  it("takes a documented licence key or an http(s) IRI", () => {
    expect(() => checkLicence("etalab-2.0")).not.toThrow();
    expect(() => checkLicence("cc-by-4.0")).not.toThrow();
    expect(() => checkLicence("https://example.org/licence")).not.toThrow();
    expect(() => checkLicence("http://example.org/l")).not.toThrow();
  });
  it("refuses anything else as load/bad-licence, naming the value and the keys", () => {
    for (const bad of ["", "CC-BY", "ftp://x/l", "https://x/a b", "toString", "__proto__"]) {
      const e = thrown(() => checkLicence(bad));
      expect(e, bad).toBeInstanceOf(InputError);
      expect(e.code).toBe("load/bad-licence");
      expect(e.message).toContain(JSON.stringify(bad));
      expect(e.hint).toContain("etalab-2.0");
    }
  });
});

describe("readInput", () => {
  it("reads text in the format given, whatever the source's name", async () => {
    const input = await readInput({
      text: "<http://x/s> <http://x/p> <http://x/o> .\n",
      source: "body",
      format: "nquads",
    });
    expect(input.kind).toBe("nquads");
    expect(input.quads).toHaveLength(1);
  });
  it("reads text by the source's extension when no format is given", async () => {
    const input = await readInput({ text: "<http://x/s> <http://x/p> 'v' .", source: "a.ttl" });
    expect(input.kind).toBe("turtle");
  });
  it("reads quads as data with the consumer readings", async () => {
    const input = await readInput({
      quads: [f.quad(f.namedNode("http://x/s"), f.namedNode(`${SCHEMA_HTTPS}name`), f.literal("v"))],
      source: "h",
    });
    expect(input.kind).toBe("nquads");
    expect(input.quads[0]!.predicate.value).toBe(`${SCHEMA}name`);
  });
  it("reads parsed JSON-LD as JSON-LD", async () => {
    const input = await readInput({ json: { "@id": "http://x/s", "http://x/p": "v" }, source: "x.json" });
    expect(input.kind).toBe("jsonld");
    expect(input.quads).toHaveLength(1);
  });
  it("refuses text in the wrong format with rdf/syntax", async () => {
    await expect(
      readInput({ text: "@prefix x: <http://x/> .", source: "body", format: "nquads" }),
    ).rejects.toMatchObject({
      code: "rdf/syntax",
    });
  });
  it("refuses records whose publisher cannot be used", async () => {
    await expect(readInput({ records: { publisher: {} }, source: "r.json" })).rejects.toMatchObject({
      code: "validate/unusable-records",
    });
  });
});
