// The discoverability questions as SPARQL: one filter (date range, place, genre, venue, performer, language,
// accessibility, price, free text) compiled to the WHERE block shared by the list, the facets and the aggregates.

import { InputError, type Text } from "../errors.js";
import { GENRES, type Genre } from "../records/types.js";
import { epochOf, formatIsoDate, isTimeZone, parseIsoDate, resolveLocalTime, type ParsedDate } from "../records/time.js";
import { genreIri } from "../mapping/terms.js";
import { SCHEMA, XSD } from "../vocab.js";
import { eventTestsSparql } from "./events.js";

/** A point and a radius. */
export interface Near {
  readonly latitude: number;
  readonly longitude: number;
  /** Radius in kilometres. */
  readonly km: number;
}

/**
 * What an aggregator asks for. Every field is optional; all given fields must hold.
 * @example { from: "2026-11-21", to: "2026-11-22", city: "Nantes", accessibility: "surtitles", maxPrice: 20 }
 */
export interface PerformanceFilter {
  /** Starts at or after: a date (midnight, local) or a date-time (with an offset, or local). */
  readonly from?: string;
  /** Starts before the end of this date, or strictly before this date-time. */
  readonly to?: string;
  /** The venue's `addressLocality`, case-insensitive. */
  readonly city?: string;
  /** The venue's `addressRegion`, case-insensitive. */
  readonly region?: string;
  /** Within `km` of a point (equirectangular distance: under 0.5 % off within 200 km). */
  readonly near?: Near;
  /** A Vivant genre key (`opera`, `theatre`…) or a genre concept IRI, on the production performed. */
  readonly genre?: string;
  /** schema.org Event subtype: `TheaterEvent`, `DanceEvent`, `MusicEvent`… (or its IRI). */
  readonly type?: string;
  /** The venue's (or hall's) IRI. */
  readonly venue?: string;
  /** A person or organization IRI, performing (in a role or directly) or in the production's cast. */
  readonly performer?: string;
  /** BCP 47 language spoken or sung (the performance's or its production's `inLanguage`); `fr` also matches `fr-CA`. */
  readonly lang?: string;
  /** An accessibility feature of the performance (`surtitles`, `signLanguage`…) or of its venue (`wheelchairAccessible`, `hearingLoop`). */
  readonly accessibility?: string;
  /** Free: stated `isAccessibleForFree`, or offers all at price 0. */
  readonly free?: boolean;
  /** Some offer (price, or minPrice of a range) at most this, or free. */
  readonly maxPrice?: number;
  /** Words that must all appear (case-insensitive) in the name or description of the performance or its production. */
  readonly q?: string;
  /**
   * IANA zone that dates and date-times without an offset are read in.
   * @default "Europe/Paris"
   */
  readonly timeZone?: string;
}

export const S = SCHEMA;
export const PREFIXES = `PREFIX schema: <${SCHEMA}>\nPREFIX xsd: <${XSD}>\n`;

const IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|^`\\]*$/;
export const KM_PER_DEGREE = 111.195;

/** What a filter field expects, in each language (the problem's message and hint are made from it). */
type Expected = string | Text;

function bad(field: string, value: unknown, expected: Expected): InputError {
  const e = typeof expected === "string" ? { en: expected, fr: expected } : expected;
  const shown = JSON.stringify(value);
  return inputError(
    "query/bad-filter",
    { en: `${field}: ${shown} is not ${e.en}`, fr: `${field} : ${shown} n'est pas ${e.fr}` },
    { en: `give ${e.en}`, fr: `indiquez ${e.fr}` },
  );
}

/** An InputError in both languages (problem documents pick one by Accept-Language). */
export function inputError(code: string, message: Text, hint: Text): InputError {
  return new InputError(code, message, { hint });
}

const LANG_TAG = /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/;
const EXPECTED = {
  near: { en: "latitude,longitude,km with |latitude| ≤ 90, |longitude| ≤ 180 and km ≥ 0 (e.g. 47.2184,-1.5536,10)", fr: "latitude,longitude,km avec |latitude| ≤ 90, |longitude| ≤ 180 et km ≥ 0 (par ex. 47.2184,-1.5536,10)" },
  lang: { en: "a BCP 47 language tag such as fr or it", fr: "une étiquette de langue BCP 47 comme fr ou it" },
  maxPrice: { en: "a price ≥ 0", fr: "un prix ≥ 0" },
  timeZone: { en: "an IANA time zone such as Europe/Paris", fr: "un fuseau horaire IANA comme Europe/Paris" },
  iri: { en: "an absolute IRI", fr: "une IRI absolue" },
  text: { en: "a text", fr: "un texte" },
  free: { en: "true or false", fr: "true ou false" },
} as const satisfies Record<string, Text>;

/**
 * Checks every field of a filter, whatever answers it (the SPARQL of filterBlock, the workers' index, the HTTP
 * routes): throws InputError `query/bad-filter` naming the field, the value and what is expected.
 */
export function checkFilter(f: PerformanceFilter): void {
  for (const k of ["from", "to", "city", "region", "genre", "type", "venue", "performer", "lang", "accessibility", "q", "timeZone"] as const) {
    if (f[k] !== undefined && typeof f[k] !== "string") throw bad(k, f[k], EXPECTED.text);
  }
  if (f.timeZone !== undefined && !isTimeZone(f.timeZone)) throw bad("timeZone", f.timeZone, EXPECTED.timeZone);
  const zone = f.timeZone ?? "Europe/Paris";
  if (f.from !== undefined) instantLexical(f.from, zone, "from", false);
  if (f.to !== undefined) instantLexical(f.to, zone, "to", true);
  if (f.type !== undefined) typeOf(f.type);
  if (f.genre !== undefined) genreOf(f.genre);
  if (f.venue !== undefined && !IRI.test(f.venue)) throw bad("venue", f.venue, EXPECTED.iri);
  if (f.performer !== undefined && !IRI.test(f.performer)) throw bad("performer", f.performer, EXPECTED.iri);
  if (f.near !== undefined) {
    const { latitude, longitude, km } = (f.near ?? {}) as Partial<Near>;
    const ok = [latitude, longitude, km].every((n) => typeof n === "number" && Number.isFinite(n));
    if (!ok || Math.abs(latitude!) > 90 || Math.abs(longitude!) > 180 || km! < 0) throw bad("near", `${latitude},${longitude},${km}`, EXPECTED.near);
  }
  if (f.lang !== undefined && !LANG_TAG.test(f.lang.toLowerCase())) throw bad("lang", f.lang, EXPECTED.lang);
  if (f.free !== undefined && typeof f.free !== "boolean") throw bad("free", f.free, EXPECTED.free);
  if (f.maxPrice !== undefined && (typeof f.maxPrice !== "number" || !Number.isFinite(f.maxPrice) || f.maxPrice < 0)) throw bad("maxPrice", f.maxPrice, EXPECTED.maxPrice);
}

/** A SPARQL string literal. */
export function str(s: string): string {
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, "\\n").replace(/\r/g, "\\r")}"`;
}

export function iri(value: string, field: string): string {
  if (!IRI.test(value)) throw bad(field, value, EXPECTED.iri);
  return `<${value}>`;
}

/** An xsd:double literal (SPARQL DOUBLE syntax). */
function double(n: number): string {
  return n.toExponential(15);
}

function decimal(n: number): string {
  // xsd:decimal literals have no exponent.
  return `${n.toFixed(12).replace(/0+$/, "").replace(/\.$/, ".0")}`;
}

/** The lexical form of an instant for a bound: offsets kept; local values resolved in `zone` (DST-correct). */
function instantLexical(text: string, zone: string, field: string, endOfDay: boolean): ParsedDate {
  const p = parseIsoDate(text);
  if (!p) throw bad(field, text, { en: "a date (2026-11-21) or a date-time (2026-11-21T20:00:00+01:00)", fr: "une date (2026-11-21) ou une date-heure (2026-11-21T20:00:00+01:00)" });
  let at: ParsedDate = p;
  if (p.kind === "date") {
    at = { ...p, kind: "dateTime" };
    if (endOfDay) {
      const next = new Date(Date.UTC(p.year, p.month - 1, p.day + 1));
      at = { ...at, year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
    }
  }
  if (at.offsetMinutes === undefined) {
    if (!isTimeZone(zone)) throw bad("timeZone", zone, EXPECTED.timeZone);
    const r = resolveLocalTime(at, zone);
    // A wall time skipped or lived twice by a DST change: the earliest offset keeps the bound inclusive.
    at = { ...at, offsetMinutes: r.ok ? r.offsetMinutes : Math.max(...r.offsets) };
  }
  return at;
}

/** A bound as an xsd:dateTime literal. */
export function instant(text: string, zone: string, field: string, endOfDay: boolean): string {
  return `${str(formatIsoDate(instantLexical(text, zone, field, endOfDay)))}^^xsd:dateTime`;
}

/** A bound as milliseconds since the epoch (the same instant as `instant`). */
export function instantEpoch(text: string, zone: string, field: string, endOfDay: boolean): number {
  return epochOf(instantLexical(text, zone, field, endOfDay));
}

/** The genre concept IRI of a key or IRI. */
export function genreOf(value: string): string {
  if ((GENRES as readonly string[]).includes(value)) return genreIri(value as Genre);
  if (IRI.test(value)) return value;
  throw bad("genre", value, { en: `a genre (${GENRES.slice(0, 6).join(", ")}…) or a genre IRI`, fr: `un genre (${GENRES.slice(0, 6).join(", ")}…) ou l'IRI d'un genre` });
}

export function typeOf(value: string): string {
  if (IRI.test(value)) return value;
  if (/^[A-Z][A-Za-z]*$/.test(value)) return `${SCHEMA}${value}`;
  throw bad("type", value, { en: "an Event subtype such as TheaterEvent, or its IRI", fr: "un sous-type d'Event comme TheaterEvent, ou son IRI" });
}

/** The place a performance is at: its location, or the venue that contains that hall. */
export const VENUE_OF_E = `{ ?e schema:location ?venue } UNION { ?e schema:location/schema:containedInPlace ?venue }`;

/**
 * The stream of a mixed performance, bound to `v`. The graph form gives such a performance one location (its hall)
 * and the stream as a WatchAction at a VirtualLocation; Google's embed form lists both as locations. Where the
 * questions count locations, they count this one too, so both forms answer alike.
 */
export const streamOfE = (v: string): string => `?e schema:potentialAction ?watch . ?watch a schema:WatchAction ; schema:location ${v} .`;

/**
 * The WHERE block: binds ?e (a performance: an event with a work performed) and ?start, and applies every filter.
 * Multi-valued conditions are EXISTS tests, so each performance is one row.
 */
export function filterBlock(f: PerformanceFilter): string {
  checkFilter(f);
  const zone = f.timeZone ?? "Europe/Paris";
  const lines: string[] = ["?e schema:workPerformed ?work ; schema:startDate ?start .", ...eventTestsSparql()];
  if (f.from !== undefined) lines.push(`FILTER(?start >= ${instant(f.from, zone, "from", false)})`);
  if (f.to !== undefined) lines.push(`FILTER(?start < ${instant(f.to, zone, "to", true)})`);
  if (f.type !== undefined) lines.push(`?e a ${iri(typeOf(f.type), "type")} .`);
  if (f.genre !== undefined) lines.push(`?work schema:genre ${iri(genreOf(f.genre), "genre")} .`);
  if (f.venue !== undefined) {
    const v = iri(f.venue, "venue");
    lines.push(`FILTER EXISTS { { ?e schema:location ${v} } UNION { ?e schema:location/schema:containedInPlace ${v} } UNION { ${streamOfE(v)} } }`);
  }
  if (f.city !== undefined || f.region !== undefined) {
    const tests: string[] = [];
    if (f.city !== undefined) tests.push(`?venue schema:address/schema:addressLocality ?city . FILTER(LCASE(STR(?city)) = ${str(f.city.toLowerCase())})`);
    if (f.region !== undefined) tests.push(`?venue schema:address/schema:addressRegion ?region . FILTER(LCASE(STR(?region)) = ${str(f.region.toLowerCase())})`);
    lines.push(`FILTER EXISTS { ${VENUE_OF_E} ${tests.join(" ")} }`);
  }
  if (f.near !== undefined) {
    const { latitude, longitude, km } = f.near;
    const k = Math.cos((latitude * Math.PI) / 180);
    const r = km / KM_PER_DEGREE;
    // Equirectangular: (Δlat)² + (Δlon·cos lat₀)² ≤ (km / 111.195)², in degrees; plain SPARQL arithmetic.
    // In doubles: Oxigraph 0.5's decimal multiplication fails on a zero operand (a venue at the very point).
    const dLat = `(xsd:double(?lat) - (${double(latitude)}))`;
    const dLon = `((xsd:double(?lon) - (${double(longitude)})) * ${double(k)})`;
    lines.push(
      `FILTER EXISTS { ${VENUE_OF_E} ?venue schema:geo ?geo . ?geo schema:latitude ?lat ; schema:longitude ?lon . ` +
        `FILTER(${dLat} * ${dLat} + ${dLon} * ${dLon} <= ${double(r * r)}) }`,
    );
  }
  if (f.performer !== undefined) {
    const p = iri(f.performer, "performer");
    lines.push(
      `FILTER EXISTS { { ?e schema:performer ${p} } UNION { ?e schema:performer/schema:performer ${p} } UNION { ?work schema:contributor/schema:contributor ${p} } }`,
    );
  }
  if (f.lang !== undefined) {
    const l = f.lang.toLowerCase();
    lines.push(
      `FILTER EXISTS { { ?e schema:inLanguage ?lang } UNION { ?work schema:inLanguage ?lang } FILTER(LCASE(STR(?lang)) = ${str(l)} || STRSTARTS(LCASE(STR(?lang)), ${str(`${l}-`)})) }`,
    );
  }
  if (f.accessibility !== undefined) {
    const a = str(f.accessibility);
    lines.push(
      `FILTER EXISTS { { ?e schema:accessibilityFeature ${a} } UNION { ${VENUE_OF_E} ?venue schema:amenityFeature ?feature . ?feature schema:name ${a} ; schema:value true } UNION { ?e schema:location ?hall . ?hall schema:amenityFeature ?feature . ?feature schema:name ${a} ; schema:value true } }`,
    );
  }
  const freeTest = `(EXISTS { ?e schema:isAccessibleForFree true } || (EXISTS { ?e schema:offers/schema:price ?zero . FILTER(?zero = 0) } && NOT EXISTS { ?e schema:offers ?paid . { ?paid schema:price ?pp } UNION { ?paid schema:priceSpecification/schema:minPrice ?pp } FILTER(?pp > 0) }))`;
  if (f.free === true) lines.push(`FILTER${freeTest}`);
  if (f.free === false) lines.push(`FILTER(!${freeTest})`);
  if (f.maxPrice !== undefined) {
    lines.push(
      `FILTER(EXISTS { ?e schema:offers ?offer . { ?offer schema:price ?price } UNION { ?offer schema:priceSpecification/schema:minPrice ?price } FILTER(?price <= ${decimal(f.maxPrice)}) } || EXISTS { ?e schema:isAccessibleForFree true })`,
    );
  }
  if (f.q !== undefined) {
    const words = f.q.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length) {
      // Every word somewhere in the texts of the performance or its production.
      lines.push(
        ...words.map(
          (w) =>
            `FILTER EXISTS { { ?e schema:name|schema:description ?text } UNION { ?work schema:name|schema:description ?text } FILTER(CONTAINS(LCASE(STR(?text)), ${str(w)})) }`,
        ),
      );
    }
  }
  return lines.join("\n  ");
}
