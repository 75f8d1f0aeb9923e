// Walks a parsed document and feeds every entity to a sink, in a fixed order (so output is deterministic).

import type { RecordDocument, Venue } from "../records/types.js";
import { emitOrganization, emitPerson, emitPublisher } from "./entities/agents.js";
import { iriOf, type MapContext } from "./entities/common.js";
import { emitPerformance, type ProductionEntry } from "./entities/performance.js";
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

/** Feeds every entity of the document to the sink, in a fixed order (so output is deterministic). */
export function emitDocument(doc: RecordDocument, sink: Sink, paths?: PathIndex): void {
  const steps = emitRecords(doc, sink, paths);
  while (!steps.next().done);
}

/** The same, one record per step: a reader can stop between two records (e.g. to hand out one record's quads). */
export function* emitRecords(doc: RecordDocument, sink: Sink, paths?: PathIndex): Generator<void, void, undefined> {
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
  yield;
  const { venues: vs = [], organizations = [], people = [], works = [], productions = [], series = [], performances = [] } = doc;
  for (let i = 0; i < vs.length; i++) {
    emitVenue(ctx, vs[i]!, ctx.pathOf("venues", i, vs[i]!.id));
    yield;
  }
  for (let i = 0; i < organizations.length; i++) {
    emitOrganization(ctx, organizations[i]!, ctx.pathOf("organizations", i, organizations[i]!.id));
    yield;
  }
  for (let i = 0; i < people.length; i++) {
    emitPerson(ctx, people[i]!, ctx.pathOf("people", i, people[i]!.id));
    yield;
  }
  for (let i = 0; i < works.length; i++) {
    emitWork(ctx, works[i]!, ctx.pathOf("works", i, works[i]!.id));
    yield;
  }
  // A performance finds its production and the production's IRI in one lookup (a season has thousands).
  const productionById = new Map<string, ProductionEntry>();
  for (let i = 0; i < productions.length; i++) {
    const p = productions[i]!;
    emitProduction(ctx, p, ctx.pathOf("productions", i, p.id));
    productionById.set(p.id, { record: p, iri: iriOf(ctx, "production", p.id) });
    yield;
  }
  for (let i = 0; i < series.length; i++) {
    emitSeries(ctx, series[i]!, ctx.pathOf("series", i, series[i]!.id));
    yield;
  }
  for (let i = 0; i < performances.length; i++) {
    const p = performances[i]!;
    emitPerformance(ctx, p, productionById.get(p.production), ctx.pathOf("performances", i, p.id));
    yield;
  }
}
