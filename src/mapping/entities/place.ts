// Venues and their halls → schema:Place (or a subtype) with PostalAddress, GeoCoordinates and containsPlace.

import type { AccessibilityFeature, Venue } from "../../records/types.js";
import { childIri } from "../iri.js";
import { X, begin, iriList, iriOf, langText, plain, S, type MapContext } from "./common.js";
import { decimalLexical } from "../../rdf/lexical.js";

/** Accessibility of a place: schema:amenityFeature → LocationFeatureSpecification (name, value true). */
function amenities(
  ctx: MapContext,
  s: string,
  features: readonly AccessibilityFeature[] | undefined,
  origin: { entity: string; recordId: string; path: string },
  field: string,
): void {
  features?.forEach((f, i) => {
    const node = childIri(s, `feature-${f}`);
    begin(ctx, node, origin, S("LocationFeatureSpecification"), `${field}[${i}]`);
    ctx.sink.iri(s, S("amenityFeature"), node, `${field}[${i}]`);
    ctx.sink.literal(node, S("name"), f, X.string, `${field}[${i}]`);
    ctx.sink.literal(node, S("value"), "true", X.boolean, `${field}[${i}]`);
  });
}

export function emitVenue(ctx: MapContext, v: Venue, path: string): void {
  const s = iriOf(ctx, "venue", v.id);
  const origin = { entity: "venue", recordId: v.id, path };
  begin(ctx, s, origin, S(v.type ?? "Place"), `${path}.type`);
  langText(ctx, s, S("name"), v.name, `${path}.name`);
  langText(ctx, s, S("description"), v.description, `${path}.description`);
  const addressIri = v.address ? childIri(s, "address") : undefined;
  if (v.address && addressIri) {
    const a = addressIri;
    const f = `${path}.address`;
    begin(ctx, a, origin, S("PostalAddress"), f);
    ctx.sink.iri(s, S("address"), a, f);
    plain(ctx, a, S("streetAddress"), v.address.streetAddress, `${f}.streetAddress`);
    plain(ctx, a, S("postalCode"), v.address.postalCode, `${f}.postalCode`);
    plain(ctx, a, S("addressLocality"), v.address.addressLocality, `${f}.addressLocality`);
    plain(ctx, a, S("addressRegion"), v.address.addressRegion, `${f}.addressRegion`);
    plain(ctx, a, S("addressCountry"), v.address.addressCountry, `${f}.addressCountry`);
  } else plain(ctx, s, S("address"), v.addressText, `${path}.addressText`);
  if (v.geo) {
    const g = childIri(s, "geo");
    const f = `${path}.geo`;
    begin(ctx, g, origin, S("GeoCoordinates"), f);
    ctx.sink.iri(s, S("geo"), g, f);
    ctx.sink.literal(g, S("latitude"), decimal(v.geo.latitude), X.decimal, `${f}.latitude`);
    ctx.sink.literal(g, S("longitude"), decimal(v.geo.longitude), X.decimal, `${f}.longitude`);
  }
  if (v.maximumAttendeeCapacity !== undefined) {
    ctx.sink.literal(
      s,
      S("maximumAttendeeCapacity"),
      String(v.maximumAttendeeCapacity),
      X.integer,
      `${path}.maximumAttendeeCapacity`,
    );
  }
  amenities(ctx, s, v.accessibility, origin, `${path}.accessibility`);
  if (v.url) ctx.sink.iri(s, S("url"), v.url, `${path}.url`);
  plain(ctx, s, S("telephone"), v.telephone, `${path}.telephone`);
  iriList(ctx, s, S("sameAs"), v.sameAs, `${path}.sameAs`);
  v.halls?.forEach((h, i) => {
    const hp = `${path}.halls[${i}]`;
    const hs = iriOf(ctx, "hall", h.id);
    const hOrigin = { entity: "venue", recordId: v.id, path: hp };
    begin(ctx, hs, hOrigin, S("Place"), hp);
    ctx.sink.iri(s, S("containsPlace"), hs, hp);
    ctx.sink.iri(hs, S("containedInPlace"), s, hp);
    langText(ctx, hs, S("name"), h.name, `${hp}.name`);
    // A hall is at its venue's address: the same node, so a hall is a complete Place on its own (Artsdata needs one).
    if (addressIri) ctx.sink.iri(hs, S("address"), addressIri, `${path}.address`);
    if (h.maximumAttendeeCapacity !== undefined) {
      ctx.sink.literal(
        hs,
        S("maximumAttendeeCapacity"),
        String(h.maximumAttendeeCapacity),
        X.integer,
        `${hp}.maximumAttendeeCapacity`,
      );
    }
    amenities(ctx, hs, h.accessibility, hOrigin, `${hp}.accessibility`);
  });
}

/** xsd:decimal lexical form of a JS number, as the store keeps it (no exponent, "12" for an integer: see rdf/lexical.ts). */
// Prices repeat (12, 9.5, 25…): their lexical forms are made once and shared by every triple that uses them.
const decimals = new Map<number, string>();

export function decimal(n: number): string {
  let d = decimals.get(n);
  if (d === undefined) {
    d = decimalText(n);
    if (decimals.size > 10_000) decimals.clear();
    decimals.set(n, d);
  }
  return d;
}

const decimalText = decimalLexical;
