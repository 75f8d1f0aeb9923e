// Bilingual wording of record problems: what each format expects, with an example that fixes it (examples are
// values, the same in every language: several are separated by commas).

import type { Text } from "../errors.js";
import type { Format, Spec } from "./spec.js";

export const FORMAT_TEXT: Readonly<Record<Format, { expected: Text; example: string }>> = {
  localId: { expected: { en: "a non-empty local id", fr: "un identifiant local non vide" }, example: "p-12" },
  iri: {
    expected: { en: "an absolute http(s) URL", fr: "une URL http(s) absolue" },
    example: "https://www.example.org/page",
  },
  baseIri: {
    expected: { en: "an absolute http(s) IRI ending with / or #", fr: "une IRI http(s) absolue terminée par / ou #" },
    example: "https://data.example.org/",
  },
  dateTime: {
    expected: {
      en: "an ISO 8601 date-time, local or with an offset",
      fr: "une date-heure ISO 8601, locale ou avec décalage",
    },
    example: "2026-11-20T20:00, 2026-11-20T20:00:00+01:00",
  },
  dateOrDateTime: {
    expected: { en: "an ISO 8601 date or date-time", fr: "une date ou date-heure ISO 8601" },
    example: "2026-09-01, 2026-09-01T10:00:00+02:00",
  },
  yearOrDate: {
    expected: { en: "a year or an ISO 8601 date", fr: "une année ou une date ISO 8601" },
    example: "1853, 1853-03-06",
  },
  duration: { expected: { en: "an ISO 8601 duration", fr: "une durée ISO 8601" }, example: "PT2H30M" },
  lang: { expected: { en: "a BCP 47 language tag", fr: "une étiquette de langue BCP 47" }, example: "fr, en, fr-CA" },
  currency: { expected: { en: "an ISO 4217 currency code", fr: "un code de devise ISO 4217" }, example: "EUR" },
  country: {
    expected: { en: "an ISO 3166-1 alpha-2 country code", fr: "un code pays ISO 3166-1 alpha-2" },
    example: "FR",
  },
  timeZone: { expected: { en: "an IANA time zone", fr: "un fuseau horaire IANA" }, example: "Europe/Paris" },
  text: { expected: { en: "a non-empty text", fr: "un texte non vide" }, example: "Lyon" },
  licence: {
    expected: {
      en: "a licence key (etalab-2.0, cc0-1.0, cc-by-4.0, cc-by-sa-4.0, odbl-1.0) or a licence IRI",
      fr: "une clé de licence (etalab-2.0, cc0-1.0, cc-by-4.0, cc-by-sa-4.0, odbl-1.0) ou l'IRI d'une licence",
    },
    example: "etalab-2.0",
  },
};

/** What a spec expects, in words, and an example value. */
export function expectation(spec: Spec): { expected: Text; example: string } {
  switch (spec.t) {
    case "string":
      return spec.format
        ? FORMAT_TEXT[spec.format]
        : { expected: { en: "a string", fr: "une chaîne" }, example: '"…"' };
    case "number": {
      const kind = spec.integer ? { en: "an integer", fr: "un entier" } : { en: "a number", fr: "un nombre" };
      const bounds: string[] = [];
      if (spec.min !== undefined) bounds.push(`${spec.exclusiveMin ? ">" : "≥"} ${spec.min}`);
      if (spec.max !== undefined) bounds.push(`≤ ${spec.max}`);
      const b = bounds.length ? ` ${bounds.join(", ")}` : "";
      return {
        expected: { en: `${kind.en}${b}`, fr: `${kind.fr}${b}` },
        example: String(spec.exclusiveMin ? (spec.min ?? 0) + 1 : (spec.min ?? 0)),
      };
    }
    case "boolean":
      return { expected: { en: "true or false", fr: "true ou false" }, example: "true" };
    case "enum": {
      const list = spec.values.join(", ");
      return { expected: { en: `one of: ${list}`, fr: `une valeur parmi : ${list}` }, example: spec.values[0] ?? "" };
    }
    case "langmap":
      return {
        expected: { en: "a language map of non-empty texts", fr: "une table de langues aux textes non vides" },
        example: '{"fr": "…", "en": "…"}',
      };
    case "array":
      return { expected: { en: "a list", fr: "une liste" }, example: "[…]" };
    case "object":
      return { expected: { en: `an object (${spec.def})`, fr: `un objet (${spec.def})` }, example: "{…}" };
    case "ref":
      return {
        expected: {
          en: `the id of one of the document's ${spec.to}`,
          fr: `l'id d'un élément de ${spec.to} du document`,
        },
        example: '"v-1"',
      };
  }
}

/** Levenshtein distance, for "did you mean" hints on misspelled field names. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** The closest known name, when close enough to be a typo. */
export function closest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const lower = name.toLowerCase();
  const limit = Math.max(2, Math.floor(name.length / 4));
  for (const k of known) {
    // The distance is at least the difference in length: a long unknown value (5,000 characters) costs nothing.
    if (Math.abs(k.length - name.length) > limit) continue;
    const d = editDistance(lower, k.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best !== undefined && bestD <= limit ? best : undefined;
}
