import { describe, expect, it } from "vitest";
import type { Spec } from "../../../src/records/spec.js";
import { isPlainObject, planOf, usableFields, withoutNulls } from "../../../src/records/parse/fields.js";

type ObjectSpec = Extract<Spec, { t: "object" }>;
const spec = {
  t: "object",
  fields: {
    id: { t: "string", doc: "id", required: true },
    name: { t: "string", doc: "name" },
    capacity: { t: "number", doc: "capacity", required: true },
  },
} as unknown as ObjectSpec;

describe("isPlainObject", () => {
  it("is true of objects only, not arrays or null", () => {
    expect(isPlainObject({})).toBe(true);
    expect(isPlainObject([])).toBe(false);
    expect(isPlainObject(null)).toBe(false);
    expect(isPlainObject("x")).toBe(false);
  });
});

describe("planOf", () => {
  it("lists the fields in order and the required ones, made once per spec", () => {
    const plan = planOf(spec);
    expect(plan.keys).toEqual(["id", "name", "capacity"]);
    expect(plan.required).toEqual(["id", "capacity"]);
    expect(plan.fields.get("name")).toBe(spec.fields.name);
    expect(plan.fields.has("constructor")).toBe(false);
    expect(planOf(spec)).toBe(plan);
  });
});

describe("usableFields", () => {
  const raw = { id: "v1", name: "Opéra", capacity: -1, colour: "red", constructor: "x" };
  it("gives the record itself when no field failed and none is unknown", () => {
    expect(usableFields(raw, spec, undefined, false)).toBe(raw);
  });
  it("drops failed and unknown fields (a key like constructor included)", () => {
    expect(usableFields(raw, spec, new Set(["capacity"]), true)).toEqual({ id: "v1", name: "Opéra" });
    expect(usableFields(raw, spec, undefined, true)).toEqual({ id: "v1", name: "Opéra", capacity: -1 });
  });
});

describe("withoutNulls", () => {
  it("gives the value itself when it holds no null", () => {
    const v = { a: [1, { b: "x" }] };
    expect(withoutNulls(v)).toBe(v);
    expect(withoutNulls("s")).toBe("s");
  });
  it("drops null-valued keys at every depth, keeps array items, and leaves the input as it was", () => {
    const v = { a: null, b: { c: null, d: 1 }, e: [null, { f: null, g: 2 }] };
    expect(withoutNulls(v)).toEqual({ b: { d: 1 }, e: [null, { g: 2 }] });
    expect(v.b.c).toBeNull();
  });
  it("keeps an own __proto__ key as a key, never as the copy's prototype", () => {
    const v = JSON.parse('{"__proto__": {"polluted": true}, "x": null}') as object;
    const out = withoutNulls(v);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.hasOwn(out, "__proto__")).toBe(true);
    expect(Object.hasOwn(out, "x")).toBe(false);
  });
  it("reads values nested deeper than the call stack would allow", () => {
    let deep: unknown = { end: null, keep: 1 };
    for (let i = 0; i < 20_000; i++) deep = { d: deep };
    let out = withoutNulls(deep) as { d?: unknown; keep?: number; end?: unknown };
    for (let i = 0; i < 20_000; i++) out = out.d as typeof out;
    expect(out).toEqual({ keep: 1 });
  });
});

describe("withoutNulls on values built in code", () => {
  it("reads each object once: a cycle or 2^60 paths through shared objects end at once", () => {
    const loop: Record<string, unknown> = { fr: "Tosca" };
    loop.self = loop;
    expect(withoutNulls(loop)).toBe(loop);
    let chain: unknown = { a: 1 };
    for (let i = 0; i < 60; i++) chain = { left: chain, right: chain };
    expect(withoutNulls(chain)).toBe(chain);
  });

  it("copies a cycle with a null as a cycle, the null dropped", () => {
    const loop: Record<string, unknown> = { fr: "Tosca", gone: null };
    loop.self = loop;
    const copy = withoutNulls<Record<string, unknown>>(loop);
    expect(copy).not.toBe(loop);
    expect(Object.keys(copy)).toEqual(["fr", "self"]);
    expect(copy.self).toBe(copy);
  });
});
