// Reading reconciliation requests: a query batch of the 1.0 draft (`{"queries": [...]}`, its JSON schema checked
// field by field), a version 0.2 batch as OpenRefine sends it (form field `queries={"q0": {...}}`) turned into the
// same queries, and a data extension query. Anything else is a 400 naming the field, what was expected and how to
// send it; every list and string is bounded before any matching starts.

import type { Text } from "../errors.js";
import { tx, txBy } from "../i18n.js";
import { HttpError } from "../server/http-util.js";

/** At most this many queries in one batch (the manifest's `batchSize`). */
export const MAX_BATCH = 50;
/** At most this many candidates a query (its `limit`). */
export const MAX_LIMIT = 100;
export const DEFAULT_LIMIT = 10;
const MAX_CONDITIONS = 20;
const MAX_VALUES = 20;
/** Longest string read anywhere in a request (a name, an IRI, a property id), in characters. */
export const MAX_TEXT = 1000;

/** A property value: text, number, boolean, or another entity (`{id, name}`, e.g. reconciled already). */
export type PropertyValue = string | number | boolean | { readonly id: string; readonly name?: string };

export interface Condition {
  readonly matchType: "name" | "id" | "property";
  readonly propertyId?: string;
  readonly values: readonly PropertyValue[];
  readonly required: boolean;
  readonly quantifier: "any" | "all" | "none";
  readonly qualifier?: string;
  readonly lang?: string;
}

export interface ReconQuery {
  readonly type?: string;
  readonly limit: number;
  readonly lang?: string;
  readonly conditions: readonly Condition[];
}

const EXPECT = {
  object: { en: "an object", fr: "un objet" },
  batch: { en: 'an object {"queries": […]}', fr: 'un objet {"queries": […]}' },
  array: { en: "an array", fr: "un tableau" },
  nonEmpty: { en: "an array of at least one condition", fr: "un tableau d'au moins une condition" },
  string: { en: "a string", fr: "une chaîne" },
  boolean: { en: "true or false", fr: "true ou false" },
  limit: { en: `a whole number from 1 to ${MAX_LIMIT}`, fr: `un nombre entier de 1 à ${MAX_LIMIT}` },
  matchType: { en: "`name`, `id` or `property`", fr: "`name`, `id` ou `property`" },
  quantifier: { en: "`any`, `all` or `none`", fr: "`any`, `all` ou `none`" },
  dir: { en: "`ltr`, `rtl` or `auto`", fr: "`ltr`, `rtl` ou `auto`" },
  value: {
    en: "a string, number, boolean or {id, name} (or an array of them)",
    fr: "une chaîne, un nombre, un booléen ou {id, name} (ou un tableau de ceux-ci)",
  },
  propertyId: {
    en: "a `propertyId` (`matchType` `property` needs one)",
    fr: "un `propertyId` (`matchType` `property` en demande un)",
  },
  query: { en: "a `query` string or `properties`", fr: "une chaîne `query` ou des `properties`" },
  properties: { en: 'an array of {"pid": …, "v": …}', fr: 'un tableau de {"pid": …, "v": …}' },
} as const satisfies Record<string, Text>;

type Expect = keyof typeof EXPECT;

/** How a value looks in a message: its JSON, cut short. */
function shown(v: unknown): string {
  if (v === undefined) return "(absent)";
  const s = Array.isArray(v) ? "[…]" : typeof v === "object" && v !== null ? "{…}" : JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

export function bad(path: string, expected: Expect, got: unknown, hint: Text = tx("reconcile/batch.hint")): HttpError {
  return new HttpError(
    400,
    "reconcile/bad-query",
    txBy("reconcile/bad-field", (lang) => ({ path, expected: EXPECT[expected][lang], got: shown(got) })),
    { hint },
  );
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A string field (absent allowed unless `required`), bounded. */
export function text(v: unknown, path: string, required = false): string | undefined {
  if (v === undefined && !required) return undefined;
  if (typeof v !== "string") throw bad(path, "string", v);
  if (v.length > MAX_TEXT)
    throw new HttpError(
      400,
      "reconcile/too-long",
      tx("reconcile/too-long", { path, length: v.length, max: MAX_TEXT }),
      { hint: tx("reconcile/batch.hint") },
    );
  return v;
}

function list(v: unknown, path: string, max: number, what: Expect = "array"): unknown[] {
  if (!Array.isArray(v)) throw bad(path, what, v);
  if (v.length > max)
    throw new HttpError(400, "reconcile/too-many", tx("reconcile/too-many", { path, count: v.length, max }), {
      hint: tx("reconcile/batch.hint"),
    });
  return v;
}

function optional<T extends string>(v: unknown, path: string, allowed: readonly T[], what: Expect): T | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "string" || !(allowed as readonly string[]).includes(v)) throw bad(path, what, v);
  return v as T;
}

function limitOf(v: unknown, path: string): number {
  if (v === undefined) return DEFAULT_LIMIT;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > MAX_LIMIT) throw bad(path, "limit", v);
  return v;
}

function propertyValue(v: unknown, path: string): PropertyValue {
  if (typeof v === "string") return text(v, path)!;
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "boolean") return v;
  if (isObject(v) && typeof v.id === "string") {
    const name = text(v.name, `${path}.name`);
    text(v.lang, `${path}.lang`);
    optional(v.dir, `${path}.dir`, ["ltr", "rtl", "auto"], "dir");
    return { id: text(v.id, `${path}.id`)!, ...(name !== undefined ? { name } : {}) };
  }
  throw bad(path, "value", v);
}

function values(v: unknown, path: string): PropertyValue[] {
  if (v === undefined) throw bad(path, "value", v);
  return Array.isArray(v)
    ? list(v, path, MAX_VALUES).map((x, i) => propertyValue(x, `${path}[${i}]`))
    : [propertyValue(v, path)];
}

function condition(c: unknown, path: string): Condition {
  if (!isObject(c)) throw bad(path, "object", c);
  const matchType = optional(c.matchType, `${path}.matchType`, ["name", "id", "property"], "matchType");
  if (matchType === undefined) throw bad(`${path}.matchType`, "matchType", undefined);
  const propertyId = text(c.propertyId, `${path}.propertyId`);
  if (matchType === "property" && propertyId === undefined) throw bad(`${path}.propertyId`, "propertyId", undefined);
  if (c.required !== undefined && typeof c.required !== "boolean") throw bad(`${path}.required`, "boolean", c.required);
  const quantifier =
    optional(c.matchQuantifier, `${path}.matchQuantifier`, ["any", "all", "none"], "quantifier") ?? "any";
  const qualifier = text(c.matchQualifier, `${path}.matchQualifier`);
  const lang = text(c.lang, `${path}.lang`);
  optional(c.dir, `${path}.dir`, ["ltr", "rtl", "auto"], "dir");
  return {
    matchType,
    values: values(c.propertyValue, `${path}.propertyValue`),
    required: c.required === true,
    quantifier,
    ...(propertyId !== undefined ? { propertyId } : {}),
    ...(qualifier !== undefined ? { qualifier } : {}),
    ...(lang !== undefined ? { lang } : {}),
  };
}

const QUERY_FIELDS = new Set(["type", "limit", "lang", "dir", "conditions"]);

function query(q: unknown, path: string): ReconQuery {
  if (!isObject(q)) throw bad(path, "object", q);
  for (const k of Object.keys(q)) {
    if (!QUERY_FIELDS.has(k))
      throw new HttpError(
        400,
        "reconcile/bad-query",
        tx("reconcile/unknown-field", { path, name: JSON.stringify(k.slice(0, 60)) }),
        { hint: tx("reconcile/batch.hint") },
      );
  }
  const type = text(q.type, `${path}.type`);
  const lang = text(q.lang, `${path}.lang`);
  optional(q.dir, `${path}.dir`, ["ltr", "rtl", "auto"], "dir");
  const conds = list(q.conditions, `${path}.conditions`, MAX_CONDITIONS, "nonEmpty");
  if (!conds.length) throw bad(`${path}.conditions`, "nonEmpty", conds);
  return {
    limit: limitOf(q.limit, `${path}.limit`),
    conditions: conds.map((c, i) => condition(c, `${path}.conditions[${i}]`)),
    ...(type !== undefined ? { type } : {}),
    ...(lang !== undefined ? { lang } : {}),
  };
}

function tooLarge(count: number): HttpError {
  return new HttpError(413, "reconcile/batch-too-large", tx("reconcile/batch-too-large", { count, max: MAX_BATCH }), {
    hint: tx("reconcile/batch-too-large.hint", { max: MAX_BATCH }),
  });
}

/** A 1.0 draft query batch (parsed JSON) → its queries. */
export function readBatch(doc: unknown): ReconQuery[] {
  if (isObject(doc) && doc.queries === undefined && Object.keys(doc).length && Object.values(doc).every(isObject)) {
    throw new HttpError(400, "reconcile/old-format", tx("reconcile/old-format"), {
      hint: tx("reconcile/old-format.hint"),
    });
  }
  if (!isObject(doc)) throw bad("(body)", "batch", doc);
  if (!Array.isArray(doc.queries)) throw bad("queries", "array", doc.queries);
  if (doc.queries.length > MAX_BATCH) throw tooLarge(doc.queries.length);
  return doc.queries.map((q, i) => query(q, `queries[${i}]`));
}

/** A version 0.2 batch (`{"q0": {"query": …, "type": …, "limit": …, "properties": [{"pid", "v"}]}}`) → its keys and queries. */
export function readOldBatch(doc: unknown): { keys: string[]; queries: ReconQuery[] } {
  const hint = tx("reconcile/old-batch.hint");
  if (!isObject(doc)) throw bad("queries", "object", doc, hint);
  const keys = Object.keys(doc);
  if (keys.length > MAX_BATCH) throw tooLarge(keys.length);
  const queries = keys.map((k): ReconQuery => {
    const path = `queries.${k.slice(0, 60)}`;
    text(k, "queries (key)");
    const q = doc[k];
    if (!isObject(q)) throw bad(path, "object", q, hint);
    const name = text(q.query, `${path}.query`);
    const type = Array.isArray(q.type)
      ? text(list(q.type, `${path}.type`, 1)[0], `${path}.type[0]`)
      : text(q.type, `${path}.type`);
    const props =
      q.properties === undefined ? [] : list(q.properties, `${path}.properties`, MAX_CONDITIONS, "properties");
    const conditions: Condition[] = props.map((p, i) => {
      const at = `${path}.properties[${i}]`;
      if (!isObject(p)) throw bad(at, "properties", p, hint);
      const pid = text(p.pid ?? p.p, `${at}.pid`, true)!;
      return {
        matchType: "property",
        propertyId: pid,
        values: values(p.v, `${at}.v`),
        required: false,
        quantifier: "any",
      };
    });
    if (name !== undefined && name.trim())
      conditions.unshift({ matchType: "name", values: [name], required: false, quantifier: "any" });
    if (!conditions.length) throw bad(path, "query", q.query, hint);
    return { limit: limitOf(q.limit, `${path}.limit`), conditions, ...(type !== undefined ? { type } : {}) };
  });
  return { keys, queries };
}

/** A data extension query (`{"ids": [...], "properties": [{"id": …}]}`). */
export function readExtension(doc: unknown): { ids: string[]; properties: string[] } {
  const hint: Text = {
    en: 'send {"ids": ["…"], "properties": [{"id": "name"}]}',
    fr: 'envoyez {"ids": ["…"], "properties": [{"id": "name"}]}',
  };
  if (!isObject(doc)) throw bad("(body)", "object", doc, hint);
  const ids = list(doc.ids, "ids", MAX_BATCH * 2).map((v, i) => text(v, `ids[${i}]`, true)!);
  const properties = list(doc.properties, "properties", MAX_CONDITIONS).map((p, i) => {
    if (!isObject(p)) throw bad(`properties[${i}]`, "object", p, hint);
    if (p.settings !== undefined && !isObject(p.settings))
      throw bad(`properties[${i}].settings`, "object", p.settings, hint);
    return text(p.id, `properties[${i}].id`, true)!;
  });
  return { ids, properties };
}

/** JSON text → value; 400 naming what was sent (the body, a form field) when it is not JSON. */
export function parseJson(textValue: string, what: Text): unknown {
  try {
    return JSON.parse(textValue) as unknown;
  } catch (e) {
    // The parser's own message is English: only the place it names is carried.
    const at = /position (\d+)/.exec((e as Error).message)?.[1];
    const where = at === undefined ? { en: "", fr: "" } : { en: ` (at character ${at})`, fr: ` (au caractère ${at})` };
    throw new HttpError(
      400,
      "reconcile/not-json",
      txBy("reconcile/not-json", (lang) => ({ what: what[lang], where: where[lang] })),
      { hint: tx("reconcile/batch.hint") },
    );
  }
}
