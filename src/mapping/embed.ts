// The embed form: one self-contained schema.org Event per performance, as Google's Event rich results read it,
// and the <script type="application/ld+json"> element that carries it safely inside an HTML page.

import type {
  Event,
  Offer as SchemaOffer,
  Organization as SchemaOrganization,
  Person as SchemaPerson,
  Place,
  VirtualLocation,
  WithContext,
} from "schema-dts";
import type { AgentRef, LangMap, Offer, Performance, Production, RecordDocument, Venue } from "../records/types.js";
import { addDuration } from "../records/time.js";
import { entityIri } from "./iri.js";
import { ageRangeText, ATTENDANCE_IRI, eventTypeOf, STATUS_IRI } from "./terms.js";

const HTTPS = "https://schema.org/";
const https = (iri: string): string => iri.replace(/^http:\/\/schema\.org\//, HTTPS);

export interface EmbedOptions {
  /**
   * Language of the page: texts are taken in this language, falling back to the first one given.
   * @default the first language of each text
   * @example "fr"
   */
  readonly lang?: string;
}

function pick(map: LangMap | undefined, lang: string | undefined): string | undefined {
  if (!map) return undefined;
  if (lang !== undefined && map[lang] !== undefined) return map[lang];
  for (const k in map) return map[k];
  return undefined;
}

/** What `compact` accepts: the target type with every key's value also allowed to be undefined (then removed). */
type Loose<T> = { [K in keyof T]: T[K] | undefined };

/** Drops undefined and empty-list properties: nothing is emitted that the record did not give. */
function compact<T>(o: Loose<T>): T {
  const r = o as Record<string, unknown>;
  for (const k of Object.keys(r))
    if (r[k] === undefined || (Array.isArray(r[k]) && (r[k] as unknown[]).length === 0)) delete r[k];
  return o as T;
}

interface Index {
  readonly venues: Map<string, Venue>;
  readonly hallOf: Map<string, { venue: Venue; name: LangMap; id: string }>;
  readonly productions: Map<string, Production>;
  readonly people: Map<string, { name: string; url?: string | undefined; sameAs?: readonly string[] | undefined }>;
  readonly orgs: Map<
    string,
    { name: LangMap; type?: string | undefined; url?: string | undefined; sameAs?: readonly string[] | undefined }
  >;
}

function indexOf(doc: RecordDocument): Index {
  const venues = new Map(doc.venues?.map((v) => [v.id, v]));
  const hallOf = new Map<string, { venue: Venue; name: LangMap; id: string }>();
  for (const v of doc.venues ?? [])
    for (const h of v.halls ?? []) hallOf.set(h.id, { venue: v, name: h.name, id: h.id });
  return {
    venues,
    hallOf,
    productions: new Map(doc.productions?.map((p) => [p.id, p])),
    people: new Map(doc.people?.map((p) => [p.id, p])),
    orgs: new Map(doc.organizations?.map((o) => [o.id, o])),
  };
}

function agent(
  doc: RecordDocument,
  ix: Index,
  ref: AgentRef,
  lang: string | undefined,
): SchemaPerson | SchemaOrganization | undefined {
  const base = doc.publisher.baseIri;
  if (ref.person !== undefined) {
    const p = ix.people.get(ref.person);
    return (
      p &&
      compact<SchemaPerson>({
        "@type": "Person",
        "@id": entityIri(base, "person", ref.person),
        name: p.name,
        url: p.url,
        sameAs: p.sameAs as string[] | undefined,
      })
    );
  }
  const o = ix.orgs.get(ref.organization!);
  return (
    o &&
    compact<SchemaOrganization>({
      "@type": (o.type ?? "Organization") as "Organization",
      "@id": entityIri(base, "organization", ref.organization!),
      name: pick(o.name, lang),
      url: o.url,
      sameAs: o.sameAs as string[] | undefined,
    })
  );
}

function place(doc: RecordDocument, ix: Index, p: Performance, lang: string | undefined): Place | undefined {
  const base = doc.publisher.baseIri;
  const venue = p.venue !== undefined ? ix.venues.get(p.venue) : undefined;
  if (!venue) return undefined;
  const address = venue.address ? compact({ "@type": "PostalAddress" as const, ...venue.address }) : venue.addressText;
  const geo = venue.geo && {
    "@type": "GeoCoordinates" as const,
    latitude: venue.geo.latitude,
    longitude: venue.geo.longitude,
  };
  const venueNode = compact<Place>({
    "@type": (venue.type ?? "Place") as "Place",
    "@id": entityIri(base, "venue", venue.id),
    name: pick(venue.name, lang),
    address,
    geo,
    url: venue.url,
    sameAs: venue.sameAs as string[] | undefined,
  });
  const hall = p.hall !== undefined ? ix.hallOf.get(p.hall) : undefined;
  if (!hall) return venueNode;
  // The hall shares its venue's address: copied so Google finds one on the location itself.
  return compact<Place>({
    "@type": "Place",
    "@id": entityIri(base, "hall", hall.id),
    name: pick(hall.name, lang),
    address,
    geo,
    containedInPlace: venueNode,
  });
}

function offer(o: Offer, lang: string | undefined): SchemaOffer {
  const range =
    o.minPrice !== undefined || o.maxPrice !== undefined
      ? compact({
          "@type": "PriceSpecification" as const,
          minPrice: o.minPrice,
          maxPrice: o.maxPrice,
          priceCurrency: o.priceCurrency,
        })
      : undefined;
  return compact<SchemaOffer>({
    // Google reads `price` as the lowest price: a range without a single price gives its minimum.
    "@type": "Offer",
    name: pick(o.category, lang),
    price: o.price ?? o.minPrice,
    priceCurrency: o.priceCurrency,
    priceSpecification: range,
    availability: o.availability && (`${HTTPS}${o.availability}` as "https://schema.org/InStock"),
    validFrom: o.validFrom,
    url: o.url,
  });
}

/** The embed form of one performance of a parsed document; undefined when there is no such performance. */
export function toEmbed(
  doc: RecordDocument,
  performanceId: string,
  options: EmbedOptions = {},
): WithContext<Event> | undefined {
  const p = doc.performances?.find((x) => x.id === performanceId);
  return p && embedPerformance(doc, indexOf(doc), p, options.lang);
}

/**
 * The embed form of every performance, by performance id.
 * @example
 * ```ts
 * import { readFileSync, writeFileSync } from "node:fs";
 * import { embedScript, parseRecords, toEmbeds } from "vivant-ld";
 *
 * const { document } = parseRecords(JSON.parse(readFileSync("season.json", "utf8")));
 * if (document)
 *   for (const [id, event] of toEmbeds(document, { lang: "fr" })) writeFileSync(`${id}.html`, embedScript(event));
 * ```
 */
export function toEmbeds(doc: RecordDocument, options: EmbedOptions = {}): Map<string, WithContext<Event>> {
  const ix = indexOf(doc);
  return new Map((doc.performances ?? []).map((p) => [p.id, embedPerformance(doc, ix, p, options.lang)]));
}

function embedPerformance(
  doc: RecordDocument,
  ix: Index,
  p: Performance,
  lang: string | undefined,
): WithContext<Event> {
  const base = doc.publisher.baseIri;
  const production = ix.productions.get(p.production);
  const physical = place(doc, ix, p, lang);
  const virtual: VirtualLocation | undefined =
    p.onlineUrl !== undefined ? { "@type": "VirtualLocation", url: p.onlineUrl } : undefined;
  const locations = [physical, virtual].filter((x): x is Place | VirtualLocation => x !== undefined);
  // Without performers of its own, a performance is given by its production's cast.
  const performers = (p.performers ?? production?.cast ?? [])
    .map((r) => agent(doc, ix, r, lang))
    .filter((x) => x !== undefined);
  const organizers = (p.organizers ?? []).map((r) => agent(doc, ix, r, lang)).filter((x) => x !== undefined);
  const age = p.audienceAge ?? production?.audienceAge;
  const duration = p.duration ?? production?.duration;
  return compact<WithContext<Event>>({
    "@context": "https://schema.org",
    // schema-dts discriminates Event subtypes by literal @type; every value of EventType is one of them.
    "@type": eventTypeOf(p.type, production?.genres) as "Event",
    "@id": entityIri(base, "performance", p.id),
    name: pick(p.name ?? production?.name, lang),
    description: pick(p.description ?? production?.description, lang),
    startDate: p.startDate,
    // Google asks for an end: when the record gives none, the start plus the duration.
    endDate: p.endDate ?? (duration !== undefined ? addDuration(p.startDate, duration) : undefined),
    doorTime: p.doorTime,
    duration,
    eventStatus: p.status && (https(STATUS_IRI[p.status.kind]) as "https://schema.org/EventScheduled"),
    previousStartDate: p.status?.previousStartDate,
    eventAttendanceMode:
      p.attendanceMode && (https(ATTENDANCE_IRI[p.attendanceMode]) as "https://schema.org/OfflineEventAttendanceMode"),
    location: locations.length === 1 ? locations[0] : locations,
    image: (p.images ?? production?.images) as string[] | undefined,
    offers: p.offers?.map((o) => offer(o, lang)),
    isAccessibleForFree: p.free,
    performer: performers,
    organizer: organizers.length === 1 ? organizers[0] : organizers,
    inLanguage: (p.inLanguage ?? production?.inLanguage) as string[] | undefined,
    typicalAgeRange: age && ageRangeText(age),
    url: p.url,
    workPerformed:
      production &&
      compact({
        "@type": "CreativeWork" as const,
        "@id": entityIri(base, "production", production.id),
        name: pick(production.name, lang),
      }),
  });
}

const ESCAPES: Readonly<Record<string, string>> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

/**
 * The `<script type="application/ld+json">` element for a JSON-LD object. `<`, `>`, `&`, U+2028 and U+2029
 * are written as JSON escapes, so no string in a record can close the element or inject markup.
 * @example
 * ```ts
 * import { embedScript } from "vivant-ld";
 *
 * const html = embedScript({ "@context": "https://schema.org", "@type": "Event", name: "</script><b>Tosca</b>" });
 * console.log(html.includes("</script><b>")); // false: the name is written "\u003c/script\u003e\u003cb\u003e…"
 * ```
 */
export function embedScript(jsonld: object): string {
  const json = JSON.stringify(jsonld, null, 2).replace(/[<>&\u2028\u2029]/g, (c) => ESCAPES[c]!);
  return `<script type="application/ld+json">\n${json}\n</script>`;
}
