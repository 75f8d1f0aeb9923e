// The record model as JSON Schema (2020-12), derived from spec.ts, for vendors validating in other languages.
// `schemas/records.schema.json` is this function's output; a test keeps the two identical.

import { COLLECTION_SPECS, PUBLISHER, type Field, type Spec } from "./spec.js";
import { COLLECTIONS } from "./types.js";

type Schema = Record<string, unknown>;

const FORMAT_SCHEMA: Readonly<Record<string, Schema>> = {
  localId: { type: "string", minLength: 1, maxLength: 256 },
  iri: { type: "string", format: "uri", pattern: "^https?://" },
  baseIri: { type: "string", format: "uri", pattern: "^https?://[^?]*[/#]$" },
  dateTime: {
    type: "string",
    pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})?$",
  },
  dateOrDateTime: {
    type: "string",
    pattern: "^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})?)?$",
  },
  yearOrDate: { type: "string", pattern: "^\\d{4}(-\\d{2}-\\d{2})?$" },
  duration: {
    type: "string",
    pattern: "^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$",
  },
  lang: { type: "string", pattern: "^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$" },
  currency: { type: "string", pattern: "^[A-Z]{3}$" },
  country: { type: "string", pattern: "^[A-Z]{2}$" },
  timeZone: { type: "string", pattern: "^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$", description: "IANA time zone" },
  text: { type: "string", minLength: 1, pattern: "\\S" },
  licence: {
    anyOf: [
      { enum: ["etalab-2.0", "cc0-1.0", "cc-by-4.0", "cc-by-sa-4.0", "odbl-1.0"] },
      { type: "string", format: "uri", pattern: "^https?://" },
    ],
  },
};

function schemaOf(spec: Spec, defs: Record<string, Schema>): Schema {
  switch (spec.t) {
    case "string":
      return spec.format ? { ...FORMAT_SCHEMA[spec.format] } : { type: "string" };
    case "number": {
      const s: Schema = { type: spec.integer ? "integer" : "number" };
      if (spec.min !== undefined) s[spec.exclusiveMin ? "exclusiveMinimum" : "minimum"] = spec.min;
      if (spec.max !== undefined) s.maximum = spec.max;
      return s;
    }
    case "boolean":
      return { type: "boolean" };
    case "enum":
      return { enum: [...spec.values] };
    case "langmap":
      return { $ref: "#/$defs/LangMap" };
    case "array":
      return { type: "array", items: schemaOf(spec.of, defs) };
    case "ref":
      return { type: "string", minLength: 1, description: `id of one of the document's ${spec.to}` };
    case "object": {
      if (!defs[spec.def]) {
        defs[spec.def] = {}; // placeholder against recursion
        const properties: Record<string, Schema> = {};
        const required: string[] = [];
        for (const [k, f] of Object.entries<Field>(spec.fields)) {
          properties[k] = { ...schemaOf(f, defs), description: f.doc };
          if (f.required) required.push(k);
        }
        const s: Schema = { type: "object", additionalProperties: false, properties };
        if (required.length) s.required = required;
        if (spec.oneOf) s.oneOf = spec.oneOf.map((k) => ({ required: [k] }));
        defs[spec.def] = s;
      }
      return { $ref: `#/$defs/${spec.def}` };
    }
  }
}

export function recordsJsonSchema(): Schema {
  const defs: Record<string, Schema> = {
    LangMap: {
      type: "object",
      minProperties: 1,
      propertyNames: { pattern: "^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$" },
      additionalProperties: { type: "string", minLength: 1, pattern: "\\S" },
      description: "BCP 47 language tag → text",
    },
  };
  const properties: Record<string, Schema> = { publisher: schemaOf(PUBLISHER, defs) };
  for (const c of COLLECTIONS) properties[c] = { type: "array", items: schemaOf(COLLECTION_SPECS[c], defs) };
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://vivant.dev/schemas/records.schema.json",
    title: "Vivant record document",
    description:
      "One publisher's programme: venues, organizations, people, works, productions, series and performances, cross-referenced by local ids. " +
      "Structural rules only: cross-record rules (references, dates in order, time zones) are checked by Vivant's parser.",
    type: "object",
    additionalProperties: false,
    required: ["publisher"],
    properties,
    $defs: defs,
  };
}
