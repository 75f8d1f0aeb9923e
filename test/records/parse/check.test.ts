import { describe, expect, it } from "vitest";
import type { Problem } from "../../../src/errors.js";
import { bounded, fieldName, fieldPath, MAX_SHOWN_DEPTH, RecordCheck, step } from "../../../src/records/parse/check.js";

function nested(depth: number, leaf: unknown = 1): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

describe("bounded", () => {
  it("gives scalars and shallow values themselves", () => {
    expect(bounded("x")).toBe("x");
    expect(bounded(null)).toBeNull();
    const wide = { a: Array.from({ length: 1000 }, (_, i) => i) };
    expect(bounded(wide)).toBe(wide);
    const deepest = nested(MAX_SHOWN_DEPTH - 1);
    expect(bounded(deepest)).toBe(deepest);
  });
  it("describes a value nested deeper than MAX_SHOWN_DEPTH instead of giving it", () => {
    expect(bounded(nested(MAX_SHOWN_DEPTH))).toBe(`[…] nested more than ${MAX_SHOWN_DEPTH} levels deep`);
    let o: unknown = 1;
    for (let i = 0; i < 10_000; i++) o = { o };
    expect(bounded(o)).toBe(`{…} nested more than ${MAX_SHOWN_DEPTH} levels deep`);
  });
});

describe("paths", () => {
  it("step writes .key for a name and [n] for an index", () => {
    expect(step("$", "venues")).toBe("$.venues");
    expect(step("$.venues", 2)).toBe("$.venues[2]");
  });
  it("fieldPath joins key, index and leaf when given", () => {
    expect(fieldPath("$.performances[3]", "offers", 1, "validFrom")).toBe("$.performances[3].offers[1].validFrom");
    expect(fieldPath("$.works[0]", "composer")).toBe("$.works[0].composer");
    expect(fieldPath("$.works[0]", "composers", 0)).toBe("$.works[0].composers[0]");
  });
  it("fieldName keeps the last field and its indices", () => {
    expect(fieldName("$.performances[3].offers[1].validFrom")).toBe("validFrom");
    expect(fieldName("$.venues[0].tags[2]")).toBe("tags[2]");
    expect(fieldName("$.name")).toBe("name");
    expect(fieldName("$")).toBe("$");
  });
});

describe("RecordCheck", () => {
  it("reports a violation with the record's entity and id, and rejects the record", () => {
    const out: Problem[] = [];
    const c = new RecordCheck(out, "venue", "v1");
    const text = { en: "e", fr: "f" };
    c.report({
      code: "record/invalid-value",
      path: "$.venues[0].x",
      value: 3,
      expected: text,
      message: text,
      hint: text,
    });
    expect(c.ok).toBe(false);
    expect(out).toEqual([
      {
        code: "record/invalid-value",
        severity: "violation",
        entity: "venue",
        recordId: "v1",
        path: "$.venues[0].x",
        value: 3,
        expected: text,
        message: text,
        hint: text,
      },
    ]);
  });
  it("keeps the record on a warning, and leaves out the value and id when there are none", () => {
    const out: Problem[] = [];
    const c = new RecordCheck(out, "venue", undefined);
    const text = { en: "e", fr: "f" };
    c.report({
      code: "record/invalid-value",
      path: "$.x",
      expected: text,
      message: text,
      hint: text,
      severity: "warning",
    });
    expect(c.ok).toBe(true);
    expect("value" in out[0]!).toBe(false);
    expect("recordId" in out[0]!).toBe(false);
  });
  it("invalid words the problem from the spec, naming the field and the value", () => {
    const out: Problem[] = [];
    const c = new RecordCheck(out, "venue", "v1");
    c.invalid({ spec: { t: "number", min: 0, integer: true }, path: "$.venues[0].maximumAttendeeCapacity", value: -5 });
    expect(out[0]).toMatchObject({ code: "record/invalid-value", value: -5 });
    expect(out[0]!.message.en).toBe("maximumAttendeeCapacity -5 is not an integer ≥ 0");
    expect(out[0]!.hint?.en).toBe("write an integer ≥ 0, e.g. 0");
  });
  it("makes paths from its root and key stack, and next() starts a fresh record", () => {
    const c = new RecordCheck([], "venue", "v1", "$.venues[0]");
    c.keys.push("halls", 1);
    expect(c.here()).toBe("$.venues[0].halls[1]");
    expect(c.at("name")).toBe("$.venues[0].halls[1].name");
    c.ok = false;
    c.keys.length = 0;
    c.next("v2", "$.venues[1]");
    expect([c.ok, c.recordId, c.here()]).toEqual([true, "v2", "$.venues[1]"]);
  });
});
