// Merges the duplicate places of one source (the same hall repeated on every event page, under a
// new id each time) and collapses identical nested nodes, counting each merge.

import { DataFactory } from "n3";
import type { Quad, Term } from "@rdfjs/types";
import { RDF_TYPE } from "../vocab.js";
import { PROV_WAS_DERIVED_FROM } from "./entities.js";
import type { Fixes } from "./fixes.js";
import { isAnonymous, QuadIndex } from "./graph.js";
import { termKey } from "../rdf/terms.js";
import { dedupe } from "./normalize.js";
import { schemaVocabulary, type SchemaVocabulary } from "./vocabulary.js";

const { quad } = DataFactory;

interface PlaceProfile {
  readonly names: Set<string>;
  readonly fields: Map<string, string>;
}

const ADDRESS_FIELDS = ["postalCode", "streetAddress", "addressLocality", "addressCountry"] as const;

function fold(s: string): string {
  return s.normalize("NFC").trim().toLowerCase().replace(/\s+/g, " ");
}

function profileOf(index: QuadIndex, place: string): PlaceProfile {
  const names = new Set(
    index
      .values(place, "name")
      .filter((t) => t.termType === "Literal")
      .map((t) => fold(t.value)),
  );
  const fields = new Map<string, string>();
  for (const a of index.values(place, "address")) {
    if (a.termType === "Literal") {
      fields.set("address", fold(a.value));
      continue;
    }
    for (const f of ADDRESS_FIELDS) {
      const v = index.values(a.value, f).find((t) => t.termType === "Literal");
      if (v) fields.set(f, f === "postalCode" ? v.value.replace(/\s+/g, "").toUpperCase() : fold(v.value));
    }
  }
  for (const f of ["latitude", "longitude"] as const) {
    for (const g of index.values(place, "geo")) {
      const v = index.values(g.value, f).find((t) => t.termType === "Literal");
      if (v && Number.isFinite(Number(v.value))) fields.set(f, Number(v.value).toFixed(3));
    }
  }
  return { names, fields };
}

function compatible(a: PlaceProfile, b: PlaceProfile): boolean {
  if (a.names.size === 0 || b.names.size === 0) return false;
  let sharedName = false;
  for (const n of a.names) if (b.names.has(n)) sharedName = true;
  if (!sharedName) return false;
  for (const [k, v] of a.fields) {
    const w = b.fields.get(k);
    if (w !== undefined && w !== v) return false;
  }
  return true;
}

function merge(into: PlaceProfile, from: PlaceProfile): void {
  for (const n of from.names) into.names.add(n);
  for (const [k, v] of from.fields) if (!into.fields.has(k)) into.fields.set(k, v);
}

/** Prefers a real IRI over a minted one, then the shortest, then the first in code-point order. */
function canonicalOrder(a: string, b: string, anonymous: Set<string>): number {
  const aa = anonymous.has(a) ? 1 : 0;
  const ba = anonymous.has(b) ? 1 : 0;
  return aa - ba || a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

export interface MergeResult {
  readonly quads: Quad[];
  /** Duplicate place IRI → the IRI it was merged into. */
  readonly merged: ReadonlyMap<string, string>;
}

/**
 * Places of one source with a shared name and no conflicting address field (postal code, street,
 * locality, country, coordinates to 3 decimals) are one place. Places whose names differ, or whose
 * postal codes differ, stay apart.
 */
export function mergeDuplicatePlaces(
  quads: readonly Quad[],
  fixes: Fixes,
  vocab: SchemaVocabulary = schemaVocabulary(),
): MergeResult {
  const index = new QuadIndex(quads);
  const terms = new Map<string, Term>();
  const anonymous = new Set<string>();
  for (const q of quads) {
    if (q.predicate.value !== RDF_TYPE || terms.has(q.subject.value)) continue;
    const name = q.object.value.startsWith("http://schema.org/") ? q.object.value.slice(18) : "";
    if (name && vocab.isA(name, "Place")) {
      terms.set(q.subject.value, q.subject);
      if (isAnonymous(q.subject)) anonymous.add(q.subject.value);
    }
  }
  const places = [...terms.keys()].sort((a, b) => canonicalOrder(a, b, anonymous));
  const clusters: { canonical: string; profile: PlaceProfile }[] = [];
  const merged = new Map<string, string>();
  for (const p of places) {
    const profile = profileOf(index, p);
    const cluster = clusters.find((c) => compatible(c.profile, profile));
    if (cluster) {
      merged.set(p, cluster.canonical);
      merge(cluster.profile, profile);
      fixes.add("duplicate-place");
    } else clusters.push({ canonical: p, profile: { names: new Set(profile.names), fields: new Map(profile.fields) } });
  }
  if (merged.size === 0) return { quads: dedupe(quads), merged };
  const rewrite = (t: Term): Term => {
    const to = t.termType === "Literal" ? undefined : merged.get(t.value);
    return to !== undefined ? terms.get(to)! : t;
  };
  const rewritten = quads.map((q) =>
    quad(rewrite(q.subject) as never, q.predicate, rewrite(q.object) as never, q.graph),
  );
  return { quads: dedupe(rewritten), merged };
}

/**
 * Two anonymous nodes hanging from the same subject and property with exactly the same content
 * (the two equal addresses of a merged place) become one.
 */
export function collapseIdenticalChildren(quads: readonly Quad[], fixes: Fixes): Quad[] {
  const index = new QuadIndex(quads);
  // Provenance is not content: the same address found on two pages is one address (derived from both).
  const signature = (s: string): string =>
    [...index.properties(s)]
      .filter(([p]) => p !== PROV_WAS_DERIVED_FROM)
      .flatMap(([p, os]) => os.map((o) => `${p} ${termKey(o)}`))
      .sort()
      .join("\n");
  const drop = new Map<string, Term>();
  for (const s of index.subjects) {
    for (const [p, objects] of index.properties(s)) {
      if (objects.length < 2 || p === RDF_TYPE) continue;
      const seen = new Map<string, Term>();
      for (const o of objects) {
        if (!isAnonymous(o) || !index.has(o.value) || drop.has(o.value)) continue;
        const sig = signature(o.value);
        const first = seen.get(sig);
        if (first !== undefined && first.value !== o.value) {
          drop.set(o.value, first);
          fixes.add("duplicate-node");
        } else seen.set(sig, o);
      }
    }
  }
  if (drop.size === 0) return [...quads];
  return dedupe(
    quads
      .flatMap((q) => {
        const into = drop.get(q.subject.value);
        if (into === undefined) return [q];
        return q.predicate.value === PROV_WAS_DERIVED_FROM ? [quad(into as never, q.predicate, q.object, q.graph)] : [];
      })
      .map((q) =>
        q.object.termType !== "Literal" && drop.has(q.object.value)
          ? quad(q.subject, q.predicate, drop.get(q.object.value) as never, q.graph)
          : q,
      ),
  );
}

/** The source-level clean-up of harvest and import: duplicate places merged, identical nested nodes collapsed. */
export function consolidate(
  quads: readonly Quad[],
  fixes: Fixes,
  vocab: SchemaVocabulary = schemaVocabulary(),
): MergeResult {
  const { quads: merged, merged: map } = mergeDuplicatePlaces(quads, fixes, vocab);
  return { quads: collapseIdenticalChildren(merged, fixes), merged: map };
}
