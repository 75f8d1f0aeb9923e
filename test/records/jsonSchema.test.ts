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
      const required = Object.entries(spec.fields)
        .filter(([, f]) => f.required)
        .map(([k]) => k);
      expect(def.required ?? []).toEqual(required);
    }
  });
});

describe("the JSON Schema in another validator's hands (ajv, draft 2020-12)", async () => {
  const { Ajv2020 } = await import("ajv/dist/2020.js");
  // ajv-formats is CommonJS: its default export arrives wrapped once more under NodeNext.
  type AddFormats = (a: unknown) => void;
  const formats = (await import("ajv-formats")).default as unknown as AddFormats | { default: AddFormats };
  const addFormats = typeof formats === "function" ? formats : formats.default;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(recordsJsonSchema());
  const read = (path: string): any =>
    JSON.parse(readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), "utf8"));

  it.each(["demo-season.json", "records/opera.json", "golden/performance.records.json", "golden/venue.records.json"])(
    "accepts %s",
    (file) => {
      expect(validate(read(file)), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    },
  );

  it.each([
    [
      "a malformed month",
      (d: any) => {
        d.performances[0].startDate = "2026-1-01T20:00";
      },
      "/performances/0/startDate",
    ],
    [
      "a misspelled field",
      (d: any) => {
        d.performances[0].statDate = "x";
      },
      "/performances/0",
    ],
    [
      "an unknown status",
      (d: any) => {
        d.performances[0].status = { kind: "canceled" };
      },
      "/performances/0/status/kind",
    ],
    [
      "a text that is not a language map",
      (d: any) => {
        d.productions[0].name = "La Traviata";
      },
      "/productions/0/name",
    ],
    [
      "a role with both a person and an organization",
      (d: any) => {
        d.performances[0].performers = [{ person: "a", organization: "b" }];
      },
      "/performances/0/performers/0",
    ],
  ])("rejects %s", (_what, mutate, where) => {
    const d = read("records/opera.json");
    mutate(d);
    expect(validate(d)).toBe(false);
    expect(validate.errors!.some((e: any) => e.instancePath === where)).toBe(true);
  });
});
