// Shared by the entity emitters: the mapping context, and the small patterns every entity repeats.

import type { AgentRef, LangMap, RecordDocument, Venue } from "../../records/types.js";
import { RDF_TYPE, SCHEMA, XSD_STRING } from "../../vocab.js";
import { entityIri, type EntityKind } from "../iri.js";
import type { Sink } from "../sink.js";
import type { RecordRef } from "../types.js";

export const S = (local: string): string => `${SCHEMA}${local}`;

export interface MapContext {
  readonly base: string;
  readonly doc: RecordDocument;
  readonly sink: Sink;
  readonly venues: ReadonlyMap<string, Venue>;
  /** hall id → venue id */
  readonly hallVenue: ReadonlyMap<string, string>;
  /** Minted IRIs by `kind/id`. */
  readonly iris: Map<string, string>;
  /** Input JSON path of a record, e.g. `$.performances[3]`. */
  pathOf(collection: string, index: number, id: string): string;
}

export function iriOf(ctx: MapContext, kind: EntityKind, id: string): string {
  // Productions, venues and agents are referenced by many performances: mint each IRI once.
  const key = `${kind}/${id}`;
  let iri = ctx.iris.get(key);
  if (iri === undefined) {
    iri = entityIri(ctx.base, kind, id);
    ctx.iris.set(key, iri);
  }
  return iri;
}

/** Starts a subject produced by a record. */
export function begin(ctx: MapContext, iri: string, origin: RecordRef, types: readonly string[], field: string): void {
  ctx.sink.subject(iri, origin);
  for (const t of types) ctx.sink.iri(iri, RDF_TYPE, t, field);
}

export function langText(ctx: MapContext, s: string, p: string, map: LangMap | undefined, field: string): void {
  if (!map) return;
  for (const lang in map) ctx.sink.text(s, p, map[lang]!, lang, `${field}.${lang}`);
}

export function plain(ctx: MapContext, s: string, p: string, value: string | undefined, field: string): void {
  if (value !== undefined) ctx.sink.literal(s, p, value, XSD_STRING, field);
}

export function iriList(ctx: MapContext, s: string, p: string, iris: readonly string[] | undefined, field: string): void {
  iris?.forEach((o, i) => ctx.sink.iri(s, p, o, `${field}[${i}]`));
}

export function agentIri(ctx: MapContext, ref: AgentRef): string {
  return ref.person !== undefined ? iriOf(ctx, "person", ref.person) : iriOf(ctx, "organization", ref.organization!);
}

export function agents(ctx: MapContext, s: string, p: string, refs: readonly AgentRef[] | undefined, field: string): void {
  refs?.forEach((r, i) => ctx.sink.iri(s, p, agentIri(ctx, r), `${field}[${i}]`));
}

/** Strings as plain literals, one per value (inLanguage, subtitleLanguage, accessibilityFeature…). */
export function plainList(ctx: MapContext, s: string, p: string, values: readonly string[] | undefined, field: string): void {
  values?.forEach((v, i) => ctx.sink.literal(s, p, v, XSD_STRING, `${field}[${i}]`));
}
