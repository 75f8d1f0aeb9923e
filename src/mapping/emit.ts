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
    doc,
    sink,
    venues,
    hallVenue,
    iris: Object.fromEntries(ENTITY_KINDS.map((k) => [k, new Map<string, string>()])) as Record<
      EntityKind,
      Map<string, string>
    >,
    prefixes: Object.fromEntries(ENTITY_KINDS.map((k) => [k, entityPrefix(doc.publisher.baseIri, k)])) as Record<
      EntityKind,
      string
    >,
    // Without field tracking, record paths are empty: `${path}.startDate` then makes no new string.
    pathOf: sink.keepsFields
      ? (collection, index, id) => paths?.get(pathKey(collection, id)) ?? `$.${collection}[${index}]`
      : () => "",
  };
  emitPublisher(ctx, doc.publisher);
  yield;
  yield* each(ctx, doc.venues, "venues", (v, path) => emitVenue(ctx, v, path));
  yield* each(ctx, doc.organizations, "organizations", (o, path) => emitOrganization(ctx, o, path));
  yield* each(ctx, doc.people, "people", (p, path) => emitPerson(ctx, p, path));
  yield* each(ctx, doc.works, "works", (w, path) => emitWork(ctx, w, path));
  // A performance finds its production and the production's IRI in one lookup (a season has thousands).
  const productionById = new Map<string, ProductionEntry>();
  yield* each(ctx, doc.productions, "productions", (p, path) => {
    emitProduction(ctx, p, path);
    productionById.set(p.id, { record: p, iri: iriOf(ctx, "production", p.id) });
  });
  yield* each(ctx, doc.series, "series", (x, path) => emitSeries(ctx, x, path));
  yield* each(ctx, doc.performances, "performances", (p, path) =>
    emitPerformance(ctx, p, productionById.get(p.production), path),
  );
}

/** Emits each record of a collection with its input path, one step per record. */
function* each<T extends { readonly id: string }>(
  ctx: MapContext,
  list: readonly T[] | undefined,
  collection: string,
  emit: (record: T, path: string) => void,
): Generator<void, void, undefined> {
  if (!list) return;
  for (let i = 0; i < list.length; i++) {
    emit(list[i]!, ctx.pathOf(collection, i, list[i]!.id));
    yield;
  }
}
