// Which fields of a record are used: each object spec's plan (its fields by key, the required ones), the record
// without its failed and unknown fields, and nulls (null means absent) dropped at every depth.

import type { Field, Spec } from "../spec.js";

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Whether a null is anywhere in `value`: walked with a stack of its own, so a value nested at any depth is read, and
 * each object once, so that an object reached twice (a value built in code, not parsed JSON: a shared object, a
 * cycle) neither loops nor multiplies the walk.
 */
function hasNull(value: unknown): boolean {
  const pending: unknown[] = [value];
  const seen = new Set<object>();
  while (pending.length) {
    const v = pending.pop();
    if (v === null) return true;
    if (typeof v !== "object" || seen.has(v)) continue;
    seen.add(v);
    if (Array.isArray(v)) for (const item of v) pending.push(item);
    else for (const k in v as Record<string, unknown>) pending.push((v as Record<string, unknown>)[k]);
  }
  return false;
}

/** The record without its failed and unknown fields; the record itself when it has none (the usual case). */
export function usableFields(
  raw: Record<string, unknown>,
  spec: Extract<Spec, { t: "object" }>,
  failed: ReadonlySet<string> | undefined,
  unknown: boolean,
): Record<string, unknown> {
  // The structural check has already looked for unknown fields: a record with none and no failed field is used as is.
  if (failed === undefined && !unknown) return raw;
  const out: Record<string, unknown> = {};
  for (const k in raw) if (!failed?.has(k) && isField(spec, k)) out[k] = raw[k];
  return out;
}

/**
 * Drops null-valued keys at every depth (null means absent); arrays keep their items. Copied with a stack of its
 * own, one pass, so a value nested at any depth is read (the input's depth is the user's, not the call stack's).
 */
export function withoutNulls<T>(value: T): T {
  if (!hasNull(value)) return value; // the usual case: no copy
  // One copy per object: an object reached twice (shared, or a cycle) is copied once, and its copy shared alike.
  const copies = new Map<object, unknown>();
  const copyOf = (v: unknown): unknown => {
    if (typeof v !== "object" || v === null) return v;
    const done = copies.get(v);
    if (done !== undefined) return done;
    const c = Array.isArray(v) ? new Array(v.length) : isPlainObject(v) ? {} : v;
    copies.set(v, c);
    if (c !== v) pending.push([v, c]);
    return c;
  };
  const pending: [unknown, unknown][] = [];
  const root = copyOf(value);
  while (pending.length) {
    const [from, to] = pending.pop()!;
    if (Array.isArray(from)) {
      const out = to as unknown[];
      for (let i = 0; i < from.length; i++) {
        out[i] = copyOf(from[i]);
      }
      continue;
    }
    const src = from as Record<string, unknown>;
    const out = to as Record<string, unknown>;
    for (const k of Object.keys(src)) {
      const v = src[k];
      if (v === null) continue;
      // An own "__proto__" key (JSON.parse makes one) stays a key: never the copy's prototype.
      Object.defineProperty(out, k, { value: copyOf(v), enumerable: true, writable: true, configurable: true });
    }
  }
  return root as T;
}

/** An object spec as the check walks it, made once per spec (this runs for every object of every record). */
interface ObjectPlan {
  /** Field specs by key: a Map, so that a key such as "constructor" is not taken for a field. */
  readonly fields: ReadonlyMap<string, Field>;
  /** Every field key, in the spec's order (for "did you mean"). */
  readonly keys: readonly string[];
  /** The required ones. */
  readonly required: readonly string[];
}
const plans = new WeakMap<object, ObjectPlan>();
export function planOf(spec: Extract<Spec, { t: "object" }>): ObjectPlan {
  let plan = plans.get(spec);
  if (!plan) {
    const entries = Object.entries<Field>(spec.fields);
    plan = {
      fields: new Map(entries),
      keys: entries.map(([k]) => k),
      required: entries.filter(([, f]) => f.required).map(([k]) => k),
    };
    plans.set(spec, plan);
  }
  return plan;
}

/** Whether `key` is a field of the object spec. */
function isField(spec: Extract<Spec, { t: "object" }>, key: string): boolean {
  return planOf(spec).fields.has(key);
}
