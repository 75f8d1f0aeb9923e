// /reconcile against the W3C Entity Reconciliation API 1.0 draft's own schemas and examples: the validator first
// shown to agree with upstream on every example (valid ones pass, invalid ones fail), then the manifest and every
// kind of answer validated with it, every valid request example answered 200 and every invalid one refused with 400
// and a problem document. Skips, saying so, when ../shared/corpora/w3c-reconciliation is absent.

import type { ValidateFunction } from "ajv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VivantServer } from "../../src/server/index.js";
import {
  reconciliationExamples,
  reconciliationPresent,
  reconciliationValidators,
  RECONCILIATION_DIR,
} from "../helpers/reconciliation.js";
import { call, demoServer, type Answer } from "./helpers.js";

if (!reconciliationPresent) console.log(`W3C Reconciliation API schemas: skipped, ${RECONCILIATION_DIR} not found`);

const D = "https://data.reseau-scenes.example/";
let server: VivantServer;
let schemas: Map<string, ValidateFunction>;

function post(path: string, body: unknown): Promise<Answer> {
  return call(server.url, path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** Asserts the answer is valid for the schema, naming Ajv's errors when not. */
function expectValid(schema: string, value: unknown): void {
  const validate = schemas.get(schema)!;
  const ok = validate(value);
  expect(ok, `${schema}: ${JSON.stringify(validate.errors)}`).toBe(true);
}

describe.skipIf(!reconciliationPresent)("W3C Reconciliation API 1.0 draft: schemas and examples", () => {
  beforeAll(async () => {
    schemas = reconciliationValidators();
    ({ server } = await demoServer());
  }, 60_000);
  afterAll(async () => server?.close());

  it("the validator agrees with upstream on every example of every schema", () => {
    let valid = 0;
    let invalid = 0;
    for (const [name, validate] of schemas) {
      for (const [file, doc] of reconciliationExamples(name, "valid")) {
        expect(validate(doc), `${name}/valid/${file}`).toBe(true);
        valid++;
      }
      for (const [file, doc] of reconciliationExamples(name, "invalid")) {
        expect(validate(doc), `${name}/invalid/${file}`).toBe(false);
        invalid++;
      }
    }
    console.log(
      `W3C Reconciliation API examples: ${valid} valid and ${invalid} invalid examples classified as upstream does`,
    );
    expect(valid).toBeGreaterThanOrEqual(30);
    expect(invalid).toBeGreaterThanOrEqual(15);
  });

  it("the manifest is valid, in English and in French", async () => {
    for (const lang of ["en", "fr"]) {
      const a = await call(server.url, "reconcile", { headers: { "accept-language": lang } });
      expect(a.status).toBe(200);
      expectValid("manifest", JSON.parse(a.text));
    }
  });

  it("every valid query batch example is answered 200 with a valid result batch", async () => {
    const examples = reconciliationExamples("reconciliation-query-batch", "valid");
    expect(examples.length).toBeGreaterThanOrEqual(5);
    for (const [file, doc] of examples) {
      const a = await post("reconcile/match", doc);
      expect(a.status, `${file}: ${a.text}`).toBe(200);
      const answer = JSON.parse(a.text) as { results: unknown[] };
      expectValid("reconciliation-result-batch", answer);
      expect(answer.results).toHaveLength((doc as { queries: unknown[] }).queries.length);
    }
  });

  it("every invalid query batch example is refused with 400 and a problem document", async () => {
    const examples = reconciliationExamples("reconciliation-query-batch", "invalid");
    expect(examples.length).toBeGreaterThanOrEqual(5);
    for (const [file, doc] of examples) {
      const a = await post("reconcile/match", doc);
      expect(a.status, `${file}: ${a.text}`).toBe(400);
      expect(a.type).toContain("application/problem+json");
      expect((JSON.parse(a.text) as { code: string }).code).toMatch(/^reconcile\//);
    }
  });

  it("answers to real queries on the demo season are valid result batches, with features", async () => {
    const a = await post("reconcile/match", {
      queries: [
        {
          type: "schema:Place",
          limit: 3,
          conditions: [
            { matchType: "name", propertyValue: "grand quai" },
            { matchType: "property", propertyId: "postalCode", propertyValue: "44000" },
          ],
        },
        { conditions: [{ matchType: "id", propertyValue: "Q7317" }] },
        {
          type: "schema:Event",
          conditions: [
            { matchType: "name", propertyValue: "La traviata" },
            { matchType: "property", propertyId: "startDate", propertyValue: "2026-10-20" },
          ],
        },
      ],
    });
    expect(a.status).toBe(200);
    const answer = JSON.parse(a.text) as { results: { candidates: { features: unknown[] }[] }[] };
    expectValid("reconciliation-result-batch", answer);
    expect(
      answer.results.every((r) => r.candidates.length > 0 && r.candidates.every((c) => c.features.length > 0)),
    ).toBe(true);
  });

  it("every valid data extension query example is answered with a valid data extension response", async () => {
    const examples = [
      ...reconciliationExamples("data-extension-query", "valid"),
      [
        "ours",
        {
          ids: [`${D}venue/grand-quai-nantes`, `${D}performance/traviata-01`, "nope"],
          properties: [
            { id: "name" },
            { id: "postalCode" },
            { id: "latitude" },
            { id: "startDate" },
            { id: "location" },
            { id: "sameAs" },
          ],
        },
      ] as [string, unknown],
    ];
    for (const [file, doc] of examples) {
      const a = await post("reconcile/extend", doc);
      expect(a.status, `${file}: ${a.text}`).toBe(200);
      expectValid("data-extension-response", JSON.parse(a.text));
    }
  });

  it("suggest answers and property proposals are valid", async () => {
    const cases: [string, string][] = [
      ["reconcile/suggest/entity?prefix=gra", "suggest-entities-response"],
      ["reconcile/suggest/entity?prefix=", "suggest-entities-response"],
      ["reconcile/suggest/property?prefix=post", "suggest-properties-response"],
      ["reconcile/suggest/type?prefix=", "suggest-types-response"],
      ["reconcile/extend/propose?type=http://schema.org/Place&limit=5", "data-extension-property-proposal"],
      ["reconcile/extend/propose?type=DifferentiatedPerson", "data-extension-property-proposal"],
    ];
    for (const [path, schema] of cases) {
      const a = await call(server.url, path);
      expect(a.status, `${path}: ${a.text}`).toBe(200);
      expectValid(schema, JSON.parse(a.text));
    }
  });
});
