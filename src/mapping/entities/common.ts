// Shared by the entity emitters: the mapping context, and the small patterns every entity repeats.

import type { AgentRef, LangMap, RecordDocument, Role, Venue } from "../../records/types.js";
import type { NamedNode } from "@rdfjs/types";
import { DataFactory } from "n3";
import { RDF_TYPE, SCHEMA, XSD } from "../../vocab.js";
import { childIri, encodeLocalId, type EntityKind } from "../iri.js";
import type { Sink } from "../sink.js";
import type { RecordRef } from "../types.js";

const shared = new Map<string, NamedNode>();
/** A shared term for an IRI (vocabulary terms are built once, not per triple). */
export function N(iri: string): NamedNode {
  let t = shared.get(iri);
  if (!t) {
    t = DataFactory.namedNode(iri);
    shared.set(iri, t);
  }
  return t;
}
const schemaTerms = new Map<string, NamedNode>();
/** schema.org term by local name; source literals are interned, so this lookup does not rehash. */
export function S(local: string): NamedNode {
  let t = schemaTerms.get(local);
  if (!t) {
    t = N(`${SCHEMA}${local}`);
    schemaTerms.set(local, t);
  }
  return t;
}
export const TYPE = N(RDF_TYPE);
/** XSD datatypes. */
export const X = {
  string: N(`${XSD}string`),
  decimal: N(`${XSD}decimal`),
  integer: N(`${XSD}integer`),
  boolean: N(`${XSD}boolean`),
  dateTime: N(`${XSD}dateTime`),
  date: N(`${XSD}date`),
  gYear: N(`${XSD}gYear`),
  duration: N(`${XSD}duration`),
} as const;

export interface MapContext {
  readonly doc: RecordDocument;
  readonly sink: Sink;
  readonly venues: ReadonlyMap<string, Venue>;
  /** hall id → venue id */
  readonly hallVenue: ReadonlyMap<string, string>;
  /** Minted IRIs by kind, then id. */
  readonly iris: Readonly<Record<EntityKind, Map<string, string>>>;
  /** IRI prefix of each entity kind under the publisher's base IRI (made once per document). */
  readonly prefixes: Readonly<Record<EntityKind, string>>;
  /** Input JSON path of a record, e.g. `$.performances[3]`. */
  pathOf(collection: string, index: number, id: string): string;
}

/**
 * The input field `key` of `field` (`x.name`, `x[2]`), or "" when the sink keeps no fields: the usual hot path
 * then makes no string per triple.
 */
export function sub(ctx: MapContext, field: string, key: string | number): string {
  if (!ctx.sink.keepsFields) return "";
  return typeof key === "number" ? `${field}[${key}]` : `${field}.${key}`;
}

/** The IRI of entity `id` of `kind`: the kind's prefix and the encoded id (see `entityIri`). */
export function mintIri(ctx: MapContext, kind: EntityKind, id: string): string {
  return ctx.prefixes[kind] + encodeLocalId(id);
}

export function iriOf(ctx: MapContext, kind: EntityKind, id: string): string {
  // Productions, venues and agents are referenced by many performances: mint each IRI once.
  const byId = ctx.iris[kind];
  let iri = byId.get(id);
  if (iri === undefined) {
    iri = mintIri(ctx, kind, id);
    byId.set(id, iri);
  }
  return iri;
}

/** Starts a subject produced by a record: its types (one, or several). */
export function begin(
  ctx: MapContext,
  iri: string,
  origin: RecordRef,
  types: NamedNode | readonly NamedNode[],
  field: string,
): void {
  ctx.sink.subject(iri, origin);
  if (!Array.isArray(types)) ctx.sink.iri(iri, TYPE, types as NamedNode, field);
  else for (const t of types as readonly NamedNode[]) ctx.sink.iri(iri, TYPE, t, field);
}

export function langText(ctx: MapContext, s: string, p: NamedNode, map: LangMap | undefined, field: string): void {
  if (!map) return;
  for (const lang in map) ctx.sink.text(s, p, map[lang]!, lang, sub(ctx, field, lang));
}

export function plain(ctx: MapContext, s: string, p: NamedNode, value: string | undefined, field: string): void {
  if (value !== undefined) ctx.sink.literal(s, p, value, X.string, field);
}

export function iriList(
  ctx: MapContext,
  s: string,
  p: NamedNode,
  iris: readonly string[] | undefined,
  field: string,
): void {
  if (iris) for (let i = 0; i < iris.length; i++) ctx.sink.iri(s, p, iris[i]!, sub(ctx, field, i));
}

export function agentIri(ctx: MapContext, ref: AgentRef): string {
  return ref.person !== undefined ? iriOf(ctx, "person", ref.person) : iriOf(ctx, "organization", ref.organization!);
}

/**
 * The node of an agent: a person's or an organization's IRI, or, for an agent of unknown kind (a name only),
 * a node of the subject (`<s>#performer-agent-1`) with that name and no type: its kind is not invented.
 */
function agentNode(
  ctx: MapContext,
  s: string,
  ref: AgentRef,
  fragment: string,
  i: number,
  field: string,
  origin?: RecordRef,
): string {
  if (ref.person !== undefined || ref.organization !== undefined || ref.name === undefined) return agentIri(ctx, ref);
  const iri = childIri(s, `${fragment}-agent-${i + 1}`);
  if (origin) ctx.sink.subject(iri, origin);
  ctx.sink.literal(iri, S("name"), ref.name, X.string, `${field}.name`);
  return iri;
}

export function agents(
  ctx: MapContext,
  s: string,
  p: NamedNode,
  refs: readonly AgentRef[] | undefined,
  field: string,
  origin?: RecordRef,
): void {
  if (!refs) return;
  const fragment = p.value.slice(SCHEMA.length);
  for (let i = 0; i < refs.length; i++) {
    const f = sub(ctx, field, i);
    ctx.sink.iri(s, p, agentNode(ctx, s, refs[i]!, fragment, i, f, origin), f);
  }
}

/**
 * Agents in roles, with schema.org's Role pattern when a role is named:
 * subject —p→ PerformanceRole —p→ agent (roleName, characterName); otherwise subject —p→ agent.
 */
export function roles(
  ctx: MapContext,
  s: string,
  p: NamedNode,
  list: readonly Role[] | undefined,
  origin: RecordRef,
  field: string,
  fragment: string,
): void {
  if (!list) return;
  for (let i = 0; i < list.length; i++) {
    const r = list[i]!;
    const f = sub(ctx, field, i);
    const agent = agentNode(ctx, s, r, fragment, i, f, origin);
    if (r.roleName === undefined && r.characterName === undefined) {
      ctx.sink.iri(s, p, agent, f);
      continue;
    }
    const role = childIri(s, `${fragment}-${i + 1}`);
    begin(ctx, role, origin, S("PerformanceRole"), f);
    ctx.sink.iri(s, p, role, f);
    ctx.sink.iri(role, p, agent, f);
    langText(ctx, role, S("roleName"), r.roleName, `${f}.roleName`);
    langText(ctx, role, S("characterName"), r.characterName, `${f}.characterName`);
  }
}

/** Strings as plain literals, one per value (inLanguage, subtitleLanguage, accessibilityFeature…). */
export function plainList(
  ctx: MapContext,
  s: string,
  p: NamedNode,
  values: readonly string[] | undefined,
  field: string,
): void {
  if (values) for (let i = 0; i < values.length; i++) ctx.sink.literal(s, p, values[i]!, X.string, sub(ctx, field, i));
}
