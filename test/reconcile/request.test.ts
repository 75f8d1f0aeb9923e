// Reading reconciliation requests: on generated batches, readBatch accepts exactly what the draft's JSON Schema
// accepts (Ajv on ../shared/corpora's reconciliation-query-batch.json, skipped without it), within Vivant's bounds;
// and the 0.2 form's batches become the same queries.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HttpError } from "../../src/server/http-util.js";
import { readBatch, readOldBatch } from "../../src/reconcile/request.js";
import { reconciliationPresent, reconciliationValidators } from "../helpers/reconciliation.js";

const value = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.record({ id: fc.string({ maxLength: 5 }), name: fc.string({ maxLength: 5 }) }, { requiredKeys: [] }),
);
const condition = fc.oneof(
  fc
    .record(
      {
        matchType: fc.constantFrom("name", "id", "property", "nom"),
        propertyValue: fc.oneof(value, fc.array(value, { maxLength: 3 })),
        required: fc.oneof(fc.boolean(), fc.constant("yes")),
        matchQuantifier: fc.constantFrom("any", "all", "none", "some"),
        matchQualifier: fc.string({ maxLength: 5 }),
      },
      { requiredKeys: [] },
    )
    .map((c) => (c.matchType === "property" ? { ...c, propertyId: "postalCode" } : c)),
  fc.constant("not an object"),
);
const query = fc.record(
  {
    type: fc.oneof(fc.string({ maxLength: 5 }), fc.array(fc.string({ maxLength: 5 }), { maxLength: 2 })),
    limit: fc.oneof(fc.integer({ min: 1, max: 100 }), fc.constant("5")),
    conditions: fc.array(condition, { maxLength: 3 }),
    props: fc.constant([]),
  },
  { requiredKeys: [] },
);
const batch = fc.oneof(
  fc.record({ queries: fc.array(query, { maxLength: 4 }) }),
  fc.array(query, { maxLength: 2 }),
  fc.constant({}),
);

function accepted(doc: unknown): boolean {
  try {
    readBatch(doc);
    return true;
  } catch (e) {
    if (!(e instanceof HttpError) || e.status !== 400) throw e;
    return false;
  }
}

describe.skipIf(!reconciliationPresent)("readBatch and the draft's JSON Schema", () => {
  it("agree on every generated batch", () => {
    const validate = reconciliationValidators().get("reconciliation-query-batch")!;
    let valid = 0;
    fc.assert(
      fc.property(batch, (doc) => {
        const schema = validate(doc);
        if (schema) valid++;
        expect(accepted(doc), `${JSON.stringify(doc)} ${JSON.stringify(validate.errors)}`).toBe(schema);
      }),
      { numRuns: 1000 },
    );
    // Both verdicts were met often enough for the agreement to mean something.
    expect(valid).toBeGreaterThan(50);
    expect(valid).toBeLessThan(950);
  });
});

describe("readOldBatch", () => {
  it("turns query, type and properties into conditions, keeping the keys", () => {
    const { keys, queries } = readOldBatch({
      q0: { query: "Verdi", type: "schema:Person", limit: 3, properties: [{ pid: "sameAs", v: ["Q7317"] }] },
      q1: { properties: [{ p: "city", v: "Nantes" }] },
    });
    expect(keys).toEqual(["q0", "q1"]);
    expect(queries[0]).toEqual({
      type: "schema:Person",
      limit: 3,
      conditions: [
        { matchType: "name", values: ["Verdi"], required: false, quantifier: "any" },
        { matchType: "property", propertyId: "sameAs", values: ["Q7317"], required: false, quantifier: "any" },
      ],
    });
    expect(queries[1]!.conditions).toEqual([
      { matchType: "property", propertyId: "city", values: ["Nantes"], required: false, quantifier: "any" },
    ]);
  });

  it("refuses a query with nothing to match, naming its key", () => {
    expect(() => readOldBatch({ q7: { limit: 3 } })).toThrow(/queries\.q7/);
    expect(() => readOldBatch([{ query: "x" }])).toThrow(HttpError);
  });
});
