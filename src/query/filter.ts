// The discoverability questions as SPARQL: one filter (date range, place, genre, venue, performer, language,
// accessibility, price, free text) compiled to the WHERE block shared by the list, the facets and the aggregates.

import { pushAll } from "../arrays.js";
import { SCHEMA, XSD } from "../vocab.js";
import { eventTestsSparql } from "./events.js";
import { bad, decimal, double, EXPECTED, genreOf, iri, IRI, str, typeOf } from "./filter/terms.js";
import { isTimeZone } from "../records/time.js";
import { boundOf, timeBlock } from "./filter/times.js";

export { genreOf, inputError, iri, str, typeOf } from "./filter/terms.js";
export {
  boundInZone,
  boundOf,
  msLiteral,
  ORDER_BIND,
  passes,
  startTimes,
  type Bound,
  type StartTimes,
} from "./filter/times.js";

/** A point and a radius. */
export interface Near {
  readonly latitude: number;
  readonly longitude: number;
  /** Radius in kilometres. */
  readonly km: number;
}

/**
 * What an aggregator asks for. Every field is optional; all given fields must hold.
 * @example
 * ```ts
 * import type { PerformanceFilter } from "vivant-ld";
 *
 * const filter: PerformanceFilter = {
 *   from: "2026-11-21",
 *   to: "2026-11-22",
 *   city: "Nantes",
 *   accessibility: "surtitles",
 *   maxPrice: 20,
 * };
 * ```
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

export const KM_PER_DEGREE = 111.195;

const LANG_TAG = /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/;

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
  pushAll(lines, placeTests(f));
  pushAll(lines, peopleAndLanguageTests(f));
  pushAll(lines, offerAndTextTests(f));
  return lines.join("\n  ");
}

/** The tests of `venue`, `city`, `region` and `near`. */
function placeTests(f: PerformanceFilter): string[] {
  const lines: string[] = [];
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
  return lines;
}

/** The tests of `performer`, `lang` and `accessibility`. */
function peopleAndLanguageTests(f: PerformanceFilter): string[] {
  const lines: string[] = [];
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
  return lines;
}

/** The tests of `free`, `maxPrice` and `q`. */
function offerAndTextTests(f: PerformanceFilter): string[] {
  const lines: string[] = [];
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
  return lines;
}
