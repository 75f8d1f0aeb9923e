// Deterministic IRI minting: the same publisher base IRI and local id give the same IRI, every time.

import type { Publisher } from "../records/types.js";

/** Path segment per entity kind, under the publisher's base IRI. */
export const ENTITY_KINDS = [
  "venue",
  "hall",
  "organization",
  "person",
  "work",
  "production",
  "performance",
  "series",
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

const UNRESERVED = /^[A-Za-z0-9_.~-]*$/;

/** Percent-encodes a local id so that any string gives a valid, reversible IRI path segment. */
export function encodeLocalId(id: string): string {
  if (UNRESERVED.test(id)) return id; // the usual case: nothing to encode
  return encodeURIComponent(id).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `https://example.org/` + `performance/p-12`. */
export function entityIri(baseIri: string, kind: EntityKind, localId: string): string {
  return entityPrefix(baseIri, kind) + encodeLocalId(localId);
}

/** `https://example.org/performance/`: the part of an entity IRI before its local id. */
export function entityPrefix(baseIri: string, kind: EntityKind): string {
  return `${baseIri}${kind}/`;
}

/** The named graph that holds one publisher's data. */
export function publisherGraphIri(publisher: Pick<Publisher, "baseIri">): string {
  return `${publisher.baseIri}graph`;
}

/** The publisher (as an organization) itself. */
export function publisherIri(publisher: Pick<Publisher, "baseIri">): string {
  return `${publisher.baseIri}publisher`;
}

// `#offer-plein`, `#address`…: a season repeats a few fragments thousands of times, so each is encoded once and every
// child IRI is one concatenation of two existing strings.
const fragments = new Map<string, string>();

/** `#` and the encoded fragment (made once per fragment; the cache is bounded). */
function hashFragment(fragment: string): string {
  let f = fragments.get(fragment);
  if (f === undefined) {
    if (fragments.size >= 10_000) fragments.clear();
    f = `#${encodeLocalId(fragment)}`;
    fragments.set(fragment, f);
  }
  return f;
}

/** A node that only exists inside another (address, geo, offer, role): a fragment of its owner's IRI. */
export function childIri(ownerIri: string, fragment: string): string {
  return ownerIri + hashFragment(fragment);
}
