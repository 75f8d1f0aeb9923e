// The structural check of a record against its spec (types, formats, enums, language maps, required and unknown
// fields), in one walk that reports every problem it meets.

import { closest, expectation } from "../messages.js";
import type { Spec } from "../spec.js";
import { fieldName, bounded, type RecordCheck } from "./check.js";
import { isPlainObject, planOf } from "./fields.js";
import { FORMAT_CODES, formatOk, LANG_RE, LONE_SURROGATE_RE } from "./formats.js";

type SpecOf<T extends Spec["t"]> = Extract<Spec, { t: T }>;

/** Structural check of member `key` of the array or object being checked (see `RecordCheck.keys`) against its spec; returns whether it holds. */
function checkValue(spec: Spec, value: unknown, key: string | number, c: RecordCheck): boolean {
  switch (spec.t) {
    case "string":
      return checkString(spec, value, key, c);
    case "number":
      return checkNumber(spec, value, key, c);
    case "boolean":
      if (typeof value !== "boolean")
        return (c.invalid({ spec, path: c.at(key), value, code: "record/invalid-type" }), false);
      return true;
    case "enum":
      if (typeof value === "string" && spec.values.includes(value)) return true;
      return (unknownValue(c, { spec, path: c.at(key), value }), false);
    case "langmap":
      return checkLangMap(spec, value, key, c);
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
      if (LONE_SURROGATE_RE.test(value)) return (loneSurrogate(c, { path: c.at(key), value }), false);
      return true;
  }
}

/** A string: its type, no lone surrogate, its format. */
function checkString(spec: SpecOf<"string">, value: unknown, key: string | number, c: RecordCheck): boolean {
  if (typeof value !== "string")
    return (c.invalid({ spec, path: c.at(key), value, code: "record/invalid-type" }), false);
  if (LONE_SURROGATE_RE.test(value)) return (loneSurrogate(c, { path: c.at(key), value }), false);
  if (spec.format && !formatOk(spec.format, value))
    return (
      c.invalid({ spec, path: c.at(key), value, code: FORMAT_CODES[spec.format] ?? "record/invalid-value" }),
      false
    );
  return true;
}

/** A finite number, an integer when asked, within the spec's bounds. */
function checkNumber(spec: SpecOf<"number">, value: unknown, key: string | number, c: RecordCheck): boolean {
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

/** A value not among the enum's (with the closest one as a hint). */
function unknownValue(
  c: RecordCheck,
  { spec, path, value }: { spec: SpecOf<"enum">; path: string; value: unknown },
): void {
  const near = typeof value === "string" ? closest(value, spec.values) : undefined;
  const { expected } = expectation(spec);
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
}

/** A language map: an object, not empty, each key a BCP 47 tag and each text a non-empty string. */
function checkLangMap(spec: SpecOf<"langmap">, value: unknown, key: string | number, c: RecordCheck): boolean {
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
      loneSurrogate(c, { path: `${c.at(key)}.${lang}`, value: text });
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

/** A text holding a lone surrogate (`"\ud800"` in the JSON): reported, never turned into U+FFFD or an IRI. */
function loneSurrogate(c: RecordCheck, { path, value }: { path: string; value: string }): void {
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

/**
 * Structural check of an object (a record when `top`) against its spec: its own fields in their order, then the
 * required ones it lacks, then its one-of constraint. `top` also notes the record's failed and unknown fields.
 */
export function checkObject(
  spec: Extract<Spec, { t: "object" }>,
  value: unknown,
  c: RecordCheck,
  top = false,
): boolean {
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
