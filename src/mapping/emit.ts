// Walks a parsed document and feeds every entity to a sink, in a fixed order (so output is deterministic).

import type { Production, RecordDocument, Venue } from "../records/types.js";
import { emitOrganization, emitPerson, emitPublisher } from "./entities/agents.js";
import type { MapContext } from "./entities/common.js";
import { emitPerformance } from "./entities/performance.js";
import { emitVenue } from "./entities/place.js";
import { emitSeries } from "./entities/series.js";
import { emitProduction, emitWork } from "./entities/works.js";
import { ENTITY_KINDS, entityPrefix, type EntityKind } from "./iri.js";
import type { Sink } from "./sink.js";

/** Record (collection, id) → input JSON path; when absent, the position in the document is used. */
export type PathIndex = ReadonlyMap<string, string>;

export function pathKey(collection: string, id: string): string {
  return `${collection}\u0000${id}`;
}

export function emitDocument(doc: RecordDocument, sink: Sink, paths?: PathIndex): void {
  const venues = new Map<string, Venue>();
  const hallVenue = new Map<string, string>();
  for (const v of doc.venues ?? []) {
    venues.set(v.id, v);
    for (const h of v.halls ?? []) hallVenue.set(h.id, v.id);
  }
  const ctx: MapContext = {
    base: doc.publisher.baseIri,
    doc,
    sink,
    venues,
    hallVenue,
    iris: Object.fromEntries(ENTITY_KINDS.map((k) => [k, new Map<string, string>()])) as Record<EntityKind, Map<string, string>>,
    prefixes: Object.fromEntries(ENTITY_KINDS.map((k) => [k, entityPrefix(doc.publisher.baseIri, k)])) as Record<EntityKind, string>,
    // Without field tracking, record paths are empty: `${path}.startDate` then makes no new string.
    pathOf: sink.keepsFields ? (collection, index, id) => paths?.get(pathKey(collection, id)) ?? `$.${collection}[${index}]` : () => "",
  };
  emitPublisher(ctx, doc.publisher);
  doc.venues?.forEach((v, i) => emitVenue(ctx, v, ctx.pathOf("venues", i, v.id)));
  doc.organizations?.forEach((o, i) => emitOrganization(ctx, o, ctx.pathOf("organizations", i, o.id)));
  doc.people?.forEach((p, i) => emitPerson(ctx, p, ctx.pathOf("people", i, p.id)));
  doc.works?.forEach((w, i) => emitWork(ctx, w, ctx.pathOf("works", i, w.id)));
  const productions = new Map<string, Production>();
  doc.productions?.forEach((p, i) => {
    productions.set(p.id, p);
    emitProduction(ctx, p, ctx.pathOf("productions", i, p.id));
  });
  doc.series?.forEach((x, i) => emitSeries(ctx, x, ctx.pathOf("series", i, x.id)));
  doc.performances?.forEach((p, i) => emitPerformance(ctx, p, productions.get(p.production), ctx.pathOf("performances", i, p.id)));
}
