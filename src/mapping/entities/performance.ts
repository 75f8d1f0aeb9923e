// Performances (représentations) → schema.org Event subtypes linked to their production by workPerformed.

import type { Offer, Performance, Production } from "../../records/types.js";
import { childIri } from "../iri.js";
import { ageRangeText, artsdataEventType, ATTENDANCE_IRI, eventTypeOf, STATUS_IRI } from "../terms.js";
import {
  X,
  N,
  sub,
  agents,
  begin,
  iriList,
  iriOf,
  langText,
  mintIri,
  plain,
  plainList,
  roles,
  S,
  type MapContext,
} from "./common.js";
import { decimal } from "./place.js";
import { dateDatatype } from "./series.js";
import { dateTimeLexical, durationLexical } from "../../rdf/lexical.js";

type Origin = { entity: string; recordId: string; path: string };

// The schema.org terms used per performance, looked up once (this runs for every performance and offer).
const T = {
  Offer: S("Offer"),
  PriceSpecification: S("PriceSpecification"),
  VirtualLocation: S("VirtualLocation"),
  WatchAction: S("WatchAction"),
  accessibilityFeature: S("accessibilityFeature"),
  additionalType: S("additionalType"),
  availability: S("availability"),
  description: S("description"),
  doorTime: S("doorTime"),
  duration: S("duration"),
  endDate: S("endDate"),
  eventAttendanceMode: S("eventAttendanceMode"),
  eventStatus: S("eventStatus"),
  image: S("image"),
  inLanguage: S("inLanguage"),
  isAccessibleForFree: S("isAccessibleForFree"),
  location: S("location"),
  maxPrice: S("maxPrice"),
  minPrice: S("minPrice"),
  name: S("name"),
  offers: S("offers"),
  organizer: S("organizer"),
  performer: S("performer"),
  potentialAction: S("potentialAction"),
  previousStartDate: S("previousStartDate"),
  price: S("price"),
  priceCurrency: S("priceCurrency"),
  priceSpecification: S("priceSpecification"),
  startDate: S("startDate"),
  subEvent: S("subEvent"),
  subtitleLanguage: S("subtitleLanguage"),
  superEvent: S("superEvent"),
  target: S("target"),
  typicalAgeRange: S("typicalAgeRange"),
  url: S("url"),
  validFrom: S("validFrom"),
  workPerformed: S("workPerformed"),
} as const;

/** A production as performances use it: the record and its IRI. */
export interface ProductionEntry {
  readonly record: Production;
  readonly iri: string;
}

export function emitPerformance(
  ctx: MapContext,
  p: Performance,
  entry: ProductionEntry | undefined,
  path: string,
): void {
  const production = entry?.record;
  // Nothing else refers to a performance: its IRI is minted here, without the cache shared IRIs go through.
  const s = mintIri(ctx, "performance", p.id);
  const origin: Origin = { entity: "performance", recordId: p.id, path };
  const inherited = `${path}.production`;
  const genres = production?.genres;
  const type = eventTypeOf(p.type, genres);
  begin(ctx, s, origin, S(type), p.type ? `${path}.type` : inherited);
  const concept = artsdataEventType(type, genres);
  if (concept) ctx.sink.iri(s, T.additionalType, N(concept), p.type ? `${path}.type` : inherited);
  ctx.sink.iri(s, T.workPerformed, entry?.iri ?? iriOf(ctx, "production", p.production), `${path}.production`);

  if (p.name) langText(ctx, s, T.name, p.name, `${path}.name`);
  else langText(ctx, s, T.name, production?.name, inherited);
  if (p.description) langText(ctx, s, T.description, p.description, `${path}.description`);
  else langText(ctx, s, T.description, production?.description, inherited);

  emitTimes(ctx, s, p, production, path, inherited);
  emitPlace(ctx, s, p, origin, path);
  emitStatus(ctx, s, p, path);
  if (p.offers)
    for (let i = 0; i < p.offers.length; i++)
      emitOffer(ctx, s, p.offers[i]!, i, origin, sub(ctx, sub(ctx, path, "offers"), i));
  if (p.free !== undefined) ctx.sink.literal(s, T.isAccessibleForFree, String(p.free), X.boolean, `${path}.free`);

  roles(ctx, s, T.performer, p.performers, origin, `${path}.performers`, "performer");
  agents(ctx, s, T.organizer, p.organizers, `${path}.organizers`, origin);

  emitLanguages(ctx, s, p, production, path, inherited);
  if (p.series)
    for (let i = 0; i < p.series.length; i++) {
      const x = p.series[i]!;
      const series = iriOf(ctx, "series", x);
      const f = sub(ctx, sub(ctx, path, "series"), i);
      ctx.sink.iri(s, T.superEvent, series, f);
      ctx.sink.iri(series, T.subEvent, s, f);
    }
  if (p.url) ctx.sink.iri(s, T.url, p.url, `${path}.url`);
  iriList(ctx, s, T.image, p.images ?? production?.images, p.images ? `${path}.images` : inherited);
  const age = p.audienceAge ?? production?.audienceAge;
  plain(ctx, s, T.typicalAgeRange, age && ageRangeText(age), p.audienceAge ? `${path}.audienceAge` : inherited);
}

// The steps of emitPerformance, in the order their triples are written. Positional parameters, not an object: this
// runs for every performance, and an options object would be one more allocation each time.

/** Start, end, door time and duration (the production's duration when the performance has none). */
function emitTimes(
  ctx: MapContext,
  s: string,
  p: Performance,
  production: Production | undefined,
  path: string,
  inherited: string,
): void {
  ctx.sink.literal(s, T.startDate, dateTimeLexical(p.startDate), X.dateTime, `${path}.startDate`);
  // An end day without time (xsd:date) is valid beside a start with one: the performance ends that day.
  if (p.endDate !== undefined)
    ctx.sink.literal(s, T.endDate, dateTimeLexical(p.endDate), dateDatatype(p.endDate), `${path}.endDate`);
  if (p.doorTime !== undefined)
    ctx.sink.literal(s, T.doorTime, dateTimeLexical(p.doorTime), X.dateTime, `${path}.doorTime`);
  const duration = p.duration ?? production?.duration;
  if (duration !== undefined)
    ctx.sink.literal(s, T.duration, durationLexical(duration), X.duration, p.duration ? `${path}.duration` : inherited);
}

/** The hall or venue, and the online place (a location of its own, or a WatchAction beside the hall). */
function emitPlace(ctx: MapContext, s: string, p: Performance, origin: Origin, path: string): void {
  const place = p.hall !== undefined || p.venue !== undefined;
  if (p.hall !== undefined) ctx.sink.iri(s, T.location, iriOf(ctx, "hall", p.hall), `${path}.hall`);
  else if (p.venue !== undefined) ctx.sink.iri(s, T.location, iriOf(ctx, "venue", p.venue), `${path}.venue`);
  if (p.onlineUrl !== undefined) {
    const online = `${path}.onlineUrl`;
    const v = childIri(s, "online");
    begin(ctx, v, origin, T.VirtualLocation, online);
    ctx.sink.iri(v, T.url, p.onlineUrl, online);
    if (!place) ctx.sink.iri(s, T.location, v, online);
    else {
      // A mixed performance keeps one location, its hall (Artsdata's shapes allow one); the stream is how to
      // watch it from elsewhere: a WatchAction at the VirtualLocation, targeting its URL. The embed form lists
      // both as locations, as Google reads them.
      const watch = childIri(s, "watch");
      begin(ctx, watch, origin, T.WatchAction, online);
      ctx.sink.iri(s, T.potentialAction, watch, online);
      ctx.sink.iri(watch, T.location, v, online);
      ctx.sink.iri(watch, T.target, p.onlineUrl, online);
    }
  }
}

/** Attendance mode and status (with the previous start of a rescheduled performance). */
function emitStatus(ctx: MapContext, s: string, p: Performance, path: string): void {
  if (p.attendanceMode)
    ctx.sink.iri(s, T.eventAttendanceMode, N(ATTENDANCE_IRI[p.attendanceMode]), `${path}.attendanceMode`);
  if (p.status) {
    ctx.sink.iri(s, T.eventStatus, N(STATUS_IRI[p.status.kind]), `${path}.status.kind`);
    if (p.status.previousStartDate !== undefined) {
      ctx.sink.literal(
        s,
        T.previousStartDate,
        dateTimeLexical(p.status.previousStartDate),
        dateDatatype(p.status.previousStartDate),
        `${path}.status.previousStartDate`,
      );
    }
  }
}

/** Spoken and surtitle languages (the production's when the performance has none), and accessibility features. */
function emitLanguages(
  ctx: MapContext,
  s: string,
  p: Performance,
  production: Production | undefined,
  path: string,
  inherited: string,
): void {
  plainList(
    ctx,
    s,
    T.inLanguage,
    p.inLanguage ?? production?.inLanguage,
    p.inLanguage ? `${path}.inLanguage` : inherited,
  );
  plainList(
    ctx,
    s,
    T.subtitleLanguage,
    p.surtitles ?? production?.surtitles,
    p.surtitles ? `${path}.surtitles` : inherited,
  );
  plainList(ctx, s, T.accessibilityFeature, p.accessibility, `${path}.accessibility`);
}

function emitOffer(ctx: MapContext, event: string, o: Offer, index: number, origin: Origin, f: string): void {
  const s = childIri(event, `offer-${o.id ?? index + 1}`);
  begin(ctx, s, origin, T.Offer, f);
  ctx.sink.iri(event, T.offers, s, f);
  langText(ctx, s, T.name, o.category, `${f}.category`);
  if (o.price !== undefined) ctx.sink.literal(s, T.price, decimal(o.price), X.decimal, `${f}.price`);
  plain(ctx, s, T.priceCurrency, o.priceCurrency, `${f}.priceCurrency`);
  if (o.minPrice !== undefined || o.maxPrice !== undefined) {
    const spec = childIri(event, `offer-${o.id ?? index + 1}-price`);
    begin(ctx, spec, origin, T.PriceSpecification, f);
    ctx.sink.iri(s, T.priceSpecification, spec, f);
    if (o.minPrice !== undefined) ctx.sink.literal(spec, T.minPrice, decimal(o.minPrice), X.decimal, `${f}.minPrice`);
    if (o.maxPrice !== undefined) ctx.sink.literal(spec, T.maxPrice, decimal(o.maxPrice), X.decimal, `${f}.maxPrice`);
    plain(ctx, spec, T.priceCurrency, o.priceCurrency, `${f}.priceCurrency`);
  }
  // Availabilities are schema.org ItemAvailability members: the term by its local name (no IRI string per offer).
  if (o.availability) ctx.sink.iri(s, T.availability, S(o.availability), `${f}.availability`);
  if (o.validFrom !== undefined)
    ctx.sink.literal(s, T.validFrom, dateTimeLexical(o.validFrom), dateDatatype(o.validFrom), `${f}.validFrom`);
  if (o.url) ctx.sink.iri(s, T.url, o.url, `${f}.url`);
}
