// The discoverability questions as SPARQL: one filter (date range, place, genre, venue, performer, language,
// accessibility, price, free text) compiled to the WHERE block shared by the list, the facets and the aggregates.

import { InputError, type Text, type ProblemCode } from "../errors.js";
import { GENRES, type Genre } from "../records/types.js";
import {
  epochOf,
  formatIsoDate,
  isTimeZone,
  offsetAt,
  parseIsoDate,
  resolveLocalTime,
  type ParsedDate,
} from "../records/time.js";
import { countryZoneTable } from "./zones.js";
import { pushAll } from "../arrays.js";
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
  /**
   * Starts at or after: a date (midnight) or a date-time (with an offset, or local). A date or local date-time is
   * read in `timeZone` when given, else on each performance's own clock (see `timeZone`).
   */
  readonly from?: string;
  /** Starts before the end of this date, or strictly before this date-time (read as `from` is). */
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
   * IANA zone that `from` and `to` are read in when they have no offset. Without it, a date such as `2026-02-01`
   * means that day on each performance's own clock: in its venue's time zone (from the venue's country, when the
   * country keeps one zone), else in the offset its start is written with. A start written without an offset (a
   * local time) is compared in its venue's zone when known; when the zone is unknown it is compared as written (its
   * date and time against the bound's), and the answer says so (`startTimeZone: "unknown"`).
   * @default each performance's own zone
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
    { en: `${field}: ${shown} is not ${e.en}`, fr: `« ${field} » : ${shown} n'est pas ${e.fr}` },
    { en: `give ${e.en}`, fr: `indiquez ${e.fr}` },
  );
}

/** An InputError in both languages (problem documents pick one by Accept-Language). */
export function inputError(code: ProblemCode, message: Text, hint: Text): InputError {
  return new InputError(code, message, { hint });
}

const LANG_TAG = /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/;
const EXPECTED = {
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

/** The filter's fields written as one text each, in the order the HTTP routes and federated queries write them. */
export const TEXT_FILTER_KEYS = [
  "from",
  "to",
  "city",
  "region",
  "genre",
  "type",
  "venue",
  "performer",
  "lang",
  "accessibility",
  "q",
] as const satisfies readonly (keyof PerformanceFilter)[];

/**
 * Checks every field of a filter, whatever answers it (the SPARQL of filterBlock, the workers' index, the HTTP
 * routes): throws InputError `query/bad-filter` naming the field, the value and what is expected.
 */
export function checkFilter(f: PerformanceFilter): void {
  for (const k of [...TEXT_FILTER_KEYS, "timeZone"] as const) {
    if (f[k] !== undefined && typeof f[k] !== "string") throw bad(k, f[k], EXPECTED.text);
  }
  if (f.timeZone !== undefined && !isTimeZone(f.timeZone)) throw bad("timeZone", f.timeZone, EXPECTED.timeZone);
  if (f.from !== undefined) boundOf(f.from, f.timeZone, "from", false);
  if (f.to !== undefined) boundOf(f.to, f.timeZone, "to", true);
  if (f.type !== undefined) typeOf(f.type);
  if (f.genre !== undefined) genreOf(f.genre);
  if (f.venue !== undefined && !IRI.test(f.venue)) throw bad("venue", f.venue, EXPECTED.iri);
  if (f.performer !== undefined && !IRI.test(f.performer)) throw bad("performer", f.performer, EXPECTED.iri);
  if (f.near !== undefined) {
    const { latitude, longitude, km } = (f.near ?? {}) as Partial<Near>;
    const ok = [latitude, longitude, km].every((n) => typeof n === "number" && Number.isFinite(n));
    if (!ok || Math.abs(latitude!) > 90 || Math.abs(longitude!) > 180 || km! < 0)
      throw bad("near", `${latitude},${longitude},${km}`, EXPECTED.near);
  }
  if (f.lang !== undefined && !LANG_TAG.test(f.lang.toLowerCase())) throw bad("lang", f.lang, EXPECTED.lang);
  if (f.free !== undefined && typeof f.free !== "boolean") throw bad("free", f.free, EXPECTED.free);
  if (f.maxPrice !== undefined && (typeof f.maxPrice !== "number" || !Number.isFinite(f.maxPrice) || f.maxPrice < 0))
    throw bad("maxPrice", f.maxPrice, EXPECTED.maxPrice);
}

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
function double(n: number): string {
  return n.toExponential(15);
}

function decimal(n: number): string {
  // xsd:decimal literals have no exponent.
  return `${n.toFixed(12).replace(/0+$/, "").replace(/\.$/, ".0")}`;
}

/** A bound as written: parsed, with a date moved to midnight (the next day's, for an end of day). */
function boundLexical(text: string, field: string, endOfDay: boolean): ParsedDate {
  const p = parseIsoDate(text);
  if (!p)
    throw bad(field, text, {
      en: "a date (2026-11-21) or a date-time (2026-11-21T20:00:00+01:00)",
      fr: "une date (2026-11-21) ou une date-heure (2026-11-21T20:00:00+01:00)",
    });
  let at: ParsedDate = p;
  if (p.kind === "date") {
    at = { ...p, kind: "dateTime" };
    if (endOfDay) {
      const next = new Date(Date.UTC(p.year, p.month - 1, p.day + 1));
      at = { ...at, year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
    }
  }
  return at;
}

/** A local wall time resolved in `zone`: a time skipped or lived twice by a DST change takes the earliest offset (the bound stays inclusive). */
function offsetIn(at: ParsedDate, zone: string): number {
  const r = resolveLocalTime(at, zone);
  return r.ok ? r.offsetMinutes : Math.max(...r.offsets);
}

/**
 * A date bound (`from`, `to`) as the performances are compared with it. An `instant` bound (a date-time with an
 * offset, or any bound read in the asked `tz`) is one point in time; a `wall` bound (a date or local date-time, no
 * `tz`) is a time on each performance's own clock.
 */
export interface Bound {
  readonly kind: "instant" | "wall";
  /** instant: milliseconds since the epoch; wall: the wall time's milliseconds read as if UTC. */
  readonly ms: number;
  /** The bound's date and time as written (as if UTC): what a local start of unknown zone is compared with. */
  readonly wallMs: number;
}

/** Reads a bound: throws InputError `query/bad-filter` when it is not a date or a date-time. */
export function boundOf(text: string, tz: string | undefined, field: string, endOfDay: boolean): Bound {
  const at = boundLexical(text, field, endOfDay);
  const wallMs = epochOf({ ...at, offsetMinutes: 0 });
  if (at.offsetMinutes !== undefined) return { kind: "instant", ms: epochOf(at), wallMs };
  if (tz === undefined) return { kind: "wall", ms: wallMs, wallMs };
  if (!isTimeZone(tz)) throw bad("timeZone", tz, EXPECTED.timeZone);
  return { kind: "instant", ms: wallMs - offsetIn(at, tz) * 60_000, wallMs };
}

/**
 * The bound in a performance's zone: an instant bound's wall time there (as if UTC), or a wall bound's instant there.
 * Both the SPARQL (a VALUES table per zone) and the index use it, so they compare alike.
 */
export function boundInZone(b: Bound, zone: string): number {
  if (b.kind === "instant") return b.ms + offsetAt(zone, b.ms) * 60_000;
  const d = new Date(b.ms);
  const at: ParsedDate = {
    kind: "dateTime",
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    fraction: "",
  };
  return b.ms - offsetIn(at, zone) * 60_000;
}

/** A key → value table as one SPARQL string, `|key=value|…|`, read with STRBEFORE(STRAFTER(table, "|key="), "|"). */
function lookupTable(rows: readonly (readonly [string, string])[]): string {
  return str(`|${rows.map(([k, v]) => `${k}=${v}`).join("|")}|`);
}

/** Milliseconds as an xsd:dateTime literal: UTC (`Z`) or, with `floating`, a local date-time (no offset). */
export function msLiteral(ms: number, floating: boolean): string {
  return `${str(msLiteralText(ms, floating))}^^xsd:dateTime`;
}

function msLiteralText(ms: number, floating: boolean): string {
  const d = new Date(ms);
  const frac = d.getUTCMilliseconds() ? String(d.getUTCMilliseconds()).padStart(3, "0").replace(/0+$/, "") : "";
  const p: ParsedDate = {
    kind: "dateTime",
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    fraction: frac,
    ...(floating ? {} : { offsetMinutes: 0 }),
  };
  return formatIsoDate(p);
}

/**
 * How a start is compared with date bounds and ordered, in JavaScript (the index) as the SPARQL of `timeBlock` does.
 * `wallMs` is the start's date and time as written, offset dropped (a date: its midnight), read as if UTC.
 */
export interface StartTimes {
  readonly hasOffset: boolean;
  /** Instant in ms when the start has an offset; NaN otherwise. */
  readonly epoch: number;
  readonly wallMs: number;
  /** The sort key: the instant when there is an offset, else the wall time read as UTC (SPARQL's `?ord`). */
  readonly key: number;
}

/** The StartTimes of a start's lexical form (an xsd:dateTime or an xsd:date); undefined when it is not one. */
export function startTimes(lexical: string): StartTimes | undefined {
  const p = parseIsoDate(lexical);
  if (!p) return undefined;
  const wallMs = epochOf({ ...p, offsetMinutes: 0 });
  const hasOffset = p.kind === "dateTime" && p.offsetMinutes !== undefined;
  const epoch = hasOffset ? epochOf(p) : NaN;
  return { hasOffset, epoch, wallMs, key: hasOffset ? epoch : wallMs };
}

/**
 * Whether a start passes a bound (`from`: at or after; `to`: strictly before), given the start's zone (undefined:
 * unknown) and `inZone`, the bound in that zone (boundInZone, memoised by the caller).
 */
export function passes(
  s: StartTimes,
  zone: string | undefined,
  b: Bound,
  inZone: (zone: string) => number,
  lower: boolean,
): boolean {
  let a: number;
  let t: number;
  if (b.kind === "instant") {
    if (s.hasOffset) [a, t] = [s.epoch, b.ms];
    else if (zone !== undefined) [a, t] = [s.wallMs, inZone(zone)];
    else [a, t] = [s.wallMs, b.wallMs];
  } else if (s.hasOffset && zone !== undefined) [a, t] = [s.epoch, inZone(zone)];
  else [a, t] = [s.wallMs, b.ms];
  return lower ? a >= t : a < t;
}

/** An xsd:dateTime literal of a bound in its own terms (an instant: UTC; a wall time: local). */
function boundLiteral(b: Bound): string {
  return msLiteral(b.ms, b.kind === "wall");
}

/**
 * The SPARQL of the start times: binds ?st (the start as an xsd:dateTime; a date at its midnight), ?wall (its date
 * and time as written, without offset), ?zone (the venue's zone from its country, or "") and, for each bound, ?zlo /
 * ?zhi (the bound in ?zone); then the date FILTERs, exactly as `passes`.
 */
function timeBlock(f: PerformanceFilter): string[] {
  const lines = [
    `BIND(IF(DATATYPE(?start) = xsd:date, STRDT(CONCAT(STR(?start), "T00:00:00"), xsd:dateTime), ?start) AS ?st)`,
    `BIND(STRDT(REPLACE(STR(?st), "(Z|[+-][0-9]{2}:[0-9]{2})$", ""), xsd:dateTime) AS ?wall)`,
    // The country → zone table as one string ("|FR=Europe/Paris|…|"), read with STRAFTER: a lookup per row, where a
    // VALUES table of 231 rows made every date question twice as slow. Zone names hold no "|" or "=", so a value of
    // two characters finds a zone only when it is a code of the table.
    `OPTIONAL { SELECT ?e (IF(COUNT(DISTINCT ?zz) = 1, MIN(?zz), "") AS ?zone0) WHERE { { ?e schema:location ?zv } UNION { ?e schema:location/schema:containedInPlace ?zv } ?zv schema:address/schema:addressCountry ?zc . BIND(UCASE(STR(?zc)) AS ?zcu) BIND(IF(BOUND(?zcu) && STRLEN(?zcu) = 2, STRBEFORE(STRAFTER(${lookupTable(countryZoneTable())}, CONCAT("|", ?zcu, "=")), "|"), "") AS ?zz) } GROUP BY ?e }`,
    `BIND(COALESCE(?zone0, "") AS ?zone)`,
  ];
  const from = f.from !== undefined ? boundOf(f.from, f.timeZone, "from", false) : undefined;
  const to = f.to !== undefined ? boundOf(f.to, f.timeZone, "to", true) : undefined;
  const bounds: [string, Bound][] = [];
  if (from) bounds.push(["?zlo", from]);
  if (to) bounds.push(["?zhi", to]);
  const zones = [...new Set(countryZoneTable().map(([, z]) => z))].sort();
  for (const [v, b] of bounds) {
    // The bound in each zone, looked up as the country's zone is; unbound when ?zone is "".
    const table = lookupTable(zones.map((z) => [z, msLiteralText(boundInZone(b, z), b.kind === "instant")] as const));
    lines.push(
      `BIND(IF(?zone != "", STRDT(STRBEFORE(STRAFTER(${table}, CONCAT("|", ?zone, "=")), "|"), xsd:dateTime), ?unbound) AS ${v})`,
    );
  }
  for (const [v, b] of bounds) {
    const op = v === "?zlo" ? ">=" : "<";
    if (b.kind === "instant") {
      lines.push(
        `FILTER(IF(TZ(?st) != "", ?st ${op} ${boundLiteral(b)}, IF(BOUND(${v}), ?wall ${op} ${v}, ?wall ${op} ${msLiteral(b.wallMs, true)})))`,
      );
    } else {
      lines.push(`FILTER(IF(TZ(?st) != "" && BOUND(${v}), ?st ${op} ${v}, ?wall ${op} ${boundLiteral(b)}))`);
    }
  }
  return lines;
}

/** SPARQL's order of performances (`?ord`, after timeBlock): the instant when the start has an offset, else its wall time read as UTC. */
export const ORDER_BIND = `BIND(IF(TZ(?st) != "", ?st, STRDT(CONCAT(STR(?wall), "Z"), xsd:dateTime)) AS ?ord)`;

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

/** The place a performance is at, bound to `v`: its location, or the venue that contains that hall. */
export const venueOfE = (v: string): string =>
  `{ ?e schema:location ${v} } UNION { ?e schema:location/schema:containedInPlace ${v} }`;
/** venueOfE bound to ?venue (the facets' and aggregates' variable). */
export const VENUE_OF_E = venueOfE("?venue");
/**
 * venueOfE inside the filters' EXISTS tests: a variable of their own, so that a filter never shares ?venue with a
 * facet's pattern beside it (which would make the test depend on the facet's value; and Virtuoso's compiler fails
 * on such a query, "selid is used outside its scope").
 */
const AT_VENUE = venueOfE("?atVenue");

/**
 * The stream of a mixed performance, bound to `v`. The graph form gives such a performance one location (its hall)
 * and the stream as a WatchAction at a VirtualLocation; Google's embed form lists both as locations. Where the
 * questions count locations, they count this one too, so both forms answer alike.
 */
export const streamOfE = (v: string): string =>
  `?e schema:potentialAction ?watch . ?watch a schema:WatchAction ; schema:location ${v} .`;

/**
 * The WHERE block: binds ?e (a performance: an event with a work performed) and ?start, and applies every filter.
 * With a date bound (or `times`), also ?st, ?wall and ?zone (see timeBlock).
 * Multi-valued conditions are EXISTS tests, so each performance is one row.
 */
export function filterBlock(f: PerformanceFilter, options: { readonly times?: boolean } = {}): string {
  checkFilter(f);
  const lines: string[] = ["?e schema:workPerformed ?work ; schema:startDate ?start .", ...eventTestsSparql()];
  if (f.from !== undefined || f.to !== undefined || options.times) pushAll(lines, timeBlock(f));
  if (f.type !== undefined) lines.push(`?e a ${iri(typeOf(f.type), "type")} .`);
  if (f.genre !== undefined) lines.push(`?work schema:genre ${iri(genreOf(f.genre), "genre")} .`);
  if (f.venue !== undefined) {
    const v = iri(f.venue, "venue");
    lines.push(
      `FILTER EXISTS { { ?e schema:location ${v} } UNION { ?e schema:location/schema:containedInPlace ${v} } UNION { ${streamOfE(v)} } }`,
    );
  }
  if (f.city !== undefined || f.region !== undefined) {
    const tests: string[] = [];
    if (f.city !== undefined)
      tests.push(
        `?atVenue schema:address/schema:addressLocality ?atCity . FILTER(LCASE(STR(?atCity)) = ${str(f.city.toLowerCase())})`,
      );
    if (f.region !== undefined)
      tests.push(
        `?atVenue schema:address/schema:addressRegion ?atRegion . FILTER(LCASE(STR(?atRegion)) = ${str(f.region.toLowerCase())})`,
      );
    lines.push(`FILTER EXISTS { ${AT_VENUE} ${tests.join(" ")} }`);
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
      `FILTER EXISTS { ${AT_VENUE} ?atVenue schema:geo ?geo . ?geo schema:latitude ?lat ; schema:longitude ?lon . ` +
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
      `FILTER EXISTS { { ?e schema:accessibilityFeature ${a} } UNION { ${AT_VENUE} ?atVenue schema:amenityFeature ?feature . ?feature schema:name ${a} ; schema:value true } UNION { ?e schema:location ?hall . ?hall schema:amenityFeature ?feature . ?feature schema:name ${a} ; schema:value true } }`,
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
