import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { recordsJsonSchema } from "../../src/records/jsonSchema.js";
import { COLLECTION_SPECS } from "../../src/records/spec.js";
import { COLLECTIONS } from "../../src/records/types.js";

describe("schemas/records.schema.json", () => {
  it("is exactly what the record spec generates (regenerate with `vivant schema > schemas/records.schema.json`)", () => {
    const committed = JSON.parse(readFileSync(new URL("../../schemas/records.schema.json", import.meta.url), "utf8"));
    expect(committed).toEqual(recordsJsonSchema());
  });

  it("describes every field of every collection, with the same required fields as the parser", () => {
    const schema = recordsJsonSchema() as any;
    for (const c of COLLECTIONS) {
      const spec = COLLECTION_SPECS[c];
      const def = schema.$defs[spec.def];
      expect(Object.keys(def.properties).sort()).toEqual(Object.keys(spec.fields).sort());
      const required = Object.entries(spec.fields).filter(([, f]) => f.required).map(([k]) => k);
      expect(def.required ?? []).toEqual(required);
    }
  });
});
