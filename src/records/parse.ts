// Unknown JSON → typed, normalised records, or problems. Every problem is found in one pass; a bad record
// is rejected (and so is anything referring to it), the good ones go on.

import type { Problem, Severity, Text, ProblemCode } from "../errors.js";
import type { ParseResult, RecordRef } from "../mapping/types.js";
import { normalizeId, ID_EXAMPLES, type IdScheme } from "./identifiers.js";
import { closest, expectation } from "./messages.js";
import { COLLECTION_SPECS, PUBLISHER, type Field, type Spec } from "./spec.js";
import {
  epochOf,
  formatIsoDate,
  formatOffset,
  isDuration,
  isTimeZone,
  parseIsoDate,
  resolveLocalTime,
  type ParsedDate,
} from "./time.js";
import {
  COLLECTIONS,
  ENTITY_OF,
  type AgentRef,
  type Collection,
  type ExternalIds,
  type Offer,
  type Performance,
  type Production,
  type RecordDocument,
  type Series,
  type Venue,
  type Work,
} from "./types.js";

const ID_SCHEMES: readonly IdScheme[] = ["wikidata", "isni", "bnf", "artsdata", "siret"];
const LICENCE_KEYS = new Set(["etalab-2.0", "cc0-1.0", "cc-by-4.0", "cc-by-sa-4.0", "odbl-1.0"]);
const LANG_RE = /^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{1,8})*$/;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Whether a null is anywhere in `value`: walked with a stack of its own, so a value nested at any depth is read. */
function hasNull(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length) {
    const v = pending.pop();
    if (v === null) return true;
    if (typeof v !== "object") continue;
    if (Array.isArray(v)) for (const item of v) pending.push(item);
    else for (const k in v as Record<string, unknown>) pending.push((v as Record<string, unknown>)[k]);
  }
  return false;
}

/** The record without its failed and unknown fields; the record itself when it has none (the usual case). */
function usableFields(
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
function withoutNulls<T>(value: T): T {
  if (!hasNull(value)) return value; // the usual case: no copy
  const copyOf = (v: unknown): unknown => (Array.isArray(v) ? new Array(v.length) : isPlainObject(v) ? {} : v);
  const root = copyOf(value);
  const pending: [unknown, unknown][] = [[value, root]];
  while (pending.length) {
    const [from, to] = pending.pop()!;
    if (Array.isArray(from)) {
      const out = to as unknown[];
      for (let i = 0; i < from.length; i++) {
        const c = copyOf(from[i]);
        out[i] = c;
        if (c !== from[i]) pending.push([from[i], c]);
      }
      continue;
    }
    const src = from as Record<string, unknown>;
    const out = to as Record<string, unknown>;
    for (const k of Object.keys(src)) {
      const v = src[k];
      if (v === null) continue;
      const c = copyOf(v);
      // An own "__proto__" key (JSON.parse makes one) stays a key: never the copy's prototype.
      Object.defineProperty(out, k, { value: c, enumerable: true, writable: true, configurable: true });
      if (c !== v) pending.push([v, c]);
    }
  }
  return root as T;
}

// An http(s) IRI with a plain DNS host (last label starting with a letter: never read as an IPv4 address), no port
// no punycode label (which the URL parser decodes and may refuse) and only characters the URL parser accepts as
// they are: valid without building a URL object (the usual case). Anything else goes through the URL parser.
const PLAIN_HTTP_IRI =
  /^https?:\/\/(?![^/?#]*xn--)(?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*(?:[/?#][^\s<>"{}|\\^`\u0000-\u001f\u007f]*)?$/i;

export function isHttpIri(value: string): boolean {
  if (PLAIN_HTTP_IRI.test(value)) return true;
  if (!/^https?:\/\/[^\s<>"{}|\\^`\u0000-\u001f\u007f]+$/i.test(value)) return false;
  try {
    return new URL(value).hostname.length > 0;
  } catch {
    return false;
  }
}

// Seasons repeat the same dates (sales openings, start times): date checks are memoised (bounded).
const dateOk = new Map<string, number>();
function dateFormatOk(v: string, allowDate: boolean): boolean {
  let k = dateOk.get(v);
  if (k === undefined) {
    const d = parseIsoDate(v);
    k = d === undefined ? 0 : d.kind === "date" ? 1 : 2;
    if (dateOk.size > 50_000) dateOk.clear();
    dateOk.set(v, k);
  }
  return k === 2 || (allowDate && k === 1);
}

// Regular expressions of the format checks, made once (a literal makes a new RegExp each time it is evaluated).
const CONTROL_RE = /[\u0000-\u001f]/;
/** A UTF-16 surrogate that is not half of a pair: valid in JSON ("\ud800"), but no character, and no IRI can hold it. */
const LONE_SURROGATE_RE = /\p{Cs}/u;
const ENDS_IN_SLASH_OR_HASH = /[/#]$/;
const YEAR_RE = /^\d{4}$/;
const CURRENCY_RE = /^[A-Z]{3}$/;
const COUNTRY_RE = /^[A-Z]{2}$/;

function formatOk(format: NonNullable<Extract<Spec, { t: "string" }>["format"]>, v: string): boolean {
  switch (format) {
    case "localId":
      return v.trim().length > 0 && v.length <= 256 && !CONTROL_RE.test(v);
    case "iri":
      return isHttpIri(v);
    case "baseIri":
      return isHttpIri(v) && ENDS_IN_SLASH_OR_HASH.test(v) && !v.includes("?");
    case "dateTime":
      return dateFormatOk(v, false);
    case "dateOrDateTime":
      return dateFormatOk(v, true);
    case "yearOrDate":
      return YEAR_RE.test(v) || parseIsoDate(v)?.kind === "date";
    case "duration":
      return isDuration(v);
    case "lang":
      return LANG_RE.test(v);
    case "currency":
      return CURRENCY_RE.test(v);
    case "country":
      return COUNTRY_RE.test(v);
    case "timeZone":
      return isTimeZone(v);
    case "text":
      return v.trim().length > 0;
    case "licence":
      return LICENCE_KEYS.has(v) || isHttpIri(v);
  }
}

/** Deepest nesting a reported value keeps (the record model itself is a few levels deep). */
const MAX_SHOWN_DEPTH = 16;

/**
 * A value as a problem shows it: itself, or, when nested deeper than MAX_SHOWN_DEPTH (JSON.stringify of a value
 * 10,000 levels deep overflows the call stack, here and wherever the report is written), a short description.
 */
function bounded(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  const stack: [unknown, number][] = [[value, 1]];
  let seen = 0;
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (depth > MAX_SHOWN_DEPTH)
      return `${Array.isArray(value) ? "[…]" : "{…}"} nested more than ${MAX_SHOWN_DEPTH} levels deep`;
    // Wide but shallow values are shown whole; the walk stops early when there is nothing deep to find.
    if (++seen > 100_000) break;
    if (v !== null && typeof v === "object")
      for (const k in v) stack.push([(v as Record<string, unknown>)[k], depth + 1]);
  }
  return value;
}

/** `path.key`, or `path[key]` for an index. */
function step(path: string, key: string | number): string {
  return typeof key === "number" ? `${path}[${key}]` : `${path}.${key}`;
}

/** A problem as its builder takes it: the record's entity and id are the check's. */
interface ProblemSpec {
  readonly code: ProblemCode;
  readonly path: string;
  /** The value at fault, shown bounded (see `bounded`); omitted when there is none (a missing field). */
  readonly value?: unknown;
  readonly expected: Text;
  readonly message: Text;
  readonly hint: Text;
  /** @default "violation" */
  readonly severity?: Severity;
}

/** A value that does not match its spec: the expectation and example are the spec's. */
interface InvalidSpec {
  readonly spec: Spec;
  readonly path: string;
  readonly value: unknown;
  /** @default "record/invalid-value" */
  readonly code?: ProblemCode;
}

/** Collects problems for one record. */
class RecordCheck {
  ok = true;
  /** Top-level fields that failed their check (made on the first failure). */
  failed: Set<string> | undefined;
  /** Whether a null value was met (null means absent: the record is then copied without it). */
  sawNull = false;
  /** Whether the record itself (not a nested object) has a field its spec does not know. */
  unknownField = false;
  constructor(
    private readonly out: Problem[],
    readonly entity: string,
    public recordId: string | undefined,
    /** JSON path of the record (or object) being checked. */
    public root = "$",
    /**
     * Keys from `root` down to the array or object being checked: the structural check pushes and pops them, and a
     * path is made into text only when a problem is reported. One stack serves every record of a collection.
     */
    readonly keys: (string | number)[] = [],
  ) {}

  /** Starts on the next record of a collection: one check serves them all (no object per record). */
  next(recordId: string, root: string): this {
    this.recordId = recordId;
    this.root = root;
    this.ok = true;
    this.failed = undefined;
    this.sawNull = false;
    this.unknownField = false;
    return this;
  }

  /** The path of the array or object being checked. */
  here(): string {
    let p = this.root;
    for (const k of this.keys) p = step(p, k);
    return p;
  }

  /** The path of its member `key`. */
  at(key: string | number): string {
    return step(this.here(), key);
  }

  /** Reports a problem of this record; a violation (the default severity) rejects it. */
  report({ code, path, value, expected, message, hint, severity = "violation" }: ProblemSpec): void {
    if (severity === "violation") this.ok = false;
    this.out.push({
      code,
      severity,
      entity: this.entity,
      path,
      expected,
      message,
      hint,
      ...(this.recordId !== undefined ? { recordId: this.recordId } : {}),
      ...(value !== undefined ? { value: bounded(value) } : {}),
    });
  }

  /** A field whose value does not match its spec. */
  invalid({ spec, path, value, code = "record/invalid-value" }: InvalidSpec): void {
    const { expected, example } = expectation(spec);
    const field = fieldName(path);
    const shown = JSON.stringify(bounded(value));
    this.report({
      code,
      path,
      value,
      expected,
      message: { en: `${field} ${shown} is not ${expected.en}`, fr: `${field} ${shown} n'est pas ${expected.fr}` },
      hint: { en: `write ${expected.en}, e.g. ${example}`, fr: `indiquez ${expected.fr}, par ex. ${example}` },
    });
  }
}

function fieldName(path: string): string {
  return path.replace(/^.*?\.(?=[^.[]+(?:\[\d+\])*$)/, "").replace(/^\$\./, "") || path;
}

const FORMAT_CODES: Partial<Record<string, ProblemCode>> = {
  dateTime: "record/invalid-date-time",
  dateOrDateTime: "record/invalid-date",
  yearOrDate: "record/invalid-date",
  iri: "record/invalid-iri",
  baseIri: "record/invalid-iri",
  duration: "record/invalid-duration",
  lang: "record/invalid-language",
  currency: "record/invalid-currency",
  country: "record/invalid-country",
  timeZone: "record/unknown-time-zone",
  text: "record/empty-text",
  localId: "record/invalid-id",
  licence: "record/invalid-licence",
};

/** Structural check of member `key` of the array or object being checked (see `RecordCheck.keys`) against its spec; returns whether it holds. */
function checkValue(spec: Spec, value: unknown, key: string | number, c: RecordCheck): boolean {
  switch (spec.t) {
    case "string":
      if (typeof value !== "string")
        return (c.invalid({ spec, path: c.at(key), value, code: "record/invalid-type" }), false);
      if (LONE_SURROGATE_RE.test(value)) return (loneSurrogate(c, c.at(key), value), false);
      if (spec.format && !formatOk(spec.format, value))
        return (
          c.invalid({ spec, path: c.at(key), value, code: FORMAT_CODES[spec.format] ?? "record/invalid-value" }),
          false
        );
      return true;
    case "number": {
      const bad =
        typeof value !== "number" ||
        !Number.isFinite(value) ||
        (spec.integer === true && !Number.isInteger(value)) ||
        (spec.min !== undefined && (spec.exclusiveMin ? value <= spec.min : value < spec.min)) ||
        (spec.max !== undefined && value > spec.max);
      if (bad)
        return (
          c.invalid({
            spec,
            path: c.at(key),
            value,
            code: typeof value === "number" ? "record/out-of-range" : "record/invalid-type",
          }),
          false
        );
      return true;
    }
    case "boolean":
      if (typeof value !== "boolean")
        return (c.invalid({ spec, path: c.at(key), value, code: "record/invalid-type" }), false);
      return true;
    case "enum":
      if (typeof value !== "string" || !spec.values.includes(value)) {
        const near = typeof value === "string" ? closest(value, spec.values) : undefined;
        const { expected } = expectation(spec);
        const path = c.at(key);
        c.report({
          code: "record/unknown-value",
          path,
          value,
          expected,
          message: {
            en: `${fieldName(path)} ${JSON.stringify(bounded(value))} is not ${expected.en}`,
            fr: `${fieldName(path)} ${JSON.stringify(bounded(value))} n'est pas ${expected.fr}`,
          },
          hint: near
            ? { en: `did you mean "${near}"?`, fr: `vouliez-vous dire « ${near} » ?` }
            : { en: `use one of the listed values`, fr: `utilisez une des valeurs listées` },
        });
        return false;
      }
      return true;
    case "langmap": {
      if (!isPlainObject(value))
        return (c.invalid({ spec, path: c.at(key), value, code: "record/invalid-language-map" }), false);
      let ok = true;
      let empty = true;
      for (const lang in value) {
        empty = false;
        const text = value[lang];
        if (!LANG_RE.test(lang)) {
          c.report({
            code: "record/invalid-language",
            path: `${c.at(key)}.${lang}`,
            value: lang,
            expected: expectation({ t: "string", format: "lang" }).expected,
            message: {
              en: `language key "${lang}" is not a BCP 47 tag`,
              fr: `la clé de langue « ${lang} » n'est pas une étiquette BCP 47`,
            },
            hint: { en: `use a key such as "fr" or "en"`, fr: `utilisez une clé comme « fr » ou « en »` },
          });
          ok = false;
        } else if (typeof text === "string" && LONE_SURROGATE_RE.test(text)) {
          loneSurrogate(c, `${c.at(key)}.${lang}`, text);
          ok = false;
        } else if (typeof text !== "string" || text.trim() === "") {
          c.report({
            code: "record/empty-text",
            path: `${c.at(key)}.${lang}`,
            value: text,
            expected: { en: "a non-empty text", fr: "un texte non vide" },
            message: {
              en: `the "${lang}" text is empty or not a string`,
              fr: `le texte « ${lang} » est vide ou n'est pas une chaîne`,
            },
            hint: { en: "write the text, or remove this language", fr: "écrivez le texte, ou retirez cette langue" },
          });
          ok = false;
        }
      }
      if (empty) return (c.invalid({ spec, path: c.at(key), value, code: "record/invalid-language-map" }), false);
      return ok;
    }
    case "array": {
      if (!Array.isArray(value))
        return (c.invalid({ spec, path: c.at(key), value, code: "record/invalid-type" }), false);
      let ok = true;
      c.keys.push(key);
      for (let i = 0; i < value.length; i++) ok = checkValue(spec.of, value[i], i, c) && ok;
      c.keys.pop();
      return ok;
    }
    case "object": {
      c.keys.push(key);
      const ok = checkObject(spec, value, c);
      c.keys.pop();
      return ok;
    }
    case "ref":
      if (typeof value !== "string" || value === "")
        return (c.invalid({ spec, path: c.at(key), value, code: "record/invalid-type" }), false);
      if (LONE_SURROGATE_RE.test(value)) return (loneSurrogate(c, c.at(key), value), false);
      return true;
  }
}

/** A text holding a lone surrogate (`"\ud800"` in the JSON): reported, never turned into U+FFFD or an IRI. */
function loneSurrogate(c: RecordCheck, path: string, value: string): void {
  const at = value.search(LONE_SURROGATE_RE);
  const unit = value.charCodeAt(at).toString(16);
  c.report({
    code: "record/lone-surrogate",
    path,
    value,
    expected: {
      en: "Unicode text (every surrogate in a pair)",
      fr: "du texte Unicode (chaque demi-codet dans une paire)",
    },
    message: {
      en: `${fieldName(path)} holds a lone surrogate \\u${unit} at position ${at}: it is no character`,
      fr: `${fieldName(path)} contient un demi-codet isolé \\u${unit} en position ${at} : ce n'est pas un caractère`,
    },
    hint: {
      en: "re-encode the text from its source (a character was cut in half)",
      fr: "réencodez le texte depuis sa source (un caractère a été coupé en deux)",
    },
  });
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
function planOf(spec: Extract<Spec, { t: "object" }>): ObjectPlan {
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

function checkObject(spec: Extract<Spec, { t: "object" }>, value: unknown, c: RecordCheck, top = false): boolean {
  if (top) c.keys.length = 0;
  if (!isPlainObject(value)) return (c.invalid({ spec, path: c.here(), value, code: "record/invalid-type" }), false);
  const plan = planOf(spec);
  let ok = true;
  // The fields the object has, in its own order (a record has a few of its spec's many fields), then the required
  // ones it lacks.
  for (const key in value) {
    const field = plan.fields.get(key);
    const v = value[key];
    if (field === undefined) {
      if (top) c.unknownField = true;
      const near = closest(key, plan.keys);
      c.report({
        code: "record/unknown-field",
        path: c.at(key),
        value: v,
        expected: { en: `one of the ${spec.def} fields`, fr: `un des champs de ${spec.def}` },
        message: {
          en: `${key} is not a ${spec.def} field: it is ignored`,
          fr: `${key} n'est pas un champ de ${spec.def} : il est ignoré`,
        },
        hint: near
          ? { en: `did you mean "${near}"?`, fr: `vouliez-vous dire « ${near} » ?` }
          : {
              en: `remove it, or see the record model in the README`,
              fr: `retirez-le, ou voyez le modèle des fiches dans le README`,
            },
        severity: "warning",
      });
    } else if (v === null)
      c.sawNull = true; // null means absent; a required field is reported missing below
    else if (v !== undefined && !checkValue(field, v, key, c)) {
      if (top) (c.failed ??= new Set()).add(key);
      ok = false;
    }
  }
  for (const key of plan.required) {
    if (value[key] !== undefined && value[key] !== null) continue;
    const { expected, example } = expectation(plan.fields.get(key)!);
    c.report({
      code: "record/missing-field",
      path: c.at(key),
      expected,
      message: { en: `${key} is missing`, fr: `${key} est absent` },
      hint: {
        en: `add ${key}: ${expected.en}, e.g. ${example}`,
        fr: `ajoutez ${key} : ${expected.fr}, par ex. ${example}`,
      },
    });
    if (top) (c.failed ??= new Set()).add(key);
    ok = false;
  }
  if (spec.oneOf) {
    let present = 0;
    for (const k of spec.oneOf) if (value[k] !== undefined && value[k] !== null) present++;
    if (present !== 1) {
      const list = spec.oneOf.join(" or ");
      c.report({
        code: "record/invalid-reference",
        path: c.here(),
        value,
        expected: { en: `exactly one of ${list}`, fr: `exactement un champ parmi ${spec.oneOf.join(" ou ")}` },
        message: {
          en: `give exactly one of ${list}`,
          fr: `indiquez exactement un champ parmi ${spec.oneOf.join(" ou ")}`,
        },
        hint: { en: `e.g. {"person": "per-1"}`, fr: `par ex. {"person": "per-1"}` },
      });
      ok = false;
    }
  }
  return ok;
}

/** The value of a rejected record's id in the registry (so a reference to it is "rejected", not "unknown"). */
const REJECTED: unique symbol = Symbol("rejected");

interface Registry {
  /** Per collection, every id met so far: its accepted record, or REJECTED. */
  readonly records: Map<Collection, Map<string, unknown>>;
  /** hall id → venue id, for accepted venues. */
  readonly halls: Map<string, string>;
  /** hall id → venue id, for every venue seen (accepted or not). */
  readonly allHalls: Map<string, string>;
}

/**
 * `at.key`, then `[index]` and `.leaf` when given (`$.performances[3].offers[1].validFrom`). Cross-record checks take
 * their path in these parts and join them only when they report a problem: most records have none.
 */
function fieldPath(at: string, key: string, index?: number, leaf?: string): string {
  let p = step(at, key);
  if (index !== undefined) p = step(p, index);
  return leaf === undefined ? p : step(p, leaf);
}

/** The accepted record `id` of `to`, or undefined after reporting why the reference cannot be followed. */
function checkRef(
  reg: Registry,
  to: Collection,
  id: string,
  c: RecordCheck,
  at: string,
  key: string,
  index?: number,
  leaf?: string,
): unknown {
  const found = reg.records.get(to)?.get(id);
  if (found !== undefined && found !== REJECTED) return found;
  const path = fieldPath(at, key, index, leaf);
  const entity = ENTITY_OF[to];
  if (found === REJECTED) {
    c.report({
      code: "record/rejected-reference",
      path,
      value: id,
      expected: { en: `an accepted ${entity}`, fr: `un élément ${entity} accepté` },
      message: {
        en: `${entity} "${id}" was rejected, so this record cannot refer to it`,
        fr: `${entity} « ${id} » a été rejeté : cette fiche ne peut pas y renvoyer`,
      },
      hint: {
        en: `fix ${entity} "${id}" first (see its own problems)`,
        fr: `corrigez d'abord ${entity} « ${id} » (voir ses propres problèmes)`,
      },
    });
  } else {
    c.report({
      code: "record/unknown-reference",
      path,
      value: id,
      expected: { en: `the id of one of the document's ${to}`, fr: `l'id d'un élément de ${to} du document` },
      message: { en: `no ${entity} has id "${id}"`, fr: `aucun élément ${entity} n'a l'id « ${id} »` },
      hint: {
        en: `add ${entity} "${id}" to ${to}, or correct the id`,
        fr: `ajoutez ${entity} « ${id} » à ${to}, ou corrigez l'id`,
      },
    });
  }
  return undefined;
}

function checkAgents(
  reg: Registry,
  refs: readonly AgentRef[] | undefined,
  at: string,
  key: string,
  c: RecordCheck,
): void {
  if (!refs) return;
  for (let i = 0; i < refs.length; i++) {
    const r = refs[i]!;
    if (r.person !== undefined) checkRef(reg, "people", r.person, c, at, key, i, "person");
    if (r.organization !== undefined) checkRef(reg, "organizations", r.organization, c, at, key, i, "organization");
  }
}

/** External ids → sameAs IRIs (merged with the record's own sameAs, deduplicated, order kept). */
function normalizeIds(
  ids: ExternalIds | undefined,
  sameAs: readonly string[] | undefined,
  path: string,
  c: RecordCheck,
): { sameAs?: string[]; ids?: ExternalIds } {
  // Known identifier URLs given directly in sameAs get their canonical form too (Wikidata /wiki/ → /entity/).
  const out: string[] = (sameAs ?? []).map((iri) => canonicalSameAs(iri));
  let siret: string | undefined;
  if (ids) {
    // Only the known schemes: unknown keys were already reported as unknown fields.
    for (const scheme of ID_SCHEMES) {
      const raw = ids[scheme];
      if (typeof raw !== "string") continue;
      const r = normalizeId(scheme, raw);
      if (!r.ok) {
        c.report({
          code: "record/invalid-identifier",
          path: `${path}.ids.${scheme}`,
          value: raw,
          expected: { en: `a valid ${scheme} identifier`, fr: `un identifiant ${scheme} valide` },
          message: {
            en: `ids.${scheme} ${JSON.stringify(bounded(raw))} is not a valid ${scheme} identifier`,
            fr: `ids.${scheme} ${JSON.stringify(bounded(raw))} n'est pas un identifiant ${scheme} valide`,
          },
          hint: { en: `write it as ${ID_EXAMPLES[scheme]}`, fr: `écrivez-le comme ${ID_EXAMPLES[scheme]}` },
        });
      } else if (scheme === "siret") siret = r.value;
      else out.push(r.value);
    }
  }
  const unique = [...new Set(out)];
  return { ...(unique.length ? { sameAs: unique } : {}), ...(siret ? { ids: { siret } } : {}) };
}

function canonicalSameAs(iri: string): string {
  if (/wikidata\.org\/(?:wiki|entity)\/Q\d+$/.test(iri)) {
    const r = normalizeId("wikidata", iri);
    if (r.ok) return r.value;
  }
  if (/isni\.org\/isni\//i.test(iri)) {
    const r = normalizeId("isni", iri);
    if (r.ok) return r.value;
  }
  return iri;
}

interface DateContext {
  readonly zone: string | undefined;
}

/** Resolves a date(-time) with the zone: returns the normalised lexical form and the parsed value. */
// A season repeats the same dates (sales openings, start times) across venues and performances:
// resolved values are immutable, so they are memoised per zone (bounded).
const resolvedCache = new Map<string, Map<string, { text: string; parsed: ParsedDate }>>();

function resolveDate(
  value: string,
  ctx: DateContext,
  c: RecordCheck,
  at: string,
  key: string,
  index?: number,
  leaf?: string,
): { text: string; parsed: ParsedDate } | undefined {
  const zoneKey = ctx.zone ?? "";
  let cache = resolvedCache.get(zoneKey);
  if (!cache) {
    cache = new Map();
    resolvedCache.set(zoneKey, cache);
  }
  const hit = cache.get(value);
  if (hit) return hit;
  const parsed = parseIsoDate(value);
  if (!parsed) return undefined; // already reported structurally
  let result: { text: string; parsed: ParsedDate } | undefined;
  if (parsed.kind === "date" || parsed.offsetMinutes !== undefined || ctx.zone === undefined)
    result = { text: formatIsoDate(parsed), parsed };
  const r = result ? undefined : resolveLocalTime(parsed, ctx.zone!);
  if (r?.ok) {
    const withOffset = { ...parsed, offsetMinutes: r.offsetMinutes };
    result = { text: formatIsoDate(withOffset), parsed: withOffset };
  }
  if (result) {
    if (cache.size > 50_000) cache.clear();
    cache.set(value, result);
    return result;
  }
  if (!r || r.ok) return undefined;
  const path = fieldPath(at, key, index, leaf);
  const offsets = r.offsets.map(formatOffset).join(", ");
  if (r.reason === "gap") {
    c.report({
      code: "record/nonexistent-local-time",
      path,
      value,
      expected: { en: `a time that exists in ${ctx.zone}`, fr: `une heure qui existe dans ${ctx.zone}` },
      message: {
        en: `${value} does not exist in ${ctx.zone} (skipped by the change to summer time)`,
        fr: `${value} n'existe pas dans ${ctx.zone} (sautée au passage à l'heure d'été)`,
      },
      hint: {
        en: `check the time, or write it with an explicit offset`,
        fr: `vérifiez l'heure, ou écrivez-la avec un décalage explicite`,
      },
    });
  } else {
    c.report({
      code: "record/ambiguous-local-time",
      path,
      value,
      expected: { en: `a time with one offset in ${ctx.zone}`, fr: `une heure à décalage unique dans ${ctx.zone}` },
      message: {
        en: `${value} happens twice in ${ctx.zone} (offsets ${offsets})`,
        fr: `${value} a lieu deux fois dans ${ctx.zone} (décalages ${offsets})`,
      },
      hint: {
        en: `write it with the intended offset, e.g. ${value}:00${formatOffset(r.offsets.at(-1)!)}`,
        fr: `écrivez-la avec le décalage voulu, par ex. ${value}:00${formatOffset(r.offsets.at(-1)!)}`,
      },
    });
  }
  return undefined;
}

function compareDates(a: ParsedDate, b: ParsedDate): number | undefined {
  // A day (xsd:date) and a date-time compare by day, the date-time's as written (its local day).
  if (a.kind !== b.kind) return Date.UTC(a.year, a.month - 1, a.day) - Date.UTC(b.year, b.month - 1, b.day);
  // A local value and one with an offset cannot be ordered without inventing a zone.
  if (
    (a.offsetMinutes === undefined) !== (b.offsetMinutes === undefined) &&
    a.kind === "dateTime" &&
    b.kind === "dateTime"
  )
    return undefined;
  return epochOf(a) - epochOf(b);
}

function orderProblem(
  c: RecordCheck,
  path: string,
  value: string,
  earlier: string,
  earlierField: string,
  laterField: string,
): void {
  c.report({
    code: "record/end-before-start",
    path,
    value,
    expected: {
      en: `${laterField} not before ${earlierField} (${earlier})`,
      fr: `${laterField} non antérieur à ${earlierField} (${earlier})`,
    },
    message: {
      en: `${laterField} ${value} is before ${earlierField} ${earlier}`,
      fr: `${laterField} ${value} est antérieur à ${earlierField} ${earlier}`,
    },
    hint: { en: `correct one of the two dates`, fr: `corrigez l'une des deux dates` },
  });
}

function checkAgeRange(
  age: { min?: number | undefined; max?: number | undefined } | undefined,
  path: string,
  c: RecordCheck,
): void {
  if (age?.min !== undefined && age.max !== undefined && age.min > age.max) {
    c.report({
      code: "record/invalid-age-range",
      path: `${path}.audienceAge`,
      value: age,
      expected: { en: "min ≤ max", fr: "min ≤ max" },
      message: {
        en: `audienceAge min ${age.min} is above max ${age.max}`,
        fr: `audienceAge min ${age.min} dépasse max ${age.max}`,
      },
      hint: { en: "swap or correct the bounds", fr: "inversez ou corrigez les bornes" },
    });
  }
}

/** Parses and normalises a record document. Never throws for bad data: problems are returned. */
export function parseRecords(input: unknown): ParseResult {
  const problems: Problem[] = [];
  const accepted: RecordRef[] = [];
  const rejected: RecordRef[] = [];
  if (!isPlainObject(input)) {
    const c = new RecordCheck(problems, "document", undefined);
    c.report({
      code: "record/not-a-document",
      path: "$",
      value: Array.isArray(input) ? "[…]" : input,
      expected: {
        en: "an object with a publisher and collections",
        fr: "un objet avec un publisher et des collections",
      },
      message: { en: "the input is not a record document", fr: "l'entrée n'est pas un document de fiches" },
      hint: {
        en: `start from {"publisher": {…}, "performances": […]}`,
        fr: `partez de {"publisher": {…}, "performances": […]}`,
      },
    });
    return { problems, accepted, rejected };
  }

  const pc = new RecordCheck(
    problems,
    "publisher",
    isPlainObject(input.publisher) && typeof input.publisher.id === "string" ? input.publisher.id : undefined,
    "$.publisher",
  );
  if (input.publisher === undefined) {
    pc.report({
      code: "record/missing-field",
      path: "$.publisher",
      expected: { en: "the publisher", fr: "l'éditeur (publisher)" },
      message: {
        en: "publisher is missing: no IRI can be minted without its baseIri",
        fr: "publisher est absent : aucune IRI ne peut être créée sans son baseIri",
      },
      hint: {
        en: `add {"publisher": {"id": "…", "name": {"fr": "…"}, "baseIri": "https://data.example.org/", "licence": "etalab-2.0"}}`,
        fr: `ajoutez {"publisher": {"id": "…", "name": {"fr": "…"}, "baseIri": "https://data.example.org/", "licence": "etalab-2.0"}}`,
      },
    });
  } else checkObject(PUBLISHER, input.publisher, pc);
  const publisherOk = pc.ok;

  const known = new Set<string>(["publisher", ...COLLECTIONS]);
  for (const key of Object.keys(input)) {
    if (known.has(key)) continue;
    const near = closest(key, [...known]);
    new RecordCheck(problems, "document", undefined).report({
      code: "record/unknown-field",
      path: `$.${key}`,
      expected: { en: "a collection of the record model", fr: "une collection du modèle de fiches" },
      message: {
        en: `${key} is not a collection: it is ignored`,
        fr: `${key} n'est pas une collection : elle est ignorée`,
      },
      hint: near
        ? { en: `did you mean "${near}"?`, fr: `vouliez-vous dire « ${near} » ?` }
        : { en: "remove it", fr: "retirez-la" },
      severity: "warning",
    });
  }

  const hallOwner = new Map<string, string>();
  const reg: Registry = { records: new Map(), halls: new Map(), allHalls: hallOwner };
  const out: Record<string, unknown[]> = {};

  for (const collection of COLLECTIONS) {
    const entity = ENTITY_OF[collection];
    const here = new Map<string, unknown>();
    reg.records.set(collection, here);
    const list = input[collection];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      new RecordCheck(problems, "document", undefined).report({
        code: "record/invalid-type",
        path: `$.${collection}`,
        value: typeof list,
        expected: { en: "a list", fr: "une liste" },
        message: { en: `${collection} is not a list`, fr: `${collection} n'est pas une liste` },
        hint: { en: `write "${collection}": […]`, fr: `écrivez "${collection}": […]` },
      });
      continue;
    }
    const kept: unknown[] = [];
    const spec = COLLECTION_SPECS[collection];
    const check = new RecordCheck(problems, entity, undefined);
    // Each record's path is kept (in `accepted`): the collection's part is shared, so a path is one concatenation
    // of it and a short `12]` instead of a chain of four.
    const prefix = `$.${collection}[`;
    for (let i = 0; i < list.length; i++) {
      const raw: unknown = list[i];
      const path = prefix + (i + "]");
      const id = isPlainObject(raw) && typeof raw.id === "string" ? raw.id : undefined;
      const recordId = id ?? `#${i}`;
      const c = check.next(recordId, path);
      checkObject(spec, raw, c, true);
      // Every id met so far is in the registry: the first record with an id keeps it (a duplicate is rejected).
      const earlier = id === undefined ? undefined : here.get(id);
      if (earlier !== undefined) {
        c.report({
          code: "record/duplicate-id",
          path: `${path}.id`,
          value: id,
          expected: { en: `an id unique among ${collection}`, fr: `un id unique parmi ${collection}` },
          message: {
            en: `another ${entity} already has id "${id}"`,
            fr: `un autre élément ${entity} a déjà l'id « ${id} »`,
          },
          hint: { en: "give each record its own id", fr: "donnez à chaque fiche son propre id" },
        });
      }
      // Cross-record checks still run on the fields that passed, so every problem is reported at once.
      let record: unknown;
      if (isPlainObject(raw)) {
        // null counts as absent (as in most exports), so it is dropped along with failed and unknown fields.
        let usable = usableFields(raw, spec, c.failed, c.unknownField);
        if (c.sawNull) usable = withoutNulls(usable);
        record = normalizeRecord(collection, usable, path, reg, c, hallOwner);
      }
      const ref: RecordRef = { entity, recordId, path };
      if (c.ok && record !== undefined) {
        // Without a usable publisher nothing is accepted, but references still resolve: no cascade of noise.
        here.set(id!, record);
        kept.push(record);
        (publisherOk ? accepted : rejected).push(ref);
      } else {
        if (id !== undefined && earlier === undefined) here.set(id, REJECTED);
        rejected.push(ref);
      }
    }
    out[collection] = kept;
  }

  if (!publisherOk) return { problems, accepted: [], rejected };
  const document = { publisher: input.publisher, ...out } as unknown as RecordDocument;
  return { document, problems, accepted, rejected };
}

/** Cross-record checks and normalisation of one structurally valid record. */
function normalizeRecord(
  collection: Collection,
  r: Record<string, unknown>,
  path: string,
  reg: Registry,
  c: RecordCheck,
  hallOwner: Map<string, string>,
): unknown {
  let base = r;
  if (r.ids !== undefined || r.sameAs !== undefined) {
    const ids = normalizeIds(r.ids as ExternalIds | undefined, r.sameAs as string[] | undefined, path, c);
    base = { ...r, ...ids };
    if (!ids.sameAs) delete base.sameAs;
    if (!ids.ids) delete base.ids;
  }
  switch (collection) {
    case "venues": {
      const v = base as unknown as Venue;
      // A place known by its address only is still a place others can find (Google's profile accepts it):
      // a warning. With neither a name nor an address nothing says which place it is.
      if (v.name === undefined) {
        const hasAddress = v.address !== undefined;
        c.report({
          code: hasAddress ? "record/venue-without-name" : "record/missing-field",
          path: `${path}.name`,
          expected: {
            en: "the venue's name (or at least its address)",
            fr: "le nom du lieu (ou au moins son adresse)",
          },
          message: hasAddress
            ? {
                en: `venue "${v.id}" has an address but no name`,
                fr: `le lieu « ${v.id} » a une adresse mais pas de nom`,
              }
            : {
                en: `venue "${v.id}" has neither a name nor an address`,
                fr: `le lieu « ${v.id} » n'a ni nom ni adresse`,
              },
          hint: { en: `add "name": {"fr": "…"}`, fr: `ajoutez "name": {"fr": "…"}` },
          severity: hasAddress ? "warning" : "violation",
        });
      }
      v.halls?.forEach((h, i) => {
        const owner = hallOwner.get(h.id);
        if (owner !== undefined) {
          c.report({
            code: "record/duplicate-id",
            path: `${path}.halls[${i}].id`,
            value: h.id,
            expected: { en: "a hall id unique in the document", fr: "un id de salle unique dans le document" },
            message: {
              en: `hall "${h.id}" is already a hall of venue "${owner}"`,
              fr: `la salle « ${h.id} » est déjà une salle du lieu « ${owner} »`,
            },
            hint: { en: "give each hall its own id", fr: "donnez à chaque salle son propre id" },
          });
        } else hallOwner.set(h.id, v.id);
      });
      if (c.ok) v.halls?.forEach((h) => reg.halls.set(h.id, v.id));
      return v;
    }
    case "organizations":
    case "people":
      return base;
    case "works": {
      const w = base as unknown as Work;
      checkAgents(reg, w.composers, path, "composers", c);
      checkAgents(reg, w.authors, path, "authors", c);
      checkAgents(reg, w.librettists, path, "librettists", c);
      return w;
    }
    case "productions": {
      const p = base as unknown as Production;
      p.works?.forEach((w, i) => checkRef(reg, "works", w, c, path, "works", i));
      checkAgents(reg, p.producers, path, "producers", c);
      checkAgents(reg, p.directors, path, "directors", c);
      checkAgents(reg, p.cast, path, "cast", c);
      checkAgeRange(p.audienceAge, path, c);
      return p;
    }
    case "series": {
      const s = base as unknown as Series;
      checkAgents(reg, s.organizers, path, "organizers", c);
      let zone: string | undefined;
      if (s.venue !== undefined)
        zone = (checkRef(reg, "venues", s.venue, c, path, "venue") as Venue | undefined)?.timeZone;
      const ctx = { zone };
      const start = s.startDate !== undefined ? resolveDate(s.startDate, ctx, c, path, "startDate") : undefined;
      const end = s.endDate !== undefined ? resolveDate(s.endDate, ctx, c, path, "endDate") : undefined;
      if (start && end && (compareDates(end.parsed, start.parsed) ?? 0) < 0)
        orderProblem(c, `${path}.endDate`, s.endDate!, s.startDate!, "startDate", "endDate");
      return { ...s, ...(start ? { startDate: start.text } : {}), ...(end ? { endDate: end.text } : {}) };
    }
    case "performances":
      return normalizePerformance(base as unknown as Performance, path, reg, c);
  }
}

function normalizePerformance(p: Performance, path: string, reg: Registry, c: RecordCheck): Performance {
  // Fields that failed their structural check were removed: required ones may be absent here.
  if (p.production !== undefined) checkRef(reg, "productions", p.production, c, path, "production");
  const mode = p.attendanceMode;
  let venue: Venue | undefined;
  if (p.venue !== undefined) {
    venue = checkRef(reg, "venues", p.venue, c, path, "venue") as Venue | undefined;
  } else if (mode !== "online") {
    c.report({
      code: "record/missing-field",
      path: `${path}.venue`,
      expected: { en: "a venue (unless attendanceMode is online)", fr: "un lieu (sauf si attendanceMode vaut online)" },
      message: {
        en: "venue is missing for a performance that is not online",
        fr: "venue est absent pour une représentation qui n'est pas en ligne",
      },
      hint: {
        en: `add "venue": "<venue id>", or "attendanceMode": "online" with "onlineUrl"`,
        fr: `ajoutez "venue": "<id du lieu>", ou "attendanceMode": "online" avec "onlineUrl"`,
      },
    });
  }
  if (p.hall !== undefined) {
    const owner = reg.halls.get(p.hall);
    const rejectedOwner = reg.allHalls.get(p.hall);
    if (owner === undefined && rejectedOwner !== undefined) {
      checkRef(reg, "venues", rejectedOwner, c, path, "hall");
    } else if (owner === undefined) {
      c.report({
        code: "record/unknown-reference",
        path: `${path}.hall`,
        value: p.hall,
        expected: { en: "the id of a hall of the venue", fr: "l'id d'une salle du lieu" },
        message: {
          en: `no accepted venue has a hall "${p.hall}"`,
          fr: `aucun lieu accepté n'a de salle « ${p.hall} »`,
        },
        hint: {
          en: `add the hall to the venue's halls, or correct the id`,
          fr: `ajoutez la salle aux halls du lieu, ou corrigez l'id`,
        },
      });
    } else if (p.venue !== undefined && owner !== p.venue) {
      c.report({
        code: "record/hall-not-in-venue",
        path: `${path}.hall`,
        value: p.hall,
        expected: { en: `a hall of venue "${p.venue}"`, fr: `une salle du lieu « ${p.venue} »` },
        message: {
          en: `hall "${p.hall}" belongs to venue "${owner}", not "${p.venue}"`,
          fr: `la salle « ${p.hall} » appartient au lieu « ${owner} », pas à « ${p.venue} »`,
        },
        hint: {
          en: `set venue to "${owner}", or pick a hall of "${p.venue}"`,
          fr: `mettez venue à « ${owner} », ou choisissez une salle de « ${p.venue} »`,
        },
      });
    } else if (p.venue === undefined) {
      c.report({
        code: "record/missing-field",
        path: `${path}.venue`,
        expected: { en: "the venue of the hall", fr: "le lieu de la salle" },
        message: {
          en: `hall "${p.hall}" is given without its venue`,
          fr: `la salle « ${p.hall} » est indiquée sans son lieu`,
        },
        hint: { en: `add "venue": "${owner}"`, fr: `ajoutez "venue": "${owner}"` },
      });
    }
  }
  if ((mode === "online" || mode === "mixed") && p.onlineUrl === undefined) {
    c.report({
      code: "record/missing-field",
      path: `${path}.onlineUrl`,
      expected: { en: "the stream URL", fr: "l'URL de diffusion" },
      message: {
        en: `onlineUrl is missing for a ${mode} performance`,
        fr: `onlineUrl est absent pour une représentation ${mode}`,
      },
      hint: { en: `add "onlineUrl": "https://…"`, fr: `ajoutez "onlineUrl": "https://…"` },
    });
  }
  checkAgents(reg, p.performers, path, "performers", c);
  checkAgents(reg, p.organizers, path, "organizers", c);
  if (p.series) for (let i = 0; i < p.series.length; i++) checkRef(reg, "series", p.series[i]!, c, path, "series", i);
  checkAgeRange(p.audienceAge, path, c);

  const ctx: DateContext = { zone: p.timeZone ?? venue?.timeZone };
  const start = p.startDate !== undefined ? resolveDate(p.startDate, ctx, c, path, "startDate") : undefined;
  const end = p.endDate !== undefined ? resolveDate(p.endDate, ctx, c, path, "endDate") : undefined;
  const door = p.doorTime !== undefined ? resolveDate(p.doorTime, ctx, c, path, "doorTime") : undefined;
  if (start && end && (compareDates(end.parsed, start.parsed) ?? 0) < 0)
    orderProblem(c, `${path}.endDate`, p.endDate!, p.startDate, "startDate", "endDate");
  if (start && door && (compareDates(start.parsed, door.parsed) ?? 0) < 0)
    orderProblem(c, `${path}.doorTime`, p.startDate, p.doorTime!, "doorTime", "startDate");

  let status = p.status;
  if (status) {
    if (status.kind === "rescheduled" && status.previousStartDate === undefined) {
      c.report({
        code: "record/missing-field",
        path: `${path}.status.previousStartDate`,
        expected: { en: "the former start date", fr: "l'ancienne date de début" },
        message: {
          en: "a rescheduled performance needs previousStartDate",
          fr: "une représentation reprogrammée a besoin de previousStartDate",
        },
        hint: {
          en: `add "previousStartDate": "2026-11-20T20:00"`,
          fr: `ajoutez "previousStartDate": "2026-11-20T20:00"`,
        },
      });
    } else if (status.kind !== "rescheduled" && status.previousStartDate !== undefined) {
      c.report({
        code: "record/previous-start-without-rescheduled",
        path: `${path}.status.previousStartDate`,
        value: status.previousStartDate,
        expected: {
          en: `previousStartDate only with kind "rescheduled"`,
          fr: `previousStartDate seulement avec kind « rescheduled »`,
        },
        message: {
          en: `previousStartDate is given but the status is "${status.kind}"`,
          fr: `previousStartDate est donné mais le statut est « ${status.kind} »`,
        },
        hint: {
          en: `set kind to "rescheduled", or remove previousStartDate`,
          fr: `mettez kind à « rescheduled », ou retirez previousStartDate`,
        },
      });
    } else if (status.previousStartDate !== undefined) {
      const prev = resolveDate(status.previousStartDate, ctx, c, path, "status.previousStartDate");
      if (prev) status = { ...status, previousStartDate: prev.text };
    }
  }

  let offers: Offer[] | undefined;
  if (p.offers) {
    offers = new Array<Offer>(p.offers.length);
    const offerIds = offers.length > 1 ? new Set<string>() : undefined;
    for (let i = 0; i < offers.length; i++) {
      offers[i] = normalizeOffer(p.offers[i]!, i, path, ctx, p, c);
      if (!offerIds) continue;
      const id = offers[i]!.id ?? String(i + 1);
      if (offerIds.has(id)) {
        c.report({
          code: "record/duplicate-id",
          path: `${path}.offers[${i}].id`,
          value: id,
          expected: { en: "an offer id unique in the performance", fr: "un id de tarif unique dans la représentation" },
          message: {
            en: `another offer of this performance has id "${id}"`,
            fr: `un autre tarif de cette représentation a l'id « ${id} »`,
          },
          hint: { en: "give each offer its own id", fr: "donnez à chaque tarif son propre id" },
        });
      }
      offerIds.add(id);
    }
  }

  // One copy of the record, with its normalised values (fields keep their order).
  const out: { -readonly [K in keyof Performance]: Performance[K] } = { ...p, startDate: start?.text ?? p.startDate };
  if (end) out.endDate = end.text;
  if (door) out.doorTime = door.text;
  if (status) out.status = status;
  if (offers) out.offers = offers;
  return out;
}

function normalizeOffer(
  o: Offer,
  index: number,
  perfPath: string,
  ctx: DateContext,
  p: Performance,
  c: RecordCheck,
): Offer {
  const priced = o.price !== undefined || o.minPrice !== undefined || o.maxPrice !== undefined;
  if (priced && o.priceCurrency === undefined) {
    c.report({
      code: "record/price-without-currency",
      path: fieldPath(perfPath, "offers", index, "priceCurrency"),
      expected: { en: "an ISO 4217 currency with the price", fr: "une devise ISO 4217 avec le prix" },
      message: { en: "a price is given without priceCurrency", fr: "un prix est donné sans priceCurrency" },
      hint: { en: `add "priceCurrency": "EUR"`, fr: `ajoutez "priceCurrency": "EUR"` },
    });
  }
  if (o.minPrice !== undefined && o.maxPrice !== undefined && o.minPrice > o.maxPrice) {
    c.report({
      code: "record/invalid-price-range",
      path: fieldPath(perfPath, "offers", index, "minPrice"),
      value: o.minPrice,
      expected: { en: "minPrice ≤ maxPrice", fr: "minPrice ≤ maxPrice" },
      message: {
        en: `minPrice ${o.minPrice} is above maxPrice ${o.maxPrice}`,
        fr: `minPrice ${o.minPrice} dépasse maxPrice ${o.maxPrice}`,
      },
      hint: { en: "swap or correct the bounds", fr: "inversez ou corrigez les bornes" },
    });
  }
  if (p.free === true && ((o.price ?? 0) > 0 || (o.minPrice ?? 0) > 0)) {
    c.report({
      code: "record/free-with-price",
      path: fieldPath(perfPath, "offers", index, "price"),
      value: o.price ?? o.minPrice,
      expected: {
        en: "no positive price on a free performance",
        fr: "aucun prix positif pour une représentation gratuite",
      },
      message: {
        en: `the performance is free but offer ${index + 1} has a price`,
        fr: `la représentation est gratuite mais le tarif ${index + 1} a un prix`,
      },
      hint: { en: `remove "free": true, or the price`, fr: `retirez "free": true, ou le prix` },
    });
  }
  const from =
    o.validFrom !== undefined ? resolveDate(o.validFrom, ctx, c, perfPath, "offers", index, "validFrom") : undefined;
  return from ? { ...o, validFrom: from.text } : o;
}
