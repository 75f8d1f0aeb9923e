// Keeps what a programme is made of (events, places, organizations, people, offers, and the nodes
// they own: addresses, geo, roles, works) and drops page furniture (WebSite, breadcrumbs, Open Graph).

import { DataFactory } from "n3";
import type { Quad } from "@rdfjs/types";
import { PROV, RDF_TYPE, SCHEMA, VIVANT, XSD_DATETIME } from "../vocab.js";
import { QuadIndex } from "./graph.js";
import { schemaVocabulary, type SchemaVocabulary } from "./vocabulary.js";

const { namedNode, literal, quad, defaultGraph } = DataFactory;

/** The classes (with their subclasses) whose nodes harvest keeps. */
export const KEPT_CLASSES = ["Event", "Place", "Organization", "Person", "Offer"] as const;
export type KeptClass = (typeof KEPT_CLASSES)[number];

/** Reached from a kept node, these are still dropped: they describe the page, not the programme. */
const FURNITURE = ["WebPageElement", "WebSite", "WebPage", "BreadcrumbList"];

/** Links not followed: they point at pages and external records, not at owned nodes. */
const NOT_FOLLOWED = new Set(
  ["url", "sameAs", "mainEntityOfPage", "subjectOf", "potentialAction", "isPartOf", "publisher", "provider"].map(
    (n) => `${SCHEMA}${n}`,
  ),
);

export const PROV_WAS_DERIVED_FROM = `${PROV}wasDerivedFrom`;
export const VIVANT_FETCHED_AT = `${VIVANT}fetchedAt`;

export interface Selection {
  readonly quads: Quad[];
  /** Kept root nodes by class: how many events, places… */
  readonly counts: Readonly<Record<KeptClass, number>>;
  /** IRIs of every kept node (roots and the nodes they own). */
  readonly kept: ReadonlySet<string>;
  /** Dropped nodes by their first type (`(untyped)` for none). */
  readonly dropped: ReadonlyMap<string, number>;
}

/** The class among KEPT_CLASSES a node belongs to, if any. */
export function keptClassOf(
  types: readonly string[],
  vocab: SchemaVocabulary = schemaVocabulary(),
): KeptClass | undefined {
  for (const c of KEPT_CLASSES) if (types.some((t) => vocab.isA(t, c))) return c;
  return undefined;
}

export function selectEntities(quads: readonly Quad[], vocab: SchemaVocabulary = schemaVocabulary()): Selection {
  const index = new QuadIndex(quads);
  const counts: Record<KeptClass, number> = { Event: 0, Place: 0, Organization: 0, Person: 0, Offer: 0 };
  const kept = new Set<string>();
  const queue: string[] = [];
  const isFurniture = (s: string) => index.types(s).some((t) => FURNITURE.some((f) => vocab.isA(t, f)));
  for (const s of index.subjects) {
    const c = keptClassOf(index.types(s), vocab);
    if (c === undefined) continue;
    counts[c]++;
    kept.add(s);
    queue.push(s);
  }
  while (queue.length) {
    const s = queue.pop()!;
    for (const [p, objects] of index.properties(s)) {
      if (p === RDF_TYPE || !p.startsWith(SCHEMA) || NOT_FOLLOWED.has(p)) continue;
      for (const o of objects) {
        if (o.termType === "Literal" || kept.has(o.value) || !index.has(o.value) || isFurniture(o.value)) continue;
        kept.add(o.value);
        queue.push(o.value);
      }
    }
  }
  const dropped = new Map<string, number>();
  for (const s of index.subjects) {
    if (kept.has(s)) continue;
    const t = index.types(s)[0] ?? (index.typeIris(s)[0] ? "(other vocabulary)" : "(untyped)");
    dropped.set(t, (dropped.get(t) ?? 0) + 1);
  }
  return { quads: quads.filter((q) => kept.has(q.subject.value)), counts, kept, dropped };
}

/**
 * Provenance of one page: each kept node `prov:wasDerivedFrom` the page, and the page
 * `vivant:fetchedAt` the fetch time (xsd:dateTime).
 */
export function provenanceQuads(kept: readonly Quad[], pageUrl: string, fetchedAt: string): Quad[] {
  const page = namedNode(pageUrl);
  const derived = namedNode(PROV_WAS_DERIVED_FROM);
  const out: Quad[] = [
    quad(page, namedNode(VIVANT_FETCHED_AT), literal(fetchedAt, namedNode(XSD_DATETIME)), defaultGraph()),
  ];
  const seen = new Set<string>();
  for (const q of kept) {
    if (q.subject.termType !== "NamedNode" || seen.has(q.subject.value)) continue;
    seen.add(q.subject.value);
    out.push(quad(q.subject, derived, page, defaultGraph()));
  }
  return out;
}
