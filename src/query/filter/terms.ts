// The filter's terms: a field's value read as an IRI, a genre or an event type, SPARQL literals written from
// values, and the InputError (`query/bad-filter`) a field that is not what it should be gets.

import { InputError, type Text, type ProblemCode } from "../../errors.js";
import { genreIri } from "../../mapping/terms.js";
import { GENRES, type Genre } from "../../records/types.js";
import { SCHEMA } from "../../vocab.js";

export const IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|^`\\]*$/;

/** What a filter field expects, in each language (the problem's message and hint are made from it). */
type Expected = string | Text;

export function bad(field: string, value: unknown, expected: Expected): InputError {
  const e = typeof expected === "string" ? { en: expected, fr: expected } : expected;
  const shown = JSON.stringify(value);
  return inputError(
    "query/bad-filter",
    { en: `${field}: ${shown} is not ${e.en}`, fr: `« ${field} » : ${shown} n'est pas ${e.fr}` },
    { en: `give ${e.en}`, fr: `indiquez ${e.fr}` },
  );
}

/** An InputError in both languages (problem documents pick one by Accept-Language). */
export function inputError(code: ProblemCode, message: Text, hint: Text): InputError {
  return new InputError(code, message, { hint });
}

export const EXPECTED = {
  near: {
    en: "latitude,longitude,km with |latitude| ≤ 90, |longitude| ≤ 180 and km ≥ 0 (e.g. 47.2184,-1.5536,10)",
    fr: "latitude,longitude,km avec |latitude| ≤ 90, |longitude| ≤ 180 et km ≥ 0 (par ex. 47.2184,-1.5536,10)",
  },
  lang: { en: "a BCP 47 language tag such as fr or it", fr: "une étiquette de langue BCP 47 comme fr ou it" },
  maxPrice: { en: "a price ≥ 0", fr: "un prix ≥ 0" },
  timeZone: { en: "an IANA time zone such as Europe/Paris", fr: "un fuseau horaire IANA comme Europe/Paris" },
  iri: { en: "an absolute IRI", fr: "une IRI absolue" },
  text: { en: "a text", fr: "un texte" },
  free: { en: "true or false", fr: "true ou false" },
} as const satisfies Record<string, Text>;

/** A SPARQL string literal. */
export function str(s: string): string {
  return `"${s
    .replace(/[\\"]/g, (c) => `\\${c}`)
    .replace(/\n/g, "\\n")
    .replace(/\r/g, "\\r")}"`;
}

export function iri(value: string, field: string): string {
  if (!IRI.test(value)) throw bad(field, value, EXPECTED.iri);
  return `<${value}>`;
}

/** An xsd:double literal (SPARQL DOUBLE syntax). */
export function double(n: number): string {
  return n.toExponential(15);
}

export function decimal(n: number): string {
  // xsd:decimal literals have no exponent.
  return `${n.toFixed(12).replace(/0+$/, "").replace(/\.$/, ".0")}`;
}

/** The genre concept IRI of a key or IRI. */
export function genreOf(value: string): string {
  if ((GENRES as readonly string[]).includes(value)) return genreIri(value as Genre);
  if (IRI.test(value)) return value;
  throw bad("genre", value, {
    en: `a genre (${GENRES.slice(0, 6).join(", ")}…) or a genre IRI`,
    fr: `un genre (${GENRES.slice(0, 6).join(", ")}…) ou l'IRI d'un genre`,
  });
}

export function typeOf(value: string): string {
  if (IRI.test(value)) return value;
  if (/^[A-Z][A-Za-z]*$/.test(value)) return `${SCHEMA}${value}`;
  throw bad("type", value, {
    en: "an Event subtype such as TheaterEvent, or its IRI",
    fr: "un sous-type d'Event comme TheaterEvent, ou son IRI",
  });
}
