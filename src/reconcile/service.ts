// The reconciliation service's answers that are not matching: the manifest (1.0 draft, with the 0.2 fields
// OpenRefine reads), suggest (entities, properties, types: prefix search), data extension (property values of
// entities, in the 1.0 and in the 0.2 layout) and its property proposals. Plain data in, plain JSON out.

import type { Lang } from "../errors.js";
import type { Entity, EntityIndex, Value } from "./entities.js";
import { Matcher } from "./match.js";
import { matchQualifiers } from "./qualifiers.js";
import { MAX_BATCH } from "./request.js";
import { foldName, tokens } from "./text.js";
import { PROPERTIES, propertyOf, TYPES, typeOf, type ReconProperty } from "./vocabulary.js";

/** The manifest of the service at `base` (its `/reconcile` address, ending in `/reconcile`). */
export function manifest(base: string, lang: Lang): Record<string, unknown> {
  return {
    versions: ["1.0-draft"],
    name:
      lang === "fr"
        ? "Vivant : lieux, personnes, structures, œuvres, spectacles et représentations"
        : "Vivant: venues, people, organizations, works, productions and performances",
    lang,
    // 0.2 fields, still read by OpenRefine: ids are the entities' IRIs, types and properties schema.org's.
    identifierSpace: "http://www.w3.org/2000/01/rdf-schema#Resource",
    schemaSpace: "http://schema.org/",
    view: { url: `${base}/preview?id={id}` },
    defaultTypes: TYPES.map((t) => ({ id: t.id, name: t.name[lang], description: t.description[lang] })),
    preview: { width: 430, height: 300, url: `${base}/preview?id={{id}}` },
    suggest: { entity: true, property: true, type: true },
    extend: {
      proposeProperties: true,
      propertySettings: [],
      // 0.2: where OpenRefine asks for property proposals.
      propose_properties: { service_url: base, service_path: "/extend/propose" },
    },
    batchSize: MAX_BATCH,
    standardizedScore: true,
  };
}

export interface SuggestOptions {
  readonly prefix: string;
  readonly limit: number;
  readonly offset: number;
  readonly type?: string;
}

/** Entities whose name (folded) has words starting with the prefix's words, or whose id is the prefix. */
export function suggestEntities(index: EntityIndex, o: SuggestOptions, lang: Lang): { result: unknown[] } {
  const matcher = new Matcher(index, lang);
  const wanted = tokens(foldName(o.prefix));
  const type = o.type === undefined ? undefined : typeOf(o.type);
  const hits: Entity[] = [];
  const exact = index.entities.get(o.prefix);
  if (exact) hits.push(exact);
  for (const id of index.sameAs(o.prefix)) hits.push(index.entities.get(id)!);
  const last = wanted.at(-1);
  if (last !== undefined) {
    const first = wanted.length > 1 ? index.withToken(wanted[0]!) : undefined;
    for (const e of first ? first.map((id) => index.entities.get(id)!) : index.entities.values()) {
      if (hits.length >= 10_000) break;
      if (e === exact) continue;
      const words = e.folded.map(tokens);
      if (
        words.some((ws) =>
          wanted.every((w, i) => (i === wanted.length - 1 ? ws.some((x) => x.startsWith(w)) : ws.includes(w))),
        )
      )
        hits.push(e);
    }
  } else if (!exact) for (const e of index.entities.values()) if (hits.length < o.offset + o.limit) hits.push(e);
  const kept = hits.filter((e) => type === undefined || e.families.includes(type.family));
  kept.sort((a, b) =>
    a === exact
      ? -1
      : b === exact
        ? 1
        : (a.folded[0]?.length ?? 0) - (b.folded[0]?.length ?? 0) || (a.id < b.id ? -1 : 1),
  );
  return {
    result: kept.slice(o.offset, o.offset + o.limit).map((e) => {
      const c = matcher.candidate(e, undefined, { score: 0, match: false, features: [] });
      return {
        id: c.id,
        name: c.name,
        ...(c.lang ? { lang: c.lang } : {}),
        ...(c.description ? { description: c.description } : {}),
        notable: c.type,
      };
    }),
  };
}

function prefixed(name: string, prefix: string): boolean {
  const p = foldName(prefix);
  return (
    !p ||
    foldName(name)
      .split(" ")
      .some((w) => w.startsWith(p)) ||
    foldName(name).startsWith(p)
  );
}

export function suggestProperties(o: SuggestOptions, lang: Lang): { result: unknown[] } {
  const type = o.type === undefined ? undefined : typeOf(o.type);
  const found = PROPERTIES.filter(
    (p) =>
      (type === undefined || p.families.includes(type.family)) &&
      (p.id.toLowerCase().startsWith(o.prefix.toLowerCase()) || prefixed(p.name[lang], o.prefix)),
  );
  return {
    result: found.slice(o.offset, o.offset + o.limit).map((p) => ({
      id: p.id,
      name: p.name[lang],
      description: p.description[lang],
      matchQualifiers: matchQualifiers(p, lang),
    })),
  };
}

export function suggestTypes(o: SuggestOptions, lang: Lang): { result: unknown[] } {
  const found = TYPES.filter(
    (t) => t.id === o.prefix || prefixed(t.name[lang], o.prefix) || prefixed(t.id.replace(/^.*[/#]/, ""), o.prefix),
  );
  return {
    result: found
      .slice(o.offset, o.offset + o.limit)
      .map((t) => ({ id: t.id, name: t.name[lang], description: t.description[lang] })),
  };
}

/** The properties worth fetching for a type (all of them without one). */
export function proposeProperties(type: string, limit: number | undefined, lang: Lang): Record<string, unknown> {
  const t = typeOf(type);
  const found = PROPERTIES.filter((p) => t === undefined || p.families.includes(t.family));
  return {
    type,
    ...(limit !== undefined ? { limit } : {}),
    properties: found
      .slice(0, limit ?? found.length)
      .map((p) => ({ id: p.id, name: p.name[lang], description: p.description[lang] })),
  };
}

type ExtValue =
  | { str: string; lang?: string }
  | { id: string; name: string }
  | { float: number }
  | { int: number }
  | { date: string };

const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?$/;

function extValue(index: EntityIndex, p: ReconProperty, v: Value, lang: Lang): ExtValue {
  if (p.kind === "entity" || (v.iri && index.entities.has(v.value)))
    return { id: v.value, name: index.name(v.value, lang)?.value ?? v.value };
  if (p.kind === "number" && Number.isFinite(Number(v.value)))
    return Number.isInteger(Number(v.value)) && !v.value.includes(".")
      ? { int: Number(v.value) }
      : { float: Number(v.value) };
  if (p.kind === "date" && DATE_TIME.test(v.value)) return { date: v.value };
  return { str: v.value, ...(v.lang ? { lang: v.lang } : {}) };
}

/** Data extension: each id's values of each property (unknown ids and properties give no values). */
export function extend(
  index: EntityIndex,
  ids: readonly string[],
  properties: readonly string[],
  lang: Lang,
): { meta: unknown[]; rows: { id: string; properties: { id: string; values: ExtValue[] }[] }[] } {
  const props = properties.map((id) => ({ id, p: propertyOf(id) }));
  const meta = props.map(({ id, p }) => ({
    id,
    name: p ? p.name[lang] : id,
    ...(p?.kind === "entity" ? { type: typeFor(p, lang) } : {}),
  }));
  const rows = ids.map((id) => {
    const e = index.entities.get(id);
    return {
      id,
      properties: props.map(({ id: pid, p }) => ({
        id: pid,
        values: p && e ? (e.props.get(p.id) ?? []).map((v) => extValue(index, p, v, lang)) : [],
      })),
    };
  });
  return { meta, rows };
}

function typeFor(p: ReconProperty, lang: Lang): { id: string; name: string } {
  const family =
    p.id === "location" || p.id === "containedInPlace"
      ? "venue"
      : p.id === "workPerformed"
        ? "production"
        : p.id === "isBasedOn"
          ? "work"
          : "person";
  const t = TYPES.find((x) => x.family === family)!;
  return { id: t.id, name: t.name[lang] };
}

/** The same answer in the 0.2 layout OpenRefine reads: rows keyed by id, values keyed by property. */
export function extendOld(answer: ReturnType<typeof extend>): {
  meta: unknown[];
  rows: Record<string, Record<string, ExtValue[]>>;
} {
  return {
    meta: answer.meta,
    rows: Object.fromEntries(
      answer.rows.map((r) => [r.id, Object.fromEntries(r.properties.map((p) => [p.id, p.values]))]),
    ),
  };
}
