// The string formats of the record model (IRIs, dates, languages, currencies…): whether a value holds, and the
// problem code a failure of each format is reported with.

import type { ProblemCode } from "../../errors.js";
import type { Spec } from "../spec.js";
import { isDuration, isTimeZone, parseIsoDate } from "../time.js";

const LICENCE_KEYS = new Set(["etalab-2.0", "cc0-1.0", "cc-by-4.0", "cc-by-sa-4.0", "odbl-1.0"]);
export const LANG_RE = /^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{1,8})*$/;

// An http(s) IRI with a plain DNS host (last label starting with a letter: never read as an IPv4 address), no port
// no punycode label (which the URL parser decodes and may refuse) and only characters the URL parser accepts as
// they are: valid without building a URL object (the usual case). Anything else goes through the URL parser.
const PLAIN_HTTP_IRI =
  /^https?:\/\/(?![^/?#]*xn--)(?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*(?:[/?#][^\s<>"{}|\\^`\u0000-\u001f\u007f]*)?$/i;

export function isHttpIri(value: string): boolean {
  if (PLAIN_HTTP_IRI.test(value)) return true;
  // An authority right after the slashes: `https:///path` has none (the URL parser would take `path` for the host).
  if (!/^https?:\/\/[^\s<>"{}|\\^`\u0000-\u001f\u007f/?#][^\s<>"{}|\\^`\u0000-\u001f\u007f]*$/i.test(value))
    return false;
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
export const LONE_SURROGATE_RE = /\p{Cs}/u;
const ENDS_IN_SLASH_OR_HASH = /[/#]$/;
const YEAR_RE = /^\d{4}$/;
const CURRENCY_RE = /^[A-Z]{3}$/;
const COUNTRY_RE = /^[A-Z]{2}$/;

export function formatOk(format: NonNullable<Extract<Spec, { t: "string" }>["format"]>, v: string): boolean {
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

export const FORMAT_CODES: Partial<Record<string, ProblemCode>> = {
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
