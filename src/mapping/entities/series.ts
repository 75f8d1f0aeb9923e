// Seasons, tours and festivals → schema:EventSeries / schema:Festival (subEvent links come from performances).
// What a series record leaves out and its performances say is derived from them, never guessed: its first and
// last days, and its venue when every one of its performances is there (Artsdata's shapes need both on a series).

import type { NamedNode } from "@rdfjs/types";
import type { RecordDocument, Series } from "../../records/types.js";
import { ADR } from "../../vocab.js";
import { SERIES_TYPE } from "../terms.js";
import { X, N, agents, begin, iriList, iriOf, langText, S, type MapContext } from "./common.js";
import { dateTimeLexical } from "../../rdf/lexical.js";

const ADR_FESTIVAL = N(`${ADR}Festival`);
const ADR_EVENT_SERIES = N(`${ADR}EventSeries`);

export function dateDatatype(value: string): NamedNode {
  return value.includes("T") ? X.dateTime : X.date;
}

/** What a series' performances say about it: their first and last local days, and the venue they share. */
interface Derived {
  first: string;
  last: string;
  /** The one venue (halls counted as their venue) of every performance; null when they are at several, or online. */
  venue: string | null;
}

const derivedByDoc = new WeakMap<RecordDocument, ReadonlyMap<string, Derived>>();

/** One pass over the performances for all of a document's series, the first time a series needs it. */
function derivedOf(ctx: MapContext): ReadonlyMap<string, Derived> {
  let byId = derivedByDoc.get(ctx.doc);
  if (byId) return byId;
  const map = new Map<string, Derived>();
  for (const p of ctx.doc.performances ?? []) {
    if (!p.series?.length) continue;
    const venue = p.venue ?? (p.hall !== undefined ? ctx.hallVenue.get(p.hall) : undefined) ?? null;
    // The local day as the record states it (offsets are the venue's own): the first ten characters.
    const first = p.startDate.slice(0, 10);
    const last = (p.endDate ?? p.startDate).slice(0, 10);
    for (const id of p.series) {
      const d = map.get(id);
      if (!d) map.set(id, { first, last, venue });
      else {
        if (first < d.first) d.first = first;
        if (last > d.last) d.last = last;
        if (d.venue !== venue) d.venue = null;
      }
    }
  }
  byId = map;
  derivedByDoc.set(ctx.doc, byId);
  return byId;
}

export function emitSeries(ctx: MapContext, x: Series, path: string): void {
  const s = iriOf(ctx, "series", x.id);
  const type = SERIES_TYPE[x.kind];
  begin(ctx, s, { entity: "series", recordId: x.id, path }, S(type), `${path}.kind`);
  ctx.sink.iri(s, S("additionalType"), type === "Festival" ? ADR_FESTIVAL : ADR_EVENT_SERIES, `${path}.kind`);
  langText(ctx, s, S("name"), x.name, `${path}.name`);
  langText(ctx, s, S("description"), x.description, `${path}.description`);
  // Derived values point at the field that would state them: that is where a wrong one is fixed.
  const derived =
    x.startDate === undefined || x.endDate === undefined || x.venue === undefined
      ? derivedOf(ctx).get(x.id)
      : undefined;
  const startDate = x.startDate ?? derived?.first;
  const endDate = x.endDate ?? derived?.last;
  if (startDate !== undefined)
    ctx.sink.literal(s, S("startDate"), dateTimeLexical(startDate), dateDatatype(startDate), `${path}.startDate`);
  if (endDate !== undefined)
    ctx.sink.literal(s, S("endDate"), dateTimeLexical(endDate), dateDatatype(endDate), `${path}.endDate`);
  agents(ctx, s, S("organizer"), x.organizers, `${path}.organizers`);
  const venue = x.venue ?? derived?.venue ?? undefined;
  if (venue !== undefined) ctx.sink.iri(s, S("location"), iriOf(ctx, "venue", venue), `${path}.venue`);
  if (x.url) ctx.sink.iri(s, S("url"), x.url, `${path}.url`);
  iriList(ctx, s, S("image"), x.images, `${path}.images`);
}
